"""The business's audit log as the server keeps it (GET /audit, admins): a day's
events, or one person's or device's, a page at a time, each read into what the desk
says of it. What happened is decided here (as app/audit_trail.py does for a booking's
history); the words are the desk's (ui/desk/audit_log.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from app.audit_trail import Reader

PAGE = 100
# Fields that say nothing to a reader of the log: ids the row's other fields name
# better, and bookkeeping every write moves.
UNSHOWN = frozenset(
    {"tenant_id", "created_at", "updated_at", "created_by", "busy_from", "busy_until",
     "series_id", "code", "end_at"}
)  # fmt: skip
# A row's own id: the event names the row already.
OWN_KEY = {"walkin_ticket": "ticket_id", "staff_user": "user_id", "tenant": "tenant_id"}
# Fields whose values are ids of rows the desk may name from its replica.
NAMED = {
    "customer_id": "customer",
    "provider_id": "provider",
    "service_id": "service",
    "location_id": "location",
    "booking_id": "booking",
}


class Caller(Protocol):
    async def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True)
class Person:
    """Someone the log can be narrowed to: a staff member, a kiosk or a site hub."""

    person_id: str
    name: str
    kind: str  # staff, kiosk, hub


@dataclass(frozen=True)
class FieldChange:
    entity: str  # the row's ("booking", "payment"): a status reads by it
    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class LogEntry:
    """One event. `kind` is what happened to its row: created, moved, cancelled,
    status (`status`: the new one), changed, deleted, or refused (`code`: why)."""

    at: datetime
    actor_name: str  # "" when the account or device is gone
    actor_kind: str  # staff, kiosk or hub
    source: str  # sync or rest
    client_id: str
    client_seq: int | None
    hub_name: str  # the site hub that carried it ("" if none did)
    action: str  # "booking.reschedule", "POST /bookings"
    entity: str
    kind: str
    status: str = ""
    code: str = ""
    fields: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class LogPage:
    entries: list[LogEntry]
    next: str  # the cursor of the page after ("" when this was the last)


async def people(api: Caller) -> list[Person]:
    """Staff, kiosks and site hubs of the business, by name (admins read all three)."""
    staff = await api.call("GET", "/setup/staff")
    kiosks = await api.call("GET", "/setup/kiosks")
    hubs = await api.call("GET", "/setup/hubs")
    found = [Person(str(s["user_id"]), s["display_name"], "staff") for s in staff]
    found += [Person(str(k["device_id"]), k["name"], "kiosk") for k in kiosks]
    found += [Person(str(h["device_id"]), h["name"], "hub") for h in hubs]
    order = {"staff": 0, "kiosk": 1, "hub": 2}
    return sorted(found, key=lambda p: (order[p.kind], p.name.casefold()))


async def page(
    api: Reader, day: date, person_id: str = "", cursor: str = "", limit: int = PAGE
) -> LogPage:
    """One page of `day`'s events (in the business's zone), oldest first; only
    `person_id`'s when given."""
    params = {"day": day.isoformat(), "limit": str(limit)}
    if person_id:
        params["user_id"] = person_id
    if cursor:
        params["cursor"] = cursor
    answer = await api.read("/audit", params)
    return LogPage([entry(e) for e in answer["events"]], answer.get("next") or "")


def entry(event: dict[str, Any]) -> LogEntry:
    """What one event did, and each field it changed (its main row's first)."""
    common: dict[str, Any] = {
        "at": datetime.fromisoformat(event["at"]),
        "actor_name": event.get("actor_name") or "",
        "actor_kind": event["actor_kind"],
        "source": event["source"],
        "client_id": str(event.get("client_id") or ""),
        "client_seq": event.get("client_seq"),
        "hub_name": (event.get("hub_name") or "?") if event.get("hub_id") else "",
        "action": event["action"],
        "entity": event["entity"],
    }
    if event["outcome"] == "refused":
        return LogEntry(kind="refused", code=event.get("code") or "", **common)
    changes: list[dict[str, Any]] = event["changes"]
    main = [c for c in changes if (c["entity"], c["id"]) == (event["entity"], event["entity_id"])]
    rest = [c for c in changes if c not in main]
    fields = [
        FieldChange(c["entity"], name, before, after)
        for c in main + rest
        for name, (before, after) in c["fields"].items()
        if _shown(c, name, before, after)
    ]
    first = (main or changes or [{"op": "update", "fields": {}}])[0]
    kind, status = _kind(first)
    if main == [] and changes:
        common["entity"] = changes[0]["entity"]
    return LogEntry(kind=kind, status=status, fields=fields, **common)


# A REST route's refused request as the change it asked for (its words are the
# desk's names of changes, ui/common/labels.change_name).
REST_CHANGES = {
    "POST /bookings": "booking.create",
    "POST /bookings/{booking_id}/reschedule": "booking.reschedule",
    "POST /bookings/{booking_id}/payments": "payment.record",
    "POST /customers": "customer.create",
    "PATCH /customers/{customer_id}": "customer.update",
    "POST /walkins": "walkin.create",
}


def change_of(e: LogEntry) -> str:
    """The change an event's request asked for ("booking.reschedule"), or ""."""
    return e.action if e.source == "sync" else REST_CHANGES.get(e.action, "")


def _shown(change: dict[str, Any], name: str, before: Any, after: Any) -> bool:
    """Whether a field says something: not bookkeeping, not the row's own id, not an
    empty value a new row starts with."""
    if name in UNSHOWN or name == OWN_KEY.get(change["entity"], f"{change['entity']}_id"):
        return False
    return not (change["op"] == "create" and after in (None, ""))


def _kind(change: dict[str, Any]) -> tuple[str, str]:
    if change["op"] == "create":
        return "created", ""
    if change["op"] == "delete":
        return "deleted", ""
    fields: dict[str, list[Any]] = change["fields"]
    status = fields.get("status", [None, None])[1]
    if status == "cancelled":
        return "cancelled", status
    if "start_at" in fields:
        return "moved", ""
    if status:
        return "status", str(status)
    return "changed", ""


def named_ids(entries: list[LogEntry]) -> dict[str, set[str]]:
    """The ids of rows the entries' fields name, by entity, for the desk to name."""
    wanted: dict[str, set[str]] = {}
    for e in entries:
        for f in e.fields:
            entity = NAMED.get(f.name)
            if entity is None:
                continue
            for value in (f.before, f.after):
                if isinstance(value, str) and value:
                    wanted.setdefault(entity, set()).add(value)
    return wanted


def names(replica: Any, wanted: dict[str, set[str]]) -> dict[str, str]:
    """What the replica calls each row (blocking: run it on the desk's worker)."""
    found: dict[str, str] = {}
    for entity, ids in wanted.items():
        for row_id in ids:
            row = replica.get(entity, row_id)
            if row is not None and (name := _name_of(entity, row)):
                found[row_id] = name
    return found


def _name_of(entity: str, row: dict[str, Any]) -> str:
    if entity == "customer":
        return f"{row.get('first_name', '')} {row.get('last_name', '')}".strip()
    if entity == "booking":
        return str(row.get("code") or "")
    return str(row.get("name") or row.get("display_name") or "")
