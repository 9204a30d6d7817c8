from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKeyConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.waitlist import WaitlistStatus
from server.db.base import Base, utcnow

_STATUSES = ", ".join(f"'{s.value}'" for s in WaitlistStatus)


class WaitlistEntry(Base):
    """A customer waiting for a slot: a service, with a provider or any (NULL), between
    two days and, optionally, two times of day. `booking_id` once booked from it: no
    foreign key, as a site hub holds the entries whole but only its location's bookings
    (the push checks the booking exists when it books the entry)."""

    __tablename__ = "waitlist_entries"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "customer_id"], ["customers.tenant_id", "customers.customer_id"]
        ),
        ForeignKeyConstraint(
            ["tenant_id", "service_id"], ["services.tenant_id", "services.service_id"]
        ),
        ForeignKeyConstraint(
            ["tenant_id", "provider_id"], ["providers.tenant_id", "providers.provider_id"]
        ),
        CheckConstraint(f"status IN ({_STATUSES})", name="status"),
        CheckConstraint("earliest_day <= latest_day", name="days_in_order"),
        Index("ix_waitlist_entries_tenant_id_latest_day", "tenant_id", "latest_day"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    entry_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    customer_id: Mapped[uuid.UUID]
    service_id: Mapped[uuid.UUID]
    provider_id: Mapped[uuid.UUID | None]
    earliest_day: Mapped[date]
    latest_day: Mapped[date]
    from_time: Mapped[time | None]
    until_time: Mapped[time | None]
    notes: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    booking_id: Mapped[uuid.UUID | None]
