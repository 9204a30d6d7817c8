from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.validation import Day, Instant, Int64, SlotMinutes, Text, WallTime, Weekday, ZoneName


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BrandingIn(Strict):
    display_name: Text | None = Field(default=None, max_length=200)
    primary_colour: Text | None = Field(default=None, max_length=7)
    accent_colour: Text | None = Field(default=None, max_length=7)
    # A logo of at most 256 KB (see app.domain.tenants.check_logo), in base64.
    logo_base64: Text | None = Field(
        default=None, max_length=350_000, description="PNG or SVG, base64"
    )


class AlertsIn(Strict):
    """The desk's alert thresholds, in minutes."""

    waiting_minutes: int | None = Field(
        default=None, ge=1, le=480, description="arrived and still waiting this long"
    )
    late_minutes: int | None = Field(
        default=None, ge=1, le=480, description="this long past the start, not arrived"
    )
    walkin_minutes: int | None = Field(
        default=None, ge=1, le=480, description="a walk-in ticket waiting this long"
    )


class TenantUpdate(Strict):
    name: Text | None = Field(default=None, max_length=200)
    time_zone: ZoneName | None = None
    locale: Text | None = Field(default=None, max_length=10)
    currency: Text | None = Field(default=None, max_length=3)
    vertical: Text | None = Field(default=None, max_length=40)
    slot_minutes: SlotMinutes | None = None
    branding: BrandingIn | None = None
    country: Text | None = Field(
        default=None, max_length=2, description="ISO 3166 alpha-2, e.g. AR: whose holidays"
    )
    alerts: AlertsIn | None = None


class TenantOut(BaseModel):
    tenant_id: uuid.UUID
    name: str
    vertical: str
    time_zone: str
    locale: str
    currency: str
    country: str
    slot_minutes: int
    display_name: str
    primary_colour: str
    accent_colour: str
    has_logo: bool
    alert_waiting_minutes: int
    alert_late_minutes: int
    alert_walkin_minutes: int


class LocationIn(Strict):
    name: Text = Field(max_length=200)
    address: Text = Field(default="", max_length=300)
    time_zone: ZoneName | None = None


class LocationOut(BaseModel):
    location_id: uuid.UUID
    name: str
    address: str
    time_zone: str | None


class StaffIn(Strict):
    email: Text = Field(max_length=254)
    display_name: Text = Field(max_length=200)
    role: Text = Field(max_length=20)
    password: Text = Field(max_length=512)
    provider_id: uuid.UUID | None = None


class StaffUpdate(Strict):
    display_name: Text | None = Field(default=None, max_length=200)
    role: Text | None = Field(default=None, max_length=20)
    password: Text | None = Field(default=None, max_length=512)
    active: bool | None = None


class StaffOut(BaseModel):
    user_id: uuid.UUID
    email: str
    display_name: str
    role: str
    provider_id: uuid.UUID | None
    active: bool
    locked_until: datetime | None = Field(
        default=None,
        description="Sign-in is locked after too many wrong passwords until then "
        "(POST /setup/staff/{user_id}/unlock lifts it)",
    )
    last_sign_in_at: datetime | None = Field(
        default=None, description="When they last signed in with their password"
    )


class ProviderIn(Strict):
    display_name: Text = Field(max_length=200)
    location_id: uuid.UUID
    colour: Text = Field(default="#5b8def", max_length=7)
    service_ids: list[uuid.UUID] = Field(default_factory=list)


class ProviderUpdate(Strict):
    """Only what is given changes; `service_ids` replaces the whole list."""

    display_name: Text | None = Field(default=None, max_length=200)
    colour: Text | None = Field(default=None, max_length=7)
    service_ids: list[uuid.UUID] | None = Field(default=None, max_length=500)
    active: bool | None = None


class ProviderOut(BaseModel):
    provider_id: uuid.UUID
    location_id: uuid.UUID
    display_name: str
    colour: str
    active: bool
    service_ids: list[uuid.UUID]


class IntervalIn(Strict):
    weekday: Weekday
    start: WallTime
    end: WallTime


class HoursIn(Strict):
    hours: list[IntervalIn] = Field(max_length=50)
    breaks: list[IntervalIn] = Field(default_factory=list, max_length=50)
    valid_from: Day | None = Field(
        default=None,
        description="The business's local day from which this week replaces the one "
        "before it; absent: the week in force since always. A dated week with no hours "
        "and no breaks is removed.",
    )


class WeekOut(BaseModel):
    valid_from: date | None
    hours: list[IntervalIn]
    breaks: list[IntervalIn]


class HoursOut(BaseModel):
    """The week in force since always (`hours`, `breaks`), and in `weeks` every week,
    that one first, then those that take over from a date, by date."""

    hours: list[IntervalIn]
    breaks: list[IntervalIn]
    weeks: list[WeekOut]


class TimeOffIn(Strict):
    start_at: Instant
    end_at: Instant
    reason: Text = Field(default="", max_length=200)


class TimeOffOut(BaseModel):
    time_off_id: uuid.UUID
    provider_id: uuid.UUID
    start_at: datetime
    end_at: datetime
    reason: str
    group_id: uuid.UUID | None = Field(
        default=None, description="Set when taken for a whole location at once"
    )


class TimeOffGroupOut(BaseModel):
    """Time off taken for a whole location: one row per provider, listed as one."""

    group_id: uuid.UUID
    start_at: datetime
    end_at: datetime
    reason: str
    provider_ids: list[uuid.UUID]


class ServiceIn(Strict):
    name: Text = Field(max_length=200)
    duration_minutes: Int64
    buffer_before_minutes: Int64 = 0
    buffer_after_minutes: Int64 = 0
    price_minor: Int64 = 0
    colour: Text | None = Field(
        default=None, max_length=7, description="#rrggbb; default: one the server picks"
    )
    provider_ids: list[uuid.UUID] = Field(default_factory=list)


class ServiceUpdate(Strict):
    """Only what is given changes; `provider_ids` replaces the whole list."""

    name: Text | None = Field(default=None, max_length=200)
    duration_minutes: Int64 | None = None
    buffer_before_minutes: Int64 | None = None
    buffer_after_minutes: Int64 | None = None
    price_minor: Int64 | None = None
    colour: Text | None = Field(default=None, max_length=7)
    active: bool | None = None
    provider_ids: list[uuid.UUID] | None = Field(default=None, max_length=500)


class ServiceOut(BaseModel):
    service_id: uuid.UUID
    name: str
    duration_minutes: int
    buffer_before_minutes: int
    buffer_after_minutes: int
    price_minor: int
    colour: str
    active: bool
    provider_ids: list[uuid.UUID]


class AffectedBooking(BaseModel):
    """A kept booking that a setup change breaks, and why."""

    booking_id: uuid.UUID
    code: str
    start_at: datetime
    end_at: datetime
    provider_id: uuid.UUID
    provider_name: str
    service_name: str
    customer_name: str
    reason: Literal["outside_hours", "in_time_off", "overlaps_after_change", "provider_inactive"]


class ImpactOut(BaseModel):
    """What a change would break, soonest first. Saving is allowed all the same."""

    bookings: list[AffectedBooking]


class HolidayOut(BaseModel):
    date: Day
    name: str
