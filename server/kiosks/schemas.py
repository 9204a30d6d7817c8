from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class KioskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    location_id: uuid.UUID
    name: str = Field(max_length=100)


class KioskOut(BaseModel):
    device_id: uuid.UUID
    location_id: uuid.UUID
    name: str
    created_at: datetime
    revoked_at: datetime | None


class KioskCreated(KioskOut):
    device_token: str = Field(description="Shown once; the kiosk keeps it in its keyring")


class DeviceSignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    device_token: str = Field(min_length=10, max_length=300)


class DeviceTokens(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    device_id: uuid.UUID
    location_id: uuid.UUID
    tenant_id: uuid.UUID
