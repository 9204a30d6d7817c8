"""Customer lookups for the desk: search as you type, and a customer's history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.customers import search_needles
from app.schedule import Block, blocks_of
from app.sync.replica import Replica, Row
from app.sync.rows import country


def search(replica: Replica, text: str, limit: int = 20) -> list[Row]:
    """Customers whose name, phone or DNI contains every word typed, best first; a
    phone number in any form finds it however it was stored."""
    words = search_needles(text, country(replica))
    if not words:
        return []
    where = " AND ".join("json_extract(data, '$.search') LIKE ?" for _ in words)
    found = replica.all("customer", where, [f"%{w}%" for w in words])
    found.sort(key=lambda c: (c.get("last_name", ""), c.get("first_name", "")))
    return found[:limit]


@dataclass(frozen=True)
class History:
    customer: Row
    bookings: list[Block]  # newest first
    no_shows: int
    completed: int


def history(
    replica: Replica, customer_id: str, server_rows: Sequence[Row] | None = None
) -> History | None:
    """The customer's bookings and counts: the replica's (its window only), or the
    server's whole history with what waits in the outbox laid over."""
    customer = replica.get("customer", customer_id)
    if customer is None:
        return None
    rows = replica.all("booking", "json_extract(data, '$.customer_id') = ?", [customer_id])
    if server_rows is not None:
        merged = {r["booking_id"]: r for r in server_rows}
        merged.update({r["booking_id"]: r for r in rows if r.get("pending")})
        rows = list(merged.values())
    blocks = sorted(blocks_of(replica, rows), key=lambda b: b.start, reverse=True)
    return History(
        customer,
        blocks,
        sum(1 for b in blocks if b.status == "no_show"),
        sum(1 for b in blocks if b.status == "completed"),
    )
