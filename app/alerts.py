"""What needs the front desk's eye now: a customer who arrived and has waited too long,
a booking past its start with nobody arrived, a walk-in waiting too long. The
thresholds are the business's settings (Setup > Business), synced with the tenant.
Read from the replica, for an instant the caller gives (the desk's clock).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.domain.availability import day_range
from app.domain.bookings import BookingStatus
from app.schedule import bookings_between, business
from app.sync.replica import Replica
from app.sync.rows import parse
from app.walkin_queue import tickets_between

# As the server's defaults (server/models/tenancy.py), for a replica pulled before them.
DEFAULT_MINUTES = {"waiting": 15, "late": 10, "walkin": 30}
NOT_ARRIVED = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)


@dataclass(frozen=True)
class Thresholds:
    waiting: timedelta  # arrived, and still not started
    late: timedelta  # past the start, not arrived
    walkin: timedelta  # a walk-in ticket still waiting


@dataclass(frozen=True)
class Alerts:
    """Each alerted booking or ticket, with how long it has waited (or been late)."""

    waiting: dict[str, timedelta] = field(default_factory=dict)  # booking id
    late: dict[str, timedelta] = field(default_factory=dict)  # booking id
    walkins: dict[str, timedelta] = field(default_factory=dict)  # ticket id

    @property
    def total(self) -> int:
        return len(self.waiting) + len(self.late) + len(self.walkins)

    def of_booking(self, booking_id: str) -> str | None:
        """ "waiting" or "late" for an alerted booking, else None."""
        if booking_id in self.waiting:
            return "waiting"
        return "late" if booking_id in self.late else None


def thresholds(replica: Replica) -> Thresholds:
    tenants = replica.all("tenant")
    t = tenants[0] if tenants else {}

    def minutes(kind: str) -> timedelta:
        return timedelta(minutes=int(t.get(f"alert_{kind}_minutes") or DEFAULT_MINUTES[kind]))

    return Thresholds(minutes("waiting"), minutes("late"), minutes("walkin"))


def alerts(replica: Replica, now: datetime, provider_ids: Collection[str] | None = None) -> Alerts:
    """Today's alerts as of `now` (today in the business's zone); with `provider_ids`,
    only those providers' bookings (a provider's own desk)."""
    limits = thresholds(replica)
    tz = business(replica).time_zone
    today = now.astimezone(tz).date()
    out = Alerts()
    for b in bookings_between(replica, *day_range(today, tz)):
        if provider_ids is not None and b["provider_id"] not in provider_ids:
            continue
        if b["status"] in NOT_ARRIVED:
            late = now - parse(b["start_at"])
            if late >= limits.late:
                out.late[b["booking_id"]] = late
        elif b["status"] == BookingStatus.CHECKED_IN and b.get("checked_in_at"):
            waited = now - parse(b["checked_in_at"])
            if waited >= limits.waiting:
                out.waiting[b["booking_id"]] = waited
    if provider_ids is None:  # the walk-in queue is the front desk's
        for t in tickets_between(replica, *day_range(today, tz)):
            issued = parse(t["issued_at"])
            if t["status"] != "waiting":
                continue
            if now - issued >= limits.walkin:
                out.walkins[t["ticket_id"]] = now - issued
    return out
