"""QR codes read back from what the desk paints, as a scanner reads them: zxing-cpp's
decoder over the image's grey pixels."""

from __future__ import annotations

from typing import Any

import zxingcpp
from PySide6.QtGui import QImage


class _Pixels:
    """A QImage's grey pixels as an array zxing-cpp takes (its __array_interface__)."""

    def __init__(self, image: QImage) -> None:
        grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
        line = grey.bytesPerLine()
        self.__array_interface__: dict[str, Any] = {
            "shape": (grey.height(), grey.width()),
            "typestr": "|u1",
            "data": bytes(grey.constBits())[: grey.height() * line],
            "strides": (line, 1),
            "version": 3,
        }


def read_qr(image: QImage) -> list[str]:
    """The text of every QR code in the image."""
    return [
        found.text
        for found in zxingcpp.read_barcodes(_Pixels(image))
        if found.format == zxingcpp.BarcodeFormat.QRCode
    ]
