"""Liveness and readiness for whoever supervises the server."""

from __future__ import annotations

from typing import Any

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi import APIRouter, Request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app import __version__
from server.db.migrate import alembic_config
from server.deps import RuntimeDep, public
from server.errors import UnavailableError

router = APIRouter(tags=["health"])


@router.get("/health", dependencies=[public()])
def health(request: Request) -> dict[str, Any]:
    """The process is up. Says nothing of the database: see /ready. A site hub adds
    its link to central: `upstream.state` is online, unreachable (since when, why) or
    revoked, so monitoring can tell "central is down" from "this server is down"."""
    answer: dict[str, Any] = {"status": "ok", "version": __version__}
    uplink = request.app.state.uplink
    if uplink is not None:
        answer["upstream"] = {"url": uplink.credential.upstream, **uplink.status().as_json()}
    return answer


@router.get("/ready", dependencies=[public()])
def ready(request: Request, runtime: RuntimeDep) -> dict[str, Any]:
    """The store answers and its schema is the one this version expects. A site hub is
    ready with central unreachable (serving its site through an outage is its job):
    `upstream` says how the link is, as in /health."""
    try:
        with runtime.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            current = MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        raise UnavailableError(f"the database does not answer: {type(exc).__name__}") from None
    head = ScriptDirectory.from_config(alembic_config(runtime.engine)).get_current_head()
    if current != head:
        raise UnavailableError(f"the database schema is at {current}, this server needs {head}")
    answer: dict[str, Any] = {
        "status": "ready",
        "database": runtime.engine.dialect.name,
        "schema": head or "",
    }
    uplink = request.app.state.uplink
    if uplink is not None:
        answer["upstream"] = {"url": uplink.credential.upstream, **uplink.status().as_json()}
    return answer
