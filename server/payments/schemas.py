from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class PaymentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    payment_id: uuid.UUID | None = Field(default=None, description="Client-made id, optional")
    amount_minor: int = Field(description="In minor units: ARS 1.500,00 is 150000")
    currency: str | None = Field(default=None, description="Defaults to the business's")
    method: str = Field(description="cash, card, transfer or other")
    status: str = Field(default="completed", description="completed or pending")
    reference: str = Field(default="", max_length=200)


class PaymentStatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str


class PaymentOut(BaseModel):
    payment_id: uuid.UUID
    booking_id: uuid.UUID
    amount_minor: int
    currency: str
    method: str
    status: str
    reference: str
    created_at: datetime
    updated_at: datetime
