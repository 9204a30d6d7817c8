from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKeyConstraint,
    Index,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.bookings import ACTIVE_STATUSES, BookingStatus
from server.db.base import Base, utcnow

# The statuses that hold a provider's time, as SQL: the overlap constraint's predicate,
# and written the same in queries that want its index.
ACTIVE_SQL = ", ".join(f"'{s.value}'" for s in sorted(ACTIVE_STATUSES))
_ALL_SQL = ", ".join(f"'{s.value}'" for s in BookingStatus)


class Booking(Base):
    """An appointment. `busy_from`/`busy_until` include the service's buffers: that is the
    provider time the booking holds, and what must never overlap."""

    __tablename__ = "bookings"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "location_id"], ["locations.tenant_id", "locations.location_id"]
        ),
        ForeignKeyConstraint(
            ["tenant_id", "provider_id"], ["providers.tenant_id", "providers.provider_id"]
        ),
        ForeignKeyConstraint(
            ["tenant_id", "service_id"], ["services.tenant_id", "services.service_id"]
        ),
        ForeignKeyConstraint(
            ["tenant_id", "customer_id"], ["customers.tenant_id", "customers.customer_id"]
        ),
        UniqueConstraint("tenant_id", "code"),
        CheckConstraint("start_at < end_at", name="start_before_end"),
        CheckConstraint("busy_from <= start_at AND end_at <= busy_until", name="busy_covers"),
        CheckConstraint(f"status IN ({_ALL_SQL})", name="status"),
        Index("ix_bookings_tenant_id_provider_id_start_at", "tenant_id", "provider_id", "start_at"),
        Index("ix_bookings_tenant_id_customer_id", "tenant_id", "customer_id"),
        # A provider's bookings near a time, as grouped pushes look them up (0024).
        Index("ix_bookings_provider_id_start_at", "provider_id", "start_at"),
        # The database itself refuses two active bookings of one provider whose busy
        # ranges overlap, whatever a client or a race does. SQLite has no such
        # constraint; there writes are serialised and the service checks first.
        ExcludeConstraint(
            ("tenant_id", "="),
            ("provider_id", "="),
            (func.tstzrange(text("busy_from"), text("busy_until")), "&&"),
            name="ex_bookings_no_overlap",
            using="gist",
            where=text(f"status IN ({ACTIVE_SQL})"),
        ).ddl_if(dialect="postgresql"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    booking_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12))  # short, for the kiosk and the phone
    location_id: Mapped[uuid.UUID]
    provider_id: Mapped[uuid.UUID]
    service_id: Mapped[uuid.UUID]
    customer_id: Mapped[uuid.UUID]
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    busy_from: Mapped[datetime]
    busy_until: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20))
    series_id: Mapped[uuid.UUID | None]
    price_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    notes: Mapped[str] = mapped_column(String(4000), default="")
    cancel_reason: Mapped[str] = mapped_column(String(500), default="")
    checked_in_at: Mapped[datetime | None]  # when the customer arrived (alerts time the wait)
    # The call list's mark: when staff reminded the customer, and who (a staff user).
    reminded_at: Mapped[datetime | None]
    reminded_by: Mapped[uuid.UUID | None]
    created_by: Mapped[uuid.UUID | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
