"""the reminders' call list: a booking keeps when staff reminded its customer and who

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04

Both NULL: not reminded (every existing booking). Plain ADD COLUMNs, which SQLite
takes as they are: no copy of the bookings table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("bookings", sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("bookings", sa.Column("reminded_by", sa.Uuid(), nullable=True))


def downgrade() -> None:
    op.drop_column("bookings", "reminded_by")
    op.drop_column("bookings", "reminded_at")
