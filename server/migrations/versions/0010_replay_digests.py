"""sync clients keep the digests of their last batch, to recognise a replay

Revision ID: 0010
Revises: 0006
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_clients") as batch:
        batch.add_column(sa.Column("recent", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("sync_clients") as batch:
        batch.drop_column("recent")
