"""Sign-in: server address, email, password. The session goes to the keyring; with no
keyring the dialog says so and offers to keep it for this run only. When the server
cannot be reached, the last user to sign in here opens offline, after the password is
checked on this computer (app/offline_unlock.py); the desk asks for the server's
sign-in once the server is back.

A server whose certificate no pinned or system authority vouches for (a site server's
own authority, at the first sign-in; or a different one than was pinned) gets its
authority's fingerprint shown for staff to check with their administrator; signing in
with the box ticked pins it for that address (app/tls.py).

Signals:
    signed_in(object, object): the Account and the token store holding its session.
"""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.credentials import KeyringTokens, Preferences, RunOnlyTokens, keyring_available
from app.offline_unlock import OfflineUnlock
from app.signin import Account, SignInError, fallback_session, sign_in
from app.sync.api import Tokens
from app.tls import ServerCertificate, UntrustedServerError, pin_key, pinned
from ui.common.labels import wait_minutes
from ui.common.tasks import Tasks

log = logging.getLogger(__name__)


class SignInDialog(QDialog):
    signed_in = Signal(object, object)

    def __init__(
        self,
        tasks: Tasks,
        prefs: Preferences,
        *,
        password: str = "",
        keyring_ok: bool | None = None,
        offline: OfflineUnlock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.prefs, self.offline = tasks, prefs, offline
        self.keyring_ok = keyring_available() if keyring_ok is None else keyring_ok
        self.setWindowTitle(self.tr("Turnero — sign in"))
        self.setMinimumWidth(440)
        title = QLabel(self.tr("Front desk"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() + 6)
        font.setBold(True)
        title.setFont(font)
        self.server = QLineEdit(prefs.server)
        self.server.setAccessibleName(self.tr("Server address"))
        self.email = QLineEdit(prefs.email)
        self.email.setAccessibleName(self.tr("Email"))
        self.password = QLineEdit(password)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.no_keyring = QLabel(
            self.tr(
                "This computer has no keyring (password store), so Turnero cannot keep your "
                "session safely after it closes. You can keep it for this run only; you will "
                "sign in again next time. It is never written to a file."
            )
        )
        self.no_keyring.setTextFormat(Qt.TextFormat.PlainText)
        self.no_keyring.setWordWrap(True)
        self.no_keyring.setStyleSheet("background: #fff4cc; padding: 6px;")
        self.run_only = QCheckBox(self.tr("Keep my session for this run only"))
        self.run_only.setChecked(True)
        self.no_keyring.setVisible(not self.keyring_ok)
        self.run_only.setVisible(not self.keyring_ok)
        # The authority a server offers, shown for staff to check before it is pinned.
        self.offered: ServerCertificate | None = None
        self.trust_note = QLabel()
        self.trust_note.setTextFormat(Qt.TextFormat.PlainText)
        self.trust_note.setWordWrap(True)
        self.fingerprint = QLabel()
        self.fingerprint.setTextFormat(Qt.TextFormat.PlainText)
        self.fingerprint.setAccessibleName(self.tr("Certificate fingerprint"))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(font.pointSizeF() - 2)
        mono.setBold(True)
        self.fingerprint.setFont(mono)
        self.fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.trust = QCheckBox()
        self.trust_box = QWidget()
        self.trust_box.setStyleSheet("QWidget#trust { background: #fff4cc; }")
        self.trust_box.setObjectName("trust")
        trust_layout = QVBoxLayout(self.trust_box)
        trust_layout.addWidget(self.trust_note)
        trust_layout.addWidget(self.fingerprint)
        trust_layout.addWidget(self.trust)
        self.trust_box.hide()
        self.server.textEdited.connect(self._forget_offer)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Sign in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Se&rver"), self.server)
        form.addRow(self.tr("&Email"), self.email)
        form.addRow(self.tr("&Password"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.no_keyring)
        layout.addWidget(self.run_only)
        layout.addWidget(self.trust_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if prefs.email else self.email).setFocus()

    def submit(self) -> None:
        if not self.keyring_ok and not self.run_only.isChecked():
            self._say(self.tr("Without a keyring, tick “for this run only” to sign in."))
            return
        confirmed = self.offered if self.trust_box.isVisible() else None
        if confirmed is not None and not self.trust.isChecked():
            self._say(
                self.tr(
                    "Check the fingerprint with your administrator, then tick the box to trust it."
                )
            )
            return
        ca_pem = confirmed.pem if confirmed else pinned(self.prefs.pins, self.server.text())
        self._say(self.tr("Signing in…"))
        self.buttons.setEnabled(False)
        self.tasks.run(
            self._sign_in(self.server.text(), self.email.text(), self.password.text(), ca_pem),
            lambda result: self._done(result, confirmed),
            self._failed,
        )

    async def _sign_in(
        self, server: str, email: str, password: str, ca_pem: str
    ) -> tuple[Account, Tokens | None, Tokens | None] | SignInError:
        """Online: the account and its session, and the offline check kept for next
        time. Server unreachable: the last user's account, without a session, if the
        password is theirs. A refusal is returned, not raised: it is an answer. A
        certificate this desk does not accept is raised (tls.UntrustedServerError): the
        server answered, so the desk does not open offline past it.

        At a site hub, also a session at the central server behind it (the third
        item), signed in with the same password, for the desk to go on with while the
        hub is down."""
        try:
            account, tokens = await sign_in(server, email, password, ca_pem=ca_pem)
        except SignInError as exc:
            if exc.kind != "unreachable" or self.offline is None:
                return exc
            if not await self.tasks.call(self.offline.can_unlock, server, email):
                return exc
            unlocked = await self.tasks.call(self.offline.unlock, server, email, password)
            if unlocked is None:
                return SignInError("offline_refused", exc.detail)
            return unlocked, None, None
        if self.offline is not None:
            try:
                await self.tasks.call(self.offline.remember, account, password)
            except OSError:  # a full or read-only disk: only the offline start is lost
                log.warning("could not keep the offline sign-in check", exc_info=True)
        return account, tokens, await fallback_session(account, password)

    def _forget_offer(self) -> None:
        """Another address: what the last one offered is nothing to trust here."""
        self.offered = None
        self.trust_box.hide()

    def show_offer(self, exc: UntrustedServerError) -> None:
        """The authority the server offers, for staff to check before trusting it."""
        assert exc.offered is not None
        self.offered = exc.offered
        if exc.reason == "changed":
            self.trust_note.setText(
                self.tr(
                    "The server's certificate changed: ask your administrator before going "
                    "on. If they renewed it, the fingerprint they give you must be:"
                )
            )
            self.trust.setText(self.tr("My administrator confirmed it: trust the new certificate"))
            self._say(self.tr("Not signed in: the server's certificate changed."))
        else:
            self.trust_note.setText(
                self.tr(
                    "First connection to this server. Check with your administrator that "
                    "its certificate fingerprint is:"
                )
            )
            self.trust.setText(self.tr("It is the same: trust this server"))
            self._say("")
        self.fingerprint.setText(exc.offered.short)
        self.trust.setChecked(False)
        self.trust_box.show()
        self.trust.setFocus()
        self._grow()

    def _say(self, text: str) -> None:
        """A message under the form, with room made for it."""
        self.error.setText(text)
        self._grow()

    def _grow(self) -> None:
        """Make room for what was just shown: a window does not grow by itself."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        needed = max(self.heightForWidth(self.width()), self.minimumSizeHint().height())
        self.resize(self.width(), max(self.height(), needed))

    def _done(
        self,
        result: tuple[Account, Tokens | None, Tokens | None] | SignInError,
        confirmed: ServerCertificate | None,
    ) -> None:
        if isinstance(result, SignInError):
            self._failed(result)
            return
        account, tokens, fallback = result
        if tokens is None:  # opened offline: no session until the server is back
            self.prefs.server, self.prefs.email = account.server, account.email
            self.signed_in.emit(account, RunOnlyTokens())
            self.accept()
            return
        store: KeyringTokens | RunOnlyTokens = (
            KeyringTokens(account.server, account.email) if self.keyring_ok else RunOnlyTokens()
        )
        try:
            store.save(tokens)
        except Exception as exc:  # a keyring that is there but locked or broken
            self.buttons.setEnabled(True)
            self._say(
                self.tr("The keyring refused to keep the session: %1").replace("%1", str(exc))
            )
            return
        if fallback is not None and self.keyring_ok:  # kept only where sessions are kept
            with contextlib.suppress(Exception):  # the hub alone, then
                KeyringTokens(account.fallback, account.email).save(fallback)
        self.prefs.server = account.server
        self.prefs.email = account.email
        if confirmed is not None:
            self.prefs.pins[pin_key(account.server)] = confirmed.pem
        self.signed_in.emit(account, store)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, UntrustedServerError):
            self._untrusted(exc)
        elif not isinstance(exc, SignInError):
            self._say(repr(exc))
        elif exc.kind == "address":
            self._say(self.tr("The server address must start with http:// or https://"))
        elif exc.kind == "offline_refused":
            self._say(
                self.tr(
                    "Cannot reach the server at %1, and this is not the password last used "
                    "on this computer, so the desk cannot open offline."
                ).replace("%1", exc.detail)
            )
        elif exc.kind == "unreachable":
            self._say(
                self.tr(
                    "Cannot reach the server at %1. Check the address and the network."
                ).replace("%1", exc.detail)
            )
        elif exc.code == "wrong_credentials":
            self._say(self.tr("The email or the password is not right."))
        elif exc.code == "account_locked":
            self._say(
                self.tr(
                    "Too many wrong passwords: this account is locked for %1 minute(s). "
                    "An admin can unlock it sooner."
                ).replace("%1", wait_minutes(exc.retry_after))
            )
        elif exc.code == "too_many_attempts":
            self._say(
                self.tr("Too many attempts. Try again in %1 minute(s).").replace(
                    "%1", wait_minutes(exc.retry_after)
                )
            )
        else:
            self._say(self.tr("The server refused to sign you in: %1").replace("%1", exc.detail))

    def _untrusted(self, exc: UntrustedServerError) -> None:
        if exc.reason in ("unknown", "changed") and exc.offered is not None:
            self.show_offer(exc)
            return
        self._forget_offer()
        if exc.reason == "name":
            self._say(
                self.tr(
                    "The server's certificate is not made for the address %1. Use the "
                    "address your administrator gave you, or ask them to add this one."
                ).replace("%1", exc.host)
            )
        else:
            self._say(
                self.tr(
                    "The server's certificate is not valid (%1): ask your administrator."
                ).replace("%1", exc.detail)
            )
