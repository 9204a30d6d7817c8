"""What the schedule view paints: columns (a provider on a day) and their bookings.

The day view has one column per provider; the week view one column per day for one
provider. Both map times to rows the same way, in minutes of the local day.

Signals:
    plan_changed(): the columns or their bookings changed; the view repaints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from app.schedule import Block, Column, DayPlan

STATUS_COLOURS = {
    "requested": "#fde9b6",
    "confirmed": "#cfe3fb",
    "checked_in": "#ffd166",
    "in_service": "#a7e0b9",
    "completed": "#dcdcdc",
    "no_show": "#f3b3b3",
    "cancelled": "#eeeeee",
}


@dataclass(frozen=True)
class ViewColumn:
    header: str
    day: date
    column: Column


class ScheduleModel(QObject):
    plan_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns: list[ViewColumn] = []
        self.tz = ZoneInfo("UTC")
        self.granularity = 15
        self.first_minute = 8 * 60
        self.last_minute = 20 * 60
        self.week = False
        self.message = ""  # why there is nothing to show (a day not on this desk)

    def set_unavailable(self, message: str) -> None:
        """No columns, and why: said over the grid, never an empty, free-looking day."""
        self.columns, self.message = [], message
        self.plan_changed.emit()

    def set_day(self, plan: DayPlan) -> None:
        self.week = False
        self._set([ViewColumn(c.name, plan.day, c) for c in plan.columns], [plan])

    def set_week(self, plans: list[DayPlan], headers: list[str]) -> None:
        self.week = True
        columns = [ViewColumn(h, p.day, p.columns[0]) for h, p in zip(headers, plans, strict=True)]
        self._set(columns, plans)

    def _set(self, columns: list[ViewColumn], plans: list[DayPlan]) -> None:
        self.columns, self.message = columns, ""
        if plans:
            self.tz = plans[0].tz
            self.granularity = plans[0].granularity
            self.first_minute = min(self._minute_of(p.first, p.day) for p in plans)
            self.last_minute = max(self._minute_of(p.last, p.day) for p in plans)
            if self.last_minute <= self.first_minute:
                self.last_minute = self.first_minute + 60
        self.plan_changed.emit()

    # -- time <-> minutes of the local day ---------------------------------------------

    def _minute_of(self, at: datetime, day: date) -> int:
        local = at.astimezone(self.tz)
        return (local.date() - day).days * 1440 + local.hour * 60 + local.minute

    def minute_of(self, at: datetime, column: int) -> int:
        return self._minute_of(at, self.columns[column].day)

    def instant(self, column: int, minute: int) -> datetime:
        """The UTC instant `minute` minutes into the column's local day."""
        day = self.columns[column].day
        local = datetime(day.year, day.month, day.day, tzinfo=self.tz) + timedelta(minutes=minute)
        # Wall-clock arithmetic: normalise through UTC so a DST day still lands right.
        return local.astimezone(UTC)

    def snap(self, minute: float) -> int:
        g = self.granularity
        return int(round(minute / g) * g)

    # -- lookups ------------------------------------------------------------------------

    def block(self, booking_id: str) -> tuple[int, Block] | None:
        for i, c in enumerate(self.columns):
            for b in c.column.blocks:
                if b.booking_id == booking_id:
                    return i, b
        return None

    def buffer_at(self, column: int, minute: float) -> Block | None:
        """The booking whose buffer (time kept free before or after it) holds `minute`."""
        if not 0 <= column < len(self.columns):
            return None
        for b in self.columns[column].column.blocks:
            held_from = self.minute_of(b.busy_from or b.start, column)
            held_until = self.minute_of(b.busy_until or b.end, column)
            if held_from <= minute < held_until and b is not self.block_at(column, minute):
                return b
        return None

    def block_at(self, column: int, minute: float) -> Block | None:
        if not 0 <= column < len(self.columns):
            return None
        for b in self.columns[column].column.blocks:
            if self.minute_of(b.start, column) <= minute < self.minute_of(b.end, column):
                return b
        return None
