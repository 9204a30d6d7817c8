"""A tenant's reference data (zones, services, providers, who offers what, hours and
time off), read once and kept per server process until it changes.

Booking a slot needs all of it, and it changes rarely; reading it anew for every
booking cost most of a push. The cache is checked against the tenant's
reference_version (one indexed read), which every transaction touching reference
data moves (server/db/versioning.py), so a change made through any server process
is seen by the next request everywhere.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.domain.schedules import HoursRow, ProviderSchedule, schedule_from_rows
from app.domain.schedules import TimeOff as TimeOffSpan
from app.domain.services import ServiceSpec
from app.domain.timezones import zone
from app.domain.verticals import vertical
from server.db.versioning import ENTITY_OF, REFERENCE_ENTITIES
from server.errors import NotFoundError
from server.models import (
    Location,
    Provider,
    ProviderHours,
    ProviderService,
    Service,
    Tenant,
    TenantVersion,
    TimeOff,
)


@dataclass(frozen=True)
class ServiceInfo:
    service_id: uuid.UUID
    spec: ServiceSpec


@dataclass(frozen=True)
class ProviderInfo:
    provider_id: uuid.UUID
    location_id: uuid.UUID


@dataclass(frozen=True)
class Catalogue:
    reference_version: int
    tenant_zone: ZoneInfo
    slot_minutes: int
    location_zones: dict[uuid.UUID, ZoneInfo]
    services: dict[uuid.UUID, ServiceInfo]
    providers: dict[uuid.UUID, ProviderInfo]
    offered_by: dict[uuid.UUID, tuple[uuid.UUID, ...]]  # service -> active providers, by name
    schedules: dict[uuid.UUID, ProviderSchedule]

    def service(self, service_id: uuid.UUID, field: str = "service_id") -> ServiceInfo:
        found = self.services.get(service_id)
        if found is None:
            raise NotFoundError("no such service", field=field)
        return found

    def provider(self, provider_id: uuid.UUID, field: str = "provider_id") -> ProviderInfo:
        found = self.providers.get(provider_id)
        if found is None:
            raise NotFoundError("no such provider", field=field)
        return found

    def offers(self, provider_id: uuid.UUID, service_id: uuid.UUID) -> bool:
        return provider_id in self.offered_by.get(service_id, ())

    def zone_of(self, provider: ProviderInfo) -> ZoneInfo:
        return self.location_zones.get(provider.location_id, self.tenant_zone)


_REFERENCE_VERSION = select(TenantVersion.reference_version).where(
    TenantVersion.tenant_id == bindparam("tenant")
)


class CatalogueCache:
    """One per server process: the Runtime holds it, and routes hand it to the
    functions that plan bookings (`catalogue(session, tenant_id, cache)`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[uuid.UUID, Catalogue] = {}

    def peek(self, tenant_id: uuid.UUID) -> Catalogue | None:
        """The catalogue held for the tenant, maybe outdated: the caller checks its
        reference_version against the store's within its own transaction."""
        with self._lock:
            return self._items.get(tenant_id)

    def get(self, session: Session, tenant_id: uuid.UUID) -> Catalogue:
        # Core, built once, not an ORM query: this runs on every booking written.
        version = session.connection().scalar(_REFERENCE_VERSION, {"tenant": tenant_id})
        if version is None:
            raise NotFoundError("no such business", field="tenant_id", code="unknown_tenant")
        with self._lock:
            cached = self._items.get(tenant_id)
        if cached is not None and cached.reference_version == version:
            return cached
        built = load(session, tenant_id, version)
        with self._lock:
            self._items[tenant_id] = built
        return built


def catalogue(session: Session, tenant_id: uuid.UUID, cache: CatalogueCache | None) -> Catalogue:
    """The tenant's catalogue as this transaction should see it: from `cache` when it
    is current, read anew without a cache (scripts, tests) or when this transaction
    changed reference data itself."""
    if cache is None or _changing_reference(session):
        return load(session, tenant_id, -1)  # this transaction's own changes count
    return cache.get(session, tenant_id)


def _changing_reference(session: Session) -> bool:
    touched = session.info.get("sync_touched", {})
    if any(entity in REFERENCE_ENTITIES for _, entity, _ in touched):
        return True
    pending = (*session.new, *session.dirty, *session.deleted)
    return any(ENTITY_OF.get(type(obj)) in REFERENCE_ENTITIES for obj in pending)


def load(session: Session, tenant_id: uuid.UUID, version: int) -> Catalogue:
    tenant = session.get(Tenant, tenant_id)
    if tenant is None:
        raise NotFoundError("no such business", field="tenant_id", code="unknown_tenant")
    tenant_zone = zone(tenant.time_zone)
    locations = {
        loc.location_id: zone(loc.time_zone)
        for loc in session.scalars(select(Location).where(Location.tenant_id == tenant_id))
        if loc.time_zone
    }
    services = {
        s.service_id: ServiceInfo(s.service_id, ServiceSpec(
            s.duration_minutes, s.buffer_before_minutes, s.buffer_after_minutes, s.price_minor))
        for s in session.scalars(select(Service).where(Service.tenant_id == tenant_id))
    }  # fmt: skip
    providers = list(
        session.scalars(
            select(Provider).where(Provider.tenant_id == tenant_id).order_by(Provider.display_name)
        )
    )
    active = [p.provider_id for p in providers if p.active]
    links: dict[uuid.UUID, set[uuid.UUID]] = {}
    for link in session.scalars(
        select(ProviderService).where(ProviderService.tenant_id == tenant_id)
    ):
        links.setdefault(link.service_id, set()).add(link.provider_id)
    offered_by = {sid: tuple(p for p in active if p in ids) for sid, ids in links.items()}
    hours: dict[uuid.UUID, list[ProviderHours]] = {}
    for row in session.scalars(
        select(ProviderHours)
        .where(ProviderHours.tenant_id == tenant_id)
        .order_by(ProviderHours.weekday, ProviderHours.start_time)
    ):
        hours.setdefault(row.provider_id, []).append(row)
    off: dict[uuid.UUID, list[TimeOffSpan]] = {}
    for t in session.scalars(select(TimeOff).where(TimeOff.tenant_id == tenant_id)):
        off.setdefault(t.provider_id, []).append(TimeOffSpan(t.start_at, t.end_at, t.reason))
    schedules = {
        p.provider_id: schedule_from_rows(
            p.provider_id,
            [HoursRow(h.kind, h.weekday, h.start_time, h.end_time, h.valid_from)
             for h in hours.get(p.provider_id, [])],
            off.get(p.provider_id, []),
        )
        for p in providers
    }  # fmt: skip
    return Catalogue(
        reference_version=version,
        tenant_zone=tenant_zone,
        slot_minutes=tenant.slot_minutes or vertical(tenant.vertical).slot_minutes,
        location_zones=locations,
        services=services,
        providers={p.provider_id: ProviderInfo(p.provider_id, p.location_id) for p in providers},
        offered_by=offered_by,
        schedules=schedules,
    )
