"""Setup rules on the store. Every function takes the caller's tenant and touches only it."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidValueError
from app.domain.schedules import (
    WeeklyInterval,
    check_time_off,
    check_weekly,
)
from app.domain.services import ServiceSpec
from app.domain.staff import Role, check_email, check_password, check_staff_role
from app.domain.tenants import (
    DEFAULT_CURRENCY,
    DEFAULT_LOCALE,
    check_colour,
    check_currency,
    check_locale,
    check_logo,
    check_name,
)
from app.domain.timezones import DEFAULT_TIME_ZONE, zone
from app.domain.verticals import vertical as vertical_preset
from server.auth.passwords import hash_password
from server.auth.service import end_sessions
from server.errors import NotFoundError
from server.models import (
    Location,
    Provider,
    ProviderHours,
    ProviderService,
    Service,
    StaffUser,
    Tenant,
    TenantVersion,
    TimeOff,
)
from server.ratelimit import LoginRateLimiter
from server.setup import schemas


def get_tenant(session: Session, tenant_id: uuid.UUID) -> Tenant:
    tenant = session.get(Tenant, tenant_id)
    if tenant is None:
        raise NotFoundError("no such business", field="tenant_id", code="unknown_tenant")
    return tenant


def tenant_out(tenant: Tenant) -> schemas.TenantOut:
    return schemas.TenantOut(
        tenant_id=tenant.tenant_id,
        name=tenant.name,
        vertical=tenant.vertical,
        time_zone=tenant.time_zone,
        locale=tenant.locale,
        currency=tenant.currency,
        slot_minutes=slot_minutes(tenant),
        display_name=tenant.display_name,
        primary_colour=tenant.primary_colour,
        accent_colour=tenant.accent_colour,
        has_logo=tenant.logo is not None,
    )


def slot_minutes(tenant: Tenant) -> int:
    return tenant.slot_minutes or vertical_preset(tenant.vertical).slot_minutes


def create_tenant(
    session: Session,
    *,
    name: str,
    admin_email: str,
    admin_password: str,
    admin_name: str = "Admin",
    vertical: str = "clinic",
    time_zone: str = DEFAULT_TIME_ZONE,
    locale: str = DEFAULT_LOCALE,
    currency: str = DEFAULT_CURRENCY,
    location_name: str | None = None,
    preset_services: bool = False,
    tenant_id: uuid.UUID | None = None,
) -> tuple[Tenant, Location, StaffUser]:
    """A new business with its first location and admin; optionally the vertical's services."""
    preset = vertical_preset(vertical)
    name = check_name(name)
    tenant = Tenant(
        tenant_id=tenant_id or uuid.uuid4(),
        name=name,
        vertical=preset.key,
        time_zone=zone(time_zone).key,
        locale=check_locale(locale),
        currency=check_currency(currency),
        slot_minutes=None,
        display_name=name,
        primary_colour=preset.primary_colour,
        accent_colour=preset.accent_colour,
    )
    session.add(tenant)
    session.flush()  # the tenant first: nothing tells the unit of work to order these
    session.add(TenantVersion(tenant_id=tenant.tenant_id, version=0))
    location = add_location(
        session, tenant.tenant_id, schemas.LocationIn(name=location_name or name)
    )
    admin = add_staff(
        session,
        tenant.tenant_id,
        schemas.StaffIn(
            email=admin_email, display_name=admin_name, role="admin", password=admin_password
        ),
    )
    if preset_services:
        for svc in preset.services:
            add_service(
                session,
                tenant.tenant_id,
                schemas.ServiceIn(
                    name=svc.name.get(tenant.locale) or svc.name["en"],
                    duration_minutes=svc.spec.duration_minutes,
                    buffer_before_minutes=svc.spec.buffer_before_minutes,
                    buffer_after_minutes=svc.spec.buffer_after_minutes,
                    price_minor=svc.spec.price_minor,
                ),
            )
    return tenant, location, admin


def update_tenant(session: Session, tenant_id: uuid.UUID, body: schemas.TenantUpdate) -> Tenant:
    tenant = get_tenant(session, tenant_id)
    if body.name is not None:
        tenant.name = check_name(body.name)
    if body.time_zone is not None:
        tenant.time_zone = zone(body.time_zone).key
    if body.locale is not None:
        tenant.locale = check_locale(body.locale)
    if body.currency is not None:
        tenant.currency = check_currency(body.currency)
    if body.vertical is not None:
        tenant.vertical = vertical_preset(body.vertical).key
    if body.slot_minutes is not None:
        tenant.slot_minutes = body.slot_minutes
    if body.branding is not None:
        b = body.branding
        if b.display_name is not None:
            tenant.display_name = check_name(b.display_name, "branding.display_name")
        if b.primary_colour is not None:
            tenant.primary_colour = check_colour(b.primary_colour, "branding.primary_colour")
        if b.accent_colour is not None:
            tenant.accent_colour = check_colour(b.accent_colour, "branding.accent_colour")
        if b.logo_base64 is not None:
            tenant.logo = _decode_logo(b.logo_base64) if b.logo_base64 else None
    return tenant


