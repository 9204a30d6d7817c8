from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKeyConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.walkins import WalkinStatus
from server.db.base import Base, utcnow

_STATUSES = ", ".join(f"'{s.value}'" for s in WalkinStatus)


class WalkinCounter(Base):
    """The last ticket number given at a location on a local day."""

    __tablename__ = "walkin_counters"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "location_id"], ["locations.tenant_id", "locations.location_id"]
        ),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    location_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    last_number: Mapped[int]


class WalkinTicket(Base):
    __tablename__ = "walkin_tickets"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "location_id"], ["locations.tenant_id", "locations.location_id"]
        ),
        ForeignKeyConstraint(
            ["tenant_id", "service_id"], ["services.tenant_id", "services.service_id"]
        ),
        ForeignKeyConstraint(
            ["tenant_id", "provider_id"], ["providers.tenant_id", "providers.provider_id"]
        ),
        UniqueConstraint("tenant_id", "location_id", "day", "label"),
        CheckConstraint(f"status IN ({_STATUSES})", name="status"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    ticket_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    location_id: Mapped[uuid.UUID]
    day: Mapped[date]
    number: Mapped[int]
    label: Mapped[str] = mapped_column(String(12))
    service_id: Mapped[uuid.UUID | None]
    provider_id: Mapped[uuid.UUID | None]
    customer_name: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(10))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    called_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
