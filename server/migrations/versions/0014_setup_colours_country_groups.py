"""services have a colour, tenants a country (for their public holidays), and time off
taken for a whole location shares a group id

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01

Existing services take the colour a new provider gets, existing businesses Argentina
(the market Turnero starts in; an admin changes it in the setup). Batch mode, so that
SQLite (which cannot alter a column or add an index to a table in place) migrates too.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tenants") as batch:
        batch.add_column(sa.Column("country", sa.String(2), nullable=False, server_default="AR"))
    with op.batch_alter_table("services") as batch:
        batch.add_column(
            sa.Column("colour", sa.String(7), nullable=False, server_default="#5b8def")
        )
    with op.batch_alter_table("time_off") as batch:
        batch.add_column(sa.Column("group_id", sa.Uuid(), nullable=True))
        batch.create_index("ix_time_off_tenant_id_group_id", ["tenant_id", "group_id"])


def downgrade() -> None:
    with op.batch_alter_table("time_off") as batch:
        batch.drop_index("ix_time_off_tenant_id_group_id")
        batch.drop_column("group_id")
    with op.batch_alter_table("services") as batch:
        batch.drop_column("colour")
    with op.batch_alter_table("tenants") as batch:
        batch.drop_column("country")
