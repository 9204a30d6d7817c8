"""payments carry when the desk took them (taken_at), not only when they reached the
server: a payment taken offline at 23:50 and synced after midnight is that day's money

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04

Existing payments were taken when they were recorded: taken_at starts as created_at.
Batch mode, so that SQLite migrates too.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("payments") as batch:
        batch.add_column(sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE payments SET taken_at = created_at")
    with op.batch_alter_table("payments") as batch:
        batch.alter_column("taken_at", existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("payments") as batch:
        batch.drop_column("taken_at")
