"""The queue display board's window: a card per provider (or the front counter) with
who is being served now and who is next, the common line of walk-ins, the business's
name, logo and colour, a clock, and a full-window announcement when someone is called.
Type is sized from the window's height, to be read across a waiting room."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.board import ANNOUNCE_FOR, Announcement, BoardView, Lane
from app.schedule import Business

REFERENCE_HEIGHT = 1080  # type sizes below are for a 1080-line screen


def text_label(text: str = "", *, name: str = "", stretchy: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # data is never rich text
    # The window's size is the screen's: big type must not widen it past the screen.
    # A stretchy one takes the height its layout gives it, for the same reason.
    tall = QSizePolicy.Policy.Ignored if stretchy else QSizePolicy.Policy.Preferred
    label.setSizePolicy(QSizePolicy.Policy.Ignored, tall)
    if name:
        label.setObjectName(name)
    return label


def grid_columns(lanes: int) -> int:
    """Cards across: few lanes get wide cards; six fit three by two."""
    return 1 if lanes <= 1 else 2 if lanes <= 4 else 3 if lanes <= 6 else 4


class LaneCard(QFrame):
    """One provider's card: their name, who is being served, and the next few."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lane")
        self.title = text_label(name="laneTitle")
        self.serving_caption = text_label(self.tr("Now serving"), name="caption")
        self.serving = text_label(name="serving", stretchy=True)
        self.serving.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.also = text_label(name="also")
        self.also.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_caption = text_label(self.tr("Next"), name="caption")
        self.next = text_label(name="next", stretchy=True)
        self.next.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.serving_caption)
        layout.addWidget(self.serving, 2)
        layout.addWidget(self.also)
        layout.addWidget(self.next_caption)
        layout.addWidget(self.next, 1)

    def show_lane(self, lane: Lane) -> None:
        self.title.setText(lane.name or self.tr("Front desk"))
        self.serving.setText(lane.now[0].label if lane.now else "—")
        self.also.setText("  ".join(e.label for e in lane.now[1:3]))
        self.also.setVisible(len(lane.now) > 1)
        self.next.setText("   ".join(lane.next) if lane.next else "—")


