"""a digest of every change a client pushed, to recognise a replay by its content

Revision ID: 0010
Revises: 0007
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_digests",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("digest", sa.String(24), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "client_id"],
            ["sync_clients.tenant_id", "sync_clients.client_id"],
            name=op.f("fk_sync_digests_tenant_id_sync_clients"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "client_id", "seq", name=op.f("pk_sync_digests")),
    )


def downgrade() -> None:
    op.drop_table("sync_digests")
