"""A desk configured with its site hub and the central server fails over between them:
the hub's PC goes down, the desk goes on with central; the hub is back, the desk goes
back to it. Every change arrives at central once, whichever way it went."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, select

from app.credentials import RunOnlyTokens
from app.desk import Desk
from app.signin import fallback_session, sign_in
from app.sync.api import MemoryTokens, RefusedError, SyncApi, Tokens
from app.sync.engine import SyncEngine
from app.sync.replica import Replica
from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import SyncRejection
from tests.helpers.clinic import PASSWORD
from tests.helpers.hub import Site, eventually
from tests.helpers.wan import Wan
from tests.hub.test_hub_site import at_central, booking


def api_at(base: str, email: str) -> SyncApi:
    body = httpx.post(f"{base}/auth/sign-in", json={"email": email, "password": PASSWORD}).json()
    return SyncApi(base, MemoryTokens(Tokens(body["access_token"], body["refresh_token"])))


async def until(check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"not within {timeout} s: {check}")
        await asyncio.sleep(0.05)


def test_a_desk_fails_over_to_central_and_back_and_each_change_arrives_once(
    site: Site, pg_store: Engine, tmp_path: Path
) -> None:
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    hub_api = api_at(site.hub.base_url, site.clinic.reception_email)
    central_api = api_at(site.central.base_url, site.clinic.reception_email)
    desk = SyncEngine(Replica(tmp_path / "desk.db"), hub_api, fallback=central_api, idle_s=0.3)

    async def run() -> None:
        running = asyncio.create_task(desk.run())
        await until(lambda: desk.status().last_sync_at is not None)
        first, second, third = (
            booking(site, "09:00"),
            booking(site, "10:00"),
            booking(site, "11:00"),
        )
        desk.submit("booking.create", first)
        await until(lambda: at_central(pg_store, first["booking_id"]) == 1)
        # The hub's PC goes down: the desk goes on with central.
        site.hub.stop()
        desk.submit("booking.create", second)
        await until(lambda: at_central(pg_store, second["booking_id"]) == 1)
        assert desk.api is central_api
        # The hub is back: the desk goes back to it, and on through it.
        site.hub.start()
        await until(lambda: desk.api is hub_api)
        desk.submit("booking.create", third)
        await until(lambda: at_central(pg_store, third["booking_id"]) == 1)
        await until(lambda: desk.replica.pending_count() == 0)
        await until(
            lambda: all(
                desk.replica.server_row("booking", b["booking_id"]) is not None
                for b in (first, second, third)
            )
        )
        desk.stop()
        await running
        for api in (hub_api, central_api):
            await api.aclose()

    asyncio.run(run())
    assert desk.replica.conflicts() == []
    eventually(lambda: site.health()["waiting"] == 0)


def test_signing_in_at_a_hub_keeps_a_session_at_central_to_fall_back_on(
    site: Site, tmp_path: Path
) -> None:
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    email = site.clinic.reception_email

    async def run() -> None:
        account, tokens = await sign_in(site.hub.base_url, email, PASSWORD)
        assert account.fallback == site.central.base_url  # the hub says where central is
        behind = await fallback_session(account, PASSWORD)
        assert behind is not None
        session, fallback = RunOnlyTokens(), RunOnlyTokens()
        session.save(tokens)
        fallback.save(behind)
        desk = Desk.open(account, session, data_dir=tmp_path, fallback_tokens=fallback)
        try:
            assert [api.base_url for api in desk.engine.apis] == [
                site.hub.base_url,
                site.central.base_url,
            ]
            await desk.engine.sync_once()
            # What is not sync (here a kiosk's enrolment code) the desk asks of central:
            # the hub would refuse it, as it could not pass it on.
            kiosk = {"location_id": str(site.clinic.location_id), "name": "Entrada"}
            with pytest.raises(RefusedError) as refused:
                await desk.api.call("POST", "/setup/kiosks", kiosk)
            assert refused.value.code == "central_only"
            made = await desk.central.call("POST", "/setup/kiosks", kiosk)
            listed = site.http.get("/setup/kiosks", headers=site.admin).json()
            assert made["device_id"] in [k["device_id"] for k in listed]
        finally:
            await desk.close()
        # Straight to central: nothing to fall back on.
        direct, _ = await sign_in(site.central.base_url, email, PASSWORD)
        assert direct.fallback == ""
        assert await fallback_session(direct, PASSWORD) is None

    asyncio.run(run())


def test_a_desk_whose_hub_went_down_unforwarded_sends_its_changes_to_central_itself(
    site: Site, pg_store: Engine, tmp_path: Path
) -> None:
    """The hub took a change while the WAN was down, then its PC went down too: the
    desk, falling back on central, sends that change itself, under its own client id;
    when the hub is back and forwards it, central recognises it and applies it once."""
    wan = Wan("127.0.0.1", site.central.port)
    hub = site.another_hub(tmp_path / "site", upstream=wan.url)
    hub.start()
    try:
        site.await_link(hub, state="online")
        hub_api = api_at(hub.base_url, site.clinic.reception_email)
        central_api = api_at(site.central.base_url, site.clinic.reception_email)
        replica = Replica(tmp_path / "desk.db")
        desk = SyncEngine(replica, hub_api, fallback=central_api, idle_s=0.3)
        client_id = replica.client_id
        taken, later = booking(site, "09:00"), booking(site, "10:00")

        async def run() -> None:
            running = asyncio.create_task(desk.run())
            await until(lambda: desk.status().last_sync_at is not None)
            wan.cut()
            desk.submit("booking.create", taken)
            await until(lambda: replica.pending_count() == 0)
            assert replica.forwarded_count() == 1  # the hub has it, central not yet
            await asyncio.to_thread(hub.stop)
            desk.submit("booking.create", later)
            await until(lambda: at_central(pg_store, later["booking_id"]) == 1)
            assert desk.api is central_api
            assert at_central(pg_store, taken["booking_id"]) == 1
            assert replica.forwarded_count() == 0
            desk.stop()
            await running
            for api in (hub_api, central_api):
                await api.aclose()

        asyncio.run(run())
        assert replica.client_id == client_id
        assert replica.conflicts() == []
        # The hub comes back and forwards what it had: central says it has it.
        wan.restore()
        hub.start()
        site.await_link(hub, state="online", waiting=0, timeout=20)
        assert at_central(pg_store, taken["booking_id"]) == 1
        with make_session_factory(hub.engine, scope=ALL_TENANTS)() as s:
            assert s.scalars(select(SyncRejection)).all() == []
    finally:
        hub.stop()
        hub.engine.dispose()
        wan.close()
