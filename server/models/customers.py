from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKeyConstraint, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, utcnow


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        ForeignKeyConstraint(["tenant_id"], ["tenants.tenant_id"]),
        # One person per national ID within a business; many have none on file.
        Index(
            "uq_customers_tenant_id_national_id",
            "tenant_id",
            "national_id",
            unique=True,
            postgresql_where=text("national_id <> ''"),
            sqlite_where=text("national_id <> ''"),
        ),
        Index("ix_customers_tenant_id_search", "tenant_id", "search"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    national_id: Mapped[str] = mapped_column(String(20), default="")
    date_of_birth: Mapped[date | None]
    notes: Mapped[str] = mapped_column(String(4000), default="")
    # Accent-free lower-case name, phone and ID, for search as you type.
    search: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
