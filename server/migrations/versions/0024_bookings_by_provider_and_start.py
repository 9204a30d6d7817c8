"""an index of bookings by provider and start, for finding a provider's bookings near
a time under row-level security

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-29

Row-level security keeps the overlap test (&&, not leakproof) out of the overlap
constraint's index, and a query that names the tenant is planned by statistics that do
not know a new tenant (it walked the tenant's every booking). A provider's id is
unique across tenants: by provider and a window of starts (leakproof comparisons), a
grouped push finds the bookings of a day (server/sync/grouped.py).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_bookings_provider_id_start_at", "bookings", ["provider_id", "start_at"])


def downgrade() -> None:
    op.drop_index("ix_bookings_provider_id_start_at", table_name="bookings")
