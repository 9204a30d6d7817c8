"""the cash close: a till's (desk PC's) day opened with a float and closed with what
was counted per method, one per till and day; payments and refunds name their till

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04

Payments from before have no till: they count in no till's close. Row-level security
as 0011 gives every tenant table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SETTING = "current_setting('app.tenant_id', true)"
RULE = (
    f"(SELECT {SETTING} = '*') OR tenant_id = "
    f"(SELECT CASE WHEN {SETTING} IN ('', '*') THEN NULL ELSE {SETTING} END)::uuid"
)


def upgrade() -> None:
    with op.batch_alter_table("payments") as batch:
        batch.add_column(sa.Column("till_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("reversed_till_id", sa.Uuid(), nullable=True))
    op.create_table(
        "cash_closes",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("close_id", sa.Uuid(), nullable=False),
        sa.Column("till_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("float_minor", sa.BigInteger(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.Uuid(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.Uuid(), nullable=True),
        sa.Column("expected", sa.JSON(), nullable=True),
        sa.Column("counted", sa.JSON(), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "close_id", name=op.f("pk_cash_closes")),
        sa.UniqueConstraint(
            "tenant_id", "till_id", "day", name=op.f("uq_cash_closes_tenant_id_till_id_day")
        ),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE cash_closes ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE cash_closes FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON cash_closes USING ({RULE}) WITH CHECK ({RULE})"
        )


def downgrade() -> None:
    op.drop_table("cash_closes")
    with op.batch_alter_table("payments") as batch:
        batch.drop_column("reversed_till_id")
        batch.drop_column("till_id")
