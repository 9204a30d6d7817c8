"""a site hub's own refusals go to central too (they count the seq, unapplied), and its
walk-in tickets as it issued them; a store's lineage, new when it is restored from a
backup or rebuilt

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("hub_outbox") as batch:
        batch.add_column(sa.Column("refusal", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("issued", sa.JSON(), nullable=True))
    with op.batch_alter_table("tenant_versions") as batch:
        batch.add_column(sa.Column("lineage", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tenant_versions") as batch:
        batch.drop_column("lineage")
    with op.batch_alter_table("hub_outbox") as batch:
        batch.drop_column("issued")
        batch.drop_column("refusal")
