"""The day's (or week's) report from the desk's replica: bookings by outcome, walk-ins
served and how long they waited, takings per method, and each provider's booked hours
against the hours they were open. Offline like the rest of the desk: it reads only the
replica, so it covers only the days the replica holds (app/far_days.py says which).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from app import takings
from app.domain.availability import day_range, working_windows
from app.domain.bookings import BookingStatus
from app.schedule import bookings_between, business, providers
from app.sync.replica import Replica
from app.sync.rows import parse, schedules_of
from app.walkin_queue import tickets_between


@dataclass(frozen=True)
class ProviderHours:
    provider_id: str
    name: str
    booked: timedelta  # bookings' own time (no buffers), cancelled ones left out
    open: timedelta  # hours less breaks and time off

    @property
    def share(self) -> float | None:
        """Booked over open, or None when the provider was not open at all."""
        return self.booked / self.open if self.open else None


@dataclass(frozen=True)
class WalkinFigures:
    issued: int
    served: int
    cancelled: int
    average_wait: timedelta | None  # from the ticket to its call, over those called
    longest_wait: timedelta | None


@dataclass(frozen=True)
class Report:
    first: date
    last: date
    currency: str
    by_status: dict[str, int]  # every booking status, zero included, in a fixed order
    walkins: WalkinFigures
    takings_by_method: dict[str, int]
    takings_total: int
    providers: list[ProviderHours]

    @property
    def booked(self) -> int:
        """Bookings for these days that were kept (not cancelled)."""
        return sum(n for s, n in self.by_status.items() if s != BookingStatus.CANCELLED)


def week_of(day: date) -> tuple[date, date]:
    """Monday to Sunday around `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def report(replica: Replica, first: date, last: date) -> Report:
    """What happened from the local day `first` to `last`, both included."""
    biz = business(replica)
    tz = biz.time_zone
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    lo, hi = day_range(first, tz)[0], day_range(last, tz)[1]
    rows = bookings_between(replica, lo, hi)
    by_status = {s.value: 0 for s in BookingStatus}
    booked: dict[str, timedelta] = {}
    for b in rows:
        by_status[b["status"]] = by_status.get(b["status"], 0) + 1
        if b["status"] != BookingStatus.CANCELLED:
            length = parse(b["end_at"]) - parse(b["start_at"])
            booked[b["provider_id"]] = booked.get(b["provider_id"], timedelta()) + length
    schedules = schedules_of(replica)
    hours = []
    for p in providers(replica):
        schedule = schedules.get(p["provider_id"])
        open_ = sum(
            (
                end - start
                for day in days
                for start, end in (working_windows(schedule, day, tz) if schedule else [])
            ),
            timedelta(),
        )
        taken = booked.get(p["provider_id"], timedelta())
        if open_ or taken:  # a provider with neither hours nor bookings says nothing
            hours.append(ProviderHours(p["provider_id"], p["display_name"], taken, open_))
    money = [takings.takings(replica, day) for day in days]
    by_method: dict[str, int] = {}
    for t in money:
        for method, amount in t.by_method.items():
            by_method[method] = by_method.get(method, 0) + amount
    return Report(
        first,
        last,
        biz.currency,
        by_status,
        _walkins(replica, first, last, tz),
        by_method,
        sum(by_method.values()),
        hours,
    )


def _walkins(replica: Replica, first: date, last: date, tz: ZoneInfo) -> WalkinFigures:
    # By when the ticket was taken (a desk's own, not yet synced, has no `day` yet).
    tickets = tickets_between(replica, day_range(first, tz)[0], day_range(last, tz)[1])
    waits = [parse(t["called_at"]) - parse(t["issued_at"]) for t in tickets if t.get("called_at")]
    return WalkinFigures(
        issued=len(tickets),
        served=sum(1 for t in tickets if t["status"] == "served"),
        cancelled=sum(1 for t in tickets if t["status"] == "cancelled"),
        average_wait=sum(waits, timedelta()) / len(waits) if waits else None,
        longest_wait=max(waits) if waits else None,
    )
