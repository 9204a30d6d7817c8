from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from server.validation import Day, Text


class CustomerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customer_id: uuid.UUID | None = Field(default=None, description="Client-made id, optional")
    first_name: Text = Field(max_length=100)
    last_name: Text = Field(max_length=100)
    phone: Text = Field(default="", max_length=40)
    email: Text = Field(default="", max_length=254)
    national_id: Text = Field(default="", max_length=30)
    date_of_birth: Day | None = None
    notes: Text = Field(default="", max_length=4000)


class CustomerUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    first_name: Text | None = Field(default=None, max_length=100)
    last_name: Text | None = Field(default=None, max_length=100)
    phone: Text | None = Field(default=None, max_length=40)
    email: Text | None = Field(default=None, max_length=254)
    national_id: Text | None = Field(default=None, max_length=30)
    date_of_birth: Day | None = None
    notes: Text | None = Field(default=None, max_length=4000)


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
