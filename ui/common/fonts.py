"""The application's font, with kerning off.

Qt measures a label as one run of text, kerned ("Te" drawn closer), but draws a label
with a keyboard mnemonic ("&Teléfono") as two runs, the underlined letter apart, so the
pair is no longer kerned and the last letter falls outside the label: "Teléfonc". Text
drawn unkerned is measured as it is drawn. The difference elsewhere is a pixel here and
there.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def unkerned(app: QApplication) -> None:
    font = app.font()
    if font.kerning():
        font.setKerning(False)
        app.setFont(font)
