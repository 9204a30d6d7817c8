"""refunds and voids at the desk: a payment may be voided (recorded by mistake), and a
refund or a void keeps its reason and when the desk made it

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04

Existing refunds had no reason and no instant: reason "" and reversed_at their last
change. Batch mode, so that SQLite migrates too (its CHECK is rebuilt with the table).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "status IN ('pending', 'completed', 'failed', 'refunded')"
NEW = "status IN ('pending', 'completed', 'failed', 'refunded', 'voided')"


def upgrade() -> None:
    with op.batch_alter_table("payments") as batch:
        batch.add_column(
            sa.Column("reason", sa.String(length=500), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("reversed_at", sa.DateTime(timezone=True), nullable=True))
        batch.drop_constraint(op.f("ck_payments_status"), type_="check")
        batch.create_check_constraint(op.f("ck_payments_status"), NEW)
    with op.batch_alter_table("payments") as batch:
        batch.alter_column("reason", existing_type=sa.String(length=500), server_default=None)
    op.execute("UPDATE payments SET reversed_at = updated_at WHERE status = 'refunded'")


def downgrade() -> None:
    # A voided payment has no older word: it was never money taken, so it failed.
    op.execute("UPDATE payments SET status = 'failed' WHERE status = 'voided'")
    with op.batch_alter_table("payments") as batch:
        batch.drop_constraint(op.f("ck_payments_status"), type_="check")
        batch.create_check_constraint(op.f("ck_payments_status"), OLD)
        batch.drop_column("reversed_at")
        batch.drop_column("reason")
