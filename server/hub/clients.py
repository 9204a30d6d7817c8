"""The site's sync clients at a hub: how far central has each one's changes.

A desk keeps the changes a hub has taken until the hub says central has them (the
`X-Sync-Confirmed` of its answers): if the hub's store is lost before it forwarded
them, the desk sends them again. A rebuilt hub starts each client where central has
it, so those changes continue its sequence instead of looking like a gap.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from server.models import HubOutbox, SyncClient, SyncRejection


def confirmed_through(session: Session, tenant_id: uuid.UUID, client_id: uuid.UUID) -> int:
    """The client's seq up to which central holds its word on every change this hub
    took: all but those still queued for it (a change the hub refused never goes)."""
    queued = session.scalar(
        select(func.min(HubOutbox.client_seq)).where(
            HubOutbox.tenant_id == tenant_id, HubOutbox.client_id == client_id
        )
    )
    if queued is not None:
        return int(queued) - 1
    applied = session.scalar(
        select(SyncClient.last_seq).where(
            SyncClient.tenant_id == tenant_id, SyncClient.client_id == client_id
        )
    )
    return int(applied or 0)


def start_from_central(session: Session, tenant_id: uuid.UUID, central: dict[str, Any]) -> None:
    """A new store's clients and recent refusals, as central has them (GET
    /sync/clients), in the session's transaction: a desk whose change central refused
    after the lost store forwarded it hears of it from here. What this store already
    knows it keeps."""
    clients = [
        {
            "tenant_id": tenant_id,
            "client_id": uuid.UUID(str(c["client_id"])),
            "last_seq": int(c["last_seq"]),
            "owner_id": uuid.UUID(str(c["owner_id"])) if c.get("owner_id") else None,
        }
        for c in central["clients"]
    ]
    if clients:
        session.execute(sqlite.insert(SyncClient).on_conflict_do_nothing(), clients)
    refusals = [
        {
            "tenant_id": tenant_id,
            "client_id": uuid.UUID(str(r["client_id"])),
            "seq": int(r["seq"]),
            "name": r["name"],
            "args": r["args"],
            "code": r["code"],
            "field": r["field"],
            "message": r["message"],
            "details": r["details"],
            "created_at": datetime.fromisoformat(r["refused_at"]),
        }
        for r in central["refusals"]
    ]
    if refusals:
        session.execute(sqlite.insert(SyncRejection).on_conflict_do_nothing(), refusals)
