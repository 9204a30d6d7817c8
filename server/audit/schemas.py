from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel


class AuditEventOut(BaseModel):
    """One change as recorded: `changes` lists each row it wrote, with its fields
    before and after ({name: [before, after]}); `actor_name` is the staff member's or
    the device's name now (None if it is gone); `hub_id` and `hub_name`, the site hub
    that forwarded it (None: it came straight from its origin)."""

    event_id: uuid.UUID
    at: datetime
    actor_id: uuid.UUID | None
    actor_kind: Literal["staff", "kiosk", "hub", "board"]
    actor_role: str
    actor_name: str | None
    source: Literal["sync", "rest"]
    client_id: uuid.UUID | None
    client_seq: int | None
    hub_id: uuid.UUID | None
    hub_name: str | None
    action: str
    entity: str
    entity_id: str
    changes: list[dict[str, Any]]
    outcome: Literal["applied", "refused"]
    code: str | None


class AuditPage(BaseModel):
    """Events oldest first; `next` is the cursor for the page after this one (None:
    this was the last)."""

    events: list[AuditEventOut]
    next: str | None
