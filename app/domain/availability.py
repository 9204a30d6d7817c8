"""Free slots and the bookability check, shared by the desk, the kiosk and the server.

A booking holds its provider from `start - buffer_before` to `end + buffer_after`
(the "busy range"). That whole range must fall inside working hours, outside breaks
and time off, and must not overlap another active booking's busy range. Slots are
offered every `granularity` minutes of real time from the start of each working
interval, so on a DST day no slot falls in the hour that does not exist, and no
instant is offered twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.errors import ConflictError, InvalidValueError
from app.domain.schedules import ProviderSchedule
from app.domain.services import MAX_BUFFER_MINUTES, MAX_DURATION_MINUTES, ServiceSpec
from app.domain.timezones import day_bounds, ensure_utc, local_date

Interval = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class Slot:
    start_at: datetime
    end_at: datetime
    provider_ids: tuple[object, ...]  # the providers free for it, in the order given


def busy_range(start_at: datetime, service: ServiceSpec) -> Interval:
    start = ensure_utc(start_at, "start_at")
    return start - service.before, start + service.duration + service.after


# How far a booking's start can be from the edges of its busy range: the longest
# buffer before it, the longest service and buffer after it.
_LONGEST_BEFORE = timedelta(minutes=MAX_BUFFER_MINUTES)
_LONGEST_AFTER = timedelta(minutes=MAX_DURATION_MINUTES + MAX_BUFFER_MINUTES)


def starts_touching(around: Interval) -> Interval:
    """The starts (exclusive bounds) a booking whose busy range touches `around` can
    have: a window a store can find by an index of starts, where an overlap test of
    ranges would read a provider's whole history."""
    return around[0] - _LONGEST_AFTER, around[1] + _LONGEST_BEFORE


def _subtract(windows: list[Interval], cuts: Iterable[Interval]) -> list[Interval]:
    """Windows minus cuts; both are half-open [from, until)."""
    result = windows
    for cut_from, cut_until in cuts:
        nxt: list[Interval] = []
        for w_from, w_until in result:
            if cut_until <= w_from or cut_from >= w_until:
                nxt.append((w_from, w_until))
                continue
            if w_from < cut_from:
                nxt.append((w_from, cut_from))
            if cut_until < w_until:
                nxt.append((cut_until, w_until))
        result = nxt
    return result


def working_windows(schedule: ProviderSchedule, day: date, tz: ZoneInfo) -> list[Interval]:
    """The provider's hours on the local `day`, less breaks and time off, in UTC."""
    hours = [iv.on(day, tz) for iv in schedule.hours_on(day)]
    breaks = [iv.on(day, tz) for iv in schedule.breaks_on(day)]
    off = [(t.start_at, t.end_at) for t in schedule.time_off]
    return _subtract(sorted(h for h in hours if h[0] < h[1]), [*breaks, *off])


def _fits(rng: Interval, windows: Sequence[Interval]) -> bool:
    return any(w_from <= rng[0] and rng[1] <= w_until for w_from, w_until in windows)


def _overlaps(rng: Interval, busy: Iterable[Interval]) -> bool:
    return any(b_from < rng[1] and rng[0] < b_until for b_from, b_until in busy)


def free_slots(
    day: date,
    tz: ZoneInfo,
    service: ServiceSpec,
    schedules: Sequence[ProviderSchedule],
    busy: Mapping[Any, Sequence[Interval]],
    granularity_minutes: int,
    *,
    not_before: datetime | None = None,
) -> list[Slot]:
    """Free slots on the local `day` for `service` with any of `schedules`.

    `busy` maps a provider id to the busy ranges of its active bookings. Pass one
    schedule for "this provider", several for "any provider". `not_before` drops
    slots that start earlier (e.g. now, for today).
    """
    if granularity_minutes < 5 or granularity_minutes > 240:
        raise InvalidValueError("granularity_minutes", "out_of_range", "must be 5 to 240")
    step = timedelta(minutes=granularity_minutes)
    by_start: dict[datetime, list[object]] = {}
    for schedule in schedules:
        windows = working_windows(schedule, day, tz)
        provider_busy = busy.get(schedule.provider_id, ())
        for iv in schedule.hours_on(day):
            grid_from, grid_until = iv.on(day, tz)
            candidate = grid_from
            while candidate < grid_until:
                rng = busy_range(candidate, service)
                if (
                    (not_before is None or candidate >= not_before)
                    and _fits(rng, windows)
                    and not _overlaps(rng, provider_busy)
                ):
                    by_start.setdefault(candidate, []).append(schedule.provider_id)
                candidate += step
    return [
        Slot(start, start + service.duration, tuple(ids)) for start, ids in sorted(by_start.items())
    ]


class Hindrance(StrEnum):
    """Why a provider cannot take a service at a time, most basic reason first."""

    PAST = "past"  # the time has gone by
    OUTSIDE_HOURS = "outside_hours"  # not (wholly) within the provider's hours that day
    TIME_OFF = "time_off"  # the provider is away then
    BREAK = "break"  # the provider's break
    OVERLAP = "overlap"  # the booking itself would overlap another booking
    NEIGHBOUR_BUFFER = "neighbour_buffer"  # it falls in the time kept free around another
    OWN_BUFFER = "own_buffer"  # its own buffer (before/after) reaches another booking


@dataclass(frozen=True, slots=True)
class Held:
    """Another active booking of the provider: its own time and the range it holds."""

    start_at: datetime
    end_at: datetime
    busy_from: datetime
    busy_until: datetime


