from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.sync.protocol import PaymentIn
from app.validation import Instant, Text

__all__ = ["PaymentIn", "PaymentOut", "PaymentStatusIn"]


class PaymentStatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Text = Field(max_length=20)
    reason: Text = Field(default="", max_length=500, description="Required to refund or void")
    at: Instant | None = Field(
        default=None, description="When the desk refunded or voided it; the server's now if omitted"
    )


class PaymentOut(BaseModel):
    payment_id: uuid.UUID
    booking_id: uuid.UUID
    amount_minor: int
    currency: str
    method: str
    status: str
    reference: str
    taken_at: datetime
    reason: str
    reversed_at: datetime | None
    created_at: datetime
    updated_at: datetime
