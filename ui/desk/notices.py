"""Notices over the schedule: arrivals, refusals, "moved to 10:30". They float over the
grid's top right corner, so showing one never moves the grid; an arrival or a refusal
stays until the receptionist has seen it (a click on it or on its ✕), anything else
goes after a few seconds.

Signals (NoticeArea):
    acknowledged(str): a notice was dismissed by the user; its text.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

TRANSIENT_MS = 8000
WIDTH = 420
MARGIN = 10


class NoticeKind(StrEnum):
    INFO = "info"  # goes by itself
    ARRIVAL = "arrival"  # stays until seen
    WARNING = "warning"  # stays until seen


STYLES = {
    NoticeKind.INFO: "background: #e8f1fb; color: #1f3a5c; border: 1px solid #9dbfe6;",
    NoticeKind.ARRIVAL: "background: #fff4cc; color: #5c4400; border: 1px solid #e5cf7a;",
    NoticeKind.WARNING: "background: #fde2e1; color: #7a1010; border: 1px solid #eba3a0;",
}


class Notice(QFrame):
    """One notice: its text and a ✕. `timer` runs only for one that goes by itself."""

    dismissed = Signal()

    def __init__(self, text: str, kind: NoticeKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("notice")
        self.setStyleSheet(f"#notice {{ {STYLES[kind]} border-radius: 4px; }}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label = QLabel(text)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # names come from data
        self.label.setWordWrap(True)
        self.label.setStyleSheet("background: transparent; border: none;")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName(self.tr("Dismiss"))
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.dismissed.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 4, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(text)
        self.timer: QTimer | None = None
        if kind is NoticeKind.INFO:
            self.timer = QTimer(self, singleShot=True, interval=TRANSIENT_MS)
            self.timer.timeout.connect(self.dismissed.emit)
            self.timer.start()

    def text(self) -> str:
        return self.label.text()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.dismissed.emit()  # seen
        super().mousePressEvent(event)


class NoticeArea(QWidget):
    """The stack of notices, laid over `host` (the schedule view) at its top right."""

    acknowledged = Signal(str)

    def __init__(self, host: QWidget, top: int = 0) -> None:
        super().__init__(host)
        self.host, self.top = host, top
        self.setAccessibleName(self.tr("Notices"))
        self._stack = QVBoxLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.setSpacing(6)
        self.notices: list[Notice] = []
        host.installEventFilter(self)
        self.hide()

    def show_notice(self, text: str, kind: NoticeKind = NoticeKind.INFO) -> Notice:
        notice = Notice(text, kind, self)
        notice.dismissed.connect(lambda n=notice: self.dismiss(n, by_user=True))
        if notice.timer is not None:
            notice.timer.timeout.connect(lambda n=notice: self.dismiss(n, by_user=False))
        self.notices.append(notice)
        self._stack.addWidget(notice)
        notice.show()  # now, not when the layout gets to it: its height counts below
        self.show()
        self._place()
        self.raise_()
        return notice

    def dismiss(self, notice: Notice, by_user: bool = True) -> None:
        if notice not in self.notices:
            return
        self.notices.remove(notice)
        if notice.timer is not None:
            notice.timer.stop()
        notice.hide()
        notice.deleteLater()
        if by_user:
            self.acknowledged.emit(notice.text())
        if self.notices:
            self._place()
        else:
            self.hide()

    def text(self) -> str:
        """Every notice shown, one a line (newest last)."""
        return "\n".join(n.text() for n in self.notices)

    def _place(self) -> None:
        # Within the host's viewport (clear of its scroll bars), below its header.
        viewport = getattr(self.host, "viewport", None)
        area = viewport().geometry() if callable(viewport) else self.host.rect()
        width = max(160, min(WIDTH, area.width() - 2 * MARGIN - 60))
        # Word-wrapped text: the height follows the width.
        wanted = self._stack.totalHeightForWidth(width)
        height = min(wanted, max(40, area.height() - self.top - 2 * MARGIN))
        self.setFixedSize(width, height)
        self.move(area.right() - width - MARGIN, area.top() + self.top + MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize and self.notices:
            self._place()
        return False
