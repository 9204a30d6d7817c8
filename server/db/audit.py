"""Recording the audit trail (server/models/audit.py) in the transaction of the change.

Whoever changes rows is told to the session first (`attribute`: the caller, once
authenticated; `via`: the REST route, or the push's client and seq). Session events
then gather, at each flush, the fields every audited row had before and has after:
SQLAlchemy's own attribute history, so a new table or column is audited without new
code. A REST request's changes become one event as it commits; the push writes one
per change itself (`record`), applied or refused, with one INSERT.
"""

from __future__ import annotations

import enum
import itertools
import logging
import secrets
import time as clock
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from server.db.base import session_now
from server.db.versioning import ENTITY_OF, entity_key
from server.models import AuditEvent, StaffUser

log = logging.getLogger(__name__)

# The rows audited: every synced one, and the staff's accounts (setup).
AUDITED: dict[type[Any], str] = {**ENTITY_OF, StaffUser: "staff_user"}
# Never kept, only said to have changed: secrets, and noise every write moves.
HIDDEN = "(hidden)"
SECRET_PARTS = ("password", "secret", "token", "pin_hash")
SKIPPED = frozenset({"tenant_id", "updated_at"})

# A row's change: {"entity", "id", "op", "fields": {name: [before, after]}}
Change = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who changes rows in this session: a staff member, a kiosk or a site hub."""

    tenant_id: uuid.UUID
    actor_id: uuid.UUID
    role: str

    @property
    def kind(self) -> str:
        return self.role if self.role in ("kiosk", "hub", "board") else "staff"


@dataclass(frozen=True, slots=True)
class Via:
    """From where: a REST route ("POST /bookings"), or a sync client's change, and the
    site hub that forwarded it to this server, if one did (`hub_id`)."""

    action: str
    source: str = "rest"
    client_id: uuid.UUID | None = None
    client_seq: int | None = None
    hub_id: uuid.UUID | None = None


# Event ids sort as they were made (a UUIDv7: milliseconds, then this process's count,
# begun at random so that two processes do not meet): events of one instant (a
# push's, or under a test's fixed clock) keep their order.
_made = itertools.count(secrets.randbits(72))


def new_event_id() -> uuid.UUID:
    ms = clock.time_ns() // 1_000_000 & ((1 << 48) - 1)
    n = next(_made) & ((1 << 74) - 1)
    value = ms << 80 | 0x7 << 76 | (n >> 62) << 64 | 0b10 << 62 | n & ((1 << 62) - 1)
    return uuid.UUID(int=value)


def attribute(session: Session, actor: Actor) -> None:
    """From now on this session's changes are `actor`'s (deps.authenticate says so)."""
    session.info["audit_actor"] = actor


def via(session: Session, how: Via) -> None:
    session.info["audit_via"] = how


def plain(value: Any) -> Any:
    """A column's value as JSON keeps it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"({len(value)} bytes)"
    return str(value)


def _secret(name: str) -> bool:
    return any(part in name for part in SECRET_PARTS)


def created(entity: str, entity_id: str, values: Mapping[str, Any]) -> Change:
    """A new row's change: its fields, from nothing (the push's fast path says it so)."""
    fields = {
        k: [None, HIDDEN if _secret(k) else plain(v)]
        for k, v in values.items()
        if k not in SKIPPED and v is not None
    }
    return {"entity": entity, "id": entity_id, "op": "create", "fields": fields}


def _change(obj: Any, op: str) -> Change | None:
    state = inspect(obj)
    entity = AUDITED[type(obj)]
    # Values from the object's dict: reading an attribute could load it (a refresh).
    if op == "create":
        values = {a.key: state.dict.get(a.key) for a in state.mapper.column_attrs}
        return created(entity, entity_key(obj), values)
    fields: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in SKIPPED:
            continue
        if op == "delete":
            if (value := state.dict.get(key)) is not None:
                fields[key] = [HIDDEN if _secret(key) else plain(value), None]
            continue
        history = state.attrs[key].history
        if not history.added and not history.deleted:
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if before == after:
            continue
        fields[key] = [HIDDEN, HIDDEN] if _secret(key) else [plain(before), plain(after)]
    if op == "update" and not fields:
        return None
    return {"entity": entity, "id": entity_key(obj), "op": op, "fields": fields}


def _after_flush(session: Session, _ctx: Any) -> None:
    """Gather what this flush wrote (the history is still there in after_flush)."""
    if "audit_actor" not in session.info or session.info.get("stamping"):
        return
    changes: dict[tuple[str, str], Change] = session.info.setdefault("audit_changes", {})
    written = (session.new, "create"), (session.dirty, "update"), (session.deleted, "delete")
    for objects, op in written:
        for obj in objects:
            if type(obj) not in AUDITED:
                continue
            change = _change(obj, op)
            if change is None:
                continue
            key = (change["entity"], change["id"])
            earlier = changes.get(key)
            if earlier is None:
                changes[key] = change
                continue
            # Changed twice in one transaction: the first before, the last after.
            for name, (before, after) in change["fields"].items():
                first = earlier["fields"].get(name, [before, after])[0]
                earlier["fields"][name] = [first, after]
            if op == "delete":
                earlier["op"] = "delete"


def take_changes(session: Session) -> list[Change]:
    """The changes gathered since the last take (a push's change starts afresh)."""
    return list(session.info.pop("audit_changes", {}).values())


def record(
    session: Session,
    actor: Actor,
    how: Via,
    entity: str,
    entity_id: str,
    changes: list[Change],
    outcome: str = "applied",
    code: str | None = None,
) -> None:
    """One event, written now with one INSERT (not through the unit of work)."""
    session.connection().execute(
        insert(AuditEvent),
        [
            {
                "tenant_id": actor.tenant_id,
                "event_id": new_event_id(),
                "at": session_now(session),
                "actor_id": actor.actor_id,
                "actor_kind": actor.kind,
                "actor_role": actor.role,
                "source": how.source,
                "client_id": how.client_id,
                "client_seq": how.client_seq,
                "hub_id": how.hub_id,
                "action": how.action[:120],
                "entity": entity,
                "entity_id": entity_id[:120],
                "changes": changes,
                "outcome": outcome,
                "code": code,
            }
        ],
    )


def record_refusal(session: Session, entity: str, entity_id: str, code: str) -> None:
    """A refused REST write: its own transaction rolled back whole, then one event in a
    short transaction of its own. It never fails the answer: a store that cannot take
    the event leaves the refusal unrecorded, and says so in the log."""
    actor: Actor | None = session.info.get("audit_actor")
    if actor is None:
        return
    how: Via = session.info.get("audit_via") or Via("unknown")
    try:
        session.rollback()
        record(session, actor, how, entity, entity_id, [], outcome="refused", code=code[:60])
        session.commit()
    except Exception:  # the refusal itself is the answer that matters
        log.exception("could not record a refused %s", how.action)  # closing rolls back


def _before_commit(session: Session) -> None:
    """A REST request's changes: one event, as it commits."""
    actor: Actor | None = session.info.get("audit_actor")
    if actor is None or session.in_nested_transaction():
        return
    if session.new or session.dirty or session.deleted:
        session.flush()
    changes = take_changes(session)
    if not changes:
        return
    how: Via = session.info.get("audit_via") or Via("unknown")
    first = changes[0]
    record(session, actor, how, first["entity"], first["id"], changes)


def _after_rollback(session: Session) -> None:
    if not session.in_transaction():
        session.info.pop("audit_changes", None)


def install(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_soft_rollback", lambda s, _t: _after_rollback(s))
