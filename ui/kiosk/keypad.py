"""An on-screen keypad for touch screens: digits, or digits and letters for booking
codes. It types into whichever field it is attached to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ui.kiosk.scale import Metrics

DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", ":", "0", "⌫"]
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
DELETE = "⌫"


class Keypad(QWidget):
    """Digits in three columns like a phone's; with letters, ten columns like a
    keyboard's (digits on top), which keeps it four rows high on a short screen."""

    def __init__(self, letters: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target: QLineEdit | None = None
        self.setAccessibleName(self.tr("Keypad"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        # No bigger than its keys: a large screen gets space around it, not gaps in it.
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetMinAndMaxSize)
        keys = [*DIGITS]
        columns = 3
        if letters:
            keys = [*"1234567890", *LETTERS, DELETE]
            columns = 10
        self.keys: list[QPushButton] = []
        self.spans: dict[QPushButton, int] = {}
        for i, key in enumerate(keys):
            button = QPushButton(key)
            button.setObjectName("key")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setAccessibleName(self.tr("Delete") if key == DELETE else key)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            # Delete is wider when there is room for it: the last row is not full.
            span = 2 if letters and key == DELETE else 1
            self.grid.addWidget(button, i // columns, i % columns, 1, span)
            self.keys.append(button)
            self.spans[button] = span

    def fit(self, m: Metrics) -> None:
        """Keys as large as the screen allows, never under a fingertip's size, and not
        so large that a big screen turns them into bars."""
        self.grid.setSpacing(m.px(8))
        for key in self.keys:
            key.setMinimumSize(m.key, m.key)
            wide = self.spans[key] * 2.2
            tall = 2.0 if m.portrait else 1.6  # an upright stand has height to give
            key.setMaximumSize(round(m.key * wide), round(m.key * tall))

    def attach(self, field: QLineEdit) -> None:
        self.target = field

    def press(self, key: str) -> None:
        if self.target is None:
            return
        if key == DELETE:
            self.target.backspace()
        else:
            self.target.insert(key)
        self.target.setFocus()
