"""A site at work through its hub, with the internet up, down and back: real servers on
loopback (central on PostgreSQL, the hub on SQLite) and two desks' real sync engines
and replicas. "The internet is down" is central stopped: the hub cannot reach it.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, func, select

from app.sync.api import MemoryTokens, SyncApi, Tokens
from app.sync.engine import SyncEngine
from app.sync.replica import Replica
from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import Booking, Payment, SyncRejection, WalkinTicket
from tests.helpers.clinic import PASSWORD, at, future_day
from tests.helpers.hub import Site, eventually
from tests.helpers.wan import Wan


def desk_at(base: str, email: str, folder: Path) -> SyncEngine:
    answer = httpx.post(f"{base}/auth/sign-in", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    tokens = Tokens(answer.json()["access_token"], answer.json()["refresh_token"])
    return SyncEngine(Replica(folder / f"{uuid.uuid4()}.db"), SyncApi(base, MemoryTokens(tokens)))


def booking(site: Site, hhmm: str, provider: uuid.UUID | None = None) -> dict[str, Any]:
    return {
        "booking_id": str(uuid.uuid4()),
        "customer_id": str(site.clinic.customer),
        "service_id": str(site.clinic.consult),
        "provider_id": str(provider or site.clinic.ana),
        "start_at": at(future_day(), hhmm),
    }


def at_central(store: Engine, booking_id: str) -> int:
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        found = (
            select(func.count())
            .select_from(Booking)
            .where(Booking.booking_id == uuid.UUID(booking_id))
        )
        return int(s.scalar(found) or 0)


def at_central_once(store: Engine, booking_id: str) -> bool:
    return at_central(store, booking_id) == 1


def test_a_site_books_through_its_hub_with_the_internet_up_and_down(
    site: Site, pg_store: Engine, tmp_path: Path
) -> None:
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    hub = site.hub.base_url
    # Signed in at the hub while central vouches; the second desk too (the same account
    # on another PC), so the hub holds a verifier for it when central is gone.
    a = desk_at(hub, site.clinic.reception_email, tmp_path)
    b = desk_at(hub, site.clinic.reception_email, tmp_path)

    async def run() -> None:
        await a.sync_once()
        await b.sync_once()
        # Internet up: a desk's booking reaches central through the hub, once.
        first = booking(site, "09:00")
        a.submit("booking.create", first)
        await a.sync_once()
        eventually(lambda: at_central(pg_store, first["booking_id"]) == 1)
        eventually(lambda: site.health()["waiting"] == 0)

        # Internet down.
        site.central.stop()
        eventually(lambda: site.health()["state"] == "unreachable")
        # Signing in still works at the site, with the hub's own verifier.
        late = desk_at(hub, site.clinic.reception_email, tmp_path)
        await late.sync_once()
        # Two desks race for one slot at the site: one booking, one clear refusal.
        mine, theirs = booking(site, "10:00"), booking(site, "10:00")
        a.submit("booking.create", mine)
        b.submit("booking.create", theirs)  # b has not heard of a's yet
        await a.sync_once()
        await b.sync_once()
        assert b.replica.server_row("booking", mine["booking_id"]) is not None  # over the LAN
        assert b.replica.server_row("booking", theirs["booking_id"]) is None
        assert [c.code for c in b.replica.conflicts()] == ["slot_taken"]
        status = site.health()
        assert status["state"] == "unreachable"
        assert status["waiting"] >= 1  # the site's changes wait for central
        # The desk is online with its site server, and says central is not.
        shown = a.status().upstream
        assert shown is not None
        assert (shown.state, shown.waiting) == ("unreachable", status["waiting"])

        # Internet back: everything reaches central, once.
        site.central.start()
        eventually(lambda: site.health()["state"] == "online", timeout=40)
        eventually(lambda: site.health()["waiting"] == 0, timeout=20)
        assert at_central(pg_store, mine["booking_id"]) == 1
        assert at_central(pg_store, first["booking_id"]) == 1
        for engine in (a, b, late):
            await engine.api.aclose()

    asyncio.run(run())


def test_a_change_central_refuses_is_undone_at_the_hub_and_kept_for_its_desk(
    site: Site, tmp_path: Path
) -> None:
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    a = desk_at(site.hub.base_url, site.clinic.reception_email, tmp_path)

    async def run() -> None:
        await a.sync_once()
        site.central.stop()
        eventually(lambda: site.health()["state"] == "unreachable")
        site.central.start()
        site.hub.stop()  # the WAN is still down for the hub: it is not running
        # Meanwhile at central (the web, another site): the slot is taken.
        taken = site.book("11:00")
        assert taken
        # Central goes before the hub is back: a hub started with central up would
        # pull that booking first, and refuse the site's own.
        site.central.stop()
        site.hub.start()
        eventually(lambda: site.health()["state"] == "unreachable")
        # The site, not knowing, books the same slot.
        mine = booking(site, "11:00")
        a.submit("booking.create", mine)
        await a.sync_once()
        assert a.replica.server_row("booking", mine["booking_id"]) is not None
        site.central.start()
        eventually(lambda: site.health()["state"] == "online", timeout=40)
        eventually(lambda: site.health()["waiting"] == 0, timeout=20)
        # Central's verdict wins: gone at the hub, so gone from the desk's schedule ...
        await a.sync_once()
        assert a.replica.server_row("booking", mine["booking_id"]) is None
        assert a.replica.server_row("booking", taken) is not None
        # ... kept at the hub for the desk that made it ...
        with make_session_factory(site.store, scope=ALL_TENANTS)() as s:
            kept = s.scalars(select(SyncRejection)).all()
        assert [(r.name, r.code) for r in kept] == [("booking.create", "slot_taken")]
        assert str(kept[0].client_id) == a.replica.client_id
        # ... and in that desk's conflicts to settle, with free times to offer instead.
        [conflict] = a.replica.conflicts()
        assert (conflict.name, conflict.code) == ("booking.create", "slot_taken")
        assert conflict.args["booking_id"] == mine["booking_id"]
        assert conflict.details.get("alternatives")
        await a.sync_once()
        assert len(a.replica.conflicts()) == 1  # once
        await a.api.aclose()

    asyncio.run(run())


def test_a_kiosk_of_the_site_checks_in_through_the_hub_during_an_outage(
    site: Site, pg_store: Engine, tmp_path: Path
) -> None:
    day = future_day()
    site.morning_of(day)
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    hub = site.hub.base_url
    made = site.http.post(
        "/setup/kiosks",
        headers=site.admin,
        json={"location_id": str(site.clinic.location_id), "name": "Entrada"},
    )
    # Set up at the site: the hub passes the code on to central.
    enrolled = httpx.post(
        f"{hub}/auth/kiosk-enroll", json={"enrollment_code": made.json()["enrollment_code"]}
    )
    assert enrolled.status_code == 200, enrolled.text
    device_token = enrolled.json()["device_token"]
    booked = site.book("10:00")
    eventually(lambda: site.count(Booking, Booking.booking_id == uuid.UUID(booked)) == 1)
    a = desk_at(hub, site.clinic.reception_email, tmp_path)
    b = desk_at(hub, site.clinic.reception_email, tmp_path)

    async def run() -> None:
        await a.sync_once()
        await b.sync_once()
        site.central.stop()
        eventually(lambda: site.health()["state"] == "unreachable")
        # The kiosk signs in at the hub with its credential, central or not ...
        signed = httpx.post(f"{hub}/auth/device-sign-in", json={"device_token": device_token})
        assert signed.status_code == 200, signed.text
        kiosk = {"Authorization": f"Bearer {signed.json()['access_token']}"}
        checked = httpx.post(
            f"{hub}/sync/push",
            headers=kiosk,
            json={
                "client_id": str(uuid.uuid4()),
                "mutations": [
                    {"seq": 1, "name": "booking.check_in", "args": {"booking_id": booked}}
                ],
            },
        )
        assert checked.json()["results"][0]["status"] == "applied", checked.text
        # ... and the desks three metres away see the customer arrive.
        for desk in (a, b):
            await desk.sync_once()
            assert (desk.replica.server_row("booking", booked) or {}).get("status") == (
                "checked_in"
            )
        site.central.start()
        eventually(lambda: site.health()["waiting"] == 0, timeout=40)

        def checked_in_at_central() -> bool:
            """central has the check-in, as the kiosk's"""
            with make_session_factory(pg_store, scope=ALL_TENANTS)() as s:
                row = s.get(Booking, (site.clinic.tenant_id, uuid.UUID(booked)))
                return row is not None and row.status == "checked_in"

        eventually(checked_in_at_central)
        for desk in (a, b):
            await desk.api.aclose()

    asyncio.run(run())


