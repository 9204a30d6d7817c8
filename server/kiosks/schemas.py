from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.validation import Text


class KioskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    location_id: uuid.UUID
    name: Text = Field(max_length=100)
    kind: Literal["kiosk", "board"] = Field(
        default="kiosk", description="board: a queue display board for the waiting room"
    )


class KioskOut(BaseModel):
    device_id: uuid.UUID
    location_id: uuid.UUID
    name: str
    kind: str = "kiosk"
    ticket_prefix: str
    created_at: datetime
    enrolled_at: datetime | None
    revoked_at: datetime | None


class KioskCreated(KioskOut):
    enrollment_code: str = Field(description="Shown once; typed at the kiosk within its time")
    enrollment_expires_at: datetime


class KioskEnroll(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enrollment_code: Text = Field(min_length=8, max_length=20)


class KioskEnrolled(BaseModel):
    device_token: str = Field(description="The kiosk keeps it in its keyring")
    device_id: uuid.UUID
    tenant_id: uuid.UUID
    location_id: uuid.UUID
    name: str
    ticket_prefix: str


class LookupIn(BaseModel):
    """Find today's booking at this kiosk's location by phone or DNI, and a second
    factor: the appointment's time (HH:MM) or the date of birth (YYYY-MM-DD)."""

    model_config = ConfigDict(extra="forbid")

    phone: Text = Field(default="", max_length=40)
    national_id: Text = Field(default="", max_length=30)
    appointment_time: Text = Field(default="", max_length=5)
    date_of_birth: Text = Field(default="", max_length=10)


class LookupOut(BaseModel):
    booking_id: uuid.UUID


class DeviceSignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    device_token: Text = Field(min_length=10, max_length=300)


class DeviceTokens(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    device_id: uuid.UUID
    location_id: uuid.UUID
    tenant_id: uuid.UUID
    role: str = Field(description="kiosk, board (a queue board), or hub (a site server)")
    name: str = ""
    ticket_prefix: str = ""
