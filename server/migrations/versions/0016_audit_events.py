"""the audit trail: every change through a push or a REST route, and every refusal,
kept append-only

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03

Append-only is the store's own rule, not only the API's: on PostgreSQL row-level
security lets the app's role INSERT and SELECT its tenant's events and nothing else
(no UPDATE or DELETE policy), and a statement trigger raises on any UPDATE or DELETE,
so an attempt fails loudly rather than touching no row. On SQLite, triggers raise the
same. (TRUNCATE, an owner's operation that the server never issues, stays open to
operators and to the tests' clean-up.)
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Row-level security as 0011 gives every tenant table (a migration keeps its own copy).
SETTING = "current_setting('app.tenant_id', true)"
RULE = (
    f"(SELECT {SETTING} = '*') OR tenant_id = "
    f"(SELECT CASE WHEN {SETTING} IN ('', '*') THEN NULL ELSE {SETTING} END)::uuid"
)
REFUSAL = "audit events are append-only: they cannot be changed or deleted"


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_kind", sa.String(10), nullable=False),
        sa.Column("actor_role", sa.String(20), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=True),
        sa.Column("client_seq", sa.BigInteger(), nullable=True),
        sa.Column("action", sa.String(120), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(120), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("code", sa.String(60), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "event_id", name=op.f("pk_audit_events")),
    )
    op.create_index(
        "ix_audit_events_entity", "audit_events", ["tenant_id", "entity", "entity_id", "at"]
    )
    op.create_index("ix_audit_events_at", "audit_events", ["tenant_id", "at"])
    op.create_index("ix_audit_events_actor", "audit_events", ["tenant_id", "actor_id", "at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE audit_events FORCE ROW LEVEL SECURITY")
        # Two policies, no more: a row is read and added for the transaction's tenant.
        op.execute(f"CREATE POLICY tenant_isolation ON audit_events FOR SELECT USING ({RULE})")
        op.execute(f"CREATE POLICY tenant_appends ON audit_events FOR INSERT WITH CHECK ({RULE})")
        op.execute(
            f"""
            CREATE FUNCTION audit_events_append_only() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege';
            END $$
            """
        )
        op.execute(
            "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events"
            " FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()"
        )
    else:
        for what in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_events_no_{what.lower()} BEFORE {what} ON audit_events"
                f" BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            )


def downgrade() -> None:
    op.drop_table("audit_events")  # its triggers and policies go with it
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION audit_events_append_only()")
