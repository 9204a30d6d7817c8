"""On PostgreSQL a desk's rows are turned into JSON by the database; they must say the
same as the rows the Python path projects (used for kiosks and on SQLite)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from app.domain.staff import Role
from server.db.engine import make_session_factory
from server.demo import build_demo
from server.deps import Principal
from server.models import SyncRow, Tenant
from server.sync import service
from server.sync.scopes import scope_for


def _normalise(value: Any) -> Any:
    """Instants may differ only in how many zeros end their fraction of a second."""
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def test_database_made_json_matches_the_python_projection(pg_store: Engine) -> None:
    with make_session_factory(pg_store)() as s:
        summary = build_demo(s)
        # A logo long enough that PostgreSQL's base64 would wrap its lines.
        s.get_one(Tenant, summary.tenant_id).logo = b"<svg>" + bytes(range(256)) * 4
        s.commit()
    with make_session_factory(pg_store)() as s:
        principal = Principal(
            summary.tenant_id, summary.tenant_id, summary.tenant_id, Role.RECEPTION, None
        )
        wanted: dict[str, list[str]] = defaultdict(list)
        for row in s.execute(
            select(SyncRow.entity, SyncRow.entity_id).where(SyncRow.tenant_id == summary.tenant_id)
        ):
            wanted[row.entity].append(row.entity_id)
        scope = scope_for(s, principal)
        everything = ((0, "", ""), (2**62, "~", "~"))
        by_db = service._desk_rows_as_json(s, summary.tenant_id, wanted, *everything, scope)
        by_python = service._rows_as_json(s, summary.tenant_id, wanted, scope, principal)
    assert by_db.keys() == by_python.keys()
    assert len(by_db) > 1000
    for key in by_db:
        db_row = {k: _normalise(v) for k, v in json.loads(by_db[key]).items()}
        py_row = {k: _normalise(v) for k, v in json.loads(by_python[key]).items()}
        assert db_row == py_row, key
