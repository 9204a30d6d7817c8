"""The waitlist: a customer who wants a service (with a provider, or any) on some days
and hours that are full today, waiting for a slot to free.

The rules here are the desk's (before a change is queued) and the server's (when it
applies it): one place, so the two cannot disagree on what a request may be.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from enum import StrEnum

from app.domain.errors import ConflictError, InvalidValueError


class WaitlistStatus(StrEnum):
    WAITING = "waiting"
    BOOKED = "booked"
    WITHDRAWN = "withdrawn"


# A request longer than this is not a waitlist but a standing wish; the desk keeps 90
# days ahead, so nothing further could be offered from it anyway.
MAX_RANGE_DAYS = 120


def check_request(
    earliest: date, latest: date, from_time: time | None, until_time: time | None
) -> None:
    """The days and hours a customer asks for, naming the field at fault."""
    if latest < earliest:
        raise InvalidValueError("latest_day", "before_earliest", "must not be before earliest_day")
    if latest - earliest > timedelta(days=MAX_RANGE_DAYS):
        raise InvalidValueError(
            "latest_day", "range_too_long", f"at most {MAX_RANGE_DAYS} days after earliest_day"
        )
    if from_time is not None and until_time is not None and until_time <= from_time:
        raise InvalidValueError("until_time", "before_from", "must be after from_time")


def check_not_over(latest: date, today: date) -> None:
    """A request whose last day has passed can no longer be met."""
    if latest < today:
        raise InvalidValueError("latest_day", "in_the_past", "the last day asked for has passed")


def check_waiting(status: WaitlistStatus) -> None:
    """Only a waiting entry can be booked or withdrawn."""
    if status is not WaitlistStatus.WAITING:
        raise ConflictError("status", "not_waiting", f"the entry is {status.value}, not waiting")
