"""Services: what a booking is for, how long it takes, what it costs and its colour.
Every function takes the caller's tenant and touches only it.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.services import ServiceSpec
from app.domain.tenants import (
    check_colour,
    check_name,
)
from server.catalogue import CatalogueCache
from server.errors import ConflictApiError
from server.models import (
    ProviderService,
    Service,
)
from server.setup import impact, schemas
from server.setup.lookups import get_provider, get_service
from server.setup.providers import provider_service_ids

# A new service without a colour takes the next of these, so that the day view tells
# services apart before anyone picks colours (distinct, readable under dark text).
PALETTE = (
    "#5b8def", "#e07a5f", "#81b29a", "#f2cc8f", "#9d79bc",
    "#4fb0c6", "#e5989b", "#a3b18a", "#d4a373", "#6d98ba",
)  # fmt: skip


def service_spec(service: Service) -> ServiceSpec:
    return ServiceSpec(
        duration_minutes=service.duration_minutes,
        buffer_before_minutes=service.buffer_before_minutes,
        buffer_after_minutes=service.buffer_after_minutes,
        price_minor=service.price_minor,
    )


def _next_colour(session: Session, tenant_id: uuid.UUID) -> str:
    count = session.scalar(
        select(func.count()).select_from(Service).where(Service.tenant_id == tenant_id)
    )
    count = count or 0
    return PALETTE[count % len(PALETTE)]


def add_service(session: Session, tenant_id: uuid.UUID, body: schemas.ServiceIn) -> Service:
    spec = ServiceSpec(
        duration_minutes=body.duration_minutes,
        buffer_before_minutes=body.buffer_before_minutes,
        buffer_after_minutes=body.buffer_after_minutes,
        price_minor=body.price_minor,
    )
    colour = (
        check_colour(body.colour, "colour")
        if body.colour is not None
        else _next_colour(session, tenant_id)
    )
    name = _unique_name(session, tenant_id, check_name(body.name))
    service = Service(
        tenant_id=tenant_id,
        service_id=uuid.uuid4(),
        name=name,
        duration_minutes=spec.duration_minutes,
        buffer_before_minutes=spec.buffer_before_minutes,
        buffer_after_minutes=spec.buffer_after_minutes,
        price_minor=spec.price_minor,
        colour=colour,
    )
    session.add(service)
    session.flush()
    _set_providers(session, tenant_id, service.service_id, body.provider_ids)
    return service


def spec_after(service: Service, body: schemas.ServiceUpdate) -> ServiceSpec:
    """The service's duration, buffers and price once `body` is applied (checked)."""
    return ServiceSpec(
        duration_minutes=_given(body.duration_minutes, service.duration_minutes),
        buffer_before_minutes=_given(body.buffer_before_minutes, service.buffer_before_minutes),
        buffer_after_minutes=_given(body.buffer_after_minutes, service.buffer_after_minutes),
        price_minor=_given(body.price_minor, service.price_minor),
    )


def _given(value: int | None, current: int) -> int:
    return current if value is None else value


def update_service(
    session: Session, tenant_id: uuid.UUID, service_id: uuid.UUID, body: schemas.ServiceUpdate
) -> Service:
    """Change what is given. Bookings already made keep their times: a longer service
    applies to bookings made from now on (POST /setup/services/{id}/preview says which
    kept ones it would overlap)."""
    service = get_service(session, tenant_id, service_id)
    spec = spec_after(service, body)
    if body.name is not None:
        service.name = _unique_name(session, tenant_id, check_name(body.name), service_id)
    if body.colour is not None:
        service.colour = check_colour(body.colour, "colour")
    if body.active is not None:
        service.active = body.active
    service.duration_minutes = spec.duration_minutes
    service.buffer_before_minutes = spec.buffer_before_minutes
    service.buffer_after_minutes = spec.buffer_after_minutes
    service.price_minor = spec.price_minor
    if body.provider_ids is not None:
        _set_providers(session, tenant_id, service_id, body.provider_ids)
    session.flush()
    return service


def _unique_name(
    session: Session, tenant_id: uuid.UUID, name: str, itself: uuid.UUID | None = None
) -> str:
    """Two services of one name cannot be told apart at the desk, the kiosk or in a
    report: a name is taken whatever its case, by an active service or not."""
    query = select(Service.service_id).where(
        Service.tenant_id == tenant_id, func.lower(Service.name) == name.lower()
    )
    if itself is not None:
        query = query.where(Service.service_id != itself)
    if session.scalar(query.limit(1)) is not None:
        raise ConflictApiError(
            f"there is already a service called {name!r}", field="name", code="duplicate"
        )
    return name


def _set_providers(
    session: Session, tenant_id: uuid.UUID, service_id: uuid.UUID, provider_ids: list[uuid.UUID]
) -> None:
    """Exactly these providers offer the service. Row by row, not a bulk DELETE: each
    link removed must leave a tombstone for the replicas."""
    wanted = list(dict.fromkeys(provider_ids))
    for i, provider_id in enumerate(wanted):
        get_provider(session, tenant_id, provider_id, field=f"provider_ids[{i}]")
    links = session.scalars(
        select(ProviderService).where(
            ProviderService.tenant_id == tenant_id, ProviderService.service_id == service_id
        )
    ).all()
    have = {link.provider_id for link in links}
    for link in links:
        if link.provider_id not in wanted:
            session.delete(link)
    for provider_id in wanted:
        if provider_id not in have:
            session.add(
                ProviderService(tenant_id=tenant_id, provider_id=provider_id, service_id=service_id)
            )
    session.flush()


def provider_ids_of(
    session: Session, tenant_id: uuid.UUID, service_id: uuid.UUID
) -> list[uuid.UUID]:
    return list(
        session.scalars(
            select(ProviderService.provider_id).where(
                ProviderService.tenant_id == tenant_id, ProviderService.service_id == service_id
            )
        )
    )


def service_out(service: Service, provider_ids: list[uuid.UUID]) -> schemas.ServiceOut:
    return schemas.ServiceOut(
        service_id=service.service_id,
        name=service.name,
        duration_minutes=service.duration_minutes,
        buffer_before_minutes=service.buffer_before_minutes,
        buffer_after_minutes=service.buffer_after_minutes,
        price_minor=service.price_minor,
        colour=service.colour,
        active=service.active,
        provider_ids=provider_ids,
    )


def list_services(session: Session, tenant_id: uuid.UUID) -> list[schemas.ServiceOut]:
    offered_by: dict[uuid.UUID, list[uuid.UUID]] = {}
    for provider_id, service_ids in provider_service_ids(session, tenant_id).items():
        for service_id in service_ids:
            offered_by.setdefault(service_id, []).append(provider_id)
    query = select(Service).where(Service.tenant_id == tenant_id).order_by(Service.name)
    return [service_out(s, offered_by.get(s.service_id, [])) for s in session.scalars(query)]


def preview_service(
    session: Session,
    cache: CatalogueCache | None,
    tenant_id: uuid.UUID,
    service_id: uuid.UUID,
    body: schemas.ServiceUpdate,
    now: datetime,
) -> schemas.ImpactOut:
    """The service's bookings still to come that `body`'s duration or buffers would
    make overlap the next booking (or run past the provider's hours)."""
    service = get_service(session, tenant_id, service_id)
    return impact.service_preview(
        session, cache, tenant_id, service_id, spec_after(service, body), now
    )
