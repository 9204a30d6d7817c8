"""Storing what central sends in a site hub's own tables.

Central's pull gives each row as JSON: its columns but tenant_id, instants in ISO 8601,
binary in base64 (server/sync/scopes.py). Here each row goes back into its table as
central has it, or out of it for a tombstone, and is versioned in this store like any
write, so the site's desks and kiosks pull it from the hub. Central's word is the
truth for these rows: no rule is asked again.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any, cast

from sqlalchemy import Column, Table, delete, text, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from server.db import versioning
from server.models import SYNCED, Payment, WalkinTicket


def apply_rows(session: Session, tenant_id: uuid.UUID, changes: Iterable[dict[str, Any]]) -> int:
    """Write central's `changes` ({entity, id, data}) into this store, in this session's
    transaction; returns how many. Foreign keys are checked at commit: a page may bring
    a booking before the customer it names (that customer's row changed later)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    changes = list(changes)
    _free_labels(session, tenant_id, changes)
    count = 0
    for change in changes:
        model = SYNCED.get(change["entity"])
        if model is None:
            continue  # a kind of row a newer central has and this version does not
        table = cast(Table, model.__table__)
        key_names = [table.c[c.key].name for c in versioning.key_columns(model)]
        key = dict(zip(key_names, change["id"].split(":"), strict=True))
        key = {name: _value(table.c[name], v) for name, v in key.items()}
        key["tenant_id"] = tenant_id
        data = change["data"]
        if data is None and change["entity"] == "booking":
            _drop_payments(session, tenant_id, key["booking_id"])
        if data is None:
            session.execute(
                delete(table).where(*(table.c[name] == value for name, value in key.items()))
            )
        else:
            row = {name: _value(table.c[name], v) for name, v in data.items() if name in table.c}
            row.update(key)
            insert = sqlite.insert(table).values(row)
            updates = {name: insert.excluded[name] for name in row if name not in key}
            primary = [c.name for c in table.primary_key.columns]
            session.execute(
                insert.on_conflict_do_update(index_elements=primary, set_=updates)
                if updates
                else insert.on_conflict_do_nothing(index_elements=primary)
            )
        versioning.mark_written(session, tenant_id, change["entity"], change["id"], data is None)
        count += 1
    return count


def _drop_payments(session: Session, tenant_id: uuid.UUID, booking_id: uuid.UUID) -> None:
    """A booking leaving this hub (moved to another location, or out of the window)
    takes its payments along: they name it, and would fail the commit's key check."""
    gone = session.scalars(
        delete(Payment)
        .where(Payment.tenant_id == tenant_id, Payment.booking_id == booking_id)
        .returning(Payment.payment_id)
    ).all()
    for payment_id in gone:
        versioning.mark_written(session, tenant_id, "payment", str(payment_id), True)


def _free_labels(session: Session, tenant_id: uuid.UUID, changes: list[dict[str, Any]]) -> None:
    """Walk-in tickets central labelled otherwise than this hub (it gave one's label to
    another ticket meanwhile) first take a label of their own: a label is unique in
    its day, and SQLite checks that row by row, so the batch that swaps labels would
    fail midway. Each ends with central's label below."""
    tickets = {
        uuid.UUID(c["id"]): c["data"]["label"]
        for c in changes
        if c["entity"] == "walkin_ticket" and c["data"] is not None
    }
    for ticket_id, label in tickets.items():
        session.execute(
            update(WalkinTicket)
            .where(
                WalkinTicket.tenant_id == tenant_id,
                WalkinTicket.ticket_id == ticket_id,
                WalkinTicket.label != label,
            )
            .values(label="~" + ticket_id.hex[:11])
        )


def _value(column: Column[Any], value: Any) -> Any:
    """A JSON value as the column's Python type."""
    if value is None:
        return None
    kind = _python_type(column.type)
    if kind is None:
        return value
    if kind is uuid.UUID:
        return uuid.UUID(str(value))
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is time:
        return time.fromisoformat(value)
    if kind is bytes:
        return base64.b64decode(value)
    return value


def _python_type(kind: TypeEngine[Any]) -> type | None:
    """The Python type a column holds (a TypeDecorator's, such as our UTC instants,
    is its underlying type's)."""
    for candidate in (getattr(kind, "impl_instance", None), kind):
        if candidate is None:
            continue
        try:
            found = candidate.python_type
        except NotImplementedError:  # a type that names none: try the next, else as is
            continue
        if found is not object:  # a TypeDecorator says object
            return cast(type, found)
    return None
