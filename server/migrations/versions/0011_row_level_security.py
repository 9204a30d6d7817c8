"""row-level security on PostgreSQL: a transaction sees only its tenant's rows

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29

Every table with a tenant_id gets one policy: a row is visible and writable when its
tenant_id is the one the transaction named with `set_config('app.tenant_id', ...)`
(server/db/engine.py), or when it named every tenant ('*': sign-in by email, kiosk
enrollment, admin commands, migrations). Unset, nothing is visible. FORCE: the server
usually connects as the tables' owner, who would otherwise be exempt. Superusers and
BYPASSRLS roles are exempt whatever we do: the server must not connect as one.

The settings are read in sub-selects so that PostgreSQL evaluates them once per
statement (an InitPlan), not once per row; `tenant_id = (...)` then also serves as an
index condition. SQLite has no row-level security: nothing to do there.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table with a tenant_id at this revision (a test fails when a later table with
# a tenant_id has no policy: tests/server/test_row_security.py).
TENANT_TABLES = (
    "tenants",
    "locations",
    "providers",
    "provider_hours",
    "time_off",
    "services",
    "provider_services",
    "customers",
    "bookings",
    "payments",
    "staff_users",
    "auth_sessions",
    "rotated_refresh_tokens",
    "tenant_versions",
    "sync_clients",
    "sync_digests",
    "sync_rejections",
    "sync_rows",
    "kiosk_devices",
    "walkin_counters",
    "walkin_tickets",
)
POLICY = "tenant_isolation"
SETTING = "current_setting('app.tenant_id', true)"
RULE = (
    f"(SELECT {SETTING} = '*') OR tenant_id = "
    f"(SELECT CASE WHEN {SETTING} IN ('', '*') THEN NULL ELSE {SETTING} END)::uuid"
)


def enable(table: str) -> None:
    """Row-level security for one more tenant table (later migrations call this)."""
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY {POLICY} ON {table} USING ({RULE}) WITH CHECK ({RULE})")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TENANT_TABLES:
        enable(table)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TENANT_TABLES:
        op.execute(f"DROP POLICY {POLICY} ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
