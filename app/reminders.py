"""The reminders' call list: a day's bookings still to come (tomorrow's, by default),
each with what a call or a WhatsApp needs, and whether someone already reminded them.

From the replica, so it works offline; marking one is the `booking.remind` change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.domain.bookings import REMINDABLE
from app.domain.timezones import day_bounds
from app.schedule import bookings_between
from app.slip import Slip, slip_of
from app.sync.replica import Replica
from app.sync.rows import parse


@dataclass(frozen=True)
class Reminder:
    """One line of the list: the booking's slip (who, when, phone, the code) and the
    reminder's mark (None: not reminded yet). `pending`: the mark waits to sync."""

    slip: Slip
    reminded_at: datetime | None
    pending: bool


def tomorrow(now: datetime, tz: ZoneInfo) -> date:
    """The day after `now`'s, in the business's zone (not the machine's)."""
    return now.astimezone(tz).date() + timedelta(days=1)


def call_list(replica: Replica, day: date, tz: ZoneInfo) -> list[Reminder]:
    """The bookings of `day` (local, in `tz`) still to come, by time then name."""
    start, end = day_bounds(day, tz)
    found = []
    for row in bookings_between(replica, start, end):
        if row["status"] not in REMINDABLE:
            continue
        slip = slip_of(replica, row["booking_id"])
        if slip is None:
            continue
        at = row.get("reminded_at")
        found.append(Reminder(slip, parse(at) if at else None, bool(row.get("pending"))))
    return sorted(found, key=lambda r: (r.slip.start, r.slip.customer, r.slip.booking_id))
