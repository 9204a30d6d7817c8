"""Providers, the services they offer, their weekly hours and their time off.
Every function takes the caller's tenant and touches only it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.schedules import (
    WeeklyInterval,
    check_time_off,
    check_weekly,
)
from app.domain.tenants import (
    check_colour,
    check_name,
)
from server.errors import NotFoundError
from server.models import (
    Provider,
    ProviderHours,
    ProviderService,
    TimeOff,
)
from server.setup import schemas
from server.setup.lookups import get_location, get_provider, get_service


def add_provider(session: Session, tenant_id: uuid.UUID, body: schemas.ProviderIn) -> Provider:
    get_location(session, tenant_id, body.location_id)
    provider = Provider(
        tenant_id=tenant_id,
        provider_id=uuid.uuid4(),
        location_id=body.location_id,
        display_name=check_name(body.display_name, "display_name"),
        colour=check_colour(body.colour, "colour"),
    )
    session.add(provider)
    session.flush()
    for i, service_id in enumerate(dict.fromkeys(body.service_ids)):
        get_service(session, tenant_id, service_id, field=f"service_ids[{i}]")
        session.add(
            ProviderService(
                tenant_id=tenant_id, provider_id=provider.provider_id, service_id=service_id
            )
        )
    session.flush()
    return provider


def provider_service_ids(
    session: Session, tenant_id: uuid.UUID
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """provider -> services it offers (read once for a listing)."""
    rows = session.execute(
        select(ProviderService.provider_id, ProviderService.service_id).where(
            ProviderService.tenant_id == tenant_id
        )
    ).all()
    result: dict[uuid.UUID, list[uuid.UUID]] = {}
    for provider_id, service_id in rows:
        result.setdefault(provider_id, []).append(service_id)
    return result


def provider_out(provider: Provider, service_ids: list[uuid.UUID]) -> schemas.ProviderOut:
    return schemas.ProviderOut(
        provider_id=provider.provider_id,
        location_id=provider.location_id,
        display_name=provider.display_name,
        colour=provider.colour,
        active=provider.active,
        service_ids=service_ids,
    )


def list_providers(session: Session, tenant_id: uuid.UUID) -> list[schemas.ProviderOut]:
    offers = provider_service_ids(session, tenant_id)
    query = select(Provider).where(Provider.tenant_id == tenant_id).order_by(Provider.display_name)
    return [provider_out(p, offers.get(p.provider_id, [])) for p in session.scalars(query)]


def set_hours(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID, body: schemas.HoursIn
) -> None:
    """Replace the provider's weekly hours and breaks as a whole."""
    get_provider(session, tenant_id, provider_id)
    kinds = {
        "work": check_weekly(
            (WeeklyInterval(i.weekday, i.start, i.end) for i in body.hours), "hours"
        ),
        "break": check_weekly(
            (WeeklyInterval(i.weekday, i.start, i.end) for i in body.breaks), "breaks"
        ),
    }
    # Row by row, not a bulk DELETE: each deleted interval must leave a tombstone.
    for old in _hours_rows(session, tenant_id, provider_id):
        session.delete(old)
    session.flush()
    for kind, intervals in kinds.items():
        for iv in intervals:
            session.add(
                ProviderHours(
                    tenant_id=tenant_id,
                    hours_id=uuid.uuid4(),
                    provider_id=provider_id,
                    kind=kind,
                    weekday=iv.weekday,
                    start_time=iv.start,
                    end_time=iv.end,
                )
            )
    session.flush()


def get_hours(session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID) -> schemas.HoursOut:
    get_provider(session, tenant_id, provider_id)
    rows = _hours_rows(session, tenant_id, provider_id)
    pick = [
        [
            schemas.IntervalIn(weekday=r.weekday, start=r.start_time, end=r.end_time)
            for r in rows
            if r.kind == kind
        ]
        for kind in ("work", "break")
    ]
    return schemas.HoursOut(hours=pick[0], breaks=pick[1])


def _hours_rows(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID
) -> Sequence[ProviderHours]:
    query = (
        select(ProviderHours)
        .where(ProviderHours.tenant_id == tenant_id, ProviderHours.provider_id == provider_id)
        .order_by(ProviderHours.weekday, ProviderHours.start_time)
    )
    return session.scalars(query).all()


def add_time_off(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID, body: schemas.TimeOffIn
) -> TimeOff:
    get_provider(session, tenant_id, provider_id)
    check_time_off(body.start_at, body.end_at)
    row = TimeOff(
        tenant_id=tenant_id,
        time_off_id=uuid.uuid4(),
        provider_id=provider_id,
        start_at=body.start_at,
        end_at=body.end_at,
        reason=body.reason.strip(),
    )
    session.add(row)
    session.flush()
    return row


def delete_time_off(session: Session, tenant_id: uuid.UUID, time_off_id: uuid.UUID) -> None:
    row = session.get(TimeOff, (tenant_id, time_off_id))
    if row is None:
        raise NotFoundError("no such time off", field="time_off_id")
    session.delete(row)


def list_time_off(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID
) -> Sequence[TimeOff]:
    query = (
        select(TimeOff)
        .where(TimeOff.tenant_id == tenant_id, TimeOff.provider_id == provider_id)
        .order_by(TimeOff.start_at)
    )
    return session.scalars(query).all()
