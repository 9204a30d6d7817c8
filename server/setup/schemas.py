from __future__ import annotations

import uuid
from datetime import datetime, time

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BrandingIn(Strict):
    display_name: str | None = Field(default=None, max_length=200)
    primary_colour: str | None = None
    accent_colour: str | None = None
    logo_base64: str | None = Field(default=None, description="PNG or SVG, base64")


class TenantUpdate(Strict):
    name: str | None = Field(default=None, max_length=200)
    time_zone: str | None = None
    locale: str | None = None
    currency: str | None = None
    vertical: str | None = None
    slot_minutes: int | None = Field(default=None, ge=5, le=240)
    branding: BrandingIn | None = None


class TenantOut(BaseModel):
    tenant_id: uuid.UUID
    name: str
    vertical: str
    time_zone: str
    locale: str
    currency: str
    slot_minutes: int
    display_name: str
    primary_colour: str
    accent_colour: str
    has_logo: bool


class LocationIn(Strict):
    name: str = Field(max_length=200)
    address: str = Field(default="", max_length=300)
    time_zone: str | None = None


class LocationOut(BaseModel):
    location_id: uuid.UUID
    name: str
    address: str
    time_zone: str | None


class StaffIn(Strict):
    email: str = Field(max_length=254)
    display_name: str = Field(max_length=200)
    role: str
    password: str = Field(max_length=512)
    provider_id: uuid.UUID | None = None


class StaffUpdate(Strict):
    display_name: str | None = Field(default=None, max_length=200)
    role: str | None = None
    password: str | None = Field(default=None, max_length=512)
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


class ProviderIn(Strict):
    display_name: str = Field(max_length=200)
    location_id: uuid.UUID
    colour: str = "#5b8def"
    service_ids: list[uuid.UUID] = Field(default_factory=list)


class ProviderOut(BaseModel):
    provider_id: uuid.UUID
    location_id: uuid.UUID
    display_name: str
    colour: str
    active: bool
    service_ids: list[uuid.UUID]


class IntervalIn(Strict):
    weekday: int = Field(ge=0, le=6, description="0 = Monday")
    start: time
    end: time


class HoursIn(Strict):
    hours: list[IntervalIn] = Field(max_length=50)
    breaks: list[IntervalIn] = Field(default_factory=list, max_length=50)


class HoursOut(BaseModel):
    hours: list[IntervalIn]
    breaks: list[IntervalIn]


class TimeOffIn(Strict):
    start_at: AwareDatetime
    end_at: AwareDatetime
    reason: str = Field(default="", max_length=200)


class TimeOffOut(BaseModel):
    time_off_id: uuid.UUID
    provider_id: uuid.UUID
    start_at: datetime
    end_at: datetime
    reason: str


class ServiceIn(Strict):
    name: str = Field(max_length=200)
    duration_minutes: int
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 0
    price_minor: int = 0
    provider_ids: list[uuid.UUID] = Field(default_factory=list)


class ServiceOut(BaseModel):
    service_id: uuid.UUID
    name: str
    duration_minutes: int
    buffer_before_minutes: int
    buffer_after_minutes: int
    price_minor: int
    active: bool
    provider_ids: list[uuid.UUID]
