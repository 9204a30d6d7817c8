from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.sync.protocol import PaymentIn
from app.validation import Text

__all__ = ["PaymentIn", "PaymentOut", "PaymentStatusIn"]


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
    taken_at: datetime
    created_at: datetime
    updated_at: datetime
