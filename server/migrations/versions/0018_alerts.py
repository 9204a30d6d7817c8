"""alerts: the business's thresholds (tenants gain three minute counts) and when a
booking's customer arrived (bookings gain checked_in_at)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05

Plain ADD COLUMNs on both stores. Bookings checked in before this have no arrival time
(NULL): the desk does not time their wait.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

THRESHOLDS = {
    "alert_waiting_minutes": "15",
    "alert_late_minutes": "10",
    "alert_walkin_minutes": "30",
}


def upgrade() -> None:
    for name, default in THRESHOLDS.items():
        op.add_column(
            "tenants", sa.Column(name, sa.Integer(), nullable=False, server_default=default)
        )
    op.add_column("bookings", sa.Column("checked_in_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    op.drop_column("bookings", "checked_in_at")
    for name in THRESHOLDS:
        op.drop_column("tenants", name)
