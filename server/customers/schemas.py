from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel

from app.sync.protocol import CustomerIn, CustomerUpdate

# The bodies are the synced changes' own (one definition).
__all__ = ["CustomerIn", "CustomerOut", "CustomerUpdate"]


class CustomerOut(BaseModel):
    customer_id: uuid.UUID
    first_name: str
    last_name: str
    phone: str
    email: str
    national_id: str
    date_of_birth: date | None
    notes: str
    created_at: datetime
