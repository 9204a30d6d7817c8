"""Shared fixtures: real stores (PostgreSQL and SQLite), the app, a signed-in clinic.

PostgreSQL comes from TURNERO_TEST_DATABASE_URL (`make test` provides one). Without
it the PostgreSQL tests fail with instructions; they never skip.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from app import kiosk
from server.auth import passwords
from server.db.base import Base
from server.db.engine import make_engine
from server.db.migrate import upgrade
from tests.helpers.pg_role import ordinary_role_url

PG_ENV = "TURNERO_TEST_DATABASE_URL"
NO_POSTGRES = f"""\
These tests need PostgreSQL and never skip. Run them with `make test`, which finds or
starts one, or set {PG_ENV}=postgresql://USER@HOST:PORT/DB to a role that may create
databases (e.g. `sudo apt-get install postgresql postgresql-contrib`)."""


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The umask most systems give a user (022: new files readable by every account),
    so that what a test finds about file modes does not depend on this machine's."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> Iterator[None]:
    """Still Argon2id, with small cost parameters: the production cost (about 0.1 s per
    hash, by design) would dominate the suite. test_passwords checks the real ones."""
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    real = passwords._hasher, kiosk._pin_hasher
    passwords._hasher = kiosk._pin_hasher = cheap  # the kiosk's staff PIN too
    yield
    passwords._hasher, kiosk._pin_hasher = real


def _pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.fail(f"{PG_ENV} is not set.\n{NO_POSTGRES}", pytrace=False)
    return url


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh database for this test run, dropped at the end. Yields its URL.

    Made and owned by an ordinary role, never a superuser: row-level security does not
    hold for superusers, so its tests would prove nothing (tests/helpers/pg_role.py)."""
    name = f"turnero_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = make_url(ordinary_role_url(_pg_admin_url())).set(drivername="postgresql")
        dsn = admin.render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        pytest.fail(
            f"cannot reach PostgreSQL at {_pg_admin_url()}: {exc}\n{NO_POSTGRES}", pytrace=False
        )
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_engine(pg_database: str) -> Iterator[Engine]:
    engine = make_engine(pg_database)
    upgrade(engine)
    yield engine
    engine.dispose()


def _truncate(engine: Engine) -> None:
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} CASCADE"))


@pytest.fixture
def pg_store(pg_engine: Engine) -> Iterator[Engine]:
    """The PostgreSQL store, emptied after the test (tests commit for real)."""
    yield pg_engine
    _truncate(pg_engine)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "store.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def sqlite_store(sqlite_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite store of its own for each test (copied from a template)."""
    path = tmp_path / "store.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture(params=["postgresql", "sqlite"])
def store(request: pytest.FixtureRequest) -> Engine:
    """Run the test on both stores: the rules must hold on each."""
    engine: Engine = request.getfixturevalue(f"{request.param}_store".replace("postgresql", "pg"))
    return engine


@pytest.fixture
def live_server(store: Engine) -> Iterator[object]:
    """A real server on a loopback port over `store`, stopped after the test."""
    from tests.helpers.live import LiveServer

    server = LiveServer(store)
    server.start()
    yield server
    server.stop()
