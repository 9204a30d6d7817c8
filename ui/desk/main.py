"""`turnero desk`: the application around the window. Signs in (or resumes the session
kept in the keyring), opens the replica, runs the sync loop on the Qt event loop,
switches language, signs out."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
from dataclasses import asdict
from pathlib import Path

import qasync
import shiboken6
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import logs
from app.credentials import KeyringTokens, Preferences, keyring_available
from app.desk import ClearableTokens, Desk, data_folder
from app.offline_unlock import OfflineUnlock
from app.resources import resources_dir
from app.signin import Account, sign_out
from app.sync.engine import SyncStatus
from app.tls import pinned
from ui.common import i18n
from ui.common.application import gui_application
from ui.common.fonts import unkerned
from ui.common.garbage import GuiThreadCollector
from ui.common.loop import run_until_done
from ui.common.tasks import Tasks
from ui.desk.signin import SignInDialog
from ui.desk.window import DeskWindow

log = logging.getLogger(__name__)


class DeskApp:
    """Owns the desk's lifetime: sign-in dialog, the window, the sync task."""

    def __init__(
        self,
        prefs: Preferences,
        *,
        prefs_path: Path | None = None,
        data_dir: Path | None = None,
        password: str = "",
    ) -> None:
        self.prefs, self.prefs_path, self.data_dir = prefs, prefs_path, data_dir
        self.password = password
        self.offline = OfflineUnlock(data_folder(data_dir))
        self.tasks = Tasks()
        self.desk: Desk | None = None
        self.window: DeskWindow | None = None
        self.dialog: SignInDialog | None = None
        self.sync_task: asyncio.Task[None] | None = None
        self.signing_out: asyncio.Future[None] | None = None
        self.closed = asyncio.Event()
        i18n.install(prefs.language)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            unkerned(app)  # labels with a mnemonic are measured as they are drawn

    def start(self) -> None:
        resumed = self._resume()
        if resumed is None:
            self.show_sign_in()
        else:
            self.open(*resumed)

    def _resume(self) -> tuple[Account, ClearableTokens] | None:
        """The last account, if its session is still in the keyring."""
        if not self.prefs.account or not keyring_available():
            return None
        try:
            account = Account(**json.loads(self.prefs.account))
            tokens = KeyringTokens(account.server, account.email)
            return (account, tokens) if tokens.load() else None
        except Exception:  # a keyring that fails to answer: just sign in again
            log.warning("could not resume the last session", exc_info=True)
            return None

    def show_sign_in(self) -> SignInDialog:
        self.dialog = SignInDialog(
            self.tasks, self.prefs, password=self.password, offline=self.offline
        )
        self.dialog.signed_in.connect(self.open)
        self.dialog.rejected.connect(self._sign_in_cancelled)
        self.dialog.show()
        return self.dialog

    def _sign_in_cancelled(self) -> None:
        if self.window is None:
            self.closed.set()

    def open(self, account: Account, tokens: ClearableTokens) -> DeskWindow:
        self.prefs.account = json.dumps(asdict(account))
        self.prefs.save(self.prefs_path)
        self.desk = Desk.open(
            account,
            tokens,
            data_dir=self.data_dir,
            ca_pem=pinned(self.prefs.pins, account.server),
            fallback_tokens=fallback_tokens(account),
        )
        self.desk.engine.on_status = self._status
        self.desk.engine.on_changes = self.tasks.changed.emit
        self.sync_task = asyncio.ensure_future(self.desk.engine.run())
        return self._show_window()

    def _show_window(self) -> DeskWindow:
        assert self.desk is not None
        old = self.window
        self.window = DeskWindow(self.desk, self.tasks)
        if old is not None:  # the same day, mode, selection and panel widths
            self.window.restore_view(old.view_state())
        self.window.sign_out_requested.connect(self.request_sign_out)
        self.window.language_requested.connect(self.switch_language)
        self.window.show()
        if old is not None:  # after the new one shows, so the app never has no window
            old.hide()
            old.deleteLater()
        self._status(self.desk.status())
        return self.window

    def _status(self, status: SyncStatus) -> None:
        # The engine reports from the worker thread too (a change being recorded): a
        # signal carries it to the window on the GUI thread.
        self.tasks.status_changed.emit(status)

    def switch_language(self, language: str) -> None:
        self.prefs.language = i18n.install(language)
        self.prefs.save(self.prefs_path)
        self._show_window()  # rebuilt, so every label is in the new language

    def request_sign_out(self) -> None:
        # Not through self.tasks: signing out waits for those, and would wait for itself.
        if self.signing_out is None or self.signing_out.done():
            self.signing_out = asyncio.ensure_future(self.sign_out())

    async def sign_out(self) -> None:
        desk = self.desk
        if desk is None:
            return
        await self.close_desk()
        server = desk.account.server
        await sign_out(server, desk.tokens.load(), ca_pem=pinned(self.prefs.pins, server))
        desk.tokens.clear()
        behind = fallback_tokens(desk.account)
        if behind is not None:  # the session at central behind a site hub goes too
            await sign_out(desk.account.fallback, behind.load())
            behind.clear()
        self.prefs.account = ""
        self.prefs.save(self.prefs_path)
        self.show_sign_in()  # first: closing the last window would end the app
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()  # detached: it shows a desk that is closed
            self.window = None

    async def close_desk(self) -> None:
        if self.desk is None:
            return
        if self.window is not None and shiboken6.isValid(self.window):
            self.window.detach()  # it would go on reading the replica being closed
        await self.desk.engine.shut_down(self.sync_task)
        await self.tasks.drain()
        await self.desk.close()
        self.desk = None


def run_desk(*, server: str | None = None, email: str | None = None, password: str = "") -> int:
    """Start the desk's event loop; returns when the last window closes."""
    logs.configure("desk")
    app = gui_application()
    app.setApplicationName("Turnero")
    collector = GuiThreadCollector(app)  # cycles with Qt objects die on this thread
    app.setOrganizationName("Turnero")
    icon = resources_dir() / "icons" / "turnero.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    prefs = Preferences.load()
    if server:
        prefs.server = server
    if email:
        prefs.email = email
    if server or email:
        prefs.account = ""  # a different server or user: sign in, do not resume
    # Closing the last window must not stop the loop on its own: the desk still has to
    # stop its sync and close its replica (what waits in the outbox stays for the next
    # start). lastWindowClosed ends main() below, which then stops the loop.
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    desk_app = DeskApp(prefs, password=password)
    app.lastWindowClosed.connect(desk_app.closed.set)
    signal.signal(signal.SIGINT, lambda *_: desk_app.closed.set())

    async def main() -> None:
        desk_app.start()
        await desk_app.closed.wait()
        await desk_app.close_desk()

    with loop:
        run_until_done(loop, main())
    desk_app.tasks.shutdown()
    collector.stop()
    return 0


def fallback_tokens(account: Account) -> KeyringTokens | None:
    """The session kept at the central server behind a site hub, if there is one."""
    if not account.fallback or not keyring_available():
        return None
    try:
        store = KeyringTokens(account.fallback, account.email)
        return store if store.load() is not None else None
    except Exception:  # a keyring that fails to answer: the hub alone
        log.warning("could not read the session kept at %s", account.fallback, exc_info=True)
        return None
