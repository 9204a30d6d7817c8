"""The Qt binding must not drop references to None: on Python 3.11, where None is not
yet immortal, PySide6 6.12.0 did so on every void call, and the desk died with
"none_dealloc" after some thousands of paints. This guards the pinned version."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel


def test_void_calls_keep_none_alive(qapp: QApplication) -> None:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    label = QLabel()
    colour = QColor("#cfe3fb")
    before = sys.getrefcount(None)
    for _ in range(2000):
        painter.setBrush(colour)
        painter.drawRect(QRectF(1, 1, 10, 10))
        painter.drawLine(0, 0, 5, 5)
        label.setText("x")
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 10, f"None lost {before - after} references"
