"""A desk's page of changes, each row's JSON made by PostgreSQL in one statement.

A first sync reads tens of thousands of rows. Turning each into Python values and back
into JSON cost most of its time, so on PostgreSQL the database does it where it reads
the rows anyway: one statement per page takes the page's keys from sync_rows in cursor
order and, for each, the row as JSON (its columns but tenant_id, timestamps in UTC,
binary in base64: what the Python projection in scopes.py gives) or NULL when the row
is deleted or outside the desk's scope. tests/server/test_sync_json.py holds the two
paths to the same answers.
"""

from __future__ import annotations

import functools
from datetime import timedelta
from typing import Any

from sqlalchemy import LargeBinary, Table, TextClause, text
from sqlalchemy.orm import Session

from app.domain.staff import Role
from app.sync.scope import DESK_DAYS_BACK
from server.db.versioning import key_columns
from server.models import SYNCED
from server.sync.scopes import DESK_SCOPE_SQL, HUB_SCOPE_SQL, PROVIDER_HIDDEN, Scope, omitted

# entity, wire id, version, the row's JSON (None: a tombstone or outside the scope)
PageRow = tuple[str, str, int, str | None]


def desk_page(
    session: Session, tenant_id: Any, after: tuple[int, str, str], limit: int, scope: Scope
) -> list[PageRow]:
    """Up to `limit` changes after the cursor key `after`, oldest first. Instants come
    out in UTC and without JIT: every connection is set so (server/db/engine.py)."""
    params = {
        "tid": tenant_id,
        "version": after[0],
        "entity": after[1],
        "entity_id": after[2],
        "limit": limit,
        "start": scope.start,
        "end": scope.end,
        "since": scope.today - timedelta(days=1),
        "days_back": scope.today - timedelta(days=DESK_DAYS_BACK),
    }
    provider, hub = scope.role is Role.PROVIDER, scope.role is Role.HUB
    if provider:
        params["provider"] = scope.provider_id
    if hub:
        params["location"] = scope.location_id
    # Core on the session's connection: plain tuples, no ORM result handling per row.
    result = session.connection().execute(_statement(provider, hub), params)
    return [(r[0], r[1], r[2], r[3]) for r in result]


@functools.cache
def _statement(provider: bool, hub: bool) -> TextClause:
    branches = "\n".join(_branch(entity, model, provider, hub) for entity, model in SYNCED.items())
    return text(
        f"""
        SELECT s.entity, s.entity_id, s.version,
               CASE WHEN s.deleted THEN NULL ELSE CASE s.entity {branches} END END
        FROM (SELECT tenant_id, entity, entity_id, version, deleted,
                     split_part(entity_id, ':', 1)::uuid AS key1,
                     NULLIF(split_part(entity_id, ':', 2), '')::uuid AS key2
              FROM sync_rows
              WHERE tenant_id = :tid
                AND (version, entity, entity_id) > (:version, :entity, :entity_id)
              ORDER BY version, entity, entity_id
              LIMIT :limit) AS s
        ORDER BY s.version, s.entity, s.entity_id
        """
    )


# A provider's bookings with what they show of their customer (scopes.booking_customer).
_PROVIDER_CUSTOMER = (
    ", btrim(c.first_name || ' ' || c.last_name) AS customer_label,"
    " c.notes AS customer_notes, c.date_of_birth AS customer_date_of_birth"
)
_PROVIDER_JOIN = (
    " JOIN customers AS c ON c.tenant_id = t.tenant_id AND c.customer_id = t.customer_id"
)


def row_columns(table: Table, omit: frozenset[str] = frozenset()) -> str:
    """The select list of a row of `table` (alias `t`) as the sync sends it: every
    column but tenant_id and those in `omit`, binary as base64."""
    return ", ".join(
        f"translate(encode(t.{c.name}, 'base64'), chr(10), '') AS {c.name}"
        if isinstance(c.type, LargeBinary)  # PostgreSQL wraps base64 every 76 chars
        else f"t.{c.name}"
        for c in table.columns
        if c.name != "tenant_id" and c.name not in omit
    )


def _branch(entity: str, model: type[Any], provider: bool, hub: bool) -> str:
    """`WHEN entity THEN (the row of `model` named by s.entity_id, as JSON text)`.
    Names come from our own table definitions, never from a request. `provider`: the
    scope of a provider (own bookings only, no customers, payments or walk-ins); `hub`:
    a site hub's (its location's bookings, their payments, its walk-ins)."""
    if provider and entity in PROVIDER_HIDDEN:
        return f"WHEN '{entity}' THEN NULL"
    table: Table = model.__table__
    columns = row_columns(table, omitted(entity, Role.HUB if hub else Role.RECEPTION))
    joined = ""
    if provider and entity == "booking":
        columns += _PROVIDER_CUSTOMER
        joined = _PROVIDER_JOIN
    keys = [table.c[c.key].name for c in key_columns(model)]
    # The key's parts come as uuids from the page's subquery (s.key1, s.key2): cast here,
    # `t.key = s.entity_id::uuid` is not leakproof (the cast may fail on any text), so
    # under row-level security PostgreSQL may not use it as an index condition, and
    # every row of the page would scan its whole table.
    conditions = [f"t.{k} = s.key{n + 1}" for n, k in enumerate(keys)]
    if entity in DESK_SCOPE_SQL:
        conditions.append(DESK_SCOPE_SQL[entity])
    if entity == "booking" and provider:
        conditions.append("t.provider_id = :provider")
    if hub and entity in HUB_SCOPE_SQL:
        conditions.append(HUB_SCOPE_SQL[entity])
    return (
        f"WHEN '{entity}' THEN (SELECT row_to_json(x)::text FROM (SELECT {columns}"
        f" FROM {table.name} AS t{joined} WHERE t.tenant_id = s.tenant_id"
        f" AND {' AND '.join(conditions)}) AS x)"
    )
