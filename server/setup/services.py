"""Services: what a booking is for, how long it takes and what it costs.
Every function takes the caller's tenant and touches only it.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.services import ServiceSpec
from app.domain.tenants import (
    check_name,
)
from server.models import (
    ProviderService,
    Service,
)
from server.setup import schemas
from server.setup.lookups import get_provider
from server.setup.providers import provider_service_ids


def service_spec(service: Service) -> ServiceSpec:
    return ServiceSpec(
        duration_minutes=service.duration_minutes,
        buffer_before_minutes=service.buffer_before_minutes,
        buffer_after_minutes=service.buffer_after_minutes,
        price_minor=service.price_minor,
    )


def add_service(session: Session, tenant_id: uuid.UUID, body: schemas.ServiceIn) -> Service:
    spec = ServiceSpec(
        duration_minutes=body.duration_minutes,
        buffer_before_minutes=body.buffer_before_minutes,
        buffer_after_minutes=body.buffer_after_minutes,
        price_minor=body.price_minor,
    )
    service = Service(
        tenant_id=tenant_id,
        service_id=uuid.uuid4(),
        name=check_name(body.name),
        duration_minutes=spec.duration_minutes,
        buffer_before_minutes=spec.buffer_before_minutes,
        buffer_after_minutes=spec.buffer_after_minutes,
        price_minor=spec.price_minor,
    )
    session.add(service)
    session.flush()
    for i, provider_id in enumerate(dict.fromkeys(body.provider_ids)):
        get_provider(session, tenant_id, provider_id, field=f"provider_ids[{i}]")
        session.add(
            ProviderService(
                tenant_id=tenant_id, provider_id=provider_id, service_id=service.service_id
            )
        )
    session.flush()
    return service


def service_out(service: Service, provider_ids: list[uuid.UUID]) -> schemas.ServiceOut:
    return schemas.ServiceOut(
        service_id=service.service_id,
        name=service.name,
        duration_minutes=service.duration_minutes,
        buffer_before_minutes=service.buffer_before_minutes,
        buffer_after_minutes=service.buffer_after_minutes,
        price_minor=service.price_minor,
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