def test_two_hubs_book_one_slot_during_an_outage_and_central_keeps_one(
    site: Site, pg_store: Engine, tmp_path: Path
) -> None:
    north = site.another_hub(tmp_path / "north")
    site.hub.start()
    north.start()
    try:
        for hub in (site.hub, north):
            site.await_link(hub, state="online")
        a = desk_at(site.hub.base_url, site.clinic.reception_email, tmp_path)
        b = desk_at(north.base_url, site.clinic.reception_email, tmp_path)

        async def run() -> None:
            await a.sync_once()
            await b.sync_once()
            site.central.stop()
            for hub in (site.hub, north):
                site.await_link(hub, state="unreachable")
            # Each site, cut off, books the same provider's same slot: each hub says yes.
            mine, theirs = booking(site, "12:00"), booking(site, "12:00")
            a.submit("booking.create", mine)
            b.submit("booking.create", theirs)
            await a.sync_once()
            await b.sync_once()
            assert a.replica.server_row("booking", mine["booking_id"]) is not None
            assert b.replica.server_row("booking", theirs["booking_id"]) is not None
            site.central.start()
            for hub in (site.hub, north):
                site.await_link(hub, timeout=40, waiting=0)
            # Central keeps one; the other's desk sees it go, with the reason and
            # free times instead.
            kept = [at_central(pg_store, x["booking_id"]) for x in (mine, theirs)]
            assert sorted(kept) == [0, 1]
            loser, lost = (b, theirs) if kept[0] else (a, mine)
            winner = a if loser is b else b
            await loser.sync_once()
            await winner.sync_once()
            assert loser.replica.server_row("booking", lost["booking_id"]) is None
            [conflict] = loser.replica.conflicts()
            assert conflict.code == "slot_taken"
            assert conflict.details.get("alternatives")
            assert winner.replica.conflicts() == []
            for engine in (a, b):
                await engine.api.aclose()

        asyncio.run(run())
    finally:
        north.stop()
        north.engine.dispose()


