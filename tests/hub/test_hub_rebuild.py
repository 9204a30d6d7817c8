"""A hub whose store is lost is rebuilt from central and from its clients' outboxes.

The WAN is down, the hub has taken two of a desk's bookings that central has not seen
and refused one between them, and its store file is lost (a disk, a careless
reinstall). Started again on an empty store, the hub pulls central's rows under a new
store identity and starts the desk's sequence where central has it; the desk, which
kept what the hub had answered until central confirmed it, sends those two again, and
the refused one only to take its seq (it stays refused, one conflict). Nothing is
lost, nothing doubled, and the desk goes on under the same client id.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import httpx
from sqlalchemy import Engine, select

from app.sync.api import MemoryTokens, SyncApi, Tokens
from app.sync.engine import SyncEngine
from app.sync.replica import Replica
from server.db.engine import ALL_TENANTS, make_engine, make_session_factory
from server.db.migrate import upgrade
from server.models import SyncRejection
from tests.helpers.clinic import PASSWORD
from tests.helpers.hub import Site
from tests.helpers.live import LiveServer
from tests.helpers.wan import Wan
from tests.hub.test_hub_failover import until
from tests.hub.test_hub_site import at_central, booking


def sign_in(base: str, email: str) -> Tokens:
    answer = httpx.post(f"{base}/auth/sign-in", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return Tokens(answer.json()["access_token"], answer.json()["refresh_token"])


def with_its_store_lost(hub: LiveServer, folder: Path) -> LiveServer:
    """`hub` stopped, its store and state file gone: the same hub at the same address on
    an empty store (not started yet)."""
    hub.stop()
    hub.engine.dispose()
    for name in ("turnero.db", "turnero.db-wal", "turnero.db-shm", "hub-state.json"):
        (folder / name).unlink(missing_ok=True)
    store = make_engine(f"sqlite:///{folder / 'turnero.db'}")
    upgrade(store)
    rebuilt = LiveServer(store, hub_folder=str(folder))
    rebuilt.port = hub.port
    return rebuilt


def test_a_lost_hub_store_is_rebuilt_from_central_and_the_desks_outbox(
    site: Site, pg_store: Engine, tmp_path: Path
) -> None:
    wan = Wan("127.0.0.1", site.central.port)
    folder = tmp_path / "site"
    hub = site.another_hub(folder, upstream=wan.url)
    hub.start()
    rebuilt: LiveServer | None = None
    email = site.clinic.reception_email
    try:
        site.await_link(hub, state="online")
        tokens = MemoryTokens(sign_in(hub.base_url, email))
        api = SyncApi(hub.base_url, tokens)
        replica = Replica(tmp_path / "desk.db")
        client_id = replica.client_id
        first, second, clash, third, fourth = (
            booking(site, hhmm) for hhmm in ("09:00", "10:00", "11:00", "12:00", "15:00")
        )
        other = booking(site, "11:00")  # another PC's, which the desk has not seen

        async def run() -> None:
            nonlocal rebuilt
            desk = SyncEngine(replica, api, idle_s=0.3)
            running = asyncio.create_task(desk.run())
            await until(lambda: desk.status().last_sync_at is not None)
            store_before = replica.meta("cursor_of")
            assert "#" in store_before  # the hub names its store

            # With central reachable, the desk keeps a change only until the hub has
            # forwarded it.
            desk.submit("booking.create", first)
            await until(lambda: at_central(pg_store, first["booking_id"]) == 1)
            await until(lambda: replica.forwarded_count() == 0)

            # The WAN goes down: the hub takes one booking, refuses one whose slot
            # another PC took a moment before, and takes one more. Central has seen
            # none of them.
            wan.cut()
            desk.submit("booking.create", second)
            await until(lambda: replica.pending_count() == 0)
            desk.stop()
            await running
            await asyncio.to_thread(push_elsewhere, hub.base_url, email, other)
            desk.submit("booking.create", clash)
            desk.submit("booking.create", third)
            desk = SyncEngine(replica, api, idle_s=0.3)
            running = asyncio.create_task(desk.run())
            await until(lambda: replica.pending_count() == 0)
            assert [c.args["booking_id"] for c in replica.conflicts()] == [clash["booking_id"]]
            assert replica.forwarded_count() == 3
            assert at_central(pg_store, second["booking_id"]) == 0

            # The hub's store is lost; it comes back empty, at the same address, and
            # the WAN with it.
            rebuilt = await asyncio.to_thread(with_its_store_lost, hub, folder)
            wan.restore()
            await asyncio.to_thread(rebuilt.start)
            await until(lambda: site.health(rebuilt)["state"] == "online")
            # Its sessions went with the store: the receptionist signs in again.
            tokens.save(await asyncio.to_thread(sign_in, rebuilt.base_url, email))
            desk.sync_soon()

            await until(lambda: at_central(pg_store, second["booking_id"]) == 1)
            await until(lambda: at_central(pg_store, third["booking_id"]) == 1)
            await until(lambda: replica.forwarded_count() == 0)
            # The desk pulled the new store anew and goes on under the same identity.
            desk.submit("booking.create", fourth)
            await until(lambda: at_central(pg_store, fourth["booking_id"]) == 1)
            await until(
                lambda: all(
                    replica.server_row("booking", b["booking_id"]) is not None
                    for b in (first, second, third, fourth)
                )
            )
            assert replica.meta("cursor_of") != store_before
            desk.stop()
            await running
            await api.aclose()

        asyncio.run(run())
        assert replica.client_id == client_id
        # The refusal stays the one conflict, and central keeps it for the desk too.
        assert [c.args["booking_id"] for c in replica.conflicts()] == [clash["booking_id"]]
        assert at_central(pg_store, clash["booking_id"]) == 0
        with make_session_factory(pg_store, scope=ALL_TENANTS)() as session:
            refusals = session.scalars(
                select(SyncRejection).where(SyncRejection.client_id == uuid.UUID(client_id))
            ).all()
            assert [(r.name, r.code) for r in refusals] == [("booking.create", "slot_taken")]
        for made in (first, second, third, fourth):
            assert at_central(pg_store, made["booking_id"]) == 1
    finally:
        if rebuilt is not None:
            rebuilt.stop()
            rebuilt.engine.dispose()
        hub.stop()
        hub.engine.dispose()
        wan.close()


def push_elsewhere(base: str, email: str, made: dict[str, str]) -> None:
    """A booking from another PC of the site, straight to the hub."""
    tokens = sign_in(base, email)
    change = {"seq": 1, "name": "booking.create", "args": made}
    answer = httpx.post(
        f"{base}/sync/push",
        headers={"Authorization": f"Bearer {tokens.access_token}"},
        json={"client_id": str(uuid.uuid4()), "mutations": [change]},
    )
    assert answer.json()["results"][0]["status"] == "applied", answer.text


def test_a_refusal_central_made_before_the_hub_lost_its_store_reaches_the_desk(
    site: Site, pg_store: Engine, tmp_path: Path
) -> None:
    """Central refused a change the hub had forwarded; the hub's store was lost before
    the desk heard of it. The rebuilt hub brings central's recent refusals, and the
    desk gets its conflict all the same."""
    wan = Wan("127.0.0.1", site.central.port)
    folder = tmp_path / "site"
    hub = site.another_hub(folder, upstream=wan.url)
    hub.start()
    rebuilt: LiveServer | None = None
    email = site.clinic.reception_email
    try:
        site.await_link(hub, state="online")
        tokens = MemoryTokens(sign_in(hub.base_url, email))
        api = SyncApi(hub.base_url, tokens)
        desk = SyncEngine(Replica(tmp_path / "desk.db"), api)
        mine = booking(site, "09:00")

        async def run() -> None:
            nonlocal rebuilt
            await desk.sync_once()
            wan.cut()
            site.await_link(hub, state="unreachable")
            site.book("09:00")  # the web takes the slot meanwhile
            desk.submit("booking.create", mine)
            await desk.sync_once()  # the hub takes it
            wan.restore()
            site.await_link(hub, state="online", waiting=0, timeout=20)  # central said no
            rebuilt = await asyncio.to_thread(with_its_store_lost, hub, folder)
            await asyncio.to_thread(rebuilt.start)
            await until(lambda: site.health(rebuilt)["state"] == "online")
            tokens.save(await asyncio.to_thread(sign_in, rebuilt.base_url, email))
            await desk.sync_once()
            await desk.sync_once()
            await api.aclose()

        asyncio.run(run())
        [conflict] = desk.replica.conflicts()
        assert (conflict.args["booking_id"], conflict.code) == (mine["booking_id"], "slot_taken")
        assert desk.replica.server_row("booking", mine["booking_id"]) is None
        assert desk.replica.forwarded_count() == 0
    finally:
        if rebuilt is not None:
            rebuilt.stop()
            rebuilt.engine.dispose()
        hub.stop()
        hub.engine.dispose()
        wan.close()
