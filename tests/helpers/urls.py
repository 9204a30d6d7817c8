"""What the desk asks the system to open (a wa.me link, a mailto, a folder), caught by
Qt's own URL handlers, as the system would receive it: nothing of ours is replaced."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

SCHEMES = ("https", "mailto", "file")


class Opened(QObject):
    """The URLs opened, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)

    def encoded(self) -> list[str]:
        return [u.toString(QUrl.ComponentFormattingOption.FullyEncoded) for u in self.urls]


@contextmanager
def caught_urls() -> Iterator[Opened]:
    catcher = Opened()
    for scheme in SCHEMES:
        # The stub says bytes; PySide takes the slot's name as str (and refuses bytes).
        QDesktopServices.setUrlHandler(scheme, catcher, "open")  # type: ignore[arg-type]
    try:
        yield catcher
    finally:
        for scheme in SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)
