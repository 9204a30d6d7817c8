"""Setup routes. Reading the catalogue is open to all staff; changing it needs an admin."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from fastapi import APIRouter, Response

from server.deps import AdminUser, CurrentUser, RuntimeDep, SessionDep
from server.models import Location, StaffUser, TimeOff
from server.setup import lookups, providers, schemas, services, staff, tenants

router = APIRouter(prefix="/setup", tags=["setup"])


@router.get("/tenant", response_model=schemas.TenantOut)
def get_tenant(principal: CurrentUser, session: SessionDep) -> schemas.TenantOut:
    return tenants.tenant_out(lookups.get_tenant(session, principal.tenant_id))


@router.patch("/tenant", response_model=schemas.TenantOut)
def update_tenant(
    body: schemas.TenantUpdate, principal: AdminUser, session: SessionDep
) -> schemas.TenantOut:
    tenant = tenants.update_tenant(session, principal.tenant_id, body)
    session.commit()
    return tenants.tenant_out(tenant)


@router.get("/locations", response_model=list[schemas.LocationOut])
def list_locations(principal: CurrentUser, session: SessionDep) -> Sequence[Location]:
    return tenants.list_locations(session, principal.tenant_id)


@router.post("/locations", response_model=schemas.LocationOut, status_code=201)
def add_location(body: schemas.LocationIn, principal: AdminUser, session: SessionDep) -> Location:
    location = tenants.add_location(session, principal.tenant_id, body)
    session.commit()
    return location


@router.get("/staff", response_model=list[schemas.StaffOut])
def list_staff(
    principal: AdminUser, runtime: RuntimeDep, session: SessionDep
) -> list[schemas.StaffOut]:
    users = staff.list_staff(session, principal.tenant_id)
    return staff.staff_out(session, runtime.limiter, users)


@router.post("/staff", response_model=schemas.StaffOut, status_code=201)
def add_staff(body: schemas.StaffIn, principal: AdminUser, session: SessionDep) -> StaffUser:
    user = staff.add_staff(session, principal.tenant_id, body)
    session.commit()
    return user


@router.post("/staff/{user_id}/unlock", response_model=schemas.StaffOut)
def unlock_staff(
    user_id: uuid.UUID, principal: AdminUser, runtime: RuntimeDep, session: SessionDep
) -> schemas.StaffOut:
    """Lift the lock too many wrong passwords put on this person's sign-in."""
    user = staff.unlock_staff(session, runtime.limiter, principal.tenant_id, user_id)
    session.commit()
    return staff.staff_out(session, runtime.limiter, [user])[0]


@router.patch("/staff/{user_id}", response_model=schemas.StaffOut)
def update_staff(
    user_id: uuid.UUID, body: schemas.StaffUpdate, principal: AdminUser, session: SessionDep
) -> StaffUser:
    user = staff.update_staff(
        session,
        principal.tenant_id,
        user_id,
        body,
        caller=principal.user_id,
        caller_session=principal.session_id,
    )
    session.commit()
    return user


@router.get("/providers", response_model=list[schemas.ProviderOut])
def list_providers(principal: CurrentUser, session: SessionDep) -> list[schemas.ProviderOut]:
    return providers.list_providers(session, principal.tenant_id)


@router.post("/providers", response_model=schemas.ProviderOut, status_code=201)
def add_provider(
    body: schemas.ProviderIn, principal: AdminUser, session: SessionDep
) -> schemas.ProviderOut:
    provider = providers.add_provider(session, principal.tenant_id, body)
    session.commit()
    return providers.provider_out(provider, list(dict.fromkeys(body.service_ids)))


@router.get("/providers/{provider_id}/hours", response_model=schemas.HoursOut)
def get_hours(
    provider_id: uuid.UUID, principal: CurrentUser, session: SessionDep
) -> schemas.HoursOut:
    return providers.get_hours(session, principal.tenant_id, provider_id)


@router.put("/providers/{provider_id}/hours", response_model=schemas.HoursOut)
def set_hours(
    provider_id: uuid.UUID, body: schemas.HoursIn, principal: AdminUser, session: SessionDep
) -> schemas.HoursOut:
    providers.set_hours(session, principal.tenant_id, provider_id, body)
    session.commit()
    return providers.get_hours(session, principal.tenant_id, provider_id)


@router.get("/providers/{provider_id}/time-off", response_model=list[schemas.TimeOffOut])
def list_time_off(
    provider_id: uuid.UUID, principal: CurrentUser, session: SessionDep
) -> Sequence[TimeOff]:
    lookups.get_provider(session, principal.tenant_id, provider_id)
    return providers.list_time_off(session, principal.tenant_id, provider_id)


@router.post(
    "/providers/{provider_id}/time-off", response_model=schemas.TimeOffOut, status_code=201
)
def add_time_off(
    provider_id: uuid.UUID, body: schemas.TimeOffIn, principal: AdminUser, session: SessionDep
) -> TimeOff:
    row = providers.add_time_off(session, principal.tenant_id, provider_id, body)
    session.commit()
    return row


@router.delete("/time-off/{time_off_id}", status_code=204)
def delete_time_off(time_off_id: uuid.UUID, principal: AdminUser, session: SessionDep) -> Response:
    providers.delete_time_off(session, principal.tenant_id, time_off_id)
    session.commit()
    return Response(status_code=204)


@router.get("/services", response_model=list[schemas.ServiceOut])
def list_services(principal: CurrentUser, session: SessionDep) -> list[schemas.ServiceOut]:
    return services.list_services(session, principal.tenant_id)


@router.post("/services", response_model=schemas.ServiceOut, status_code=201)
def add_service(
    body: schemas.ServiceIn, principal: AdminUser, session: SessionDep
) -> schemas.ServiceOut:
    row = services.add_service(session, principal.tenant_id, body)
    session.commit()
    return services.service_out(row, list(dict.fromkeys(body.provider_ids)))
