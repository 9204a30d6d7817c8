"""Alembic, driven from code: the server migrates its store when it starts.

Several processes may start at once on one store (`turnero server --workers N`, or
servers on several machines): each takes a lock for the migration, so one migrates
while the others wait, then find the schema current and do nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# Any fixed number: the advisory lock that every Turnero process migrates under.
PG_MIGRATION_LOCK = 0x7475726E65726F  # "turnero"


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Only one process migrates a store at a time.

    PostgreSQL: a session advisory lock on a connection of its own (released when it
    closes, even if the process dies). SQLite needs none: the whole upgrade is one
    transaction (migrations/env.py), begun IMMEDIATE like all of our engine's, so
    another process's upgrade waits for it, then reads the schema version it left.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PG_MIGRATION_LOCK})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PG_MIGRATION_LOCK})
        return
    yield


def upgrade(engine: Engine, revision: str = "head") -> None:
    with migration_lock(engine):
        command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    with migration_lock(engine):
        command.downgrade(alembic_config(engine), revision)
