"""An upgrade is all or nothing on SQLite too: one transaction holding the write lock
(so processes started together on an empty file migrate it once)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from server.db.engine import make_engine
from server.db.migrate import MIGRATIONS, alembic_config

FAILING = '''"""fails

Revision ID: fail
Revises: {head}
"""

revision = "fail"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    raise RuntimeError("the last migration fails")


def downgrade() -> None:
    pass
'''


def test_a_failed_upgrade_leaves_an_empty_sqlite_store_empty(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    # The project's migrations, and after them one that fails.
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    config = alembic_config(engine)
    head = ScriptDirectory.from_config(config).get_current_head()
    (scripts / "versions" / "9999_fails.py").write_text(FAILING.format(head=head))
    config.set_main_option("script_location", str(scripts))
    with pytest.raises(RuntimeError, match="the last migration fails"):
        command.upgrade(config, "head")
    # Had each migration committed on its own (Alembic's way on SQLite), every table
    # would be there but the failing one's, and another process reading the version
    # meanwhile would have run them again.
    assert inspect(engine).get_table_names() == []
    engine.dispose()
