"""sync: tenant versions, sync rows, clients, rejections, kiosk devices

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Rows that existed before this migration are listed at version 0, so replicas get them.
# Spelled out here (not imported) so this migration means the same thing forever.
_EXISTING = (
    ("tenant", "tenants", ("tenant_id",)),
    ("location", "locations", ("location_id",)),
    ("provider", "providers", ("provider_id",)),
    ("provider_hours", "provider_hours", ("hours_id",)),
    ("time_off", "time_off", ("time_off_id",)),
    ("service", "services", ("service_id",)),
    ("provider_service", "provider_services", ("provider_id", "service_id")),
    ("customer", "customers", ("customer_id",)),
    ("booking", "bookings", ("booking_id",)),
    ("payment", "payments", ("payment_id",)),
    ("walkin_ticket", "walkin_tickets", ("ticket_id",)),
)


def _list_existing_rows() -> None:
    bind = op.get_bind()
    sync_rows = sa.table(
        "sync_rows",
        sa.column("tenant_id", sa.Uuid()),
        sa.column("entity", sa.String()),
        sa.column("entity_id", sa.String()),
        sa.column("version", sa.BigInteger()),
        sa.column("deleted", sa.Boolean()),
    )
    for entity, table, keys in _EXISTING:
        cols = [sa.column(c, sa.Uuid()) for c in ("tenant_id", *keys)]
        rows = bind.execute(sa.select(*cols).select_from(sa.table(table, *cols))).all()
        values = [
            {
                "tenant_id": r[0],
                "entity": entity,
                "entity_id": ":".join(str(v) for v in r[1:]),
                "version": 0,
                "deleted": False,
            }
            for r in rows
        ]
        if values:
            bind.execute(sa.insert(sync_rows), values)


def upgrade() -> None:
    op.create_table(
        "sync_clients",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.tenant_id"], name=op.f("fk_sync_clients_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("tenant_id", "client_id", name=op.f("pk_sync_clients")),
    )
    op.create_table(
        "sync_rows",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=80), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.tenant_id"], name=op.f("fk_sync_rows_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("tenant_id", "entity", "entity_id", name=op.f("pk_sync_rows")),
    )
    op.create_index(
        "ix_sync_rows_tenant_id_version",
        "sync_rows",
        ["tenant_id", "version", "entity", "entity_id"],
        unique=False,
    )
    op.create_table(
        "tenant_versions",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.tenant_id"], name=op.f("fk_tenant_versions_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_tenant_versions")),
    )
    # Tenants that exist start at version 0: to a replica, all their rows are new.
    op.execute("INSERT INTO tenant_versions (tenant_id, version) SELECT tenant_id, 0 FROM tenants")
    op.create_table(
        "kiosk_devices",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("location_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id", "location_id"],
            ["locations.tenant_id", "locations.location_id"],
            name=op.f("fk_kiosk_devices_tenant_id_location_id_locations"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "device_id", name=op.f("pk_kiosk_devices")),
    )
    op.create_table(
        "sync_rejections",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=True),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "client_id"],
            ["sync_clients.tenant_id", "sync_clients.client_id"],
            name=op.f("fk_sync_rejections_tenant_id_client_id_sync_clients"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "client_id", "seq", name=op.f("pk_sync_rejections")),
    )
    _list_existing_rows()


def downgrade() -> None:
    op.drop_table("sync_rejections")
    op.drop_table("kiosk_devices")
    op.drop_table("tenant_versions")
    op.drop_index("ix_sync_rows_tenant_id_version", table_name="sync_rows")
    op.drop_table("sync_rows")
    op.drop_table("sync_clients")
