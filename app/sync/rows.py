"""Reading replica rows into values: instants, schedules, service specs, the busy
ranges of a provider, and the reader a booking plan asks its facts of.

The rows are the server's as pulled, with the pending changes over them; nothing
here judges or changes them (that is `effects`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from app.domain import bookings as booking_rules
from app.domain.availability import Held, Interval, day_range
from app.domain.booking_plan import ProviderFacts
from app.domain.cash import TAKEN, Movement
from app.domain.errors import InvalidValueError
from app.domain.schedules import HoursRow, ProviderSchedule, TimeOff, schedule_from_rows
from app.domain.services import ServiceSpec
from app.domain.tenants import country_of
from app.domain.timezones import DEFAULT_TIME_ZONE, zone
from app.sync.replica import Replica, Row


def iso(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat()


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


def need(replica: Replica, entity: str, entity_id: str, field: str) -> Row:
    row = replica.get(entity, str(entity_id))
    if row is None:
        raise InvalidValueError(field, "not_found", f"no such {entity.replace('_', ' ')}")
    return row


def zone_of(replica: Replica, location_id: str | None) -> Any:
    location = replica.get("location", location_id) if location_id else None
    if location and location.get("time_zone"):
        return zone(location["time_zone"])
    tenants = replica.all("tenant")
    return zone(tenants[0]["time_zone"] if tenants else DEFAULT_TIME_ZONE)


def country(replica: Replica) -> str:
    """The business's country, as the server reads it: how typed phones are read."""
    tenants = replica.all("tenant")
    tenant = tenants[0] if tenants else {}
    return country_of(tenant.get("time_zone") or DEFAULT_TIME_ZONE, tenant.get("locale") or "")


def service_spec(service: Row) -> ServiceSpec:
    return ServiceSpec(
        service["duration_minutes"],
        service["buffer_before_minutes"],
        service["buffer_after_minutes"],
        service["price_minor"],
    )


def schedule_of(replica: Replica, provider_id: str) -> ProviderSchedule:
    where = "json_extract(data, '$.provider_id') = ?"
    return _schedule(
        provider_id,
        replica.all("provider_hours", where, [provider_id]),
        replica.all("time_off", where, [provider_id]),
    )


def schedules_of(replica: Replica) -> dict[str, ProviderSchedule]:
    """Every provider's schedule, read in two queries (a day of 100 providers)."""
    hours: dict[str, list[Row]] = {}
    away: dict[str, list[Row]] = {}
    for r in replica.all("provider_hours"):
        hours.setdefault(r["provider_id"], []).append(r)
    for r in replica.all("time_off"):
        away.setdefault(r["provider_id"], []).append(r)
    return {p: _schedule(p, hours.get(p, []), away.get(p, [])) for p in hours.keys() | away}


def _schedule(provider_id: str, rows: list[Row], time_off: list[Row]) -> ProviderSchedule:
    # A replica pulled before hours had a `valid_from` holds rows without one: since always.
    hours = [
        HoursRow(
            r["kind"],
            r["weekday"],
            time.fromisoformat(r["start_time"]),
            time.fromisoformat(r["end_time"]),
            date.fromisoformat(r["valid_from"]) if r.get("valid_from") else None,
        )
        for r in rows
    ]
    off = [TimeOff(parse(r["start_at"]), parse(r["end_at"]), r.get("reason", "")) for r in time_off]
    return schedule_from_rows(provider_id, hours, off)


def held(
    replica: Replica,
    provider_id: str,
    around: tuple[datetime, datetime],
    exclude: str | None = None,
) -> list[Held]:
    """The provider's active bookings whose busy range touches `around`."""
    active = [s.value for s in booking_rules.ACTIVE_STATUSES]
    rows = replica.all(
        "booking",
        "json_extract(data, '$.provider_id') = ? AND json_extract(data, '$.busy_from') < ? "
        "AND json_extract(data, '$.busy_until') > ?",
        [provider_id, iso(around[1]), iso(around[0])],
    )
    return [
        Held(
            parse(r["start_at"]), parse(r["end_at"]), parse(r["busy_from"]), parse(r["busy_until"])
        )
        for r in rows
        if r["status"] in active and r["booking_id"] != exclude
    ]


def busy_ranges(
    replica: Replica,
    provider_id: str,
    around: tuple[datetime, datetime],
    exclude: str | None = None,
) -> list[tuple[datetime, datetime]]:
    return [(h.busy_from, h.busy_until) for h in held(replica, provider_id, around, exclude)]


@dataclass(frozen=True)
class ReplicaReader:
    """What a booking plan needs, read from the replica (the server's rows as pulled,
    with the pending changes over them)."""

    replica: Replica

    def service(self, service_id: uuid.UUID) -> ServiceSpec:
        return service_spec(need(self.replica, "service", str(service_id), "service_id"))

    def check_customer(self, customer_id: uuid.UUID) -> None:
        need(self.replica, "customer", str(customer_id), "customer_id")

    def provider(self, provider_id: uuid.UUID) -> ProviderFacts:
        row = need(self.replica, "provider", str(provider_id), "provider_id")
        location = row.get("location_id")
        return ProviderFacts(
            provider_id,
            uuid.UUID(location) if location else None,
            schedule_of(self.replica, str(provider_id)),
            zone_of(self.replica, location),
        )

    def offered_by(self, service_id: uuid.UUID) -> Sequence[uuid.UUID]:
        links = self.replica.all(
            "provider_service", "json_extract(data, '$.service_id') = ?", [str(service_id)]
        )
        return [uuid.UUID(link["provider_id"]) for link in links]

    def busy(
        self, provider_id: uuid.UUID, around: Interval, exclude: uuid.UUID | None = None
    ) -> Sequence[Interval]:
        return busy_ranges(
            self.replica, str(provider_id), around, str(exclude) if exclude else None
        )


# -- a till's day (app/domain/cash.py) ---------------------------------------------------


def till_day(replica: Replica, till_id: str, day: str) -> Row | None:
    """The cash day of this till (desk PC) on the local `day` (ISO), if opened."""
    rows = replica.all(
        "cash_close",
        "json_extract(data, '$.till_id') = ? AND json_extract(data, '$.day') = ?",
        [till_id, day],
    )
    return rows[0] if rows else None


def till_movements(replica: Replica, close: Row) -> list[Movement]:
    """Payments taken at the till on its day and refunds made there on it, as this
    replica holds them (its own are all here, pending ones included)."""
    lo, hi = (
        t.astimezone(UTC).isoformat()
        for t in day_range(date.fromisoformat(close["day"]), zone_of(replica, None))
    )
    when = "COALESCE(json_extract(data, '$.taken_at'), json_extract(data, '$.created_at'))"
    taken = replica.all(
        "payment",
        f"json_extract(data, '$.till_id') = ? AND {when} >= ? AND {when} < ?",
        [close["till_id"], lo, hi],
    )
    refunded = replica.all(
        "payment",
        "json_extract(data, '$.reversed_till_id') = ? AND json_extract(data, '$.status') ="
        " 'refunded' AND json_extract(data, '$.reversed_at') >= ?"
        " AND json_extract(data, '$.reversed_at') < ?",
        [close["till_id"], lo, hi],
    )
    return [
        Movement(p["method"], int(p["amount_minor"])) for p in taken if p["status"] in TAKEN
    ] + [Movement(p["method"], -int(p["amount_minor"])) for p in refunded]
