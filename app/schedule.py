"""The desk's view of a day or a week, read from the replica: who works when, which
bookings sit where, and which slots are free. No Qt here: the UI paints these."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.availability import (
    Blocked,
    Slot,
    day_range,
    free_slots,
    next_free_slots,
    why_not_bookable,
)
from app.domain.bookings import ACTIVE_STATUSES
from app.domain.schedules import ProviderSchedule
from app.domain.timezones import DEFAULT_TIME_ZONE, zone
from app.domain.verticals import vertical
from app.sync.replica import Replica, Row
from app.sync.rows import (
    busy_ranges,
    held,
    parse,
    schedule_of,
    schedules_of,
    service_spec,
)

Interval = tuple[datetime, datetime]
ACTIVE = frozenset(s.value for s in ACTIVE_STATUSES)


@dataclass(frozen=True)
class Block:
    """A booking as the day view shows it."""

    booking_id: str
    provider_id: str
    start: datetime
    end: datetime
    status: str
    customer: str
    customer_id: str
    service: str
    service_id: str
    code: str
    notes: str
    price_minor: int
    pending: bool
    series_id: str | None = None
    busy_from: datetime | None = None  # with the buffer before; None: no buffer
    busy_until: datetime | None = None  # with the buffer after


@dataclass(frozen=True)
class Column:
    """One provider on one day: when they work, break, or are away."""

    provider_id: str
    name: str
    colour: str
    work: list[Interval]
    breaks: list[Interval]
    away: list[Interval]  # time off
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class DayPlan:
    day: date
    tz: ZoneInfo
    granularity: int  # minutes per row
    first: datetime  # the grid's first row (UTC)
    last: datetime  # the grid's end (UTC)
    columns: list[Column]

    def rows(self) -> int:
        return max(1, int((self.last - self.first).total_seconds() // 60) // self.granularity)


@dataclass(frozen=True)
class Business:
    """What the desk needs to know about the tenant it serves."""

    name: str
    time_zone: ZoneInfo
    currency: str
    locale: str
    vertical: str
    granularity: int
    primary_colour: str
    accent_colour: str
    logo: str | None  # base64, as synced


def business(replica: Replica) -> Business:
    tenants = replica.all("tenant")
    t: Row = tenants[0] if tenants else {}
    key = t.get("vertical") or "clinic"
    v = vertical(key)
    return Business(
        name=t.get("display_name") or t.get("name") or "Turnero",
        time_zone=zone(t.get("time_zone") or DEFAULT_TIME_ZONE),
        currency=t.get("currency") or "ARS",
        locale=t.get("locale") or "es-AR",
        vertical=key,
        granularity=int(t.get("slot_minutes") or v.slot_minutes),
        primary_colour=t.get("primary_colour") or v.primary_colour,
        accent_colour=t.get("accent_colour") or v.accent_colour,
        logo=t.get("logo"),
    )


def providers(replica: Replica) -> list[Row]:
    rows = [p for p in replica.all("provider") if p.get("active", True)]
    return sorted(rows, key=lambda p: p["display_name"])


def services(replica: Replica, provider_id: str | None = None) -> list[Row]:
    """Active services the provider offers; with no provider, those some active
    provider offers (what "any provider" can book)."""
    rows = [s for s in replica.all("service") if s.get("active", True)]
    if provider_id:
        links = replica.all(
            "provider_service", "json_extract(data, '$.provider_id') = ?", [provider_id]
        )
    else:
        active = {p["provider_id"] for p in providers(replica)}
        links = [r for r in replica.all("provider_service") if r["provider_id"] in active]
    offered = {r["service_id"] for r in links}
    rows = [s for s in rows if s["service_id"] in offered]
    return sorted(rows, key=lambda s: s["name"])


def customer_name(row: Row | None, booking: Row | None = None) -> str:
    """The customer's name from their row; a provider's replica has no customer rows,
    and each of its bookings carries the name instead."""
    if not row:
        return str((booking or {}).get("customer_label") or "")
    return f"{row.get('first_name', '')} {row.get('last_name', '')}".strip()


def care_notes(row: Row | None, booking: Row | None = None) -> str:
    """What staff keep noted of the customer (allergies, needs): from their row, or for
    a provider, from the booking, which carries it instead."""
    if row:
        return str(row.get("notes") or "")
    return str((booking or {}).get("customer_notes") or "")


def bookings_between(
    replica: Replica, start: datetime, end: datetime, provider_id: str | None = None
) -> list[Row]:
    where = "json_extract(data, '$.start_at') >= ? AND json_extract(data, '$.start_at') < ?"
    params: list[Any] = [start.astimezone(UTC).isoformat(), end.astimezone(UTC).isoformat()]
    if provider_id:
        where += " AND json_extract(data, '$.provider_id') = ?"
        params.append(provider_id)
    return replica.all("booking", where, params)


def blocks_of(replica: Replica, rows: Sequence[Row]) -> list[Block]:
    names = {s["service_id"]: s["name"] for s in replica.all("service")}
    people: dict[str, str] = {}
    out = []
    for r in rows:
        cid = r["customer_id"]
        if cid not in people:
            people[cid] = customer_name(replica.get("customer", cid), r)
        out.append(
            Block(
                booking_id=r["booking_id"],
                provider_id=r["provider_id"],
                start=parse(r["start_at"]),
                end=parse(r["end_at"]),
                status=r["status"],
                customer=people[cid],
                customer_id=cid,
                service=names.get(r["service_id"], ""),
                service_id=r["service_id"],
                code=r.get("code") or "",
                notes=r.get("notes") or "",
                price_minor=int(r.get("price_minor") or 0),
                pending=bool(r.get("pending")),
                series_id=r.get("series_id"),
                busy_from=parse(r["busy_from"]) if r.get("busy_from") else None,
                busy_until=parse(r["busy_until"]) if r.get("busy_until") else None,
            )
        )
    return sorted(out, key=lambda b: (b.start, b.booking_id))


def _column(schedule: ProviderSchedule, provider: Row, day: date, tz: ZoneInfo) -> Column:
    work = [iv.on(day, tz) for iv in schedule.hours_on(day)]
    breaks = [iv.on(day, tz) for iv in schedule.breaks_on(day)]
    lo, hi = day_range(day, tz)
    away = [(max(t.start_at, lo), min(t.end_at, hi)) for t in schedule.time_off]
    away = [(a, b) for a, b in away if a < b]
    return Column(
        provider["provider_id"],
        provider["display_name"],
        provider.get("colour") or "#4e79a7",
        sorted(work),
        sorted(breaks),
        away,
    )


def day_plan(
    replica: Replica,
    day: date,
    provider_ids: Sequence[str] | None = None,
    rows: Sequence[Row] | None = None,
) -> DayPlan:
    """Every provider's column on `day` (or those of `provider_ids`), with its bookings
    (cancelled ones left out): the replica's, or `rows` (the server's, for a day
    beyond the replica's window; hours and time off the replica holds whole)."""
    biz = business(replica)
    tz = biz.time_zone
    chosen = providers(replica)
    if provider_ids is not None:
        chosen = [p for p in chosen if p["provider_id"] in provider_ids]
    schedules = schedules_of(replica)
    columns = [
        _column(
            schedules.get(p["provider_id"]) or ProviderSchedule(p["provider_id"], [], [], []),
            p,
            day,
            tz,
        )
        for p in chosen
    ]
    lo, hi = day_range(day, tz)
    if rows is None:
        rows = bookings_between(replica, lo, hi)
    else:
        rows = [r for r in rows if lo <= parse(r["start_at"]) < hi]
    shown = {c.provider_id for c in columns}
    blocks = blocks_of(
        replica, [r for r in rows if r["status"] != "cancelled" and r["provider_id"] in shown]
    )
    by_provider: dict[str, list[Block]] = {}
    for b in blocks:
        by_provider.setdefault(b.provider_id, []).append(b)
    for c in columns:
        c.blocks.extend(by_provider.get(c.provider_id, []))
    first, last = _grid(day, tz, columns, blocks)
    return DayPlan(day, tz, biz.granularity, first, last, columns)


