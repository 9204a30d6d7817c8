"""What a business offers and who offers it: providers, their hours, services."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import BigInteger, CheckConstraint, ForeignKeyConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, utcnow


class Provider(Base):
    __tablename__ = "providers"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "location_id"], ["locations.tenant_id", "locations.location_id"]
        ),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    provider_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    location_id: Mapped[uuid.UUID]
    display_name: Mapped[str] = mapped_column(String(200))
    colour: Mapped[str] = mapped_column(String(7), default="#5b8def")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProviderHours(Base):
    """A weekly interval: `work` (opening hours) or `break`, in local wall-clock time,
    of the week in force from `valid_from` on."""

    __tablename__ = "provider_hours"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "provider_id"], ["providers.tenant_id", "providers.provider_id"]
        ),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("start_time < end_time", name="start_before_end"),
        CheckConstraint("kind IN ('work', 'break')", name="kind"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    hours_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    provider_id: Mapped[uuid.UUID]
    kind: Mapped[str] = mapped_column(String(5))
    weekday: Mapped[int]
    start_time: Mapped[time]
    end_time: Mapped[time]
    # The local day from which this interval's week replaces the one before it; None:
    # the week in force since always (app/domain/schedules.py reads the weeks).
    valid_from: Mapped[date | None]


class TimeOff(Base):
    __tablename__ = "time_off"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "provider_id"], ["providers.tenant_id", "providers.provider_id"]
        ),
        CheckConstraint("start_at < end_at", name="start_before_end"),
        Index("ix_time_off_tenant_id_group_id", "tenant_id", "group_id"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    time_off_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    provider_id: Mapped[uuid.UUID]
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(200), default="")
    # Time off taken for a whole location at once (a holiday): one row per provider,
    # all with the same group, so that the group is listed and removed as one.
    group_id: Mapped[uuid.UUID | None]


class Service(Base):
    __tablename__ = "services"
    __table_args__ = (
        ForeignKeyConstraint(["tenant_id"], ["tenants.tenant_id"]),
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
        CheckConstraint("price_minor >= 0", name="price_not_negative"),
        CheckConstraint("buffer_before_minutes >= 0 AND buffer_after_minutes >= 0", name="buffers"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    service_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    duration_minutes: Mapped[int]
    buffer_before_minutes: Mapped[int] = mapped_column(default=0)
    buffer_after_minutes: Mapped[int] = mapped_column(default=0)
    price_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    # A server default too: a hub storing rows from an older central has none to give.
    colour: Mapped[str] = mapped_column(String(7), default="#5b8def", server_default="#5b8def")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProviderService(Base):
    """Which provider offers which service."""

    __tablename__ = "provider_services"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "provider_id"], ["providers.tenant_id", "providers.provider_id"]
        ),
        ForeignKeyConstraint(
            ["tenant_id", "service_id"], ["services.tenant_id", "services.service_id"]
        ),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    provider_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    service_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
