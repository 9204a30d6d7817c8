"""Bookings: the status machine and recurring series.

Events are named like the platform's (`booking.created`, `booking.cancelled`, ...).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.domain.errors import ConflictError, InvalidValueError
from app.domain.timezones import ensure_utc, local_date, local_to_utc


class BookingStatus(StrEnum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    IN_SERVICE = "in_service"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


S = BookingStatus
# Where a booking may go from each status. A person who arrives for a booking that was
# only requested is plainly confirmed by arriving, so check-in is allowed from there.
TRANSITIONS: dict[BookingStatus, frozenset[BookingStatus]] = {
    S.REQUESTED: frozenset({S.CONFIRMED, S.CHECKED_IN, S.CANCELLED, S.NO_SHOW}),
    S.CONFIRMED: frozenset({S.CHECKED_IN, S.IN_SERVICE, S.CANCELLED, S.NO_SHOW}),
    S.CHECKED_IN: frozenset({S.IN_SERVICE, S.CANCELLED}),
    S.IN_SERVICE: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.CANCELLED: frozenset(),
    S.NO_SHOW: frozenset(),
}

# Statuses that hold the provider's time. A cancelled booking or a no-show frees it;
# a completed one keeps it, as history must stay free of overlaps too.
ACTIVE_STATUSES: frozenset[BookingStatus] = frozenset(
    {S.REQUESTED, S.CONFIRMED, S.CHECKED_IN, S.IN_SERVICE, S.COMPLETED}
)

# Which of a person's bookings of the day a kiosk speaks of when their details match
# several, first to last: one still to check in, one under way, one over, one that
# will not happen (a visit done this morning must not hide this afternoon's).
CHECK_IN_ORDER: dict[BookingStatus, int] = {
    S.REQUESTED: 0,
    S.CONFIRMED: 0,
    S.CHECKED_IN: 1,
    S.IN_SERVICE: 1,
    S.COMPLETED: 2,
    S.NO_SHOW: 3,
    S.CANCELLED: 3,
}

# The platform's event for entering each status.
EVENTS: dict[BookingStatus, str] = {
    S.REQUESTED: "booking.requested",
    S.CONFIRMED: "booking.confirmed",
    S.CHECKED_IN: "booking.checked_in",
    S.IN_SERVICE: "booking.started",
    S.COMPLETED: "booking.completed",
    S.CANCELLED: "booking.cancelled",
    S.NO_SHOW: "booking.no_show",
}

INITIAL_STATUSES = frozenset({S.REQUESTED, S.CONFIRMED})
# Whom a reminder is for: bookings still to come (the call list of tomorrow's).
REMINDABLE = INITIAL_STATUSES


def check_remindable(status: BookingStatus, field_name: str = "booking_id") -> None:
    """A reminder is marked (or taken back) on a booking still to come: one that was
    cancelled, missed or has begun has nobody left to remind."""
    if status not in REMINDABLE:
        raise ConflictError(
            field_name,
            "not_remindable",
            f"a {status.value.replace('_', ' ')} booking has nobody to remind",
        )


def reminded_at(at: datetime, now: datetime) -> datetime:
    """When a reminder was made: when staff marked it (a desk offline pushes it later),
    but never later than `now`, the server's time: a desk's clock ahead of it does
    not date a reminder in the future."""
    return min(ensure_utc(at), ensure_utc(now))


MAX_SERIES_LENGTH = 52


def parse_status(value: str, field_name: str = "status") -> BookingStatus:
    try:
        return BookingStatus(value)
    except ValueError:
        allowed = ", ".join(s.value for s in BookingStatus)
        raise InvalidValueError(field_name, "unknown_status", f"must be one of {allowed}") from None


def check_transition(current: BookingStatus, target: BookingStatus) -> None:
    """Raise ConflictError unless the machine allows `current` -> `target`."""
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "none (it is final)"
        raise ConflictError(
            "status",
            "transition_not_allowed",
            f"a {current.value} booking cannot become {target.value}; allowed: {allowed}",
        )


def arrival_time(at: datetime | None, start_at: datetime, now: datetime, tz: ZoneInfo) -> datetime:
    """When a customer arrived: `at`, by the clock of the desk or kiosk that checked
    them in (the change may reach the server later), else `now`. A device's clock is
    no reason to refuse an arrival: one ahead of the server's gives `now`, one on
    another day than the booking's (a clock far off) gives `now` too."""
    if at is None or at > now or local_date(at, tz) != local_date(start_at, tz):
        return now
    return at


def check_arrival_day(start_at: datetime, now: datetime, tz: ZoneInfo) -> None:
    """Raise ConflictError unless the booking is today in `tz` (the business's zone).

    Only today's bookings can be marked as arrived: F6 on next week's booking is a
    slip of the hand, not an arrival. The desk, the kiosk and the server all ask this,
    each with its own clock (`now`), so a test can fix the instant.
    """
    day, today = local_date(start_at, tz), local_date(now, tz)
    if day != today:
        raise ConflictError(
            "status",
            "not_today",
            f"check-in is for today's bookings only; this one is on {day.isoformat()}",
        )


def is_active(status: BookingStatus) -> bool:
    return status in ACTIVE_STATUSES


def weekly_series(
    first_start: datetime, tz: ZoneInfo, *, every_weeks: int, count: int
) -> list[datetime]:
    """Start instants of a weekly series that keeps the local wall-clock time.

    A booking at 10:00 stays at 10:00 local across a DST change, so the instants are
    computed from the local date and time, not by adding 7 * 24 hours.
    """
    if not 1 <= every_weeks <= 12:
        raise InvalidValueError("repeat.every_weeks", "out_of_range", "must be between 1 and 12")
    if not 1 <= count <= MAX_SERIES_LENGTH:
        raise InvalidValueError(
            "repeat.count", "out_of_range", f"must be between 1 and {MAX_SERIES_LENGTH}"
        )
    local = ensure_utc(first_start, "start_at").astimezone(tz)
    return [
        local_to_utc(local.date() + timedelta(weeks=every_weeks * i), local.timetz(), tz)
        for i in range(count)
    ]
