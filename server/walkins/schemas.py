from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from app.sync.protocol import WalkinIn
from app.validation import Text

__all__ = ["WalkinIn", "WalkinOut", "WalkinStatusIn"]


class WalkinStatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Text = Field(max_length=20)
    provider_id: uuid.UUID | None = Field(default=None, description="Who takes the ticket")


class WalkinOut(BaseModel):
    ticket_id: uuid.UUID
    location_id: uuid.UUID
    day: date
    number: int
    label: str
    service_id: uuid.UUID | None
    provider_id: uuid.UUID | None
    customer_name: str
    status: str
    issued_at: datetime
    called_at: datetime | None
    finished_at: datetime | None
