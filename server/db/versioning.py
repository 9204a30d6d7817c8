"""Every committed change gets the tenant's next version, in commit order.

Session events track which synced rows a transaction wrote. Just before commit, the
tenant's version row is bumped (a row lock, held only until the commit a moment later)
and each written row's entry in sync_rows gets the new version. Because the next
writer of that tenant waits on the same lock, a version becomes visible only after
every smaller one: a replica pulling "changes since N" can never skip a transaction
that committed late.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import event, inspect, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from server.models import SYNCED, SyncRow, TenantVersion

ENTITY_OF: dict[type[Any], str] = {model: name for name, model in SYNCED.items()}
NOTIFY_CHANNEL = "turnero_versions"
# Reference data (see server/catalogue.py): its changes also move reference_version.
REFERENCE_ENTITIES = frozenset(
    {"tenant", "location", "provider", "provider_hours", "time_off", "service",
     "provider_service"}
)  # fmt: skip

OnVersions = Callable[[dict[uuid.UUID, int]], None]


def key_columns(model: type[Any]) -> list[Any]:
    """The columns that name a row on the wire: its primary key without tenant_id (the
    tenant row itself is named by its tenant_id)."""
    pk = list(inspect(model).primary_key)
    return [c for c in pk if c.key != "tenant_id"] or pk


def entity_key(obj: Any) -> str:
    return ":".join(str(getattr(obj, col.key)) for col in key_columns(type(obj)))


def bump(session: Session, tenant_id: uuid.UUID, reference: bool = False) -> int:
    """The tenant's next version; the row stays locked until this transaction ends.
    `reference`: the transaction changed reference data, so cached catalogues expire."""
    values: dict[str, Any] = {"version": TenantVersion.version + 1}
    if reference:
        values["reference_version"] = TenantVersion.version + 1
    version = session.execute(
        update(TenantVersion)
        .where(TenantVersion.tenant_id == tenant_id)
        .values(**values)
        .returning(TenantVersion.version)
    ).scalar_one_or_none()
    if version is None:  # a tenant made before versions existed
        session.add(TenantVersion(tenant_id=tenant_id, version=1, reference_version=1))
        session.flush()
        version = 1
    return int(version)


def touch(session: Session, objects: Iterable[Any]) -> None:
    """Send these rows again with this transaction's version though they did not change:
    what they show of another row did (a provider's bookings carry their customer's
    name and notes)."""
    touched = session.info.setdefault("sync_touched", {})
    for obj in objects:
        touched[(obj.tenant_id, ENTITY_OF[type(obj)], entity_key(obj))] = (False, obj)


def mark_written(
    session: Session, tenant_id: uuid.UUID, entity: str, entity_id: str, deleted: bool
) -> None:
    """Version a row this transaction wrote without the ORM (a site hub storing what
    central sent): it is stamped at commit like the rows the ORM wrote."""
    touched = session.info.setdefault("sync_touched", {})
    touched[(tenant_id, entity, entity_id)] = (deleted, None)


def _after_flush(session: Session, _ctx: Any) -> None:
    if session.info.get("stamping"):
        return
    # (tenant, entity, id) -> (deleted?, the object). The last word in the transaction wins.
    touched: dict[tuple[uuid.UUID, str, str], tuple[bool, Any]] = session.info.setdefault(
        "sync_touched", {}
    )
    for obj in session.new:
        if type(obj) in ENTITY_OF:
            touched[(obj.tenant_id, ENTITY_OF[type(obj)], entity_key(obj))] = (False, obj)
    for obj in session.dirty:
        if type(obj) in ENTITY_OF and session.is_modified(obj, include_collections=False):
            touched[(obj.tenant_id, ENTITY_OF[type(obj)], entity_key(obj))] = (False, obj)
    for obj in session.deleted:
        if type(obj) in ENTITY_OF:
            touched[(obj.tenant_id, ENTITY_OF[type(obj)], entity_key(obj))] = (True, obj)


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the version is taken once, when the whole transaction commits
    if session.new or session.dirty or session.deleted:
        session.flush()  # so that the last changes are tracked too
    entries = session.info.pop("sync_touched", {})
    # A row added in a savepoint that was rolled back never existed: leave it out.
    touched = {
        key: deleted
        for key, (deleted, obj) in entries.items()
        if deleted or obj is None or inspect(obj).persistent
    }
    if not touched:
        return
    session.info["stamping"] = True
    try:
        versions = {}
        insert = postgresql.insert if _dialect(session) == "postgresql" else sqlite.insert
        # Sorted: two transactions touching several tenants lock them in the same order.
        for tenant_id in sorted({t for t, _, _ in touched}):
            reference = any(e in REFERENCE_ENTITIES for t, e, _ in touched if t == tenant_id)
            if _dialect(session) == "postgresql":
                stamped = _stamp_in_one_statement(session, tenant_id, reference, touched)
                if stamped is not None:
                    versions[tenant_id] = stamped
                    continue
            version = bump(session, tenant_id, reference)
            versions[tenant_id] = version
            rows = [
                {"tenant_id": t, "entity": e, "entity_id": k, "version": version, "deleted": d}
                for (t, e, k), d in touched.items()
                if t == tenant_id
            ]
            stmt = insert(SyncRow).values(rows)
            session.execute(
                stmt.on_conflict_do_update(
                    index_elements=["tenant_id", "entity", "entity_id"],
                    set_={"version": stmt.excluded.version, "deleted": stmt.excluded.deleted},
                )
            )
            if _dialect(session) == "postgresql":  # delivered on commit (see hints.py)
                session.execute(
                    text("SELECT pg_notify(:c, :p)"),
                    {"c": NOTIFY_CHANNEL, "p": f"{tenant_id}:{version}"},
                )
        session.info["sync_versions"] = versions
    finally:
        session.info["stamping"] = False


def stamp_sql(
    tenant: str,
    channel: str,
    rows: str,
    reference: bool = False,
    before: str = "",
    answer: str = "",
    only_if: str = "",
) -> str:
    """The statement that versions a PostgreSQL transaction's rows: bump the tenant's
    version, stamp `rows` in sync_rows with it and NOTIFY, answering the version (no
    row: the tenant has no version row yet).

    `tenant` and `channel` are the caller's placeholders (SQLAlchemy's or psycopg's);
    `rows` a FROM item giving (entity, entity_id, deleted); `before` CTEs to run first
    (the push's fast path writes its booking there, in the same round trip); `answer`
    more columns to answer after the version (from those CTEs); `only_if` a condition
    without which nothing is versioned (the version answered is then none). Only our own
    fragments are formatted in; values go as parameters.
    """
    reference_set = ", reference_version = version + 1" if reference else ""
    return f"""
        WITH {before} v AS (
            UPDATE tenant_versions SET version = version + 1{reference_set}
            WHERE tenant_id = {tenant}{f" AND {only_if}" if only_if else ""}
            RETURNING version, pg_notify({channel}, tenant_id::text || ':' || version::text)
        ), stamped AS (
            INSERT INTO sync_rows (tenant_id, entity, entity_id, version, deleted)
            SELECT {tenant}, x.entity, x.entity_id, v.version, x.deleted
            FROM v, {rows}
            ON CONFLICT (tenant_id, entity, entity_id)
            DO UPDATE SET version = excluded.version, deleted = excluded.deleted
        )
        {f"SELECT (SELECT version FROM v), {answer}" if answer else "SELECT version FROM v"}
        """


def _stamp_in_one_statement(
    session: Session,
    tenant_id: uuid.UUID,
    reference: bool,
    touched: dict[tuple[uuid.UUID, str, str], bool],
) -> int | None:
    """PostgreSQL: bump the version, stamp the rows and NOTIFY in one statement.

    The version row stays locked from the bump to the commit, and every writer of the
    tenant waits on it: one round trip under the lock instead of three keeps that wait
    short. NOTIFY is delivered at commit to every listening process (see hints.py).
    Returns None for a tenant with no version row yet (the general path makes one).
    """
    rows = [(e, k, d) for (t, e, k), d in touched.items() if t == tenant_id]
    values = ", ".join(f"(:e{i}, :k{i}, :d{i})" for i in range(len(rows)))
    params: dict[str, Any] = {"t": tenant_id, "c": NOTIFY_CHANNEL}
    for i, (entity, key, deleted) in enumerate(rows):
        params |= {f"e{i}": entity, f"k{i}": key, f"d{i}": deleted}
    source = f"(VALUES {values}) AS x (entity, entity_id, deleted)"
    statement = text(stamp_sql(":t", ":c", source, reference))
    version = session.execute(statement, params).scalar_one_or_none()
    return None if version is None else int(version)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _after_commit(session: Session) -> None:
    versions = session.info.pop("sync_versions", None)
    callback: OnVersions | None = session.info.get("on_versions")
    if versions and callback is not None:
        callback(versions)


def _after_rollback(session: Session) -> None:
    if not session.in_transaction():
        for key in ("sync_touched", "sync_versions"):
            session.info.pop(key, None)


def install(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_soft_rollback", lambda s, _t: _after_rollback(s))
