"""site hubs: devices are kiosks or hubs (enrolled alike), and a hub's outbox

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Row-level security as 0011 gives every tenant table (a migration keeps its own copy).
SETTING = "current_setting('app.tenant_id', true)"
RULE = (
    f"(SELECT {SETTING} = '*') OR tenant_id = "
    f"(SELECT CASE WHEN {SETTING} IN ('', '*') THEN NULL ELSE {SETTING} END)::uuid"
)

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("kiosk_devices") as batch:
        batch.add_column(sa.Column("kind", sa.String(10), server_default="kiosk", nullable=False))
    op.create_table(
        "hub_outbox",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("client_seq", sa.BigInteger(), nullable=False),
        sa.Column("origin_kind", sa.String(10), nullable=False),
        sa.Column("origin_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "seq", name=op.f("pk_hub_outbox")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE hub_outbox ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE hub_outbox FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON hub_outbox USING ({RULE}) WITH CHECK ({RULE})"
        )


def downgrade() -> None:
    op.drop_table("hub_outbox")
    with op.batch_alter_table("kiosk_devices") as batch:
        batch.drop_column("kind")
