"""`turnero kiosk`: enrollment, the kiosk's replica and sync loop, the window, the
session language, revocation."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import asdict
from pathlib import Path

import platformdirs
import qasync
from PySide6.QtCore import QSize

from app import logs
from app.credentials import KeyringTokens, RunOnlyTokens, keyring_available
from app.kiosk import ExitPin, KioskIdentity, KioskService, KioskSettings, PinCheck, enroll
from app.sync.api import SyncApi
from app.sync.engine import SyncEngine, SyncState, SyncStatus
from app.sync.replica import Replica
from app.tls import ServerCertificate, check_server, pin_key, pinned
from ui.common import i18n
from ui.common.application import gui_application
from ui.common.garbage import GuiThreadCollector
from ui.common.loop import run_until_done
from ui.common.screens import fitted
from ui.common.tasks import Tasks
from ui.kiosk.pages import certificate_problem
from ui.kiosk.window import KioskWindow

log = logging.getLogger(__name__)
DEFAULT_SERVER = "http://127.0.0.1:8765"

Tokens = KeyringTokens | RunOnlyTokens


class KioskApp:
    def __init__(
        self,
        settings: KioskSettings,
        *,
        settings_path: Path | None = None,
        data_dir: Path | None = None,
        use_keyring: bool | None = None,
    ) -> None:
        self.settings, self.settings_path = settings, settings_path
        self.data_dir = data_dir or Path(platformdirs.user_data_dir("turnero", appauthor=False))
        self.use_keyring = keyring_available() if use_keyring is None else use_keyring
        self.language = i18n.install(settings.language)
        self.tasks = Tasks()
        self.exit_pin = ExitPin(settings, lambda: self.settings.save(self.settings_path))
        self.window = KioskWindow(
            self.tasks,
            exit_pin=self.exit_pin,
            idle_seconds=settings.idle_seconds,
            tickets_dir=self.data_dir / "tickets",
        )
        self.window.enroll_requested.connect(self.enroll)
        self.window.language_requested.connect(self.session_language)
        self.tasks.status_changed.connect(self._status)
        self.service: KioskService | None = None
        self.tokens: Tokens | None = None
        self.sync_task: asyncio.Task[None] | None = None
        self.has_data = False
        self.revoking: asyncio.Future[None] | None = None
        self.distrusting: asyncio.Future[None] | None = None
        self.run_only_tokens: dict[str, RunOnlyTokens] = {}

    def _token_store(self, identity: KioskIdentity) -> Tokens:
        if self.use_keyring:
            return KeyringTokens(identity.server, f"kiosk:{identity.device_id}")
        return self.run_only_tokens.setdefault(identity.device_id, RunOnlyTokens())

    def start(self) -> KioskWindow:
        identity = self.settings.kiosk()
        tokens = self._token_store(identity) if identity else None
        if identity is not None and tokens is not None and tokens.load() is not None:
            self.open(identity, tokens)
        else:
            self.window.show_enroll(identity.server if identity else DEFAULT_SERVER)
        return self.window

    def open(self, identity: KioskIdentity, tokens: Tokens) -> None:
        self.tokens = tokens
        replica = Replica(self.data_dir / "replicas" / f"kiosk-{identity.device_id}.db")
        api = SyncApi(identity.server, tokens, ca_pem=pinned(self.settings.pins, identity.server))
        engine = SyncEngine(replica, api, on_status=self.tasks.status_changed.emit)
        self.service = KioskService(identity, replica, api, engine)
        self.has_data = bool(replica.all("tenant"))
        self.window.start(self.service)
        self.sync_task = asyncio.ensure_future(engine.run())

    def enroll(self, server: str, code: str, pin: str, confirmed: str = "") -> None:
        """`confirmed`: the certificate authority staff have just checked and trust
        (PEM), pinned for this address once enrolled; "" goes by the pinned one."""
        page = self.window.enroll_page

        async def go() -> None:
            ca_pem = confirmed or pinned(self.settings.pins, server)
            identity, device_tokens = await enroll(server, code, ca_pem=ca_pem)
            if confirmed:
                self.settings.pins[pin_key(identity.server)] = confirmed
            self.settings.identity = asdict(identity)
            await self.tasks.call(self.exit_pin.set, pin)  # Argon2: off the GUI thread
            self.settings.save(self.settings_path)
            store = self._token_store(identity)
            store.save(device_tokens)
            self.open(identity, store)

        def failed(exc: BaseException) -> None:
            if page is not None:
                page.show_refusal(exc)

        self.tasks.run(go(), None, failed)

    def _status(self, status: SyncStatus) -> None:
        self.window.show_status(status)
        if status.state is SyncState.SIGNED_OUT and self.service is not None:
            # Not through self.tasks: closing waits for those, this one included.
            self.revoking = asyncio.ensure_future(self.revoked())
            return
        if status.state is SyncState.UNTRUSTED and self.service is not None:
            if self.distrusting is None or self.distrusting.done():
                self.distrusting = asyncio.ensure_future(self.certificate_changed())
            return
        if (
            not self.has_data
            and self.service is not None
            and status.last_sync_at
            and self.service.replica.all("tenant")
        ):
            self.has_data = True
            self.window.build()  # the business's name, colours and services arrived

    async def revoked(self) -> None:
        """The server no longer accepts this kiosk: stop, forget, ask for enrollment."""
        identity = self.service.identity if self.service else None
        await self.close()
        if self.tokens is not None:
            self.tokens.clear()
        self.settings.identity = None
        self.settings.save(self.settings_path)
        self.window.show_enroll(identity.server if identity else DEFAULT_SERVER, revoked=True)

    async def certificate_changed(self) -> None:
        """The server's certificate no longer chains to the pinned authority: stop, and
        ask staff (not customers) to check the new one with their administrator. The
        kiosk keeps its identity, credential and replica: trusting the new authority,
        or the old one coming back, picks up where it was."""
        service, tokens = self.service, self.tokens
        if service is None or tokens is None:
            return
        identity = service.identity
        await self.close()
        page = self.window.show_certificate()
        offered: list[ServerCertificate] = []

        def trust(pin: str) -> None:
            if not offered:  # looking again: nothing to trust yet
                page.set_busy(False)
                return
            chosen = offered[0]
            # The PIN that leaves the kiosk, checked as leaving checks it: on the worker
            # (Argon2), and a wrong one counts towards the same lock.
            self.tasks.run(
                self.tasks.call(self.exit_pin.check, pin),
                lambda check: checked(check, chosen),
                lambda _exc: page.set_busy(False),
            )

        def checked(check: PinCheck, chosen: ServerCertificate) -> None:
            if self.window.certificate_page is not page or self.service is not None:
                return  # the page is gone meanwhile (the old authority came back)
            if not check.ok:
                page.show_refusal(check)
                return
            self.settings.pins[pin_key(identity.server)] = chosen.pem
            self.settings.save(self.settings_path)
            self.open(identity, tokens)

        async def look() -> None:
            page.show_checking()
            offered.clear()
            try:
                problem = await check_server(
                    identity.server, pinned(self.settings.pins, identity.server)
                )
            except OSError:
                page.show_unreachable(identity.server)
                return
            if problem is None:  # the pinned authority is back: carry on
                self.open(identity, tokens)
            elif problem.offered is not None and problem.reason in ("changed", "unknown"):
                # ("unknown": enrolled when the system's authorities vouched for it)
                offered.append(problem.offered)
                page.show_offer(problem.offered, self.exit_pin.locked_for())
            else:
                page.show_problem(certificate_problem(problem))

        page.trust.connect(trust)
        page.retry.connect(lambda: self.tasks.run(look(), None, None))
        await look()

    def session_language(self, language: str) -> None:
        wanted = language or self.settings.language
        if wanted != self.language and self.service is not None:
            self.language = i18n.install(wanted)
            self.window.build()

    async def close(self) -> None:
        service, self.service = self.service, None
        if service is None:
            return
        await service.engine.shut_down(self.sync_task)
        await self.tasks.drain()
        await service.api.aclose()
        service.replica.close()


def run_kiosk(*, server: str | None = None, windowed: bool = False) -> int:
    logs.configure("kiosk")
    app = gui_application()
    app.setApplicationName("Turnero kiosk")
    collector = GuiThreadCollector(app)  # cycles with Qt objects die on this thread
    # Leaving (the staff PIN) closes the window; the loop must keep running until the
    # sync has stopped and the replica is closed, so Qt must not quit on its own.
    app.setQuitOnLastWindowClosed(False)
    settings = KioskSettings.load()
    if server and settings.identity and settings.identity.get("server") != server:
        settings.identity = None  # another server: enrol again
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    kiosk = KioskApp(settings)
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)

    async def main() -> None:
        window = kiosk.start()
        if server and window.enroll_page is not None:
            window.enroll_page.server.setText(server)
        if windowed:
            window.resize(fitted(window, QSize(1280, 800)))
            window.show()
        else:
            window.showFullScreen()
        await closed.wait()
        await kiosk.close()

    with loop:
        run_until_done(loop, main())
    kiosk.tasks.shutdown()
    collector.stop()
    return 0
