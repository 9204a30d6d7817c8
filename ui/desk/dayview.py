"""The schedule, painted: columns of providers (or days), rows of time, booking blocks.

Custom painting over ScheduleModel: a day of 30 providers and 1,200 bookings paints
only what is exposed. The header and the time gutter stay put while the grid scrolls.

Signals:
    booking_selected(str): a booking was clicked or reached with the keyboard.
    booking_activated(str): double-click or Enter on a booking.
    slot_activated(int, object): double-click or Enter on free time: column, UTC start.
    booking_moved(str, int, object): a block was dragged: id, column, new UTC start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QStaticText,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from app.schedule import Block
from ui.desk.dayview_model import STATUS_COLOURS, ScheduleModel

HEADER_H = 44
GUTTER_W = 58
MIN_COLUMN_W = 150
# A week is seven columns: at 100 px they fit a 1360 px window beside the side panel.
MIN_WEEK_COLUMN_W = 100
PX_PER_MINUTE = 1.4
DRAG_START_PX = 5


TEXT_COLOUR = QColor("#1f2937")
# Arrived and waiting too long: red, someone is in the room; late: amber, maybe coming.
ALERT_COLOURS = {"waiting": "#c81e1e", "late": "#b45309"}


CLOSED_COLOUR = "#e6e8eb"
BREAK_COLOUR, BREAK_HATCH = "#eef0f2", "#c9ccd1"
AWAY_COLOUR, AWAY_HATCH = "#e3e0ec", "#b7b0cc"


def swatch(kind: str, size: int = 14) -> QPixmap:
    """A legend's sample of what the schedule paints: "break", "away" (time off),
    "buffer", "closed" or "pending" (a dashed border), with the same colours."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#ffffff"))
    p = QPainter(pixmap)
    rect = QRectF(0, 0, size, size)
    if kind == "break":
        p.fillRect(rect, QColor(BREAK_COLOUR))
        p.fillRect(rect, QBrush(QColor(BREAK_HATCH), Qt.BrushStyle.BDiagPattern))
    elif kind == "away":
        p.fillRect(rect, QColor(AWAY_COLOUR))
        p.fillRect(rect, QBrush(QColor(AWAY_HATCH), Qt.BrushStyle.BDiagPattern))
    elif kind == "buffer":
        fill = QColor(STATUS_COLOURS["confirmed"])
        p.fillRect(rect, buffer_colour(fill))
        p.fillRect(rect, QBrush(fill.darker(125), Qt.BrushStyle.Dense6Pattern))
    elif kind == "closed":
        p.fillRect(rect, QColor(CLOSED_COLOUR))
    elif kind == "pending":
        p.setPen(QPen(QColor("#1f2937"), 1, Qt.PenStyle.DashLine))
        p.drawRect(QRectF(0.5, 0.5, size - 1, size - 1))
    p.setPen(QPen(QColor("#9ca3af"), 1))
    if kind != "pending":
        p.drawRect(QRectF(0.5, 0.5, size - 1, size - 1))
    p.end()
    return pixmap


