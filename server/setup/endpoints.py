"""Setup routes. Reading the catalogue is open to all staff; changing it needs an admin."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Query, Response

from server.db.base import session_now
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
    user_id: uuid.UUID,
    body: schemas.StaffUpdate,
    principal: AdminUser,
    runtime: RuntimeDep,
    session: SessionDep,
) -> schemas.StaffOut:
    """A new `password` signs that person out everywhere (the caller's own session
    stays when they change their own)."""
    user = staff.update_staff(
        session,
        principal.tenant_id,
        user_id,
        body,
        caller=principal.user_id,
        caller_session=principal.session_id,
    )
    session.commit()
    return staff.staff_out(session, runtime.limiter, [user])[0]


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


@router.patch("/providers/{provider_id}", response_model=schemas.ProviderOut)
def update_provider(
    provider_id: uuid.UUID,
    body: schemas.ProviderUpdate,
    principal: AdminUser,
    session: SessionDep,
) -> schemas.ProviderOut:
    """Deactivating a provider with bookings still to come is refused (409
    provider_has_future_bookings, `details.bookings` lists them)."""
    provider = providers.update_provider(
        session, principal.tenant_id, provider_id, body, session_now(session)
    )
    session.commit()
    ids = providers.service_ids_of(session, principal.tenant_id, provider_id)
    return providers.provider_out(provider, ids)


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


@router.post("/providers/{provider_id}/hours/preview", response_model=schemas.ImpactOut)
def preview_hours(
    provider_id: uuid.UUID,
    body: schemas.HoursIn,
    principal: AdminUser,
    runtime: RuntimeDep,
    session: SessionDep,
) -> schemas.ImpactOut:
    """The bookings still to come that these hours would leave out. Changes nothing."""
    return providers.preview_hours(
        session, runtime.catalogues, principal.tenant_id, provider_id, body, session_now(session)
    )


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


@router.post("/providers/{provider_id}/time-off/preview", response_model=schemas.ImpactOut)
def preview_time_off(
    provider_id: uuid.UUID,
    body: schemas.TimeOffIn,
    principal: AdminUser,
    runtime: RuntimeDep,
    session: SessionDep,
) -> schemas.ImpactOut:
    """The provider's bookings still to come that this time off falls on."""
    lookups.get_provider(session, principal.tenant_id, provider_id)
    return providers.preview_time_off(
        session, runtime.catalogues, principal.tenant_id, [provider_id], body, session_now(session)
    )


@router.get("/locations/{location_id}/time-off", response_model=list[schemas.TimeOffGroupOut])
def list_location_time_off(
    location_id: uuid.UUID, principal: CurrentUser, session: SessionDep
) -> list[schemas.TimeOffGroupOut]:
    return providers.list_location_time_off(session, principal.tenant_id, location_id)


@router.post(
    "/locations/{location_id}/time-off",
    response_model=list[schemas.TimeOffOut],
    status_code=201,
)
def add_location_time_off(
    location_id: uuid.UUID, body: schemas.TimeOffIn, principal: AdminUser, session: SessionDep
) -> list[TimeOff]:
    """Time off for every active provider of the location (a holiday), as one group."""
    rows = providers.add_location_time_off(session, principal.tenant_id, location_id, body)
    session.commit()
    return rows


@router.post("/locations/{location_id}/time-off/preview", response_model=schemas.ImpactOut)
def preview_location_time_off(
    location_id: uuid.UUID,
    body: schemas.TimeOffIn,
    principal: AdminUser,
    runtime: RuntimeDep,
    session: SessionDep,
) -> schemas.ImpactOut:
    """The bookings still to come at the location that this time off falls on."""
    lookups.get_location(session, principal.tenant_id, location_id)
    ids = providers.active_provider_ids(session, principal.tenant_id, location_id)
    return providers.preview_time_off(
        session, runtime.catalogues, principal.tenant_id, ids, body, session_now(session)
    )


@router.delete("/time-off-groups/{group_id}", status_code=204)
def delete_time_off_group(
    group_id: uuid.UUID, principal: AdminUser, session: SessionDep
) -> Response:
    providers.delete_time_off_group(session, principal.tenant_id, group_id)
    session.commit()
    return Response(status_code=204)


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


@router.patch("/services/{service_id}", response_model=schemas.ServiceOut)
def update_service(
    service_id: uuid.UUID, body: schemas.ServiceUpdate, principal: AdminUser, session: SessionDep
) -> schemas.ServiceOut:
    """Bookings already made keep their times (see .../preview for those it concerns)."""
    row = services.update_service(session, principal.tenant_id, service_id, body)
    session.commit()
    return services.service_out(
        row, services.provider_ids_of(session, principal.tenant_id, service_id)
    )


@router.post("/services/{service_id}/preview", response_model=schemas.ImpactOut)
def preview_service(
    service_id: uuid.UUID,
    body: schemas.ServiceUpdate,
    principal: AdminUser,
    runtime: RuntimeDep,
    session: SessionDep,
) -> schemas.ImpactOut:
    """The bookings still to come that this change would make overlap the next one."""
    return services.preview_service(
        session, runtime.catalogues, principal.tenant_id, service_id, body, session_now(session)
    )


@router.get("/holidays", response_model=list[schemas.HolidayOut])
def list_holidays(
    principal: CurrentUser, session: SessionDep, year: Annotated[int, Query()]
) -> list[schemas.HolidayOut]:
    """The public holidays of the business's country (TenantOut.country) in `year`."""
    return tenants.holidays(session, principal.tenant_id, year)
