from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKeyConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.payments import PaymentMethod, PaymentStatus
from server.db.base import Base, utcnow

_METHODS = ", ".join(f"'{m.value}'" for m in PaymentMethod)
_STATUSES = ", ".join(f"'{s.value}'" for s in PaymentStatus)


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "booking_id"], ["bookings.tenant_id", "bookings.booking_id"]
        ),
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        CheckConstraint(f"method IN ({_METHODS})", name="method"),
        CheckConstraint(f"status IN ({_STATUSES})", name="status"),
        Index("ix_payments_tenant_id_booking_id", "tenant_id", "booking_id"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    payment_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    booking_id: Mapped[uuid.UUID]
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    reference: Mapped[str] = mapped_column(String(200), default="")
    recorded_by: Mapped[uuid.UUID | None]
    # When the desk took it, which is the day it belongs to: a payment taken offline
    # at 23:50 reaches the server after midnight (created_at) but is that day's money.
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A refund or a void: why, and when the desk did it (a refund is that day's money
    # out of the till, whichever day the payment was taken).
    reason: Mapped[str] = mapped_column(String(500), default="")
    reversed_at: Mapped[datetime | None]
    # The desk (till) whose drawer took it, and the one a refund came out of.
    till_id: Mapped[uuid.UUID | None]
    reversed_till_id: Mapped[uuid.UUID | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
