"""Pull: the changes since a cursor, a page at a time, as each role may see them."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, func, select, tuple_
from sqlalchemy.orm import Session

from app.domain.staff import Role
from app.validation import INT64_MAX
from server.db.versioning import key_columns
from server.deps import Principal
from server.errors import ApiError, ConflictApiError
from server.models import SYNCED, Booking, Customer, SyncRow, TenantVersion
from server.sync import schemas
from server.sync.desk_page import PageRow, desk_page
from server.sync.scopes import Scope, booking_customer, project, scope_for

MAX_PULL = 5000

# For the rest of the pull's transaction, PostgreSQL keeps the plans of its prepared
# statements instead of planning them again at each call. For a large tenant it planned
# the desk's page statement (desk_page.py: a branch per entity) anew at every pull, as
# its estimate of the generic plan (the same index walk) was higher: 1.1 ms of planning
# for an empty page that takes 0.3 ms to run.
GENERIC_PLANS = func.set_config("plan_cache_mode", "force_generic_plan", True)


START = (0, "", "")


def parse_cursor(cursor: str) -> tuple[int, str, str]:
    """ "0" to start; otherwise "version|entity|id" as returned by the last pull."""
    try:
        if cursor == "0":
            return START
        version, entity, entity_id = cursor.split("|", 2)
        if entity not in SYNCED or not 0 <= int(version) <= INT64_MAX:
            raise ValueError
        _key_values(entity, entity_id)  # ids, as every row's key is
        return int(version), entity, entity_id
    except ValueError:
        raise ApiError(
            "is not a cursor this server gave", field="cursor", code="invalid_cursor"
        ) from None


def _key_values(entity: str, entity_id: str) -> tuple[uuid.UUID, ...]:
    return tuple(uuid.UUID(part) for part in entity_id.split(":"))


@dataclass(frozen=True)
class PullPage:
    changes: list[PageRow]  # entity, id, version, data as JSON (None: deleted)
    cursor: str
    more: bool
    version: int
    remaining: int | None
    lineage: uuid.UUID | None = None  # the store's history, once it has a new one
    # A first sync's first page: where each following page of `limit` rows begins,
    # so that a client may ask for several at once (each server process makes one).
    splits: list[str] | None = None

    def store_headers(self) -> dict[str, str]:
        """`X-Sync-Store`, once the store was restored or rebuilt (server/db/lineage.py)."""
        return {} if self.lineage is None else {ROWS_HEADER + "Store": str(self.lineage)}

    def to_json(self) -> str:
        """The wire form, assembled from each row's JSON text without parsing it again
        (entity names and ids never need escaping)."""
        changes = ",".join(
            f'{{"entity":"{e}","id":"{i}","version":{v},"data":{d or "null"}}}'
            for e, i, v, d in self.changes
        )
        remaining = "null" if self.remaining is None else self.remaining
        return (
            f'{{"changes":[{changes}],"cursor":{json.dumps(self.cursor)},'
            f'"more":{"true" if self.more else "false"},"version":{self.version},'
            f'"remaining":{remaining}}}'
        )

    def to_rows(self) -> tuple[str, dict[str, str]]:
        """The page as tab-separated rows, `entity id version data` (data empty for a
        deleted row), and its cursor, more, version and remaining as headers: what the
        replica stores, with nothing to parse (a first sync is tens of megabytes). JSON
        text holds no raw tab or newline, and entity names and ids none at all."""
        body = "".join(f"{e}\t{i}\t{v}\t{d or ''}\n" for e, i, v, d in self.changes)
        headers = {
            ROWS_HEADER + "Cursor": self.cursor,
            ROWS_HEADER + "More": "true" if self.more else "false",
            ROWS_HEADER + "Version": str(self.version),
        }
        if self.remaining is not None:
            headers[ROWS_HEADER + "Remaining"] = str(self.remaining)
        if self.splits:
            headers[ROWS_HEADER + "Splits"] = ",".join(self.splits)
        return body, headers | self.store_headers()


# The rows form of a page (see PullPage.to_rows), which Turnero's clients ask for.
ROWS_TYPE = "text/tab-separated-values"
ROWS_HEADER = "X-Sync-"


def pull(
    session: Session, principal: Principal, cursor: str, limit: int, full: bool, count: bool
) -> PullPage:
    """Changes after `cursor`, oldest first. With `full` (a first sync), rows outside the
    scope and deleted rows are left out, as the replica has nothing to delete yet."""
    after = parse_cursor(cursor)
    tid = principal.tenant_id
    # The tenant's version and the version the cursor's row is stamped with, together:
    # a pull is what every desk does all day, and each round trip counts.
    found = select(
        select(TenantVersion.version).where(TenantVersion.tenant_id == tid).scalar_subquery(),
        select(TenantVersion.lineage).where(TenantVersion.tenant_id == tid).scalar_subquery(),
        select(SyncRow.version)
        .where(
            SyncRow.tenant_id == tid,
            SyncRow.entity == after[1],
            SyncRow.entity_id == after[2],
        )
        .scalar_subquery(),
    )
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        found = found.add_columns(GENERIC_PLANS)
    version, lineage, stamped = session.execute(found).one()[:3]
    if after != START and not _gave(after, version or 0, stamped):
        # A cursor from data this store does not have: it was restored from a backup.
        # Pulling on from there would skip what it writes under the same versions.
        raise ConflictApiError(
            "is ahead of this server's data (restored from a backup?): pull again from 0",
            field="cursor",
            code="cursor_ahead",
            details={"version": version or 0},
        )
    scope = scope_for(session, principal)
    # Kiosks and boards keep few rows of few fields: projected in Python on any store.
    devices = (Role.KIOSK, Role.BOARD)
    if scope.role not in devices and postgres:
        page = desk_page(session, tid, after, limit + 1, scope)
    else:
        page = _projected_page(session, principal, after, limit + 1, scope)
    more = len(page) > limit
    page = page[:limit]
    changes = [c for c in page if c[3] is not None or not full]
    next_cursor = f"{page[-1][2]}|{page[-1][0]}|{page[-1][1]}" if page else cursor
    remaining = None
    splits = None
    if count and full and more:
        remaining, splits = _remaining_and_splits(session, tid, parse_cursor(next_cursor), limit)
    elif count:
        key = tuple_(SyncRow.version, SyncRow.entity, SyncRow.entity_id)
        remaining = session.scalar(
            select(func.count())
            .select_from(SyncRow)
            .where(SyncRow.tenant_id == tid, key > tuple_(*parse_cursor(next_cursor)))
        )
    return PullPage(changes, next_cursor, more, version or 0, remaining, lineage, splits)


MAX_SPLITS = 100


def _remaining_and_splits(
    session: Session, tid: uuid.UUID, after: tuple[int, str, str], limit: int
) -> tuple[int, list[str]]:
    """How many rows follow `after`, and the cursors after every `limit`-th of them, as
    pages would end, in one pass over the index. Rows only ever move past the end (a
    write gives a row a new version), so a page asked from one of them later brings
    what it would have, or more."""
    key = tuple_(SyncRow.version, SyncRow.entity, SyncRow.entity_id)
    order = (SyncRow.version, SyncRow.entity, SyncRow.entity_id)
    # The total is the last row's number: a window count over all the rows would keep
    # them all until the end (40 ms against 27 for a first sync of 60,000 rows).
    ranked = (
        select(
            *order,
            func.row_number().over(order_by=order).label("n"),
            func.lead(SyncRow.version).over(order_by=order).is_(None).label("last"),
        )
        .where(SyncRow.tenant_id == tid, key > tuple_(*after))
        .subquery()
    )
    found = session.execute(
        select(ranked.c.version, ranked.c.entity, ranked.c.entity_id, ranked.c.n, ranked.c.last)
        .where((ranked.c.n % limit == 0) | ranked.c.last)
        .order_by(ranked.c.last.desc(), ranked.c.n)  # the last first: its number is the total
        .limit(MAX_SPLITS + 1)
    ).all()
    if not found:
        return 0, []
    splits = [f"{r[0]}|{r[1]}|{r[2]}" for r in found if r.n % limit == 0 and not r.last]
    return int(found[0].n), splits


def _gave(after: tuple[int, str, str], version: int, stamped: int | None) -> bool:
    """Whether this store could have given the cursor `after`: its version is not ahead
    of the tenant's, and the row it names is `stamped` with that version or a later one
    (sync_rows keeps every row's entry, tombstones included, and versions only grow)."""
    return after[0] <= version and stamped is not None and stamped >= after[0]


def _projected_page(
    session: Session,
    principal: Principal,
    after: tuple[int, str, str],
    limit: int,
    scope: Scope,
) -> list[PageRow]:
    """A page with rows projected in Python: any store, any scope (kiosks drop fields)."""
    tid = principal.tenant_id
    key = tuple_(SyncRow.version, SyncRow.entity, SyncRow.entity_id)
    rows = session.execute(
        select(SyncRow.entity, SyncRow.entity_id, SyncRow.version, SyncRow.deleted)
        .where(SyncRow.tenant_id == tid, key > tuple_(*after))
        .order_by(SyncRow.version, SyncRow.entity, SyncRow.entity_id)
        .limit(limit)
    ).all()
    wanted: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if not r.deleted:
            wanted[r.entity].append(r.entity_id)
    data = _rows_as_json(session, tid, wanted, scope, principal)
    return [
        (r.entity, r.entity_id, r.version, None if r.deleted else data.get((r.entity, r.entity_id)))
        for r in rows
    ]


def rows_now(
    session: Session, principal: Principal, keys: list[schemas.RowKey]
) -> list[dict[str, Any]]:
    """The rows named, as a pull would give them now (None: absent, or outside the
    caller's scope). A site hub asks this to undo what central refused."""
    scope = scope_for(session, principal)
    wanted: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if k.entity not in SYNCED:
            raise ApiError(
                f"no such entity {k.entity!r}", field="keys.entity", code="unknown_entity"
            )
        try:
            parts = _key_values(k.entity, k.id)
        except ValueError:
            parts = ()
        if len(parts) != len(key_columns(SYNCED[k.entity])):
            raise ApiError(f"{k.id!r} does not name a {k.entity}", field="keys.id")
        wanted[k.entity].append(k.id)
    data = _rows_as_json(session, principal.tenant_id, wanted, scope, principal)
    return [
        {"entity": k.entity, "id": k.id, "data": _parsed(data.get((k.entity, k.id)))} for k in keys
    ]


def _parsed(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _rows_as_json(
    session: Session,
    tid: uuid.UUID,
    wanted: dict[str, list[str]],
    scope: Scope,
    principal: Principal,
) -> dict[tuple[str, str], str]:
    """Rows by wire id as JSON, projected for the scope; outside it, absent."""
    found = {e: _fetch(session, tid, e, ids) for e, ids in wanted.items()}
    if scope.role is Role.HUB and found.get("payment"):
        # A site hub holds the payments of its own location's bookings.
        here = set(
            session.scalars(
                select(Booking.booking_id).where(
                    Booking.tenant_id == tid,
                    Booking.location_id == scope.location_id,
                    Booking.booking_id.in_({r.booking_id for r in found["payment"].values()}),
                )
            )
        )
        found["payment"] = {k: r for k, r in found["payment"].items() if r.booking_id in here}
    customers = {}
    if scope.role in (Role.KIOSK, Role.PROVIDER):
        customers = _booking_customers(session, tid, scope.role, found.get("booking", {}))
    result = {}
    for entity, rows in found.items():
        for key, row in rows.items():
            projected = project(entity, row, scope, customers)
            if projected is not None:
                result[(entity, key)] = json.dumps(projected, separators=(",", ":"))
    return result


def _fetch(session: Session, tenant_id: uuid.UUID, entity: str, ids: list[str]) -> dict[str, Any]:
    """Rows by wire id, read with Core (no ORM objects: a first sync reads thousands)."""
    table = cast(Table, SYNCED[entity].__table__)
    pk = [table.c[c.key] for c in key_columns(SYNCED[entity])]
    found: dict[str, Any] = {}
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        if len(pk) == 1:
            cond = pk[0].in_([_key_values(entity, i)[0] for i in chunk])
        else:
            cond = tuple_(*pk).in_([_key_values(entity, i) for i in chunk])
        for row in session.execute(select(table).where(table.c.tenant_id == tenant_id, cond)):
            found[":".join(str(getattr(row, c.key)) for c in pk)] = row
    return found


def _booking_customers(
    session: Session, tenant_id: uuid.UUID, role: Role, bookings_by_id: dict[str, Any]
) -> dict[uuid.UUID, dict[str, Any]]:
    """What the page's bookings show of their customers to a kiosk or a provider."""
    ids = {b.customer_id for b in bookings_by_id.values()}
    if not ids:
        return {}
    rows = session.execute(
        select(
            Customer.customer_id,
            Customer.first_name,
            Customer.last_name,
            Customer.notes,
            Customer.date_of_birth,
        ).where(Customer.tenant_id == tenant_id, Customer.customer_id.in_(ids))
    ).all()
    return {r.customer_id: booking_customer(role, r) for r in rows}
