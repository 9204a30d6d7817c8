"""Sign-in: server address, email, password. The session goes to the keyring; with no
keyring the dialog says so and offers to keep it for this run only.

Signals:
    signed_in(object, object): the Account and the token store holding its session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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
from app.signin import Account, SignInError, sign_in
from app.sync.api import Tokens
from ui.common.labels import wait_minutes
from ui.common.tasks import Tasks


class SignInDialog(QDialog):
    signed_in = Signal(object, object)

    def __init__(
        self,
        tasks: Tasks,
        prefs: Preferences,
        *,
        password: str = "",
        keyring_ok: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.prefs = tasks, prefs
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
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if prefs.email else self.email).setFocus()

    def submit(self) -> None:
        if not self.keyring_ok and not self.run_only.isChecked():
            self.error.setText(self.tr("Without a keyring, tick “for this run only” to sign in."))
            return
        self.error.setText(self.tr("Signing in…"))
        self.buttons.setEnabled(False)
        self.tasks.run(
            sign_in(self.server.text(), self.email.text(), self.password.text()),
            self._done,
            self._failed,
        )

    def _done(self, result: tuple[Account, Tokens]) -> None:
        account, tokens = result
        store: KeyringTokens | RunOnlyTokens = (
            KeyringTokens(account.server, account.email) if self.keyring_ok else RunOnlyTokens()
        )
        try:
            store.save(tokens)
        except Exception as exc:  # a keyring that is there but locked or broken
            self.buttons.setEnabled(True)
            self.error.setText(
                self.tr("The keyring refused to keep the session: %1").replace("%1", str(exc))
            )
            return
        self.prefs.server = account.server
        self.prefs.email = account.email
        self.signed_in.emit(account, store)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, SignInError):
            self.error.setText(repr(exc))
        elif exc.kind == "address":
            self.error.setText(self.tr("The server address must start with http:// or https://"))
        elif exc.kind == "unreachable":
            self.error.setText(
                self.tr(
                    "Cannot reach the server at %1. Check the address and the network."
                ).replace("%1", exc.detail)
            )
        elif exc.code == "wrong_credentials":
            self.error.setText(self.tr("The email or the password is not right."))
        elif exc.code == "account_locked":
            self.error.setText(
                self.tr(
                    "Too many wrong passwords: this account is locked for %1 minute(s). "
                    "An admin can unlock it sooner."
                ).replace("%1", wait_minutes(exc.retry_after))
            )
        elif exc.code == "too_many_attempts":
            self.error.setText(
                self.tr("Too many attempts. Try again in %1 minute(s).").replace(
                    "%1", wait_minutes(exc.retry_after)
                )
            )
        else:
            self.error.setText(
                self.tr("The server refused to sign you in: %1").replace("%1", exc.detail)
            )
