"""One row of the caller's tenant by its id, or a 404 naming the field: what the
other setup modules (and the features) look up before they act.
Every function takes the caller's tenant and touches only it.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from server.errors import NotFoundError
from server.models import (
    Location,
    Provider,
    Service,
    Tenant,
)


def get_tenant(session: Session, tenant_id: uuid.UUID) -> Tenant:
    tenant = session.get(Tenant, tenant_id)
    if tenant is None:
        raise NotFoundError("no such business", field="tenant_id", code="unknown_tenant")
    return tenant


def get_location(
    session: Session, tenant_id: uuid.UUID, location_id: uuid.UUID, field: str = "location_id"
) -> Location:
    location = session.get(Location, (tenant_id, location_id))
    if location is None:
        raise NotFoundError("no such location", field=field)
    return location


def get_provider(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID, field: str = "provider_id"
) -> Provider:
    provider = session.get(Provider, (tenant_id, provider_id))
    if provider is None:
        raise NotFoundError("no such provider", field=field)
    return provider


def get_service(
    session: Session, tenant_id: uuid.UUID, service_id: uuid.UUID, field: str = "service_id"
) -> Service:
    service = session.get(Service, (tenant_id, service_id))
    if service is None:
        raise NotFoundError("no such service", field=field)
    return service