@dataclass(frozen=True, slots=True)
class Blocked:
    """A reason a time cannot be booked, and what stands in the way (the break, the
    time off, the other booking's own time), when there is one thing to name."""

    reason: Hindrance
    span: Interval | None = None


_REFUSALS: dict[Hindrance, tuple[str, str]] = {
    Hindrance.OUTSIDE_HOURS: ("outside_working_hours", "is outside the provider's working hours"),
    Hindrance.TIME_OFF: ("provider_unavailable", "the provider is on a break or time off then"),
    Hindrance.BREAK: ("provider_unavailable", "the provider is on a break or time off then"),
    Hindrance.OVERLAP: ("slot_taken", "overlaps another booking of this provider"),
    Hindrance.NEIGHBOUR_BUFFER: ("slot_taken", "overlaps another booking of this provider"),
    Hindrance.OWN_BUFFER: ("slot_taken", "overlaps another booking of this provider"),
}


def why_not_bookable(
    start_at: datetime,
    service: ServiceSpec,
    schedule: ProviderSchedule,
    held: Sequence[Held],
    tz: ZoneInfo,
    now: datetime | None = None,
) -> Blocked | None:
    """None if the provider can take `service` at `start_at`, else the first reason.

    The rule `check_bookable` enforces, told in full: a desk that cannot book a gap
    that looks free can say it is the buffer kept after the 10:00 booking.
    """
    rng = busy_range(start_at, service)
    own = (rng[0] + service.before, rng[0] + service.before + service.duration)
    return why_not_held(rng, own, schedule, held, tz, now)


def why_not_held(
    rng: Interval,
    own: Interval,
    schedule: ProviderSchedule,
    held: Sequence[Held],
    tz: ZoneInfo,
    now: datetime | None = None,
) -> Blocked | None:
    """`why_not_bookable` for a time already laid out: `rng` the busy range it holds
    (buffers included), `own` the booking's own time. What a setup change is checked
    with against the bookings that are kept as they were made."""
    if now is not None and own[0] < now:
        return Blocked(Hindrance.PAST)
    day = local_date(rng[0], tz)
    # A busy range can start the local day before (buffer before midnight): check both.
    days = [day]
    if local_date(rng[1] - timedelta(microseconds=1), tz) != day:
        days.append(day + timedelta(days=1))
    windows = [w for d in days for w in working_windows(schedule, d, tz)]
    if not _fits(rng, windows):
        hours = [iv.on(day, tz) for iv in schedule.hours_on(day)]
        if not _fits(rng, hours):
            return Blocked(Hindrance.OUTSIDE_HOURS)
        for off in schedule.time_off:
            if _overlaps(rng, [(off.start_at, off.end_at)]):
                return Blocked(Hindrance.TIME_OFF, (off.start_at, off.end_at))
        breaks = [iv.on(d, tz) for d in days for iv in schedule.breaks_on(d)]
        found = next((b for b in sorted(breaks) if _overlaps(rng, [b])), None)
        return Blocked(Hindrance.BREAK, found)
    ordered = sorted(held, key=lambda h: h.start_at)
    checks: list[tuple[Hindrance, Interval, list[Interval]]] = [
        (Hindrance.OVERLAP, own, [(h.start_at, h.end_at) for h in ordered]),
        (Hindrance.NEIGHBOUR_BUFFER, own, [(h.busy_from, h.busy_until) for h in ordered]),
        (Hindrance.OWN_BUFFER, rng, [(h.busy_from, h.busy_until) for h in ordered]),
    ]
    for reason, mine, theirs in checks:
        for h, other in zip(ordered, theirs, strict=True):
            if _overlaps(mine, [other]):
                return Blocked(reason, (h.start_at, h.end_at))
    return None


def check_bookable(
    start_at: datetime,
    service: ServiceSpec,
    schedule: ProviderSchedule,
    busy: Sequence[Interval],
    tz: ZoneInfo,
) -> Interval:
    """Raise unless the provider can take `service` at `start_at`; return the busy range.

    Off-grid starts are allowed: the desk may book 10:05 if the time is free. `busy`
    holds the other bookings' busy ranges (their buffers included).
    """
    blocked = why_not_bookable(start_at, service, schedule, [Held(a, b, a, b) for a, b in busy], tz)
    if blocked is not None:
        code, message = _REFUSALS[blocked.reason]
        raise ConflictError("start_at", code, message)
    return busy_range(start_at, service)


def next_free_slots(
    after: datetime,
    tz: ZoneInfo,
    service: ServiceSpec,
    schedules: Sequence[ProviderSchedule],
    busy: Mapping[Any, Sequence[Interval]],
    granularity_minutes: int,
    *,
    count: int,
    days: int = 31,
) -> list[Slot]:
    """The first `count` free slots from `after` on, looking up to `days` local days
    ahead (other days included: a full day still gets an answer). `busy` must cover
    those days."""
    found: list[Slot] = []
    first = local_date(after, tz)
    for i in range(days):
        day = first + timedelta(days=i)
        found += free_slots(
            day, tz, service, schedules, busy, granularity_minutes, not_before=after
        )
        if len(found) >= count:
            break
    return found[:count]


def day_range(day: date, tz: ZoneInfo) -> Interval:
    """The UTC range of a local day, for fetching the bookings that matter."""
    return day_bounds(day, tz)
