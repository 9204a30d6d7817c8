"""Row-level security on PostgreSQL (migration 0011): the database itself keeps each
tenant's rows apart, so a query that forgets its tenant WHERE leaks nothing."""

from __future__ import annotations

import uuid

import pytest
from psycopg.errors import InsufficientPrivilege
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import ProgrammingError

from server.db.engine import ALL_TENANTS, scope_connection
from tests.helpers.clinic import Clinic, make_clinic
from tests.helpers.pg_role import is_ordinary


def tenant_tables(conn: Connection) -> list[str]:
    """Every table of the store with a tenant_id column, found in the catalogue (not in
    our models or the migration's list), so that a new table cannot be forgotten."""
    rows = conn.execute(
        text(
            "SELECT table_name FROM information_schema.columns"
            " WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1"
        )
    )
    return [r[0] for r in rows]


def counts(conn: Connection, tables: list[str]) -> dict[str, int]:
    return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}


@pytest.fixture
def two(pg_store: Engine) -> tuple[Clinic, Clinic]:
    return make_clinic(pg_store, "a"), make_clinic(pg_store, "b")


def test_the_tests_connect_as_a_role_row_security_binds(pg_store: Engine) -> None:
    # A superuser or BYPASSRLS role sees everything whatever the policies say: the
    # tests below would then pass without proving anything.
    assert is_ordinary(pg_store.url.render_as_string(hide_password=False))


def test_every_tenant_table_has_forced_row_security_and_a_policy(pg_store: Engine) -> None:
    with pg_store.connect() as conn:
        tables = tenant_tables(conn)
        assert len(tables) >= 20
        flags: dict[str, bool] = dict(
            conn.execute(
                text(
                    "SELECT relname, relrowsecurity AND relforcerowsecurity FROM pg_class"
                    " WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
                )
            ).all()
        )
        policies = {r[0] for r in conn.execute(text("SELECT tablename FROM pg_policies"))}
    unguarded = [t for t in tables if not flags.get(t) or t not in policies]
    assert unguarded == [], "tables with a tenant_id but no (forced) row-level security"


def test_a_transaction_without_a_tenant_sees_no_rows_of_any_tenant(
    pg_store: Engine, two: tuple[Clinic, Clinic]
) -> None:
    with pg_store.connect() as conn:
        tables = tenant_tables(conn)
        assert set(counts(conn, tables).values()) == {0}
        conn.rollback()
        # Not an empty store: every tenant's rows are there for who may see them all.
        scope_connection(conn, ALL_TENANTS)
        seen = counts(conn, tables)
    assert seen["tenants"] == 2
    assert seen["customers"] == 2
    assert seen["staff_users"] == 6


def test_one_tenants_transaction_cannot_see_or_change_anothers_rows_without_a_where(
    pg_store: Engine, two: tuple[Clinic, Clinic]
) -> None:
    a, b = two
    with pg_store.connect() as conn:
        tables = tenant_tables(conn)
        scope_connection(conn, a.tenant_id)
        mine = counts(conn, tables)
        for table in mine:  # no WHERE: what A sees is exactly A's rows
            theirs = conn.execute(
                text(f"SELECT count(*) FROM {table} WHERE tenant_id <> :a"), {"a": a.tenant_id}
            ).scalar_one()
            assert theirs == 0, table
        assert mine["customers"] == 1
        assert mine["tenants"] == 1
        changed = conn.execute(text("UPDATE customers SET notes = 'touched'")).rowcount
        deleted = conn.execute(text("DELETE FROM auth_sessions")).rowcount
        assert (changed, deleted) == (1, 0)
        conn.commit()
        # Writing a row of B's is refused, not merely hidden.
        scope_connection(conn, a.tenant_id)
        with pytest.raises(ProgrammingError) as refused:
            conn.execute(
                text(
                    "INSERT INTO locations (tenant_id, location_id, name, address, created_at)"
                    " VALUES (:b, :id, 'intruder', '', now())"
                ),
                {"b": b.tenant_id, "id": uuid.uuid4()},
            )
        assert isinstance(refused.value.orig, InsufficientPrivilege)
        conn.rollback()
        # A row of A's cannot be handed over to B either.
        scope_connection(conn, a.tenant_id)
        with pytest.raises(ProgrammingError):
            conn.execute(text("UPDATE customers SET tenant_id = :b"), {"b": b.tenant_id})
        conn.rollback()
        scope_connection(conn, b.tenant_id)
        notes = conn.execute(text("SELECT notes FROM customers")).scalars().all()
    assert notes
    assert "touched" not in notes


def test_the_setting_lasts_only_for_its_transaction(
    pg_store: Engine, two: tuple[Clinic, Clinic]
) -> None:
    """A pooled connection goes back to the pool and serves another tenant's request
    next: nothing of the last one's tenant may stay on it."""
    with pg_store.connect() as conn:
        scope_connection(conn, two[0].tenant_id)
        assert conn.execute(text("SELECT count(*) FROM tenants")).scalar_one() == 1
        conn.commit()
        assert conn.execute(text("SELECT count(*) FROM tenants")).scalar_one() == 0
