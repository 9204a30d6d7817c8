"""What the sync protocol keeps: tenant versions, clients' last seq, rejections, deletes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKeyConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, utcnow


class TenantVersion(Base):
    """The tenant's change counter. Bumped at the very end of each writing transaction,
    under this row's lock, so versions become visible in the order they were given."""

    __tablename__ = "tenant_versions"
    __table_args__ = (ForeignKeyConstraint(["tenant_id"], ["tenants.tenant_id"]),)

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    # The version that last changed reference data (tenant, locations, providers, hours,
    # time off, services): servers keep that data cached until it moves.
    reference_version: Mapped[int] = mapped_column(BigInteger, default=0)
    # Which history these versions count: a new id when the store is restored from a
    # backup or a hub's is rebuilt (None until then). Clients that pulled from another
    # history pull everything anew: its versions are not the ones their cursors count.
    lineage: Mapped[uuid.UUID | None]


class SyncClient(Base):
    """A desk or kiosk install, and the last mutation seq applied for it. It belongs to
    the staff member or kiosk device that first pushed with it: no one else may push
    under it (and use up its seqs) or read its refusals."""

    __tablename__ = "sync_clients"
    __table_args__ = (ForeignKeyConstraint(["tenant_id"], ["tenants.tenant_id"]),)

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    owner_id: Mapped[uuid.UUID | None]  # user or device; None: made before owners were kept


class SyncDigest(Base):
    """What each change a client pushed said, in a few bytes, by its seq: a seq sent
    again with other content is not a retry but another replica under the same client
    id (restored from a backup, or copied), which must take a new one."""

    __tablename__ = "sync_digests"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "client_id"], ["sync_clients.tenant_id", "sync_clients.client_id"]
        ),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    digest: Mapped[str] = mapped_column(String(24))


class SyncRejection(Base):
    """A mutation the server refused, kept so its author always learns why."""

    __tablename__ = "sync_rejections"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "client_id"], ["sync_clients.tenant_id", "sync_clients.client_id"]
        ),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    args: Mapped[dict[str, Any]] = mapped_column(JSON)
    code: Mapped[str] = mapped_column(String(60))
    field: Mapped[str | None] = mapped_column(String(100))
    message: Mapped[str] = mapped_column(String(500))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class HubOutbox(Base):
    """At a site hub: each change its desks and kiosks made that central has yet to
    confirm, in the order the hub applied them, with its origin's identity (client id
    and seq, staff member or kiosk), which is how central applies it exactly once."""

    __tablename__ = "hub_outbox"

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)  # the hub's order
    client_id: Mapped[uuid.UUID]
    client_seq: Mapped[int] = mapped_column(BigInteger)
    origin_kind: Mapped[str] = mapped_column(String(10))  # staff or kiosk
    origin_id: Mapped[uuid.UUID]
    name: Mapped[str] = mapped_column(String(40))
    args: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Refused here (code, field, message, details): it goes to central all the same, not
    # to be applied but to take its seq there, or the origin's next change would be a gap.
    refusal: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    # A desk's walk-in ticket as issued here (number, day, when), or a desk's booking's
    # code as given here: central keeps them.
    issued: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


class SyncRow(Base):
    """The version at which each synced row last changed, or was deleted (a tombstone).

    Kept apart from the rows themselves: stamping a booking's own row after its insert
    would re-check the overlap constraint while holding the version lock, and two
    desks booking the same slot would deadlock instead of one being refused.
    """

    __tablename__ = "sync_rows"
    __table_args__ = (
        ForeignKeyConstraint(["tenant_id"], ["tenants.tenant_id"]),
        Index("ix_sync_rows_tenant_id_version", "tenant_id", "version", "entity", "entity_id"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(default=False)


class KioskDevice(Base):
    """A self check-in device at a location. Staff create it with a one-time enrollment
    code; the kiosk trades the code for its credential. Both are stored hashed. Its
    ticket prefix keeps the numbers it gives out offline apart from other devices'."""

    __tablename__ = "kiosk_devices"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "location_id"], ["locations.tenant_id", "locations.location_id"]
        ),
        # Looked up across tenants (a kiosk knows only its code), so not unique per
        # tenant like every other key: create() never leaves two pending codes alike.
        Index("ix_kiosk_devices_enrollment_code_hash", "enrollment_code_hash"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    location_id: Mapped[uuid.UUID]
    name: Mapped[str] = mapped_column(String(100))
    secret_hash: Mapped[str | None] = mapped_column(String(64))  # None until enrolled
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    enrollment_code_hash: Mapped[str | None] = mapped_column(String(64))
    enrollment_expires_at: Mapped[datetime | None]
    enrolled_at: Mapped[datetime | None]
    ticket_prefix: Mapped[str] = mapped_column(String(2), server_default="K")
    # "kiosk", or "hub": a site's server, enrolled the same way (app/domain/staff.Role.HUB).
    kind: Mapped[str] = mapped_column(String(10), server_default="kiosk")
