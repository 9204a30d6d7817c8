"""An ordinary PostgreSQL role for tests and benchmarks.

Superusers and BYPASSRLS roles pass through row-level security (migration 0011), so
tests run as one would prove nothing about it. Given any URL, `ordinary_role_url`
answers one for a role that may create databases (and so owns the ones it creates)
but is neither: the URL itself when its role already is such, else `turnero_test`,
made by the superuser the first time. scripts/with_postgres.py, the
fixtures and the benchmarks all use it.
"""

from __future__ import annotations

import contextlib

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

ROLE = "turnero_test"


def ordinary_role_url(url: str) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    dsn = parsed.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
        row = conn.execute(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        if not (row and row[0]):
            return url
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ROLE,)).fetchone()
        if not exists:
            # Another test run may make it at the same moment.
            with contextlib.suppress(
                psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation
            ):
                conn.execute(
                    sql.SQL("CREATE ROLE {} LOGIN CREATEDB NOSUPERUSER NOBYPASSRLS").format(
                        sql.Identifier(ROLE)
                    )
                )
    # No password: where the superuser needs none (trust), neither does this role.
    ordinary = make_url(url).set(username=ROLE, password=None)
    return ordinary.render_as_string(hide_password=False)


def is_ordinary(url: str) -> bool:
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
        row = conn.execute(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
    return not (row and row[0])
