"""A QR code painted by Qt: segno makes the matrix (pure Python, well kept), the
painter draws its dark cells, so the code is as sharp on paper as on screen. The
kiosk's walk-in ticket and the desk's booking slip both use it."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter


def qr_matrix(payload: str) -> list[list[bool]]:
    """The code's cells, dark or light, row by row (error correction M). Never a Micro
    QR, which segno picks for a short text and many scanners do not read."""
    return [
        [bool(bit) for bit in row] for row in segno.make(payload, error="m", micro=False).matrix
    ]


def paint_qr(
    p: QPainter, payload: str, left: float, top: float, size: float, quiet: int = 2
) -> None:
    """The code in the square (left, top, size), with `quiet` cells of white round it
    inside the square (a scanner needs a margin; the paper round it is white too)."""
    matrix = qr_matrix(payload)
    cell = size / (len(matrix) + 2 * quiet)
    p.save()
    p.fillRect(QRectF(left, top, size, size), QColor("white"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("black"))
    x0, y0 = left + quiet * cell, top + quiet * cell
    for row, bits in enumerate(matrix):
        for col, bit in enumerate(bits):
            if bit:  # a hair wider, so that neighbours join with no seam
                p.drawRect(QRectF(x0 + col * cell, y0 + row * cell, cell + 0.5, cell + 0.5))
    p.restore()