def _decode_logo(data: str) -> bytes:
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidValueError(
            "branding.logo_base64", "invalid_base64", "is not valid base64"
        ) from None
    return check_logo(raw, "branding.logo_base64")


# -- locations -------------------------------------------------------------------------


def add_location(session: Session, tenant_id: uuid.UUID, body: schemas.LocationIn) -> Location:
    location = Location(
        tenant_id=tenant_id,
        location_id=uuid.uuid4(),
        name=check_name(body.name),
        address=body.address.strip(),
        time_zone=zone(body.time_zone).key if body.time_zone else None,
    )
    session.add(location)
    session.flush()
    return location


def get_location(
    session: Session, tenant_id: uuid.UUID, location_id: uuid.UUID, field: str = "location_id"
) -> Location:
    location = session.get(Location, (tenant_id, location_id))
    if location is None:
        raise NotFoundError("no such location", field=field)
    return location


def list_locations(session: Session, tenant_id: uuid.UUID) -> Sequence[Location]:
    query = select(Location).where(Location.tenant_id == tenant_id).order_by(Location.name)
    return session.scalars(query).all()


def location_zone(tenant: Tenant, location: Location | None) -> ZoneInfo:
    return zone(location.time_zone if location and location.time_zone else tenant.time_zone)


# -- staff -----------------------------------------------------------------------------


def add_staff(session: Session, tenant_id: uuid.UUID, body: schemas.StaffIn) -> StaffUser:
    role = check_staff_role(body.role)
    if body.provider_id is not None:
        get_provider(session, tenant_id, body.provider_id)
    elif role is Role.PROVIDER:
        raise InvalidValueError(
            "provider_id", "required", "a provider account must name its provider"
        )
    user = StaffUser(
        tenant_id=tenant_id,
        user_id=uuid.uuid4(),
        email=check_email(body.email),
        display_name=check_name(body.display_name, "display_name"),
        role=role.value,
        password_hash=hash_password(check_password(body.password)),
        provider_id=body.provider_id,
    )
    session.add(user)
    session.flush()  # a duplicate email fails here, inside the request's transaction
    return user


def update_staff(
    session: Session,
    tenant_id: uuid.UUID,
    user_id: uuid.UUID,
    body: schemas.StaffUpdate,
    *,
    caller: uuid.UUID,
    caller_session: uuid.UUID,
) -> StaffUser:
    """Change a staff member, as the admin `caller` signed in with `caller_session`. A
    new password signs them out on every device (someone else may know the old one),
    except this very session when the admin changes their own."""
    user = get_staff(session, tenant_id, user_id)
    if body.display_name is not None:
        user.display_name = check_name(body.display_name, "display_name")
    if body.role is not None:
        user.role = check_staff_role(body.role).value
    if body.password is not None:
        user.password_hash = hash_password(check_password(body.password))
        keep = caller_session if caller == user_id else None
        end_sessions(session, tenant_id, user_id, keep=keep)
    if body.active is not None:
        user.active = body.active
    return user


def list_staff(session: Session, tenant_id: uuid.UUID) -> Sequence[StaffUser]:
    query = select(StaffUser).where(StaffUser.tenant_id == tenant_id).order_by(StaffUser.email)
    return session.scalars(query).all()


def get_staff(session: Session, tenant_id: uuid.UUID, user_id: uuid.UUID) -> StaffUser:
    user = session.get(StaffUser, (tenant_id, user_id))
    if user is None:
        raise NotFoundError("no such staff member", field="user_id")
    return user


def staff_out(
    session: Session, limiter: LoginRateLimiter, users: Sequence[StaffUser]
) -> list[schemas.StaffOut]:
    """Staff as an admin sees them, with any lock on their sign-in."""
    locks = limiter.locked_until(session, [u.email for u in users])
    return [
        schemas.StaffOut(
            user_id=u.user_id,
            email=u.email,
            display_name=u.display_name,
            role=u.role,
            provider_id=u.provider_id,
            active=u.active,
            locked_until=locks.get(u.email),
        )
        for u in users
    ]


def unlock_staff(
    session: Session, limiter: LoginRateLimiter, tenant_id: uuid.UUID, user_id: uuid.UUID
) -> StaffUser:
    """Lift the lock that too many wrong passwords put on a staff member's sign-in. The
    lock is on the email, so it lifts for every business the email signs in to."""
    user = get_staff(session, tenant_id, user_id)
    limiter.unlock(session, user.email)
    return user


# -- providers, hours and time off -----------------------------------------------------


def get_provider(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID, field: str = "provider_id"
) -> Provider:
    provider = session.get(Provider, (tenant_id, provider_id))
    if provider is None:
        raise NotFoundError("no such provider", field=field)
    return provider


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


# -- services --------------------------------------------------------------------------


def get_service(
    session: Session, tenant_id: uuid.UUID, service_id: uuid.UUID, field: str = "service_id"
) -> Service:
    service = session.get(Service, (tenant_id, service_id))
    if service is None:
        raise NotFoundError("no such service", field=field)
    return service


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
