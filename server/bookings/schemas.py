from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RepeatIn(Strict):
    every_weeks: int = Field(default=1, description="1 = weekly, 2 = every other week, ...")
    count: int = Field(description="How many bookings in all, the first included")


class BookingIn(Strict):
    booking_id: uuid.UUID | None = Field(default=None, description="Client-made id, optional")
    customer_id: uuid.UUID
    service_id: uuid.UUID
    provider_id: uuid.UUID | None = Field(default=None, description="None: any provider")
    start_at: AwareDatetime
    status: str = Field(default="confirmed", description="requested or confirmed")
    notes: str = Field(default="", max_length=4000)
    repeat: RepeatIn | None = None


class StatusIn(Strict):
    status: str
    reason: str = Field(default="", max_length=500, description="Required to cancel")


class RescheduleIn(Strict):
    start_at: AwareDatetime
    provider_id: uuid.UUID | None = Field(default=None, description="None: keep the provider")


class NotesIn(Strict):
    notes: str = Field(max_length=4000)


class BookingOut(BaseModel):
    booking_id: uuid.UUID
    code: str
    location_id: uuid.UUID
    provider_id: uuid.UUID
    service_id: uuid.UUID
    customer_id: uuid.UUID
    start_at: datetime
    end_at: datetime
    status: str
    series_id: uuid.UUID | None
    price_minor: int
    notes: str
    cancel_reason: str
    created_at: datetime
    updated_at: datetime


class SlotOut(BaseModel):
    start_at: datetime
    end_at: datetime
    provider_ids: list[uuid.UUID]


class AvailabilityOut(BaseModel):
    day: date
    time_zone: str
    slot_minutes: int
    slots: list[SlotOut]
