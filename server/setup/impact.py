"""The bookings a setup change would break, read from the store and told as the admin
sees them (code, time, provider, service, customer, why). The judging is
app/domain/impact.py's; this reads what it needs and writes nothing.
Every function takes the caller's tenant and touches only it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.domain.bookings import ACTIVE_STATUSES
from app.domain.impact import AT_STAKE, ImpactReason, Kept, schedule_impact, service_impact
from app.domain.schedules import ProviderSchedule
from app.domain.services import ServiceSpec
from server.catalogue import CatalogueCache, catalogue
from server.models import Booking, Customer, Provider, Service
from server.setup import schemas

_AT_STAKE = sorted(s.value for s in AT_STAKE)
_ACTIVE = sorted(s.value for s in ACTIVE_STATUSES)


def _query(tenant_id: uuid.UUID) -> Any:
    return (
        select(
            Booking,
            Provider.display_name,
            Service.name,
            Customer.first_name,
            Customer.last_name,
        )
        .join(
            Provider,
            (Provider.tenant_id == Booking.tenant_id)
            & (Provider.provider_id == Booking.provider_id),
        )
        .join(
            Service,
            (Service.tenant_id == Booking.tenant_id) & (Service.service_id == Booking.service_id),
        )
        .join(
            Customer,
            (Customer.tenant_id == Booking.tenant_id)
            & (Customer.customer_id == Booking.customer_id),
        )
        .where(Booking.tenant_id == tenant_id)
        .order_by(Booking.start_at, Booking.code)
    )


def _at_stake(
    session: Session, tenant_id: uuid.UUID, provider_ids: Iterable[uuid.UUID], now: datetime
) -> list[Row[Any]]:
    """The bookings still to come of these providers that a change could break."""
    query = _query(tenant_id).where(
        Booking.provider_id.in_(list(provider_ids)),
        Booking.start_at > now,
        Booking.status.in_(_AT_STAKE),
    )
    return list(session.execute(query).all())


def _kept(booking: Booking) -> Kept:
    b = booking
    return Kept(
        b.booking_id, b.provider_id, b.service_id, b.start_at, b.end_at, b.busy_from, b.busy_until
    )


def _affected(rows: Sequence[Row[Any]], reasons: Mapping[Any, ImpactReason]) -> schemas.ImpactOut:
    found = []
    for row in rows:
        booking, provider_name, service_name, first, last = tuple(row)
        reason = reasons.get(booking.booking_id)
        if reason is None:
            continue
        found.append(
            schemas.AffectedBooking(
                booking_id=booking.booking_id,
                code=booking.code,
                start_at=booking.start_at,
                end_at=booking.end_at,
                provider_id=booking.provider_id,
                provider_name=provider_name,
                service_name=service_name,
                customer_name=f"{first} {last}".strip(),
                reason=reason.value,
            )
        )
    return schemas.ImpactOut(bookings=found)


def provider_bookings(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID, now: datetime
) -> list[schemas.AffectedBooking]:
    """The provider's bookings still to come: what deactivating them would strand."""
    rows = _at_stake(session, tenant_id, [provider_id], now)
    reasons = {row[0].booking_id: ImpactReason.PROVIDER_INACTIVE for row in rows}
    return _affected(rows, reasons).bookings


def schedule_preview(
    session: Session,
    cache: CatalogueCache | None,
    tenant_id: uuid.UUID,
    provider_ids: Sequence[uuid.UUID],
    change: Callable[[ProviderSchedule], ProviderSchedule],
    now: datetime,
) -> schemas.ImpactOut:
    """The bookings of `provider_ids` still to come that `change` (new hours, breaks or
    time off, applied to each one's schedule) would leave unbookable."""
    cat = catalogue(session, tenant_id, cache)
    before = {p: cat.schedules[p] for p in provider_ids}
    after = {p: change(s) for p, s in before.items()}
    tz_of = {p: cat.zone_of(cat.providers[p]) for p in provider_ids}
    rows = _at_stake(session, tenant_id, provider_ids, now)
    reasons = schedule_impact((_kept(r[0]) for r in rows), before, after, tz_of)
    return _affected(rows, reasons)


def service_preview(
    session: Session,
    cache: CatalogueCache | None,
    tenant_id: uuid.UUID,
    service_id: uuid.UUID,
    spec: ServiceSpec,
    now: datetime,
) -> schemas.ImpactOut:
    """The service's bookings still to come that `spec` (a new duration or buffers)
    would make overlap the provider's next booking, or run out of their hours."""
    cat = catalogue(session, tenant_id, cache)
    rows = [
        r
        for r in _at_stake(session, tenant_id, cat.providers, now)
        if r[0].service_id == service_id
    ]
    provider_ids = {r[0].provider_id for r in rows}
    if not provider_ids:
        return schemas.ImpactOut(bookings=[])
    # Their neighbours: every booking holding those providers' time from a day back
    # (none holds a day), whatever its service.
    neighbours = session.scalars(
        select(Booking).where(
            Booking.tenant_id == tenant_id,
            Booking.provider_id.in_(provider_ids),
            Booking.busy_until > now - timedelta(days=1),
            Booking.status.in_(_ACTIVE),
        )
    ).all()
    reasons = service_impact(
        service_id,
        spec,
        [_kept(b) for b in neighbours],
        {p: cat.schedules[p] for p in provider_ids},
        {p: cat.zone_of(cat.providers[p]) for p in provider_ids},
    )
    return _affected(rows, reasons)
