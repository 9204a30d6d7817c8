"""The waitlist at the desk, read from the replica: who waits for what, the first free
slot that fits each, and which slots a change has just freed for whom.

Pure functions over the replica and a stated `now`, so the desk, its tests and a
screenshot all ask the same questions. The rules of a request are
app/domain/waitlist.py; free slots are app/domain/availability's, as the booking
dialog shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app import schedule
from app.domain.availability import Slot, day_range, free_slots
from app.domain.waitlist import WaitlistStatus
from app.sync.replica import Replica, Row
from app.sync.rows import busy_ranges, parse, schedule_of, service_spec

# How many fitting slots of an entry are looked at: enough to tell the first and to
# notice one freed among the next, never a whole quarter's worth per customer.
FITTING_LIMIT = 60


@dataclass(frozen=True)
class Entry:
    entry_id: str
    customer_id: str
    customer: str
    phone: str
    service_id: str
    service: str
    provider_id: str | None  # None: any provider who gives the service
    earliest: date
    latest: date
    from_time: time | None
    until_time: time | None
    notes: str
    created_at: datetime
    pending: bool


@dataclass(frozen=True)
class Offer:
    """A slot for an entry: when, and with whom (the first free, for "any")."""

    start: datetime
    end: datetime
    provider_id: str


@dataclass(frozen=True)
class Fit:
    entry: Entry
    offers: list[Offer]  # in time order, up to FITTING_LIMIT
    complete: bool  # every fitting slot is in `offers` (none was cut off)

    @property
    def first(self) -> Offer | None:
        return self.offers[0] if self.offers else None


@dataclass(frozen=True)
class Waitlist:
    fits: list[Fit]  # in the order they asked
    names: dict[str, str] = field(default_factory=dict)  # provider id -> name

    def entry_ids(self) -> set[str]:
        return {f.entry.entry_id for f in self.fits}


@dataclass(frozen=True)
class Freed:
    """A slot that fits someone waiting and did not before: who fits it, first asked first."""

    offer: Offer
    entries: list[Entry]


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def entries(replica: Replica) -> list[Entry]:
    """The entries still waiting, oldest request first; those not yet on the server
    after them (the server dates a request when it takes it)."""
    rows = replica.all(
        "waitlist_entry", "json_extract(data, '$.status') = ?", [WaitlistStatus.WAITING.value]
    )
    found = [_entry(replica, r) for r in rows]
    return sorted(found, key=lambda e: (e.pending, e.created_at, e.entry_id))


def _entry(replica: Replica, r: Row) -> Entry:
    customer = replica.get("customer", r["customer_id"])
    service = replica.get("service", r["service_id"]) or {}
    return Entry(
        entry_id=r["entry_id"],
        customer_id=r["customer_id"],
        customer=schedule.customer_name(customer),
        phone=(customer or {}).get("phone", ""),
        service_id=r["service_id"],
        service=service.get("name", ""),
        provider_id=r.get("provider_id"),
        earliest=date.fromisoformat(r["earliest_day"]),
        latest=date.fromisoformat(r["latest_day"]),
        from_time=_time(r.get("from_time")),
        until_time=_time(r.get("until_time")),
        notes=r.get("notes", ""),
        created_at=parse(r["created_at"]),
        pending=bool(r.get("pending")),
    )


def within_hours(entry: Entry, slot: Slot, tz: ZoneInfo) -> bool:
    """Whether a slot is in the hours asked for: starting at or after `from_time`, over
    by `until_time` ("mornings, 9 to 12": a 30-minute visit at 11:30, not at 11:45)."""
    start, end = slot.start_at.astimezone(tz), slot.end_at.astimezone(tz)
    if entry.from_time is not None and start.time() < entry.from_time:
        return False
    over = end.date() > start.date() or end.time() > (entry.until_time or end.time())
    return entry.until_time is None or not over


class _Slots:
    """Free slots per (service, provider or any, day), each asked once per reading."""

    def __init__(self, replica: Replica, now: datetime) -> None:
        self.replica, self.now = replica, now
        self.biz = schedule.business(replica)
        self._free: dict[tuple[str, str | None, date], list[Slot]] = {}

    def on(self, service_id: str, provider_id: str | None, day: date) -> list[Slot]:
        key = (service_id, provider_id, day)
        if key not in self._free:
            self._free[key] = self._read(service_id, provider_id, day)
        return self._free[key]

    def _read(self, service_id: str, provider_id: str | None, day: date) -> list[Slot]:
        service = self.replica.get("service", service_id)
        if service is None or not service.get("active", True):
            return []
        tz = self.biz.time_zone
        ids = schedule.offering(self.replica, service_id, provider_id)
        lo, hi = day_range(day, tz)
        around = (lo - timedelta(days=1), hi + timedelta(days=1))
        schedules = [schedule_of(self.replica, p) for p in ids]
        busy = {p: busy_ranges(self.replica, p, around) for p in ids}
        return free_slots(
            day, tz, service_spec(service), schedules, busy, self.biz.granularity,
            not_before=self.now,
        )  # fmt: skip


def fitting(slots: _Slots, entry: Entry, limit: int = FITTING_LIMIT) -> Fit:
    """The free slots in the entry's days and hours, from now on, soonest first."""
    tz = slots.biz.time_zone
    today = slots.now.astimezone(tz).date()
    offers: list[Offer] = []
    day = max(entry.earliest, today)
    while day <= entry.latest:
        for s in slots.on(entry.service_id, entry.provider_id, day):
            if not within_hours(entry, s, tz):
                continue
            if len(offers) == limit:
                return Fit(entry, offers, complete=False)
            offers.append(Offer(s.start_at, s.end_at, str(s.provider_ids[0])))
        day += timedelta(days=1)
    return Fit(entry, offers, complete=True)


def read(replica: Replica, now: datetime) -> Waitlist:
    """Everyone waiting, in the order they asked, with the slots that fit them."""
    slots = _Slots(replica, now)
    fits = [fitting(slots, e) for e in entries(replica)]
    names = {p["provider_id"]: p["display_name"] for p in schedule.providers(replica)}
    return Waitlist(fits, names)


def freed(before: Waitlist | None, after: Waitlist) -> list[Freed]:
    """The slots that fit someone now and did not before (a booking cancelled, missed,
    moved; time off lifted; hours widened), with everyone they fit, first asked first.

    Only entries known before count: a request just added fits what was free already.
    A slot past the last one looked at before (when that list was cut off) is not new.
    """
    if before is None:
        return []
    known = {f.entry.entry_id: f for f in before.fits}
    by_slot: dict[Offer, list[Entry]] = {}
    for fit in after.fits:
        old = known.get(fit.entry.entry_id)
        if old is None:
            continue
        had = set(old.offers)
        horizon = None if old.complete or not old.offers else old.offers[-1].start
        for offer in fit.offers:
            if offer in had or (horizon is not None and offer.start > horizon):
                continue
            by_slot.setdefault(offer, []).append(fit.entry)
    # The slot of whoever asked first leads (what the desk says first); then by time.
    order = {f.entry.entry_id: i for i, f in enumerate(after.fits)}
    return [
        Freed(o, by_slot[o])
        for o in sorted(
            by_slot, key=lambda o: (order[by_slot[o][0].entry_id], o.start, o.provider_id)
        )
    ]
