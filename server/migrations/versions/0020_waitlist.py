"""the waitlist: customers waiting for a slot of a service on some days and hours

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05

A new table, synced like bookings (its rows carry a version in sync_rows as every
synced table's do), with the row-level security every tenant table has on PostgreSQL.
`booking_id` has no foreign key: a site hub holds every entry but only its location's
bookings.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Row-level security as 0011 gives every tenant table (a migration keeps its own copy).
SETTING = "current_setting('app.tenant_id', true)"
RULE = (
    f"(SELECT {SETTING} = '*') OR tenant_id = "
    f"(SELECT CASE WHEN {SETTING} IN ('', '*') THEN NULL ELSE {SETTING} END)::uuid"
)


def _fk(column: str, table: str, key: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["tenant_id", column],
        [f"{table}.tenant_id", f"{table}.{key}"],
        name=op.f(f"fk_waitlist_entries_tenant_id_{column}_{table}"),
    )


def upgrade() -> None:
    op.create_table(
        "waitlist_entries",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("provider_id", sa.Uuid(), nullable=True),
        sa.Column("earliest_day", sa.Date(), nullable=False),
        sa.Column("latest_day", sa.Date(), nullable=False),
        sa.Column("from_time", sa.Time(), nullable=True),
        sa.Column("until_time", sa.Time(), nullable=True),
        sa.Column("notes", sa.String(500), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("booking_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "status IN ('waiting', 'booked', 'withdrawn')", name=op.f("ck_waitlist_entries_status")
        ),
        sa.CheckConstraint(
            "earliest_day <= latest_day", name=op.f("ck_waitlist_entries_days_in_order")
        ),
        _fk("customer_id", "customers", "customer_id"),
        _fk("service_id", "services", "service_id"),
        _fk("provider_id", "providers", "provider_id"),
        sa.PrimaryKeyConstraint("tenant_id", "entry_id", name=op.f("pk_waitlist_entries")),
    )
    op.create_index(
        "ix_waitlist_entries_tenant_id_latest_day", "waitlist_entries", ["tenant_id", "latest_day"]
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE waitlist_entries ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE waitlist_entries FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON waitlist_entries USING ({RULE}) WITH CHECK ({RULE})"
        )


def downgrade() -> None:
    op.drop_index("ix_waitlist_entries_tenant_id_latest_day", "waitlist_entries")
    op.drop_table("waitlist_entries")
