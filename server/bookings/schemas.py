from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from app.validation import Instant, Int64, Text


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RepeatIn(Strict):
    every_weeks: Int64 = Field(default=1, description="1 = weekly, 2 = every other week, ...")
    count: Int64 = Field(description="How many bookings in all, the first included")


class BookingIn(Strict):
    booking_id: uuid.UUID | None = Field(default=None, description="Client-made id, optional")
    customer_id: uuid.UUID
    service_id: uuid.UUID
    provider_id: uuid.UUID | None = Field(default=None, description="None: any provider")
    start_at: Instant
    status: Text = Field(default="confirmed", max_length=20, description="requested or confirmed")
    notes: Text = Field(default="", max_length=4000)
    repeat: RepeatIn | None = None


class StatusIn(Strict):
    status: Text = Field(max_length=20)
    reason: Text = Field(default="", max_length=500, description="Required to cancel")


class RescheduleIn(Strict):
    start_at: Instant
    provider_id: uuid.UUID | None = Field(default=None, description="None: keep the provider")


class NotesIn(Strict):
    notes: Text = Field(max_length=4000)


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
    checked_in_at: datetime | None = None  # when the customer arrived
    created_at: datetime
    updated_at: datetime


class BookingListed(BookingOut):
    """A listed booking with what care needs of its customer: what a provider's replica
    holds of each of their bookings (a provider may not read customers themselves)."""

    customer_label: str
    customer_notes: str
    customer_date_of_birth: date | None


class SlotOut(BaseModel):
    start_at: datetime
    end_at: datetime
    provider_ids: list[uuid.UUID]


class AvailabilityOut(BaseModel):
    day: date
    time_zone: str
    slot_minutes: int
    slots: list[SlotOut]
