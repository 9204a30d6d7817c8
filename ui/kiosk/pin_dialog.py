"""The staff PIN that leaves the kiosk: asked in a small dialog over the kiosk, which
says how many tries remain and, after too many wrong ones, for how long leaving is
locked. The window checks the PIN (app/kiosk.py ExitPin) and answers through
`show_refusal`.

Signals:
    pin_entered(str): staff typed a PIN and pressed OK.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.kiosk import PinCheck
from ui.common.labels import wait_minutes


class StaffPinDialog(QDialog):
    pin_entered = Signal(str)

    def __init__(self, locked_for: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Staff"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        prompt = QLabel(self.tr("PIN to leave the kiosk"))
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(prompt)
        self.pin = QLineEdit()
        self.pin.setObjectName("entry")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("PIN to leave the kiosk"))
        layout.addWidget(self.pin)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if locked_for:
            self.show_locked(locked_for)

    def submit(self) -> None:
        pin = self.pin.text()
        if not pin:
            return
        self.set_busy(True)
        self.pin_entered.emit(pin)

    def set_busy(self, busy: bool) -> None:
        self.pin.setEnabled(not busy)
        self.buttons.setEnabled(not busy)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.adjustSize()  # room for the message, however many lines it takes

    def show_refusal(self, check: PinCheck) -> None:
        self.pin.clear()
        if check.locked_for:
            self.show_locked(check.locked_for)
            return
        self.set_busy(False)
        self.pin.setFocus()
        self.say(
            self.tr(
                "Wrong PIN. After %n more wrong one(s), leaving locks for some minutes.",
                "",
                check.tries_left,
            )
        )

    def show_locked(self, seconds: int) -> None:
        """Nothing to type while locked: only the message, and a way to close it."""
        self.pin.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.setEnabled(True)
        self.say(
            self.tr("Too many wrong PINs: leaving is locked for %1 minute(s).").replace(
                "%1", wait_minutes(seconds)
            )
        )
