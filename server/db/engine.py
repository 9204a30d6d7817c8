"""Engines for the two stores.

PostgreSQL is the central store: concurrency is handled by the database (the EXCLUDE
constraint refuses overlapping bookings whatever the race). SQLite is the embedded
store: every transaction starts with BEGIN IMMEDIATE, so writers are serialised and a
check-then-insert cannot race another writer.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
# PostgreSQL's row-level security (migration 0011) shows a transaction only the rows of
# the tenant this setting names; unset, it shows none. ALL_TENANTS is for the few paths
# that act before a tenant is known (sign-in by email, kiosk enrollment by code) and
# for operators' tools (admin commands, the demo builder, migrations): see tenant scope
# in docs/ARCHITECTURE.md. SQLite has no row-level security.
TENANT_SETTING = "app.tenant_id"
ALL_TENANTS = "*"
TenantScope = uuid.UUID | str | None
SET_SCOPE = f"SELECT set_config('{TENANT_SETTING}', %(scope)s, true)"
# Whether transactions begun in this context may write. On SQLite a writing one begins
# IMMEDIATE (it takes the write lock at once, so a check-then-insert cannot race), a
# reading one plainly: in WAL mode readers neither wait for the writer nor stop it.
# Everything writes unless told otherwise; the server says so for GET requests
# (server/sqlite_gate.py).
WRITING: ContextVar[bool] = ContextVar("turnero_sqlite_writing", default=True)
IDLE_PING_S = 5.0


def normalise_url(url: str | URL) -> URL:
    """Accept `postgresql://...` (as psql does) and use the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    # A failed statement's message leaves out its values (a customer's phone, a
    # password's hash): it may end up in a log line.
    kwargs.setdefault("hide_parameters", True)
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            **kwargs,
        )
        _serialise_sqlite_writes(engine)
        return engine
    engine = create_engine(parsed, **kwargs)
    _ping_when_idle(engine)
    _session_defaults(engine)
    return engine


SESSION_DEFAULTS = ("SET TimeZone = 'UTC'", "SET jit = off")


def _session_defaults(engine: Engine) -> None:
    """Once per PostgreSQL connection, not per transaction: instants as UTC (how the
    sync's JSON spells them, whatever the server's own zone), and no JIT (a sync page's
    thousands of row lookups priced above jit_above_cost, and compiling them took 50 ms
    of a 90 ms page; every query here is short)."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for statement in SESSION_DEFAULTS:
            cursor.execute(statement)
        cursor.close()
        dbapi_connection.commit()  # session settings: they outlive this transaction


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection before use if it sat idle a while: PostgreSQL may have
    restarted or dropped it meanwhile. Unlike pool_pre_ping this spares the round trip
    for connections in steady use (every request of a busy server); one that breaks in
    the moment between two uses fails that request, and the pool is renewed."""

    @event.listens_for(engine, "checkin")
    def on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < IDLE_PING_S:
            return
        try:
            cursor = dbapi_connection.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
            dbapi_connection.rollback()
        except Exception as exc:
            # The pool throws this connection away and tries another.
            raise DisconnectionError(f"a pooled connection was dead: {exc}") from exc


def _use_wal(cursor: Any) -> None:
    """Put the file in WAL mode (it stays so), once: processes that open a new file
    together (`turnero server --workers N`) race to switch it, and the switch answers
    "database is locked" at once rather than waiting on busy_timeout. The loser waits
    and looks again; by then the winner has switched it."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _serialise_sqlite_writes(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module so BEGIN IMMEDIATE is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if WRITING.get() else "BEGIN")


def scope_connection(connection: Connection, scope: TenantScope) -> None:
    """Name the tenant whose rows this transaction of `connection` may see and change
    (PostgreSQL; a no-op on SQLite). Transaction-local: a pooled connection never
    carries it into another request."""
    if connection.dialect.name != "postgresql":
        return
    connection.exec_driver_sql(SET_SCOPE, {"scope": "" if scope is None else str(scope)})


def bind_tenant(session: Session, scope: TenantScope) -> None:
    """From now on `session` acts for `scope` (a tenant id, or ALL_TENANTS), in this
    transaction and in every later one it begins."""
    session.info["tenant_scope"] = scope
    if session.in_transaction() and session.bind is not None:
        scope_connection(session.connection(), scope)


def _scope_each_transaction(factory: sessionmaker[Session]) -> None:
    @event.listens_for(factory, "after_begin")
    def on_begin(session: Session, _transaction: Any, connection: Connection) -> None:
        # Once per transaction, as it begins: every statement in it is then bound.
        scope = session.info.get("tenant_scope")
        if scope is not None:
            scope_connection(connection, scope)


def make_session_factory(
    engine: Engine,
    on_versions: Callable[[dict[uuid.UUID, int]], None] | None = None,
    clock: Callable[[], datetime] | None = None,
    *,
    scope: TenantScope = None,
) -> sessionmaker[Session]:
    """Sessions that stamp every synced change with the tenant's next version.

    `on_versions` hears of each commit's new versions (the realtime hints); `clock`,
    if given, is what `session_now` answers instead of the real time. `scope` is the
    tenant the sessions act for until `bind_tenant` says otherwise: the server's
    sessions start with none (they see no tenant's rows until the caller is known).
    """
    from server.db import audit, versioning

    # Objects stay readable after commit: responses are built after the transaction ends.
    factory = sessionmaker(
        engine,
        expire_on_commit=False,
        info={
            "on_versions": on_versions,
            "clock": clock,
            "tenant_scope": scope,
        },
    )
    audit.install(factory)  # first: its INSERT goes before the version row is locked
    versioning.install(factory)
    _scope_each_transaction(factory)
    return factory