class AnnouncementOverlay(QFrame):
    """The call, over the whole board: the number huge, where to go below."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.number = text_label(name="callNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.where = text_label(name="callWhere")
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.where.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.number)
        layout.addWidget(self.where)
        layout.addStretch(1)
        self.hide()


class BoardWindow(QWidget):
    """The board. `show_view` puts a BoardView up; `announce` calls a number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("board")
        self.setWindowTitle(self.tr("Turnero queue board"))
        self.primary, self.accent = "#1f4e79", "#f2a900"
        self.logo = QLabel()
        self.logo.hide()
        self.logo_pixmap: QPixmap | None = None
        self.business = text_label(name="business")
        self.clock = text_label(name="clock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        header = QFrame()
        header.setObjectName("header")
        top = QHBoxLayout(header)
        top.addWidget(self.logo)
        top.addWidget(self.business, 1)
        top.addWidget(self.clock)
        self.grid = QGridLayout()
        self.cards: list[LaneCard] = []
        self.waiting_caption = text_label(self.tr("Waiting"), name="caption")
        self.waiting = text_label(name="waiting", stretchy=True)
        self.waiting.setWordWrap(True)
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        side = QFrame()
        side.setObjectName("side")
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.waiting_caption)
        side_layout.addWidget(self.waiting, 1)
        self.side = side
        self.message = text_label(name="message")  # not enrolled, revoked, first sync
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self.offline = text_label(name="offline")
        self.offline.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.body = QWidget()
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(self.grid, 4)
        body.addWidget(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(header)
        inner = QVBoxLayout()
        inner.addWidget(self.message, 1)
        inner.addWidget(self.body, 1)
        inner.addWidget(self.offline)
        self.inner = inner
        layout.addLayout(inner, 1)
        self.overlay = AnnouncementOverlay(self)
        self.overlay_timer = QTimer(self)
        self.overlay_timer.setSingleShot(True)
        self.overlay_timer.timeout.connect(self._next_announcement)
        self.pending: list[Announcement] = []
        self.view: BoardView | None = None
        self.tick = QTimer(self)
        self.tick.timeout.connect(self.show_clock)
        self.tick.start(1000)
        self.now: Callable[[], datetime] = datetime.now
        self.tz: ZoneInfo | None = None
        self.time_format = "%H:%M"
        self._apply_style()
        self.show_clock()

    # -- data --------------------------------------------------------------------------

    def show_business(self, biz: Business) -> None:
        self.business.setText(biz.name)
        self.tz = biz.time_zone
        self.primary, self.accent = biz.primary_colour, biz.accent_colour
        pixmap = QPixmap()
        if biz.logo and pixmap.loadFromData(base64.b64decode(biz.logo)):
            self.logo_pixmap = pixmap
            self.logo.show()
        else:
            self.logo_pixmap = None
            self.logo.hide()
        self._apply_style()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.body.setVisible(not text)

    def show_view(self, view: BoardView) -> None:
        self.view = view
        self.show_message("")
        while len(self.cards) < len(view.lanes):
            self.cards.append(LaneCard())
        for card in self.cards:
            self.grid.removeWidget(card)
            card.hide()
        columns = grid_columns(len(view.lanes))
        for i, lane in enumerate(view.lanes):
            card = self.cards[i]
            card.show_lane(lane)
            self.grid.addWidget(card, i // columns, i % columns)
            card.show()
        self.waiting.setText("\n".join(view.waiting[:8]) if view.waiting else "—")
        self._apply_style()

    def show_offline(self, since: datetime | None) -> None:
        if since is None:
            self.offline.setText("")
            return
        local = since.astimezone(self.tz) if self.tz else since
        self.offline.setText(self.tr("Offline since %1").replace("%1", f"{local:%H:%M}"))

    def show_clock(self) -> None:
        now = self.now()
        local = now.astimezone(self.tz) if self.tz and now.tzinfo else now
        self.clock.setText(f"{local:{self.time_format}}")

    # -- announcements -------------------------------------------------------------------

    def announce(self, calls: list[Announcement]) -> None:
        """Queue the calls; each holds the whole board for ANNOUNCE_FOR."""
        self.pending.extend(calls)
        if not self.overlay.isVisible():
            self._next_announcement()

    def _next_announcement(self) -> None:
        if not self.pending:
            self.overlay.hide()
            return
        call = self.pending.pop(0)
        self.overlay.number.setText(call.label)
        self.overlay.where.setText(
            self.tr("Please go to %1").replace("%1", call.provider)
            if call.provider
            else self.tr("Please go to the front desk")
        )
        self.overlay.setGeometry(self.rect())
        self.overlay.show()
        self.overlay.raise_()
        self.overlay_timer.start(int(ANNOUNCE_FOR.total_seconds() * 1000))

    # -- size and look -------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.overlay.setGeometry(self.rect())
        self._apply_style()

    def px(self, size: float) -> int:
        """`size` pixels of a 1080-line screen, on this window's height."""
        return max(1, round(size * max(self.height(), 300) / REFERENCE_HEIGHT))

    def _apply_style(self) -> None:
        px = self.px
        # The number being served fills its card: as wide as six bold characters allow
        # (a booking code), as tall as a third of the card.
        lanes = len(self.view.lanes) if self.view is not None else 1
        columns = grid_columns(lanes)
        rows = -(-lanes // columns)
        card_w = (self.width() * 0.8 - px(64) - px(24) * (columns - 1)) / columns
        card_h = (self.height() - px(260) - px(24) * (rows - 1)) / rows
        serving = min(px(150), int(card_w / 5.6), int(card_h * 0.32))
        title = min(px(44), int(card_w / 15))
        text = (QColor(self.primary).lightness() > 150 and "#111111") or "#ffffff"
        self.logo.setFixedHeight(px(80))
        if self.logo_pixmap is not None:  # scaled from the original each time: no blur
            smooth = Qt.TransformationMode.SmoothTransformation
            self.logo.setPixmap(self.logo_pixmap.scaledToHeight(px(80), smooth))
        self.inner.setContentsMargins(px(32), px(24), px(32), px(16))
        self.inner.setSpacing(px(20))
        self.grid.setSpacing(px(24))
        self.setStyleSheet(
            f"""
            #board {{ background: #f4f5f7; }}
            #header {{ background: {self.primary}; }}
            #business {{ color: {text}; font-size: {px(56)}px; font-weight: bold;
                         padding: {px(16)}px {px(24)}px; }}
            #clock {{ color: {text}; font-size: {px(64)}px; font-weight: bold;
                      padding: {px(16)}px {px(32)}px; }}
            #lane, #side {{ background: white; border-radius: {px(16)}px;
                            border-top: {px(10)}px solid {self.accent}; }}
            #laneTitle {{ color: {self.primary}; font-size: {title}px; font-weight: bold;
                          padding: {px(8)}px {px(16)}px 0; }}
            #caption {{ color: #555555; font-size: {px(30)}px; text-transform: uppercase;
                        padding: 0 {px(16)}px; }}
            #serving {{ color: #111111; font-size: {serving}px; font-weight: bold; }}
            #also {{ color: #333333; font-size: {px(40)}px; font-weight: bold; }}
            #next {{ color: #222222; font-size: {px(44)}px; padding: 0 {px(16)}px {px(12)}px; }}
            #waiting {{ color: #222222; font-size: {px(48)}px; font-weight: bold; }}
            #message {{ color: #333333; font-size: {px(48)}px; }}
            #offline {{ color: #8a5300; font-size: {px(26)}px; }}
            #overlay {{ background: {self.primary}; }}
            #callNumber {{ color: {text}; font-size: {px(300)}px; font-weight: bold; }}
            #callWhere {{ color: {text}; font-size: {px(96)}px; font-weight: bold; }}
            """
        )
