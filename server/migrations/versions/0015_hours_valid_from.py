"""a provider's weekly hours and breaks may take over from a date ("from 1 March,
Tuesdays 10-19"): provider_hours rows gain the local day their week starts

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02

Existing rows are the week in force since always (NULL). Batch mode, so that SQLite
migrates too.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("provider_hours") as batch:
        batch.add_column(sa.Column("valid_from", sa.Date(), nullable=True))


def downgrade() -> None:
    # The dated weeks go with their column: only the week in force since always stays.
    op.execute("DELETE FROM provider_hours WHERE valid_from IS NOT NULL")
    with op.batch_alter_table("provider_hours") as batch:
        batch.drop_column("valid_from")
