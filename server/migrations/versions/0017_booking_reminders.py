"""the reminders' call list: a booking keeps when staff reminded its customer and who

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04

Both NULL: not reminded (every existing booking). Batch mode, so that SQLite migrates
too. (Another branch may add a 0017 too: renumber on merge, the content stands alone.)
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bookings") as batch:
        batch.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reminded_by", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("reminded_by")
        batch.drop_column("reminded_at")
