"""Windows that open within the screen they are on."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

# What the window manager adds around a window: the title bar and the borders.
FRAME = QSize(16, 48)


def fitted(window: QWidget, wanted: QSize) -> QSize:
    """`wanted`, or less where the screen's free area is smaller (a 1366×768 laptop
    would otherwise lose the bottom of the window below its taskbar)."""
    screen = window.screen()
    if screen is None:
        return wanted
    free = screen.availableGeometry().size() - FRAME
    return wanted.boundedTo(free)