def buffer_colour(fill: QColor) -> QColor:
    """A booking's buffer: its status colour, halfway to white."""
    return QColor((fill.red() + 255) // 2, (fill.green() + 255) // 2, (fill.blue() + 255) // 2)


def static_label(text: str, font: QFont) -> QStaticText:
    """Plain text (never rich: it comes from data), laid out for `font` once."""
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.prepare(font=font)
    return static


BLOCK_MARGIN = 1  # room around a block's image for its outline (2 px when selected)
# Blocks drawn and kept: a day of 30 providers has 1,200; an image is ~20 kB.
MAX_DRAWN_BLOCKS = 2500


class DrawnBlock:
    """A block's minutes in its column's day and, once it has been on screen, its image:
    a refresh after a sync repaints hundreds of blocks, nearly all unchanged, and one
    image per block is far cheaper to put on screen than its outline and text."""

    __slots__ = ("_image", "block", "bold", "height", "minutes", "selected", "small", "width")

    def __init__(
        self,
        block: Block,
        minutes: tuple[int, int, int, int],
        width: int,
        selected: bool,
        fonts: tuple[QFont, QFont],
    ) -> None:
        self.block, self.minutes, self.width, self.selected = block, minutes, width, selected
        self.bold, self.small = fonts
        start, end = minutes[0], minutes[1]
        self.height = round(max(14.0, (end - start) * PX_PER_MINUTE - 2))
        self._image: QPixmap | None = None

    def image(self, view: ScheduleView) -> QPixmap:
        if self._image is None:
            ratio = view.devicePixelRatioF()
            size = QSize(self.width + 2 * BLOCK_MARGIN, self.height + 2 * BLOCK_MARGIN)
            image = QPixmap(size * ratio)
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            try:
                rect = QRectF(BLOCK_MARGIN, BLOCK_MARGIN, self.width, self.height)
                view.paint_block(painter, rect, self.block, self.selected, self.bold, self.small)
            finally:
                painter.end()
            self._image = image
        return self._image


class ScheduleView(QAbstractScrollArea):
    booking_selected = Signal(str)
    booking_activated = Signal(str)
    slot_activated = Signal(int, object)
    booking_moved = Signal(str, int, object)

    def __init__(self, model: ScheduleModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.selected: str | None = None
        self.cursor_cell: tuple[int, int] | None = None  # column, minute
        self._press: tuple[QPoint, Block, float] | None = None  # pos, block, grab offset
        self._ghost: tuple[int, int] | None = None  # column, minute while dragging
        self.now_provider: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.movable = True  # whether bookings may be dragged to another time
        # Bookings that need the desk's eye (app/alerts.py): kind and how long, by id.
        self.alerts: dict[str, tuple[str, timedelta]] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        # Every paint fills what it exposes: Qt need not clear the viewport first.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(self.tr("Schedule"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        model.plan_changed.connect(self._plan_changed)
        self._pens: dict[tuple[str, bool, bool], tuple[QColor, QPen]] = {}
        self._labels: dict[tuple[Block, int, tzinfo], tuple[QStaticText, QStaticText]] = {}
        self._drawn: dict[tuple[Block, date, int, bool], DrawnBlock] = {}
        self._drawn_in: tzinfo | None = None

    # -- geometry -------------------------------------------------------------------------

    def column_width(self) -> float:
        n = max(1, len(self.model.columns))
        least = MIN_WEEK_COLUMN_W if self.model.week else MIN_COLUMN_W
        return max(least, (self.viewport().width() - GUTTER_W) / n)

    def content_height(self) -> int:
        return int((self.model.last_minute - self.model.first_minute) * PX_PER_MINUTE)

    def _update_scrollbars(self) -> None:
        w = int(self.column_width() * len(self.model.columns))
        vw = self.viewport().width() - GUTTER_W
        vh = self.viewport().height() - HEADER_H
        self.horizontalScrollBar().setRange(0, max(0, w - vw))
        self.horizontalScrollBar().setPageStep(max(1, vw))
        self.verticalScrollBar().setRange(0, max(0, self.content_height() - vh))
        self.verticalScrollBar().setPageStep(max(1, vh))
        self.verticalScrollBar().setSingleStep(int(self.model.granularity * PX_PER_MINUTE))

    def y_of(self, minute: float) -> float:
        return HEADER_H + (minute - self.model.first_minute) * PX_PER_MINUTE - self._dy()

    def x_of(self, column: int) -> float:
        return GUTTER_W + column * self.column_width() - self._dx()

    def _dx(self) -> int:
        return self.horizontalScrollBar().value()

    def _dy(self) -> int:
        return self.verticalScrollBar().value()

    def cell_at(self, pos: QPoint) -> tuple[int, float] | None:
        """Column and minute of the day under a viewport point, or None off the grid."""
        if pos.x() < GUTTER_W or pos.y() < HEADER_H or not self.model.columns:
            return None
        column = int((pos.x() - GUTTER_W + self._dx()) // self.column_width())
        if column >= len(self.model.columns):
            return None
        minute = (pos.y() - HEADER_H + self._dy()) / PX_PER_MINUTE + self.model.first_minute
        return column, minute

    def scroll_to_minute(self, minute: int) -> None:
        y = (minute - self.model.first_minute) * PX_PER_MINUTE
        self.verticalScrollBar().setValue(int(max(0, y - 60)))

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self.viewport())
        try:
            self._paint(p, event.rect())
        finally:
            p.end()

    def _paint(self, p: QPainter, exposed: QRect) -> None:
        m = self.model
        pal = self.palette()
        p.fillRect(exposed, QColor("#f4f5f7"))
        if not m.columns:
            p.setPen(QColor("#5c4400") if m.message else pal.color(pal.ColorRole.PlaceholderText))
            p.drawText(
                self.viewport().rect().adjusted(40, 40, -40, -40),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                m.message or self.tr("Nobody works on this day."),
            )
            return
        cw = self.column_width()
        first_col = max(0, int((exposed.left() - GUTTER_W + self._dx()) // cw))
        last_col = min(len(m.columns) - 1, int((exposed.right() - GUTTER_W + self._dx()) // cw))
        top_minute = (exposed.top() - HEADER_H + self._dy()) / PX_PER_MINUTE + m.first_minute
        bottom_minute = (exposed.bottom() - HEADER_H + self._dy()) / PX_PER_MINUTE + m.first_minute
        grid_clip = QRect(GUTTER_W, HEADER_H, self.viewport().width(), self.viewport().height())
        p.save()
        p.setClipRect(grid_clip.intersected(exposed))
        for i in range(first_col, last_col + 1):
            self._paint_column_background(p, i, cw)
        self._paint_grid_lines(p, first_col, last_col, cw)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        bold = QFont(self.font())
        bold.setBold(True)
        # Geometry worked out once per paint, not per block.
        y0 = HEADER_H - self._dy() - m.first_minute * PX_PER_MINUTE
        width = int(cw) - 6
        for i in range(first_col, last_col + 1):
            x = int(self.x_of(i)) + 3
            for b in m.columns[i].column.blocks:
                drawn = self._drawn_block(b, i, width, bold, small)
                start_min, end_min, held_from, held_until = drawn.minutes
                if held_until < top_minute or held_from > bottom_minute:
                    continue
                if self._ghost is not None and b.booking_id == self.selected:
                    continue
                # The buffers: time the booking keeps free before and after itself.
                for a, z in ((held_from, start_min), (end_min, held_until)):
                    if z > a:
                        self._paint_buffer(
                            p, QRectF(x, y0 + a * PX_PER_MINUTE, width, (z - a) * PX_PER_MINUTE), b
                        )
                top = round(y0 + start_min * PX_PER_MINUTE)
                p.drawPixmap(x - BLOCK_MARGIN, top + 1 - BLOCK_MARGIN, drawn.image(self))
                if (alert := self.alerts.get(b.booking_id)) is not None:
                    self._paint_alert(p, QRectF(x, top + 1, width, drawn.height), *alert, small)
        self._paint_ghost(p, bold)
        self._paint_cursor(p, cw)
        self._paint_now(p)
        p.restore()
        self._paint_header(p, cw, first_col, last_col)
        self._paint_gutter(p)

    def _paint_column_background(self, p: QPainter, i: int, cw: float) -> None:
        m = self.model
        c = m.columns[i].column
        x = self.x_of(i)
        top, bottom = self.y_of(m.first_minute), self.y_of(m.last_minute)
        p.fillRect(QRectF(x, top, cw, bottom - top), QColor(CLOSED_COLOUR))
        for a, b in c.work:
            ya, yb = self.y_of(m.minute_of(a, i)), self.y_of(m.minute_of(b, i))
            p.fillRect(QRectF(x, ya, cw, yb - ya), QColor("#ffffff"))
        hatch = QBrush(QColor(BREAK_HATCH), Qt.BrushStyle.BDiagPattern)
        for a, b in c.breaks:
            ya, yb = self.y_of(m.minute_of(a, i)), self.y_of(m.minute_of(b, i))
            p.fillRect(QRectF(x, ya, cw, yb - ya), QColor(BREAK_COLOUR))
            p.fillRect(QRectF(x, ya, cw, yb - ya), hatch)
        for a, b in c.away:
            ya, yb = self.y_of(m.minute_of(a, i)), self.y_of(m.minute_of(b, i))
            rect = QRectF(x, ya, cw, yb - ya)
            p.fillRect(rect, QColor(AWAY_COLOUR))
            p.fillRect(rect, QBrush(QColor(AWAY_HATCH), Qt.BrushStyle.BDiagPattern))
            p.setPen(QColor("#5d5677"))
            p.drawText(
                rect.adjusted(6, 6, -6, 0),
                Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter,
                self.tr("Away"),
            )
        if not c.work and not c.blocks:
            p.setPen(QColor("#6b7280"))
            p.drawText(
                QRectF(x + 6, max(top, HEADER_H) + 8, cw - 12, 40),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                self.tr("Not working"),
            )
        p.setPen(QPen(QColor("#c4c8ce"), 1))
        p.drawLine(int(x), int(top), int(x), int(bottom))

    def _paint_grid_lines(self, p: QPainter, first_col: int, last_col: int, cw: float) -> None:
        m = self.model
        left = self.x_of(first_col)
        right = self.x_of(last_col) + cw
        minute = m.first_minute - m.first_minute % m.granularity
        while minute <= m.last_minute:
            y = int(self.y_of(minute))
            hour = minute % 60 == 0
            p.setPen(QPen(QColor("#c4c8ce" if hour else "#e9ebee"), 1))
            p.drawLine(int(left), y, int(right), y)
            minute += m.granularity

    def _drawn_block(
        self, b: Block, column: int, width: int, bold: QFont, small: QFont
    ) -> DrawnBlock:
        m = self.model
        selected = b.booking_id == self.selected
        key = (b, m.columns[column].day, width, selected)
        found = self._drawn.get(key)
        if found is None:
            if len(self._drawn) > MAX_DRAWN_BLOCKS:
                self._drawn.clear()
            start, end = m.minute_of(b.start, column), m.minute_of(b.end, column)
            held_from = m.minute_of(b.busy_from, column) if b.busy_from else start
            held_until = m.minute_of(b.busy_until, column) if b.busy_until else end
            minutes = (start, end, held_from, held_until)
            found = self._drawn[key] = DrawnBlock(b, minutes, width, selected, (bold, small))
        return found

    def paint_block(
        self, p: QPainter, r: QRectF, b: Block, selected: bool, bold: QFont, small: QFont
    ) -> None:
        fill, pen = self._block_pens(b.status, b.pending, selected)
        p.setBrush(fill)
        p.setPen(pen)
        p.drawRoundedRect(r, 4, 4)
        p.setPen(TEXT_COLOUR)
        text = r.adjusted(6, 2, -4, -2)
        first, second = self._block_labels(b, int(text.width()), bold, small)
        short = r.height() < 36  # the text may not fit: keep it inside the block
        if short:
            p.save()
            p.setClipRect(text, Qt.ClipOperation.IntersectClip)
        p.setFont(bold)
        p.drawStaticText(text.topLeft(), first)
        if r.height() > 30:
            p.setFont(small)
            p.drawStaticText(text.topLeft() + QPointF(0, 17), second)
        elif first.size().width() + 16 + second.size().width() <= text.width():
            # One line high, but wide (a provider's own column): the service beside.
            p.setFont(small)
            p.drawStaticText(text.topLeft() + QPointF(first.size().width() + 16, 1), second)
        if short:
            p.restore()
        # The font is left as is: the paint's restore() puts the widget's back.

    def set_alerts(self, alerts: dict[str, tuple[str, timedelta]]) -> None:
        if alerts != self.alerts:
            self.alerts = alerts
            self.viewport().update()

    def _paint_alert(
        self, p: QPainter, r: QRectF, kind: str, waited: timedelta, small: QFont
    ) -> None:
        """Over the block, not in its cached image (alerts come and go by the minute):
        a thick border, and a tag with how long: over the service's line where there is
        one, so the name stays readable."""
        colour = QColor(ALERT_COLOURS[kind])
        p.save()
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(colour, 3))
        p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 4, 4)
        text = f"{int(waited.total_seconds() // 60)}′"
        p.setFont(small)
        tag_w = QFontMetrics(small).horizontalAdvance(text) + 8
        top = r.bottom() - 17 if r.height() > 36 else r.top() + 2
        tag = QRectF(r.right() - tag_w - 2, top, tag_w, 15)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawRoundedRect(tag, 3, 3)
        p.setPen(QColor("#ffffff"))
        p.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
        p.restore()

    def _paint_buffer(self, p: QPainter, r: QRectF, b: Block) -> None:
        """A buffer: a lighter shade of the block, so the gap does not look free."""
        fill, _pen = self._block_pens(b.status, b.pending, False)
        p.fillRect(r, buffer_colour(fill))
        p.fillRect(r, QBrush(fill.darker(125), Qt.BrushStyle.Dense6Pattern))

    def _block_pens(self, status: str, pending: bool, selected: bool) -> tuple[QColor, QPen]:
        key = (status, pending, selected)
        found = self._pens.get(key)
        if found is None:
            fill = QColor(STATUS_COLOURS.get(status, "#cfe3fb"))
            pen = QPen(QColor("#1f2937") if selected else fill.darker(140), 2 if selected else 1)
            if pending:
                pen.setStyle(Qt.PenStyle.DashLine)  # not yet on the server
            found = self._pens[key] = (fill, pen)
        return found

    def _block_labels(
        self, b: Block, width: int, bold: QFont, small: QFont
    ) -> tuple[QStaticText, QStaticText]:
        """A block's two lines, elided to its width and laid out once: a refresh after a
        sync repaints hundreds of blocks, nearly all of them unchanged."""
        key = (b, width, self.model.tz)
        found = self._labels.get(key)
        if found is None:
            if len(self._labels) > 5000:
                self._labels.clear()
            elide = Qt.TextElideMode.ElideRight
            time_text = f"{b.start.astimezone(self.model.tz):%H:%M}"
            first = QFontMetrics(bold).elidedText(f"{time_text}  {b.customer}", elide, width)
            line = b.service + ("  ⟳" if b.pending else "")
            second = QFontMetrics(small).elidedText(line, elide, width)
            found = self._labels[key] = (static_label(first, bold), static_label(second, small))
        return found

    def _paint_ghost(self, p: QPainter, bold: QFont) -> None:
        if self._ghost is None or self._press is None:
            return
        column, minute = self._ghost
        b = self._press[1]
        length = (b.end - b.start).total_seconds() / 60
        x = self.x_of(column)
        r = QRectF(x + 3, self.y_of(minute), self.column_width() - 6, length * PX_PER_MINUTE)
        p.setBrush(QColor(255, 255, 255, 200))
        p.setPen(QPen(QColor("#1f6f8b"), 2, Qt.PenStyle.DashLine))
        p.drawRoundedRect(r, 4, 4)
        p.setFont(bold)
        local = self.model.instant(column, minute).astimezone(self.model.tz)
        p.drawText(r.adjusted(6, 2, -4, -2), f"{local:%H:%M}  {b.customer}")
        p.setFont(self.font())

    def _paint_cursor(self, p: QPainter, cw: float) -> None:
        if self.cursor_cell is None or not self.hasFocus():
            return
        column, minute = self.cursor_cell
        if column >= len(self.model.columns):
            return
        y = self.y_of(minute)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QColor("#1f6f8b"), 2))
        p.drawRect(QRectF(self.x_of(column) + 1, y, cw - 2, self.model.granularity * PX_PER_MINUTE))

    def _paint_now(self, p: QPainter) -> None:
        now = self.now_provider()
        m = self.model
        for i, vc in enumerate(m.columns):
            if now.astimezone(m.tz).date() != vc.day:
                continue
            y = self.y_of(m.minute_of(now, i))
            p.setPen(QPen(QColor("#d62828"), 2))
            p.drawLine(int(self.x_of(i)), int(y), int(self.x_of(i) + self.column_width()), int(y))

    def _paint_header(self, p: QPainter, cw: float, first_col: int, last_col: int) -> None:
        w = self.viewport().width()
        p.fillRect(QRect(0, 0, w, HEADER_H), QColor("#ffffff"))
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.save()
        p.setClipRect(QRect(GUTTER_W, 0, w - GUTTER_W, HEADER_H))
        today = self.now_provider().astimezone(self.model.tz).date()
        for i in range(first_col, last_col + 1):
            vc = self.model.columns[i]
            x = self.x_of(i)
            if self.model.week and vc.day == today:
                p.fillRect(QRectF(x, 0, cw, HEADER_H - 5), QColor("#e8f1fb"))
            p.fillRect(QRectF(x, HEADER_H - 5, cw, 5), QColor(vc.column.colour))
            p.setPen(QColor("#1f2937"))
            p.drawText(
                QRectF(x + 6, 0, cw - 12, HEADER_H - 6),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                p.fontMetrics().elidedText(vc.header, Qt.TextElideMode.ElideRight, int(cw - 12)),
            )
        p.restore()
        p.setFont(self.font())
        p.setPen(QColor("#c4c8ce"))
        p.drawLine(0, HEADER_H - 1, w, HEADER_H - 1)

    def _paint_gutter(self, p: QPainter) -> None:
        m = self.model
        h = self.viewport().height()
        p.fillRect(QRect(0, HEADER_H, GUTTER_W, h), QColor("#ffffff"))
        p.save()
        p.setClipRect(QRect(0, HEADER_H, GUTTER_W, h))
        p.setPen(QColor("#4b5563"))
        hour = m.first_minute - m.first_minute % 60
        while hour <= m.last_minute:
            y = self.y_of(hour)
            p.drawText(
                QRectF(0, y - 2, GUTTER_W - 8, 20),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                f"{(hour // 60) % 24:02d}:00",
            )
            hour += 60
        p.restore()
        p.setPen(QColor("#c4c8ce"))
        p.drawLine(GUTTER_W - 1, HEADER_H, GUTTER_W - 1, h)

    # -- events ---------------------------------------------------------------------------

    def _plan_changed(self) -> None:
        if self.selected and self.model.block(self.selected) is None:
            self.selected = None
        if self.model.tz != self._drawn_in:  # the minutes were of another zone's days
            self._drawn.clear()
            self._drawn_in = self.model.tz
        self._update_scrollbars()
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._labels.clear()  # laid out for the old font
            self._drawn.clear()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is None or event.button() != Qt.MouseButton.LeftButton:
            return
        column, minute = cell
        self.cursor_cell = (column, self.model.snap(minute - self.model.granularity / 2))
        block = self.model.block_at(column, minute)
        if block is not None:
            self.select(block.booking_id)
            grab = minute - self.model.minute_of(block.start, column)
            if self.movable:
                self._press = (event.position().toPoint(), block, grab)
        else:
            self.select(None)
        self.viewport().update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is None:
            cell = self.cell_at(pos)
            block = self.model.block_at(*cell) if cell else None
            if block is not None:
                self.viewport().setToolTip(self._tooltip(block))
            else:
                kept = self.model.buffer_at(*cell) if cell else None
                self.viewport().setToolTip(self._buffer_tooltip(kept) if kept else "")
            return
        start, block, grab = self._press
        if self._ghost is None and (pos - start).manhattanLength() < DRAG_START_PX:
            return
        cell = self.cell_at(pos)
        if cell is None:
            return
        column, minute = cell
        self._ghost = (column, self.model.snap(minute - grab))
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, ghost = self._press, self._ghost
        self._press = self._ghost = None
        if press is not None and ghost is not None:
            column, minute = ghost
            block = press[1]
            new_start = self.model.instant(column, minute)
            same_column = self.model.columns[column].column.provider_id == block.provider_id
            if new_start != block.start or not same_column:
                self.booking_moved.emit(block.booking_id, column, new_start)
        self.viewport().update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            return
        column, minute = cell
        block = self.model.block_at(column, minute)
        if block is not None:
            self.booking_activated.emit(block.booking_id)
        else:
            start = self.model.snap(minute - self.model.granularity / 2)
            self.slot_activated.emit(column, self.model.instant(column, start))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        m = self.model
        if not m.columns:
            super().keyPressEvent(event)
            return
        if self.cursor_cell is None:
            self.cursor_cell = (0, m.snap(m.first_minute))
        column, minute = self.cursor_cell
        key = event.key()
        if key == Qt.Key.Key_Down:
            minute = min(m.last_minute - m.granularity, minute + m.granularity)
        elif key == Qt.Key.Key_Up:
            minute = max(m.first_minute, minute - m.granularity)
        elif key == Qt.Key.Key_Right:
            column = min(len(m.columns) - 1, column + 1)
        elif key == Qt.Key.Key_Left:
            column = max(0, column - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            block = m.block_at(column, minute)
            if block is not None:
                self.booking_activated.emit(block.booking_id)
            else:
                self.slot_activated.emit(column, m.instant(column, minute))
            return
        else:
            super().keyPressEvent(event)
            return
        self.cursor_cell = (column, minute)
        block = m.block_at(column, minute)
        self.select(block.booking_id if block else None)
        self._ensure_visible(column, minute)
        self.viewport().update()

    def _ensure_visible(self, column: int, minute: int) -> None:
        y = self.y_of(minute)
        if y < HEADER_H:
            self.verticalScrollBar().setValue(self._dy() - int(HEADER_H - y))
        elif y + 30 > self.viewport().height():
            self.verticalScrollBar().setValue(self._dy() + int(y + 30 - self.viewport().height()))
        x = self.x_of(column)
        cw = self.column_width()
        if x < GUTTER_W:
            self.horizontalScrollBar().setValue(self._dx() - int(GUTTER_W - x))
        elif x + cw > self.viewport().width():
            self.horizontalScrollBar().setValue(self._dx() + int(x + cw - self.viewport().width()))

    def select(self, booking_id: str | None) -> None:
        if booking_id == self.selected:
            return
        self.selected = booking_id
        if booking_id is not None:
            found = self.model.block(booking_id)
            if found is not None:
                self.setAccessibleDescription(self._tooltip(found[1]))
            self.booking_selected.emit(booking_id)
        self.viewport().update()

    def _buffer_tooltip(self, b: Block) -> str:
        local = b.start.astimezone(self.model.tz)
        return self.tr("Buffer: time kept free around the %1 booking").replace(
            "%1", f"{local:%H:%M}"
        )

    def _tooltip(self, b: Block) -> str:
        from html import escape  # tooltips guess rich text: escape what comes from data

        tz = self.model.tz
        when = f"{b.start.astimezone(tz):%H:%M}–{b.end.astimezone(tz):%H:%M}"
        lines = [f"{when} {b.customer}", b.service, b.code]
        if b.notes:
            lines.append(b.notes)
        return "<p style='white-space:pre'>" + escape("\n".join(x for x in lines if x)) + "</p>"
