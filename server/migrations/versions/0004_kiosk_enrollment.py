"""kiosk enrollment codes and ticket prefixes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("kiosk_devices") as batch:
        batch.add_column(sa.Column("enrollment_code_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("enrollment_expires_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("enrolled_at", sa.DateTime(timezone=True)))
        batch.add_column(
            sa.Column("ticket_prefix", sa.String(2), nullable=False, server_default="K")
        )
        batch.alter_column("secret_hash", existing_type=sa.String(64), nullable=True)
        batch.create_index("ix_kiosk_devices_enrollment_code_hash", ["enrollment_code_hash"])


def downgrade() -> None:
    with op.batch_alter_table("kiosk_devices") as batch:
        batch.drop_index("ix_kiosk_devices_enrollment_code_hash")
        batch.alter_column("secret_hash", existing_type=sa.String(64), nullable=False)
        batch.drop_column("ticket_prefix")
        batch.drop_column("enrolled_at")
        batch.drop_column("enrollment_expires_at")
        batch.drop_column("enrollment_code_hash")
