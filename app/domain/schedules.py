"""A provider's working time: weekly hours, weekly breaks and dated time off.

Weekly hours and breaks are wall-clock times in the tenant's zone (a clinic opens at
09:00 local whatever the offset); time off is a pair of instants.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
class ProviderSchedule:
    """Everything availability needs to know about one provider."""

    provider_id: object  # a UUID on the server; kept loose so tests can use short names
    hours: Sequence[WeeklyInterval]
    breaks: Sequence[WeeklyInterval] = ()
    time_off: Sequence[TimeOff] = ()


# The week a new business's first provider starts with (`turnero admin create-tenant
# --provider`): weekdays 09:00-18:00 with a break at 13:00, Saturday mornings.
STARTER_HOURS: tuple[WeeklyInterval, ...] = (
    *(WeeklyInterval(d, time(9), time(18)) for d in range(5)),
    WeeklyInterval(5, time(9), time(13)),
)
STARTER_BREAKS: tuple[WeeklyInterval, ...] = tuple(
    WeeklyInterval(d, time(13), time(14)) for d in range(5)
)