def _grid(day: date, tz: ZoneInfo, columns: Sequence[Column], blocks: Sequence[Block]) -> Interval:
    """From the earliest opening (or booking) to the latest, on whole hours; 8-20 if idle."""
    starts = [iv[0] for c in columns for iv in c.work] + [b.start for b in blocks]
    ends = [iv[1] for c in columns for iv in c.work] + [b.end for b in blocks]
    lo, hi = day_range(day, tz)
    if not starts:
        starts, ends = [lo + timedelta(hours=8)], [lo + timedelta(hours=20)]
    first = max(lo, min(starts).astimezone(tz).replace(minute=0, second=0, microsecond=0))
    last_local = max(ends).astimezone(tz)
    if last_local.time() != time(last_local.hour):
        last_local = last_local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return first.astimezone(UTC), min(hi, last_local).astimezone(UTC)


def week_plan(replica: Replica, provider_id: str, monday: date) -> list[DayPlan]:
    """One provider's seven days from `monday`, each a one-column day plan."""
    return [day_plan(replica, monday + timedelta(days=i), [provider_id]) for i in range(7)]


def offering(replica: Replica, service_id: str, provider_id: str | None) -> list[str]:
    """The active providers who give the service: `provider_id` alone, or all."""
    offering = [
        r["provider_id"]
        for r in replica.all(
            "provider_service", "json_extract(data, '$.service_id') = ?", [service_id]
        )
    ]
    active = {p["provider_id"] for p in providers(replica)}
    return [p for p in offering if p in active and (provider_id is None or p == provider_id)]


