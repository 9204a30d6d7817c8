"""A booking's history as the server's audit trail tells it (GET /audit, admins):
each change in order, read into what the desk says of it ("moved by Ana from 10:00 to
11:00"). The words are the desk's (ui/desk/history.py); what happened is decided here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

PAGE = 200


class Reader(Protocol):
    async def read(self, path: str, params: dict[str, str]) -> Any: ...


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a booking. `kind`: created, moved, cancelled, status (another
    status: `status`), changed (notes, price...), refused (`code` says why)."""

    at: datetime
    kind: str
    actor_name: str  # "" when the account or device is gone
    actor_kind: str  # staff, kiosk or hub
    action: str
    hub_name: str = ""  # the site hub that carried it to central ("" if none did)
    start_before: datetime | None = None
    start_after: datetime | None = None
    status: str = ""
    reason: str = ""
    code: str = ""


async def booking_history(api: Reader, booking_id: str) -> list[HistoryEntry]:
    """Every event of the booking, oldest first, all pages."""
    entries: list[HistoryEntry] = []
    cursor = ""
    while True:
        params = {"entity": "booking", "id": booking_id, "limit": str(PAGE)}
        if cursor:
            params["cursor"] = cursor
        page = await api.read("/audit", params)
        entries += [entry(e, booking_id) for e in page["events"]]
        cursor = page.get("next") or ""
        if not cursor:
            return entries


def _instant(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def entry(event: dict[str, Any], booking_id: str) -> HistoryEntry:
    """What one audit event did to the booking."""
    common = {
        "at": datetime.fromisoformat(event["at"]),
        "actor_name": event.get("actor_name") or "",
        "actor_kind": event["actor_kind"],
        "action": event["action"],
        "hub_name": (event.get("hub_name") or "?") if event.get("hub_id") else "",
    }
    if event["outcome"] == "refused":
        return HistoryEntry(kind="refused", code=event.get("code") or "", **common)
    mine = [c for c in event["changes"] if c["entity"] == "booking" and c["id"] == booking_id]
    if not mine:  # a change elsewhere that names the booking (none today)
        return HistoryEntry(kind="changed", **common)
    change = mine[0]
    fields: dict[str, list[Any]] = change["fields"]
    if change["op"] == "create":
        start = _instant(fields.get("start_at", [None, None])[1])
        return HistoryEntry(kind="created", start_after=start, **common)
    status = fields.get("status", [None, None])[1]
    if status == "cancelled":
        reason = fields.get("cancel_reason", [None, ""])[1] or ""
        return HistoryEntry(kind="cancelled", status=status, reason=reason, **common)
    if "start_at" in fields:
        before, after = fields["start_at"]
        return HistoryEntry(
            kind="moved", start_before=_instant(before), start_after=_instant(after), **common
        )
    if status:
        return HistoryEntry(kind="status", status=status, **common)
    return HistoryEntry(kind="changed", **common)
