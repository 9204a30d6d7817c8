"""rotated-out refresh tokens, for reuse detection that a forged token cannot trigger

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Empty for sessions from before: their next rotation starts the history.
    op.create_table(
        "rotated_refresh_tokens",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("refresh_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "session_id"],
            ["auth_sessions.tenant_id", "auth_sessions.session_id"],
            name=op.f("fk_rotated_refresh_tokens_tenant_id_session_id_auth_sessions"),
        ),
        sa.PrimaryKeyConstraint(
            "tenant_id", "session_id", "refresh_hash", name=op.f("pk_rotated_refresh_tokens")
        ),
    )
    op.create_index(
        "ix_rotated_refresh_tokens_expires_at", "rotated_refresh_tokens", ["expires_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_rotated_refresh_tokens_expires_at", table_name="rotated_refresh_tokens")
    op.drop_table("rotated_refresh_tokens")