@dataclass(frozen=True)
class SlotAdvice:
    """What the booking dialog shows for a service with a provider (or any) on a day."""

    slots: list[Slot]  # the day's free starts
    requested: datetime | None  # the time asked for, if it is on that day
    blocked: list[tuple[str, Blocked]]  # why it cannot be booked, per provider; [] if it can
    next_free: list[Slot]  # free starts from the time asked for on, other days included


NEXT_FREE_DAYS = 31


def advise(
    replica: Replica,
    service_id: str,
    day: date,
    provider_id: str | None = None,
    *,
    wanted: datetime | None = None,
    now: datetime | None = None,
    count: int = 6,
    limit: int = 40,
) -> SlotAdvice:
    """The day's free starts; if `wanted` (on that day) cannot be booked, why not with
    each provider; and, when it cannot or the day is full, the next `count` free
    starts from `wanted` (or the day's start) on, over the following weeks."""
    service = replica.get("service", service_id)
    if service is None:
        return SlotAdvice([], None, [], [])
    biz = business(replica)
    tz = biz.time_zone
    now = now or _now()
    ids = offering(replica, service_id, provider_id)
    spec = service_spec(service)
    lo, hi = day_range(day, tz)
    requested = wanted if wanted is not None and lo <= wanted < hi else None
    start_from = max(requested or lo, now)
    around = (
        min(lo, start_from) - timedelta(days=1),
        max(hi, start_from) + timedelta(days=NEXT_FREE_DAYS + 1),
    )
    schedules = [schedule_of(replica, p) for p in ids]
    holding = {p: held(replica, p, around) for p in ids}
    busy = {p: [(h.busy_from, h.busy_until) for h in holding[p]] for p in ids}
    slots = free_slots(day, tz, spec, schedules, busy, biz.granularity, not_before=now)[:limit]
    blocked: list[tuple[str, Blocked]] = []
    if requested is not None and all(s.start_at != requested for s in slots):
        reasons = [
            (p, why_not_bookable(requested, spec, schedule, holding[p], tz, now))
            for p, schedule in zip(ids, schedules, strict=True)
        ]
        # Free with someone (an off-grid start): nothing to explain.
        if all(b is not None for _p, b in reasons):
            blocked = [(p, b) for p, b in reasons if b is not None]
    next_free: list[Slot] = []
    if blocked or not slots:
        next_free = next_free_slots(
            start_from,
            tz,
            spec,
            schedules,
            busy,
            biz.granularity,
            count=count,
            days=NEXT_FREE_DAYS,
        )
    return SlotAdvice(slots, requested, blocked, next_free)


def suggest_slots(
    replica: Replica,
    service_id: str,
    day: date,
    provider_id: str | None = None,
    *,
    now: datetime | None = None,
    limit: int = 40,
) -> list[Slot]:
    """Free starts for `service_id` on `day`, with `provider_id` or any provider."""
    service = replica.get("service", service_id)
    if service is None:
        return []
    biz = business(replica)
    tz = biz.time_zone
    ids = offering(replica, service_id, provider_id)
    lo, hi = day_range(day, tz)
    around = (lo - timedelta(days=1), hi + timedelta(days=1))
    schedules = [schedule_of(replica, p) for p in ids]
    busy = {p: busy_ranges(replica, p, around) for p in ids}
    slots = free_slots(
        day, tz, service_spec(service), schedules, busy, biz.granularity, not_before=now or _now()
    )
    return slots[:limit]


def _now() -> datetime:
    return datetime.now(UTC)
