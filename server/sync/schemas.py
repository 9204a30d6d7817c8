"""The wire format of push, pull and the event stream."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from app.sync.protocol import MutationResult, PushOut
from app.validation import Seq, Text

__all__ = ["MutationResult", "PushOut"]  # the answer is the desk's own class

MAX_BATCH = 500
MAX_REFUSAL_DETAILS = 8000


class RefusalIn(BaseModel):
    """Why a change was refused before it came here (at a site hub)."""

    model_config = ConfigDict(extra="forbid")

    code: Text = Field(max_length=40)
    field: Text | None = Field(default=None, max_length=100)
    message: Text = Field(max_length=500)
    details: dict[str, Any] = Field(default_factory=dict)

    @field_validator("details")
    @classmethod
    def _small(cls, details: dict[str, Any]) -> dict[str, Any]:
        # What a refusal says (free times instead) fits in a few kilobytes; it is kept.
        if len(json.dumps(details)) > MAX_REFUSAL_DETAILS:
            raise ValueError(f"longer than {MAX_REFUSAL_DETAILS} characters as JSON")
        return details


class IssuedIn(BaseModel):
    """A walk-in ticket as a site hub issued it to a desk of the site."""

    model_config = ConfigDict(extra="forbid")

    number: int = Field(ge=1, le=9999)
    day: date
    issued_at: AwareDatetime


class BookingIssuedIn(BaseModel):
    """A booking as a site hub made it for a desk of the site: the code it gave it."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=4, max_length=12, pattern="^[A-Z0-9]+$")


class MutationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seq: Seq = Field(description="Per client, from 1, no gaps")
    name: Text = Field(max_length=40, description="e.g. booking.create, booking.check_in")
    args: dict[str, Any]
    refused: RefusalIn | None = Field(
        default=None,
        description="Already refused (at a site hub), for this reason: kept as refused and "
        "its seq counted, never applied",
    )
    issued: IssuedIn | BookingIssuedIn | None = Field(
        default=None,
        description="Site hubs only. For walkin.create: the ticket's number, day and time "
        "as the hub gave them (kept, unless central gave that number meanwhile); for "
        "booking.create: the booking's code (kept, unless central gave it to another)",
    )


class OriginIn(BaseModel):
    """Whose changes a site hub forwards: the staff member or kiosk that made them at
    the site. Central applies them as that origin (its role, its client id), so a change
    is applied once whether it arrives through the hub or straight from its desk."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["staff", "kiosk"]
    id: uuid.UUID = Field(description="The staff member's user_id or the kiosk's device_id")


class PushIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_id: uuid.UUID
    mutations: list[MutationIn] = Field(max_length=MAX_BATCH)
    origin: OriginIn | None = Field(
        default=None, description="Site hubs only: whose client this is (required there)"
    )


class Change(BaseModel):
    entity: str
    id: str
    version: int
    data: dict[str, Any] | None = Field(description="None: deleted, or out of this scope")


class PullOut(BaseModel):
    changes: list[Change]
    cursor: str = Field(description="Pass back to continue after these changes")
    more: bool
    version: int = Field(description="The tenant's version when this batch was read")
    remaining: int | None = Field(default=None, description="Rows still to come, if asked")


class RejectionOut(BaseModel):
    seq: int
    name: str
    args: dict[str, Any]
    code: str
    field: str | None
    message: str
    details: dict[str, Any]
    refused_at: datetime | None = Field(
        default=None, description="When it was refused (a site hub's central may say no late)"
    )


class ClientOut(BaseModel):
    """A desk's or kiosk's sync client as central knows it: how far its changes are
    applied. A site hub whose store was lost starts its clients from here, so that their
    changes it had taken and lost come again from their outboxes, in order."""

    client_id: uuid.UUID
    last_seq: int
    owner_id: uuid.UUID | None


class RefusalOut(RejectionOut):
    client_id: uuid.UUID


class ClientsOut(BaseModel):
    """Where a rebuilt site hub starts: every client's last applied seq, and the
    refusals of the last days (its desks may not have heard of them yet)."""

    clients: list[ClientOut]
    refusals: list[RefusalOut]


class StaffAccount(BaseModel):
    """A staff member as a site hub keeps them (never their password)."""

    user_id: uuid.UUID
    email: str
    display_name: str
    role: str
    provider_id: uuid.UUID | None
    active: bool


class KioskAccount(BaseModel):
    device_id: uuid.UUID
    revoked: bool


class AccountsOut(BaseModel):
    """Who may use the business, for a site hub to keep its own copies in step: one
    deactivated or revoked at central is refused at the site within a minute, outage
    or not."""

    staff: list[StaffAccount]
    kiosks: list[KioskAccount]


class RowKey(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entity: Text = Field(max_length=40, description="booking, customer, payment, ...")
    id: Text = Field(max_length=80, description="The row's id as a pull names it")


class RowsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    keys: list[RowKey] = Field(min_length=1, max_length=MAX_BATCH)


class RowsOut(BaseModel):
    changes: list[Change]
