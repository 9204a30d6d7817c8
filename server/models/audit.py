"""The audit trail: every change made through a push or a REST route, and every
refused one, kept append-only (the store itself refuses UPDATE and DELETE on it,
migration 0016)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base


class AuditEvent(Base):
    """One change as its author made it: when (server time), who (a staff member, a
    kiosk or a site hub, with their role), from where (a sync client and seq, or
    "rest"), what (the mutation or route, the row it names and each row's fields
    before and after) and how it ended (applied, or refused with a code).

    No foreign keys: an event outlives the rows it speaks of."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_entity", "tenant_id", "entity", "entity_id", "at"),
        Index("ix_audit_events_at", "tenant_id", "at"),
        Index("ix_audit_events_actor", "tenant_id", "actor_id", "at"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    event_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor_id: Mapped[uuid.UUID | None]  # a staff user or a device; None: an operator's tool
    actor_kind: Mapped[str] = mapped_column(String(10))  # staff, kiosk, hub
    actor_role: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(10))  # sync, rest
    client_id: Mapped[uuid.UUID | None]
    client_seq: Mapped[int | None] = mapped_column(BigInteger)
    hub_id: Mapped[uuid.UUID | None]  # the site hub that forwarded it, if one did (0017)
    action: Mapped[str] = mapped_column(String(120))  # "booking.reschedule", "POST /bookings"
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(120))
    # [{"entity", "id", "op": create|update|delete, "fields": {name: [before, after]}}]
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    outcome: Mapped[str] = mapped_column(String(10))  # applied, refused
    code: Mapped[str | None] = mapped_column(String(60))
