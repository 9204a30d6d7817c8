"""A provider's working time: weekly hours, weekly breaks and dated time off.

Weekly hours and breaks are wall-clock times in the tenant's zone (a clinic opens at
09:00 local whatever the offset); time off is a pair of instants. A provider may have
several weeks, each in force from a local date ("from 1 March, Tuesdays 10-19"):
`ProviderSchedule.week_on` is the one rule that says which week a day keeps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from app.domain.errors import InvalidValueError
from app.domain.timezones import ensure_utc, local_to_utc

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True, order=True)
class WeeklyInterval:
    """From `start` to `end` (local wall clock) every `weekday` (0 = Monday)."""

    weekday: int
    start: time
    end: time

    def on(self, day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
        return local_to_utc(day, self.start, tz), local_to_utc(day, self.end, tz, latest=True)


@dataclass(frozen=True, slots=True)
class TimeOff:
    start_at: datetime
    end_at: datetime
    reason: str = ""


def check_weekly(intervals: Iterable[WeeklyInterval], field_name: str) -> list[WeeklyInterval]:
    """Each interval within one day, start before end, none overlapping on a weekday."""
    ordered = sorted(intervals)
    for i, iv in enumerate(ordered):
        where = f"{field_name}[{i}]"
        if not 0 <= iv.weekday <= 6:
            raise InvalidValueError(f"{where}.weekday", "out_of_range", "must be 0 (Monday) to 6")
        if iv.start >= iv.end:
            raise InvalidValueError(f"{where}.end", "end_before_start", "must be after start")
        if i and ordered[i - 1].weekday == iv.weekday and ordered[i - 1].end > iv.start:
            raise InvalidValueError(
                f"{where}.start",
                "overlapping_intervals",
                f"overlaps another interval on {WEEKDAYS[iv.weekday]}",
            )
    return ordered


def check_time_off(start_at: datetime, end_at: datetime, field_name: str = "time_off") -> None:
    start, end = ensure_utc(start_at, f"{field_name}.start_at"), ensure_utc(end_at, "end_at")
    if start >= end:
        raise InvalidValueError(
            f"{field_name}.end_at", "end_before_start", "must be after start_at"
        )


@dataclass(frozen=True, slots=True)
class WeekSet:
    """One week of hours and breaks, in force from the local day `valid_from` (None:
    since always) until the next set's day."""

    valid_from: date | None
    hours: Sequence[WeeklyInterval]
    breaks: Sequence[WeeklyInterval] = ()


@dataclass(frozen=True, slots=True)
class ProviderSchedule:
    """Everything availability needs to know about one provider.

    `hours`/`breaks` are the week in force since always; `dated` the weeks that take
    over from a date on. Read a day's hours with `hours_on`/`breaks_on`, never from
    `hours` directly, so that a dated week is never missed."""

    provider_id: object  # a UUID on the server; kept loose so tests can use short names
    hours: Sequence[WeeklyInterval]
    breaks: Sequence[WeeklyInterval] = ()
    time_off: Sequence[TimeOff] = ()
    dated: Sequence[WeekSet] = ()

    def weeks(self) -> list[WeekSet]:
        """Every week, the undated one first, then by the day each starts."""
        dated = sorted((w for w in self.dated if w.valid_from is not None), key=_start)
        return [WeekSet(None, self.hours, self.breaks), *dated]

    def week_on(self, day: date) -> WeekSet:
        """The week in force on the local `day`: of those starting on or before it, the
        one that starts last (the undated week if none does)."""
        chosen = WeekSet(None, self.hours, self.breaks)
        for week in self.dated:
            start = week.valid_from
            if start is not None and start <= day and _start(chosen) <= start:
                chosen = week
        return chosen

    def hours_on(self, day: date) -> list[WeeklyInterval]:
        """The working intervals of the local `day` (its weekday, in its week)."""
        return [iv for iv in self.week_on(day).hours if iv.weekday == day.weekday()]

    def breaks_on(self, day: date) -> list[WeeklyInterval]:
        return [iv for iv in self.week_on(day).breaks if iv.weekday == day.weekday()]

    def with_week(self, week: WeekSet) -> ProviderSchedule:
        """This schedule with `week` in place of the one starting on the same day (an
        empty dated week removes it: the week before it stays in force)."""
        if week.valid_from is None:
            return replace(self, hours=tuple(week.hours), breaks=tuple(week.breaks))
        others = [w for w in self.dated if w.valid_from != week.valid_from]
        if week.hours or week.breaks:
            others.append(week)
        return replace(self, dated=tuple(sorted(others, key=_start)))


def _start(week: WeekSet) -> date:
    return week.valid_from or date.min


@dataclass(frozen=True, slots=True)
class HoursRow:
    """A stored interval (a server row, a replica row), as the schedule is built from."""

    kind: str  # "work" or "break"
    weekday: int
    start: time
    end: time
    valid_from: date | None = None


def schedule_from_rows(
    provider_id: object, rows: Iterable[HoursRow], time_off: Sequence[TimeOff] = ()
) -> ProviderSchedule:
    """A provider's schedule from its stored intervals, grouped into weeks by the day
    each starts: the server's catalogue and the desk's replica read it the same way."""
    weeks: dict[date | None, tuple[list[WeeklyInterval], list[WeeklyInterval]]] = {}
    for r in rows:
        work, pause = weeks.setdefault(r.valid_from, ([], []))
        (work if r.kind == "work" else pause).append(WeeklyInterval(r.weekday, r.start, r.end))
    undated = weeks.pop(None, ([], []))
    dated = [WeekSet(start, sorted(w), sorted(b)) for start, (w, b) in weeks.items()]
    return ProviderSchedule(
        provider_id,
        sorted(undated[0]),
        sorted(undated[1]),
        time_off,
        tuple(sorted(dated, key=_start)),
    )


# The week a new business's first provider starts with (`turnero admin create-tenant
# --provider`): weekdays 09:00-18:00 with a break at 13:00, Saturday mornings.
STARTER_HOURS: tuple[WeeklyInterval, ...] = (
    *(WeeklyInterval(d, time(9), time(18)) for d in range(5)),
    WeeklyInterval(5, time(9), time(13)),
)
STARTER_BREAKS: tuple[WeeklyInterval, ...] = tuple(
    WeeklyInterval(d, time(13), time(14)) for d in range(5)
)
