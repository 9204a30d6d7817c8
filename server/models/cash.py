from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, utcnow


class CashClose(Base):
    """A till's day: opened with a float, closed with what was counted per method.
    One per till and day (the unique key): a second is refused, offline or not."""

    __tablename__ = "cash_closes"
    __table_args__ = (UniqueConstraint("tenant_id", "till_id", "day"),)

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    close_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    till_id: Mapped[uuid.UUID]
    day: Mapped[date]
    currency: Mapped[str] = mapped_column(String(3))
    float_minor: Mapped[int] = mapped_column(BigInteger)
    opened_at: Mapped[datetime]
    opened_by: Mapped[uuid.UUID | None]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[uuid.UUID | None]
    # Per method ("cash", "card", ...), minor units; set when closed. The expected
    # amounts are the server's, from its payments, at the moment of the close.
    expected: Mapped[dict[str, int] | None] = mapped_column(JSON)
    counted: Mapped[dict[str, int] | None] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(1000), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
