"""An on-screen keypad for touch screens: digits, or digits and letters for booking
codes. It types into whichever field it is attached to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", ":", "0", "⌫"]
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


class Keypad(QWidget):
    def __init__(self, letters: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target: QLineEdit | None = None
        self.setAccessibleName(self.tr("Keypad"))
        grid = QGridLayout(self)
        grid.setSpacing(8)
        keys = [*DIGITS]
        columns = 3
        if letters:
            keys = [*"1234567890", *LETTERS, "⌫"]
            columns = 7
        for i, key in enumerate(keys):
            button = QPushButton(key)
            button.setObjectName("key")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setAccessibleName(self.tr("Delete") if key == "⌫" else key)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            grid.addWidget(button, i // columns, i % columns)

    def attach(self, field: QLineEdit) -> None:
        self.target = field

    def press(self, key: str) -> None:
        if self.target is None:
            return
        if key == "⌫":
            self.target.backspace()
        else:
            self.target.insert(key)
        self.target.setFocus()
