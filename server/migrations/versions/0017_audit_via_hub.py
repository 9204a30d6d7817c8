"""an audit event names the site hub a change came through: audit_events gains
hub_id (NULL: straight from its origin, or a REST route)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04

A plain ADD COLUMN on both stores, not a batch copy: on SQLite a copied table would
lose the triggers that keep the trail append-only (0016), and no row is rewritten.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("audit_events", sa.Column("hub_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    # SQLite drops a column in place since 3.35; the append-only triggers stay.
    op.drop_column("audit_events", "hub_id")
