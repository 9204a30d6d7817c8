from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from server.validation import Int64, Text


class PaymentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    payment_id: uuid.UUID | None = Field(default=None, description="Client-made id, optional")
    amount_minor: Int64 = Field(description="In minor units: ARS 1.500,00 is 150000")
    currency: Text | None = Field(
        default=None, max_length=3, description="Defaults to the business's"
    )
    method: Text = Field(max_length=20, description="cash, card, transfer or other")
    status: Text = Field(default="completed", max_length=20, description="completed or pending")
    reference: Text = Field(default="", max_length=200)


class PaymentStatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Text = Field(max_length=20)


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
