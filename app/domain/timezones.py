"""Instants are UTC; days, hours and labels are in the tenant's zone.

Converting a local wall-clock time to an instant is where DST bites: a time may not
exist (the clock jumped over it) or exist twice (the clock went back). Both are
resolved here, once, so that availability never offers a slot that does not exist.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from app.domain.errors import InvalidValueError

DEFAULT_TIME_ZONE = "America/Argentina/Buenos_Aires"


def zone(name: str, field: str = "time_zone") -> ZoneInfo:
    """The zone called `name` in the tz database, or an error naming `field`.

    Looked up in the database's list first: any other string would reach the file
    system as a path (a 5,000-character name is an OSError, not a missing zone)."""
    if name not in all_zone_names():
        shown = name if len(name) <= 64 else f"{name[:64]}..."
        raise InvalidValueError(field, "unknown_time_zone", f"unknown time zone: {shown!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise InvalidValueError(field, "unknown_time_zone", f"unknown time zone: {name!r}") from exc


@cache
def all_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def ensure_utc(instant: datetime, field: str = "instant") -> datetime:
    """Reject naive datetimes: without an offset we cannot know which instant is meant."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise InvalidValueError(field, "naive_datetime", "a date and time needs a UTC offset")
    return instant.astimezone(UTC)


def _exists(local: datetime) -> bool:
    """A wall time exists iff it survives a round trip through UTC."""
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def local_to_utc(day: date, wall: time, tz: ZoneInfo, *, latest: bool = False) -> datetime:
    """The instant when the clock in `tz` shows `wall` on `day`.

    A wall time skipped by a DST jump resolves to the instant of the jump (the first
    one that exists after it). A wall time shown twice resolves to its first
    occurrence, or its last one with `latest=True` (used for the end of a shift: work
    goes on until the clock shows the end time for the last time).
    """
    naive = datetime.combine(day, wall)
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if not _exists(first):
        return _gap_end(naive, tz)
    if latest and first.utcoffset() != second.utcoffset():
        return second.astimezone(UTC)
    return first.astimezone(UTC)


def _gap_end(naive: datetime, tz: ZoneInfo) -> datetime:
    """The instant the clock jumped over `naive` (the first existing instant after it)."""
    before = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)  # offset before the jump
    after = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)  # offset after the jump
    lo, hi = min(before, after), max(before, after)
    # The transition lies between the two readings; find it to the minute.
    while hi - lo > timedelta(minutes=1):
        mid = lo + (hi - lo) / 2
        if mid.astimezone(tz).replace(tzinfo=None) < naive:
            lo = mid
        else:
            hi = mid
    # Transitions in tz data fall on whole minutes.
    return hi.replace(second=0, microsecond=0)


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants where the local `day` starts and the next one starts."""
    return local_to_utc(day, time(0), tz), local_to_utc(day + timedelta(days=1), time(0), tz)


def local_date(instant: datetime, tz: ZoneInfo) -> date:
    return ensure_utc(instant).astimezone(tz).date()