def test_payments_and_walk_ins_flow_across_the_site_during_an_outage(
    site: Site, pg_store: Engine, tmp_path: Path
) -> None:
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    booked = site.book("10:00")
    eventually(lambda: site.count(Booking, Booking.booking_id == uuid.UUID(booked)) == 1)
    a = desk_at(site.hub.base_url, site.clinic.reception_email, tmp_path)
    b = desk_at(site.hub.base_url, site.clinic.reception_email, tmp_path)
    payment, ticket = str(uuid.uuid4()), str(uuid.uuid4())

    async def run() -> None:
        await a.sync_once()
        await b.sync_once()
        site.central.stop()
        eventually(lambda: site.health()["state"] == "unreachable")
        a.submit(
            "payment.record",
            {
                "payment_id": payment,
                "booking_id": booked,
                "amount_minor": 150_000,
                "method": "cash",
            },
        )
        a.submit(
            "walkin.create", {"ticket_id": ticket, "location_id": str(site.clinic.location_id)}
        )
        await a.sync_once()
        await b.sync_once()  # the other desk of the site sees both, central or not
        assert b.replica.server_row("payment", payment) is not None
        assert b.replica.server_row("walkin_ticket", ticket) is not None
        site.central.start()
        eventually(lambda: site.health()["waiting"] == 0, timeout=40)
        for engine in (a, b):
            await engine.api.aclose()

    asyncio.run(run())
    with make_session_factory(pg_store, scope=ALL_TENANTS)() as s:
        assert s.get(Payment, (site.clinic.tenant_id, uuid.UUID(payment))) is not None
        assert s.get(WalkinTicket, (site.clinic.tenant_id, uuid.UUID(ticket))) is not None


def test_a_held_or_slow_link_never_holds_up_the_site(
    site: Site, pg_store: Engine, tmp_path: Path
) -> None:
    """A link that swallows packets (requests hang until their timeouts) or crawls: the
    site's desks go on trading changes through the hub at LAN speed."""
    wan = Wan("127.0.0.1", site.central.port)
    hub = site.another_hub(tmp_path / "held", upstream=wan.url)
    hub.start()
    try:
        eventually(lambda: site.health(hub)["state"] == "online")
        a = desk_at(hub.base_url, site.clinic.reception_email, tmp_path)
        b = desk_at(hub.base_url, site.clinic.reception_email, tmp_path)

        async def run() -> None:
            await a.sync_once()
            await b.sync_once()
            for trouble, hhmm in ((wan.hold, "09:00"), (lambda: wan.slow(1.0), "11:00")):
                trouble()
                made = booking(site, hhmm)
                started = time.monotonic()
                a.submit("booking.create", made)
                await a.sync_once()
                await b.sync_once()
                assert b.replica.server_row("booking", made["booking_id"]) is not None
                assert time.monotonic() - started < 2.0  # LAN speed, whatever the link does
                wan.restore()
                eventually(partial(at_central_once, pg_store, made["booking_id"]), timeout=60)
            for engine in (a, b):
                await engine.api.aclose()

        asyncio.run(run())
    finally:
        hub.stop()
        hub.engine.dispose()
        wan.close()
