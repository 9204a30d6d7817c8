"""Every kind of change a desk makes goes through its site hub while the internet is
down, and reaches central as the hub took it: afterwards a desk at central and a desk
at the hub pull the same rows, field for field (the codes the hub gave its bookings
too), and nothing was refused on the way."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from app.sync.engine import SyncEngine
from app.sync.protocol import ARGS
from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import SyncRejection
from tests.e2e.test_convergence import full_view
from tests.helpers.clinic import at, future_day
from tests.helpers.desks import make_desk
from tests.helpers.hub import Site


def every_change(site: Site, day: Any) -> tuple[list[tuple[str, Any]], set[tuple[str, str]]]:
    """One of each change a desk can make, in an order the rules take (a customer, their
    visit from reminder to payment, a move, a no-show, a cancellation, a refund, a void,
    a till's day, the walk-in queue and the waitlist), and the rows they make."""
    c = site.clinic
    ids = {name: str(uuid.uuid4()) for name in ("c", "b1", "b2", "b3", "b4", "p1", "p2")}
    ids |= {name: str(uuid.uuid4()) for name in ("k", "till", "w1", "w2", "e1", "e2")}

    def booking(key: str, hhmm: str) -> tuple[str, dict[str, Any]]:
        return (
            "booking.create",
            {
                "booking_id": ids[key],
                "customer_id": ids["c"],
                "service_id": str(c.consult),
                "provider_id": str(c.ana),
                "start_at": at(day, hhmm),
            },
        )

    def payment(key: str) -> tuple[str, dict[str, Any]]:
        args = {"payment_id": ids[key], "booking_id": ids["b1"], "amount_minor": 150_000}
        return "payment.record", args | {"method": "cash", "till_id": ids["till"]}

    def waitlist(key: str) -> tuple[str, dict[str, Any]]:
        span = {"earliest_day": day.isoformat(), "latest_day": (day + timedelta(7)).isoformat()}
        who = {"entry_id": ids[key], "customer_id": ids["c"], "service_id": str(c.consult)}
        return "waitlist.add", who | span

    def ticket(key: str) -> tuple[str, dict[str, Any]]:
        return "walkin.create", {"ticket_id": ids[key], "location_id": str(c.location_id)}

    customer = {"customer_id": ids["c"], "first_name": "Elsa", "last_name": "Sede"}
    b1 = {"booking_id": ids["b1"]}
    till_day = {"close_id": ids["k"], "till_id": ids["till"], "day": day.isoformat()}
    made = {("customer", "c"), ("payment", "p1"), ("payment", "p2"), ("cash_close", "k")}
    made |= {("booking", b) for b in ("b1", "b2", "b3", "b4")}
    made |= {("walkin_ticket", "w1"), ("walkin_ticket", "w2")}
    made |= {("waitlist_entry", "e1"), ("waitlist_entry", "e2")}
    return [
        ("customer.create", customer),
        ("customer.update", {"customer_id": ids["c"], "notes": "Prefiere la mañana"}),
        booking("b1", "10:00"),
        ("booking.remind", b1),
        ("booking.check_in", b1),
        ("booking.start", b1),
        ("booking.complete", b1),
        ("cash.open", till_day | {"float_minor": 500_000}),
        payment("p1"),
        ("payment.refund", {"payment_id": ids["p1"], "reason": "Cobro doble"}),
        payment("p2"),
        ("payment.void", {"payment_id": ids["p2"], "reason": "Cargado por error"}),
        ("cash.close", {"close_id": ids["k"], "counted": {"cash": 500_000}, "note": "Arqueo"}),
        booking("b2", "11:00"),
        ("booking.reschedule", {"booking_id": ids["b2"], "start_at": at(day, "12:00")}),
        ("booking.no_show", {"booking_id": ids["b2"]}),
        booking("b3", "15:00"),
        ("booking.cancel", {"booking_id": ids["b3"], "reason": "Viaje"}),
        ticket("w1"),
        ("walkin.call", {"ticket_id": ids["w1"], "provider_id": str(c.ana)}),
        ("walkin.serve", {"ticket_id": ids["w1"]}),
        ticket("w2"),
        ("walkin.cancel", {"ticket_id": ids["w2"]}),
        waitlist("e1"),
        ("waitlist.withdraw", {"entry_id": ids["e1"]}),
        waitlist("e2"),
        booking("b4", "16:00"),
        ("waitlist.book", {"entry_id": ids["e2"], "booking_id": ids["b4"]}),
    ], {(entity, ids[key]) for entity, key in made}


# When each store wrote the row: central writes a forwarded change when it gets it. A
# waitlist entry's created_at is no such stamp: it is its place in line.
RECORD_STAMPS = frozenset({"created_at", "updated_at"})
KEPT_STAMPS = {"waitlist_entry": frozenset({"created_at"})}


def fields_apart(entity: str, a: dict[str, Any], b: dict[str, Any] | None) -> dict[str, Any]:
    """The fields whose values differ, each with its two values. An instant is compared
    as one: central's PostgreSQL writes 19:56:23.60518, the hub's SQLite store
    19:56:23.605180."""
    b = b or {}
    fields = (a.keys() | b.keys()) - (RECORD_STAMPS - KEPT_STAMPS.get(entity, frozenset()))
    return {f: (a.get(f), b.get(f)) for f in fields if _value(a.get(f)) != _value(b.get(f))}


def _value(field: Any) -> Any:
    if isinstance(field, str) and len(field) > 19 and field[10:11] == "T":
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(field)
    return field


def test_every_change_a_desk_makes_reaches_central_through_the_hub(
    site: Site, pg_store: Engine, tmp_path: Path
) -> None:
    day = future_day()
    site.morning_of(day)
    changes, made = every_change(site, day)
    assert {name for name, _ in changes} == set(ARGS)  # a new kind of change belongs here
    site.hub.start()
    site.await_link(site.hub, state="online")
    email = site.clinic.reception_email

    def desk(server: Any, name: str) -> SyncEngine:
        return make_desk(server.base_url, email, tmp_path, name, clock=server.clock)

    async def apart_from(took: dict[Any, Any], engine: SyncEngine) -> dict[Any, Any]:
        """The rows `took` whose fields `engine`'s server holds otherwise, once it has
        them all (the hub pulls central's rows back a moment after forwarding)."""
        deadline = time.monotonic() + 20
        while True:
            now = await full_view(engine)
            apart = {key: fields_apart(key[0], row, now.get(key)) for key, row in took.items()}
            apart = {key: fields for key, fields in apart.items() if fields}
            if not apart or time.monotonic() > deadline:
                return apart
            await asyncio.sleep(0.2)

    async def run() -> None:
        at_site = desk(site.hub, "site")
        await at_site.sync_once()
        site.central.stop()
        site.await_link(site.hub, state="unreachable")
        for name, args in changes:
            at_site.submit(name, args)
        await at_site.sync_once()
        assert at_site.replica.conflicts() == []  # the hub took every one
        assert at_site.replica.pending_count() == 0
        # What the hub took, as its desks see it while central is away.
        took = {key: row for key, row in (await full_view(at_site)).items() if row is not None}
        assert made <= set(took)
        site.central.start()
        site.await_link(site.hub, state="online", waiting=0, timeout=40)
        at_central, again = desk(site.central, "central"), desk(site.hub, "again")
        assert await apart_from(took, at_central) == {}  # central has it all, as taken
        assert await apart_from(took, again) == {}  # and the hub keeps it so
        await at_site.sync_once()
        assert at_site.replica.conflicts() == []  # nobody heard of a refusal
        for engine in (at_site, at_central, again):
            await engine.api.aclose()
        # Each went all the way (a refusal put back would leave an earlier state).
        last = {key: took[key] for key in made}

        def states(entity: str) -> list[str]:
            return sorted(row["status"] for key, row in last.items() if key[0] == entity)

        assert states("booking") == ["cancelled", "completed", "confirmed", "no_show"]
        assert states("payment") == ["refunded", "voided"]
        assert states("walkin_ticket") == ["cancelled", "served"]
        assert states("waitlist_entry") == ["booked", "withdrawn"]
        [close] = [row for key, row in last.items() if key[0] == "cash_close"]
        assert close["closed_at"] is not None
        # Issued by the hub's clock: on the day it says (central keeps the hub's day).
        days = {r["day"] for k, r in last.items() if k[0] == "walkin_ticket"}
        assert days == {day.isoformat()}

    asyncio.run(run())
    # Nothing refused on the way, at central or at the hub.
    for store in (pg_store, site.store):
        with make_session_factory(store, scope=ALL_TENANTS)() as s:
            assert s.scalar(select(func.count()).select_from(SyncRejection)) == 0
