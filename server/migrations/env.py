"""Alembic environment. The engine comes from the caller (server/db/migrate.py), or from
TURNERO_DATABASE_URL when run as `alembic -c alembic.ini ...`."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Engine

import server.models  # noqa: F401  (registers every table on the metadata)
from server.db.base import Base
from server.db.engine import ALL_TENANTS, make_engine, scope_connection

config = context.config
engine: Engine | None = config.attributes.get("engine")
if engine is None:
    engine = make_engine(os.environ["TURNERO_DATABASE_URL"])

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=sqlite,  # SQLite cannot ALTER much
        compare_type=True,
        # SQLite's DDL is transactional, though Alembic assumes not and commits after
        # each migration: as one transaction (begun IMMEDIATE, server/db/engine.py) the
        # whole upgrade holds the write lock, so processes started together on an empty
        # file migrate it once, and a failed upgrade leaves the store as it was.
        transactional_ddl=True if sqlite else None,
    )
    with context.begin_transaction():
        # Migrations act for every tenant (row-level security, migration 0011).
        scope_connection(connection, ALL_TENANTS)
        context.run_migrations()
