"""The business and its locations: creating a tenant with its first location and
admin, its settings and branding.
Every function takes the caller's tenant and touches only it.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidValueError
from app.domain.holidays import check_country, check_year, public_holidays
from app.domain.holidays import countries as holiday_countries
from app.domain.schedules import STARTER_BREAKS, STARTER_HOURS, WeeklyInterval
from app.domain.tenants import (
    DEFAULT_COUNTRY,
    DEFAULT_CURRENCY,
    DEFAULT_LOCALE,
    check_colour,
    check_currency,
    check_locale,
    check_logo,
    check_name,
)
from app.domain.tenants import country_of as _zone_country
from app.domain.timezones import DEFAULT_TIME_ZONE, zone
from app.domain.verticals import vertical as vertical_preset
from server.models import (
    Location,
    StaffUser,
    Tenant,
    TenantVersion,
)
from server.setup import schemas
from server.setup.lookups import get_tenant
from server.setup.providers import add_provider, set_hours
from server.setup.services import add_service
from server.setup.staff import add_staff


def tenant_out(tenant: Tenant) -> schemas.TenantOut:
    return schemas.TenantOut(
        tenant_id=tenant.tenant_id,
        name=tenant.name,
        vertical=tenant.vertical,
        time_zone=tenant.time_zone,
        locale=tenant.locale,
        currency=tenant.currency,
        country=tenant.country,
        slot_minutes=slot_minutes(tenant),
        display_name=tenant.display_name,
        primary_colour=tenant.primary_colour,
        accent_colour=tenant.accent_colour,
        has_logo=tenant.logo is not None,
        alert_waiting_minutes=tenant.alert_waiting_minutes,
        alert_late_minutes=tenant.alert_late_minutes,
        alert_walkin_minutes=tenant.alert_walkin_minutes,
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
    country: str | None = None,
    primary_colour: str | None = None,
    logo: bytes | None = None,
    provider_name: str | None = None,
) -> tuple[Tenant, Location, StaffUser]:
    """A new business with its first location and admin; optionally the vertical's
    services, and a first provider (`provider_name`) who offers them and works the
    starter week (app/domain/schedules.STARTER_HOURS). `country` (whose holidays the
    setup offers) defaults to the time zone's, else Argentina; the colours and the
    logo to the vertical's look and none."""
    preset = vertical_preset(vertical)
    name = check_name(name)
    tz = zone(time_zone).key
    tenant = Tenant(
        tenant_id=tenant_id or uuid.uuid4(),
        name=name,
        vertical=preset.key,
        time_zone=tz,
        locale=check_locale(locale),
        currency=check_currency(currency),
        country=check_country(country) if country is not None else default_country(tz),
        slot_minutes=None,
        display_name=name,
        primary_colour=(
            check_colour(primary_colour, "primary_colour")
            if primary_colour is not None
            else preset.primary_colour
        ),
        accent_colour=preset.accent_colour,
        logo=check_logo(logo, "logo") if logo is not None else None,
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
    offered = []
    if preset_services:
        for svc in preset.services:
            offered.append(
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
                ).service_id
            )
    if provider_name is not None:
        provider = add_provider(
            session,
            tenant.tenant_id,
            schemas.ProviderIn(
                display_name=provider_name,
                location_id=location.location_id,
                service_ids=offered,
            ),
        )
        set_hours(session, tenant.tenant_id, provider.provider_id, starter_hours())
    return tenant, location, admin


def starter_hours() -> schemas.HoursIn:
    def intervals(week: Sequence[WeeklyInterval]) -> list[schemas.IntervalIn]:
        return [schemas.IntervalIn(weekday=i.weekday, start=i.start, end=i.end) for i in week]

    return schemas.HoursIn(hours=intervals(STARTER_HOURS), breaks=intervals(STARTER_BREAKS))


def default_country(time_zone: str) -> str:
    """The time zone's country when its holidays are known, else Argentina."""
    found = _zone_country(time_zone)
    return found if found in holiday_countries() else DEFAULT_COUNTRY


def holidays(session: Session, tenant_id: uuid.UUID, year: int) -> list[schemas.HolidayOut]:
    """The public holidays of the business's country in `year`, in its language."""
    tenant = get_tenant(session, tenant_id)
    return [
        schemas.HolidayOut(date=h.day, name=h.name)
        for h in public_holidays(tenant.country, check_year(year), tenant.locale)
    ]


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
    if body.country is not None:
        tenant.country = check_country(body.country)
    if body.slot_minutes is not None:
        tenant.slot_minutes = body.slot_minutes
    if body.alerts is not None:
        a = body.alerts
        if a.waiting_minutes is not None:
            tenant.alert_waiting_minutes = a.waiting_minutes
        if a.late_minutes is not None:
            tenant.alert_late_minutes = a.late_minutes
        if a.walkin_minutes is not None:
            tenant.alert_walkin_minutes = a.walkin_minutes
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


def list_locations(session: Session, tenant_id: uuid.UUID) -> Sequence[Location]:
    query = select(Location).where(Location.tenant_id == tenant_id).order_by(Location.name)
    return session.scalars(query).all()


def location_zone(tenant: Tenant, location: Location | None) -> ZoneInfo:
    return zone(location.time_zone if location and location.time_zone else tenant.time_zone)
