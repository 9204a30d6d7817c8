"""`turnero board`: enrollment (by staff's one-time code, from the command line), the
board's replica and sync loop, the window, announcements with the chime, revocation."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
import qasync
from PySide6.QtCore import QCoreApplication, QSize, QTimer

from app import logs
from app.board import Announcer, BoardSettings, BoardView, offline_since, provider_names, read_view
from app.changes import Changes
from app.credentials import KeyringTokens, RunOnlyTokens, keyring_available
from app.kiosk import KioskIdentity, enroll
from app.schedule import Business, business
from app.sync.api import SyncApi
from app.sync.engine import SyncEngine, SyncState, SyncStatus
from app.sync.replica import Replica
from app.tls import pinned
from ui.board.sound import ChimePlayer
from ui.board.window import BoardWindow
from ui.common import i18n
from ui.common.application import gui_application
from ui.common.garbage import GuiThreadCollector
from ui.common.loop import run_until_done
from ui.common.tasks import Tasks, describe

log = logging.getLogger(__name__)
Tokens = KeyringTokens | RunOnlyTokens
BOARD_ENROLL = "/auth/board-enroll"


class BoardApp:
    """Composition root of the board: settings, tokens, replica, engine, window."""

    def __init__(
        self,
        settings: BoardSettings,
        *,
        settings_path: Path | None = None,
        data_dir: Path | None = None,
        use_keyring: bool | None = None,
        player: ChimePlayer | None = None,
    ) -> None:
        self.settings, self.settings_path = settings, settings_path
        self.data_dir = data_dir or Path(platformdirs.user_data_dir("turnero", appauthor=False))
        self.use_keyring = keyring_available() if use_keyring is None else use_keyring
        self.language = i18n.install(settings.language)
        self.tasks = Tasks()
        self.window = BoardWindow()
        self.player = player or ChimePlayer(settings.sound)
        self.announcer = Announcer()
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.window.now = self._now
        self.identity: KioskIdentity | None = None
        self.tokens: Tokens | None = None
        self.replica: Replica | None = None
        self.engine: SyncEngine | None = None
        self.api: SyncApi | None = None
        self.sync_task: asyncio.Task[None] | None = None
        self.status: SyncStatus | None = None
        self.view: BoardView | None = None
        self.refreshing = False
        self.again = False
        self.revoking: asyncio.Future[None] | None = None
        self.run_only_tokens: dict[str, RunOnlyTokens] = {}
        self.tasks.status_changed.connect(self._status)
        self.tasks.changed.connect(self._changed)
        # The day turns and calls age even when nothing syncs: look again each half minute.
        self.timer = QTimer()
        self.timer.timeout.connect(self.refresh)
        self.timer.start(30_000)

    def _now(self) -> datetime:
        return self.now()  # tests set `now` after building the window

    def _token_store(self, identity: KioskIdentity) -> Tokens:
        if self.use_keyring:
            return KeyringTokens(identity.server, f"board:{identity.device_id}")
        return self.run_only_tokens.setdefault(identity.device_id, RunOnlyTokens())

    def start(self) -> BoardWindow:
        identity = self.settings.board()
        tokens = self._token_store(identity) if identity else None
        if identity is not None and tokens is not None and tokens.load() is not None:
            self.open(identity, tokens)
        else:
            self.window.show_message(
                QCoreApplication.translate(
                    "BoardApp",
                    "This board is not enrolled. At the desk, File > Kiosks… > New queue "
                    "board… gives a code; then run: turnero board --server ADDRESS --enroll CODE",
                )
            )
        return self.window

    async def enroll(self, server: str, code: str) -> None:
        """Trade staff's one-time code for this board's credential, then open it."""
        ca_pem = pinned(self.settings.pins, server)
        identity, device_tokens = await enroll(server, code, ca_pem=ca_pem, path=BOARD_ENROLL)
        self.settings.identity = asdict(identity)
        self.settings.save(self.settings_path)
        store = self._token_store(identity)
        store.save(device_tokens)
        self.open(identity, store)

    def open(self, identity: KioskIdentity, tokens: Tokens) -> None:
        self.identity, self.tokens = identity, tokens
        self.replica = Replica(self.data_dir / "replicas" / f"board-{identity.device_id}.db")
        self.api = SyncApi(
            identity.server, tokens, ca_pem=pinned(self.settings.pins, identity.server)
        )
        self.engine = SyncEngine(self.replica, self.api, on_status=self.tasks.status_changed.emit)
        self.engine.on_changes = self.tasks.changed.emit
        self.window.show_message(QCoreApplication.translate("BoardApp", "Getting the queue…"))
        self.refresh()
        self.sync_task = asyncio.ensure_future(self.engine.run())

    # -- what the board shows ------------------------------------------------------------

    def _status(self, status: SyncStatus) -> None:
        self.status = status
        if status.state is SyncState.SIGNED_OUT and self.engine is not None:
            self.revoking = asyncio.ensure_future(self.revoked())
            return
        self.window.show_offline(offline_since(status.state.value, status.last_sync_at))
        if self.view is None:
            self.refresh()  # the first sync has brought the business

    def _changed(self, changes: Changes) -> None:
        if changes.walkins or changes.bookings or changes.catalogue:
            self.refresh()

    def refresh(self) -> None:
        """Read the replica on the worker thread, show it, announce what is new. One
        read at a time; a change meanwhile reads again after it."""
        replica = self.replica
        if replica is None:
            return
        if self.refreshing:
            self.again = True
            return
        self.refreshing = True
        now = self.now()

        def read() -> tuple[Business, BoardView, dict[str, str]] | None:
            if not replica.all("tenant"):
                return None  # nothing synced yet
            biz = business(replica)
            return (
                biz,
                read_view(replica, now.astimezone(biz.time_zone).date(), biz.time_zone),
                (provider_names(replica)),
            )

        def shown(found: tuple[Business, BoardView, dict[str, str]] | None) -> None:
            self.refreshing = False
            if found is not None:
                biz, view, names = found
                self.window.show_business(biz)
                self.window.show_view(view)
                self.view = view
                calls = self.announcer.update(view, names)
                # Until the first sync has ended the replica is half there: what it
                # brings is the morning so far, not calls to announce. The first read
                # after it is the one later reads are compared with, not a half one.
                if self.status is None or not self.status.last_sync_at:
                    self.announcer.seen = None
                elif calls:
                    self.window.announce(calls)
                    self.player.play()
            if self.again:
                self.again = False
                self.refresh()

        def failed(exc: BaseException) -> None:
            self.refreshing = False
            log.warning("the board could not read its replica: %s", describe(exc))

        self.tasks.run(self.tasks.call(read), shown, failed)

    async def revoked(self) -> None:
        """The server no longer accepts this board: stop, forget, say how to enrol."""
        await self.close()
        if self.tokens is not None:
            self.tokens.clear()
        self.settings.identity = None
        self.settings.save(self.settings_path)
        self.window.show_message(
            QCoreApplication.translate(
                "BoardApp", "This board was revoked at the desk. Enrol it again with a new code."
            )
        )

    async def close(self) -> None:
        engine, self.engine = self.engine, None
        if engine is None:
            return
        await engine.shut_down(self.sync_task)
        await self.tasks.drain()
        if self.api is not None:
            await self.api.aclose()
        if self.replica is not None:
            self.replica.close()
            self.replica = None


def run_board(*, server: str | None = None, code: str | None = None, windowed: bool = False) -> int:
    logs.configure("board")
    app = gui_application()
    app.setApplicationName("Turnero board")
    collector = GuiThreadCollector(app)
    app.setQuitOnLastWindowClosed(False)
    settings = BoardSettings.load()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    board = BoardApp(settings)
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    result = 0

    async def main() -> None:
        nonlocal result
        window = board.start()
        if code:
            try:
                await board.enroll(server or "http://127.0.0.1:8765", code)
            except Exception as exc:  # said on the terminal it was typed in
                print(f"turnero board: {describe(exc)}", file=sys.stderr)
                result = 1
                return
        if windowed:
            window.resize(QSize(1366, 768))
            window.show()
        else:
            window.showFullScreen()
        await closed.wait()
        await board.close()

    with loop:
        run_until_done(loop, main())
    board.player.close()
    board.tasks.shutdown()
    collector.stop()
    return result
