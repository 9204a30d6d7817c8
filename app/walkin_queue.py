"""The walk-in queue and how long each ticket will wait.

A waiting ticket is placed, in queue order, into the first gap a provider who offers
its service has today (after the bookings and the tickets ahead of it), so the
estimate moves as the calendars and the queue move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.domain.availability import busy_range, day_range, free_slots
from app.domain.services import ServiceSpec
from app.schedule import business, providers
from app.sync.replica import Replica, Row
from app.sync.rows import busy_ranges, iso, parse, schedule_of, schedules_of, service_spec

STEP_MINUTES = 5
DEFAULT_SPEC = ServiceSpec(15, 0, 0, 0)  # a ticket with no service: a short visit


@dataclass(frozen=True)
class QueuedTicket:
    ticket_id: str
    label: str
    customer_name: str
    service: str
    status: str
    issued_at: datetime
    provider_id: str | None
    wait: timedelta | None  # estimated, for waiting tickets; None when nobody is free today
    waited: timedelta  # so far
    pending: bool


def tickets_between(replica: Replica, lo: datetime, hi: datetime) -> list[Row]:
    """Tickets taken in [lo, hi). A desk holds a month of them and the queue is read
    every half minute: SQLite picks the days around (text order of the instants, so a
    day's margin), Python the exact range."""
    rows = replica.all(
        "walkin_ticket",
        "json_extract(data, '$.issued_at') >= ? AND json_extract(data, '$.issued_at') < ?",
        [iso(lo - timedelta(days=1)), iso(hi + timedelta(days=1))],
    )
    return [t for t in rows if lo <= parse(t["issued_at"]) < hi]


def queue(replica: Replica, now: datetime | None = None) -> list[QueuedTicket]:
    """Today's open tickets (waiting or called), oldest first, with estimated waits."""
    now = now or datetime.now(UTC)
    biz = business(replica)
    tz = biz.time_zone
    today = now.astimezone(tz).date()
    tickets = [
        t
        for t in tickets_between(replica, *day_range(today, tz))
        if t["status"] in ("waiting", "called", "serving")
    ]
    tickets.sort(key=lambda t: (t["issued_at"], t.get("number") or 0))
    services = {s["service_id"]: s for s in replica.all("service")}
    active = {p["provider_id"] for p in providers(replica)}
    offers: dict[str, list[str]] = {}
    for link in replica.all("provider_service"):
        if link["provider_id"] in active:
            offers.setdefault(link["service_id"], []).append(link["provider_id"])
    around = (now - timedelta(days=1), now + timedelta(days=1))
    busy: dict[str, list[tuple[datetime, datetime]]] = {
        p: busy_ranges(replica, p, around) for p in active
    }
    every = schedules_of(replica)
    schedules = {p: every.get(p) or schedule_of(replica, p) for p in active}
    out = []
    for t in tickets:
        service = services.get(t.get("service_id") or "")
        spec = service_spec(service) if service else DEFAULT_SPEC
        wait: timedelta | None = None
        if t["status"] == "waiting":
            ids = (
                [t["provider_id"]]
                if t.get("provider_id")
                else offers.get(t.get("service_id") or "", sorted(active))
            )
            slots = free_slots(
                today,
                tz,
                spec,
                [schedules[p] for p in ids if p in schedules],
                busy,
                STEP_MINUTES,
                not_before=now - timedelta(minutes=STEP_MINUTES),
            )
            if slots:
                first = slots[0]
                chosen = str(first.provider_ids[0])
                busy[chosen].append(busy_range(max(first.start_at, now), spec))
                wait = max(timedelta(0), first.start_at - now)
        out.append(
            QueuedTicket(
                t["ticket_id"],
                t.get("label") or "…",
                t.get("customer_name") or "",
                (service or {}).get("name", ""),
                t["status"],
                parse(t["issued_at"]),
                t.get("provider_id"),
                wait,
                now - parse(t["issued_at"]),
                bool(t.get("pending")),
            )
        )
    return out


def location_id(replica: Replica) -> str | None:
    rows: list[Row] = replica.all("location")
    return rows[0]["location_id"] if rows else None
