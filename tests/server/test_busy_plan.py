"""A provider's busy ranges are looked up by provider (and a window of starts, the index
of migration 0024), even for a tenant the planner's statistics have not seen yet.

Found by the push benchmark: a tenant that arrived after the last ANALYZE is, to the
planner, a tenant of one booking, and with the tenant in the WHERE it walked all of the
tenant's bookings by the customer index for every slot check (0.2 ms at first, 4 ms
after 8,000 bookings: the server's PostgreSQL time per push more than doubled). And by
the overlap constraint's index, by provider alone (row-level security keeps the range
test out of it), it read the provider's whole history: a group of 20 pushes took 9 ms
with 65,000 bookings stored, 0.2 ms by provider and starts.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from app.domain.availability import starts_touching
from bench.seed import seed_tenant
from server.bookings.service import busy_of
from server.db.engine import make_session_factory
from server.sync import express, grouped

# By provider and starts (a day's bookings), or by the overlap constraint's index (by
# provider alone: the provider's history); which of the two is the planner's choice.
INDEXES = ("ix_bookings_provider_id_start_at", "ex_bookings_no_overlap")


def _plan(session: Session, statement: str, params: Any) -> str:
    rows = session.connection().exec_driver_sql(f"EXPLAIN {statement}", params)
    return "\n".join(r[0] for r in rows)


def test_a_new_tenants_busy_ranges_come_by_provider_and_start(pg_store: Engine) -> None:
    seed_tenant(pg_store, name="grande", providers=20, customers=300, bookings=6000)
    new = seed_tenant(
        pg_store, name="nueva", providers=4, customers=50, bookings=4000, analyze=False
    )
    tid, provider = new["tenant_id"], new["provider_ids"][0]
    since = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
    until = since + timedelta(minutes=30)
    starts = starts_touching((since, until))

    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, params: Any, *rest: Any) -> None:
        seen.append((statement, params))

    # Bound to the tenant as the server's sessions are: its row-level security policy
    # joins the WHERE, and the plan must still take the index.
    with make_session_factory(pg_store, scope=tid)() as session:
        event.listen(pg_store, "before_cursor_execute", capture)
        try:
            busy_of(session, tid, provider, (since, until))
        finally:
            event.remove(pg_store, "before_cursor_execute", capture)
        [(statement, params)] = [s for s in seen if "FROM bookings" in s[0]]
        general = _plan(session, statement, params)
        short = _plan(
            session,
            express._LOOK,
            {
                "tenant": tid,
                "customer": new["customer_ids"][0],
                "provider": provider,
                "since": since,
                "until": until,
                "low": starts[0],
                "high": starts[1],
            },
        )
        grouped_plan = _plan(
            session,
            grouped._BUSY,
            {
                "providers": [provider] * 20,
                "sinces": [since] * 20,
                "untils": [until] * 20,
                "lows": [starts[0]] * 20,
                "highs": [starts[1]] * 20,
            },
        )
    for plan in (general, short, grouped_plan):
        assert any(index in plan for index in INDEXES), plan
        assert "ix_bookings_tenant_id_customer_id" not in plan, plan
        assert "Seq Scan on bookings" not in plan, plan
