"""What each replica holds: a kiosk's file has no contact data; a new day re-pulls the
desk's window and sweeps what left it; pending changes survive both."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app import schedule
from app.sync.api import MemoryTokens, SyncApi, Tokens
from app.sync.engine import SyncEngine
from app.sync.replica import Replica
from server.db.engine import ALL_TENANTS, make_session_factory
from server.demo import build_demo
from server.models import Customer, Location
from tests.helpers.clinic import Clinic, at, enrol_kiosk, future_day, make_clinic
from tests.helpers.desks import open_desks, sign_in_tokens
from tests.helpers.live import LiveServer
from tests.helpers.privacy import leaked


@pytest.fixture
def clinic(live_server: LiveServer) -> Clinic:
    return make_clinic(live_server.engine)


def test_a_kiosk_replica_holds_no_phone_email_or_national_id(
    live_server: LiveServer, tmp_path: Path
) -> None:
    with make_session_factory(live_server.engine, scope=ALL_TENANTS)() as s:
        summary = build_demo(s)
        s.commit()
        customers = s.query(Customer).filter(Customer.tenant_id == summary.tenant_id).all()
        secrets = (
            {c.phone for c in customers}
            | {c.national_id for c in customers}
            | {c.email for c in customers if c.email}
        )
        location = s.scalars(select(Location.location_id)).one()
    base = live_server.base_url
    body = httpx.post(
        f"{base}/auth/sign-in", json={"email": "admin@demo.turnero.ar", "password": "turnero-demo"}
    ).json()
    with httpx.Client(base_url=base) as http:
        made = enrol_kiosk(http, {"Authorization": f"Bearer {body['access_token']}"}, str(location))
    device = httpx.post(
        f"{base}/auth/device-sign-in", json={"device_token": made["device_token"]}
    ).json()

    async def sync() -> Replica:
        replica = Replica(tmp_path / "kiosk.db")
        api = SyncApi(
            base, MemoryTokens(Tokens(device["access_token"], device_token=made["device_token"]))
        )
        await SyncEngine(replica, api).sync_once()
        await api.aclose()
        return replica

    replica = asyncio.run(sync())
    rows = replica.all("booking")
    assert rows, "the demo has bookings today"
    assert all(set(r) >= {"code", "start_at", "customer_label"} for r in rows)
    assert replica.count("customer") == 0
    replica.close()
    raw = (tmp_path / "kiosk.db").read_bytes()
    for wal in tmp_path.glob("kiosk.db-wal"):
        raw += wal.read_bytes()
    assert leaked(secrets, raw) == []


def test_a_new_day_repulls_the_window_and_keeps_what_waits(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with open_desks(live_server, clinic, tmp_path, 1) as (desk,):
            replica = desk.replica
            # A row the server no longer sends (it left the window, or was purged).
            replica.apply_changes(
                [
                    {
                        "entity": "booking",
                        "id": "gone",
                        "version": 1,
                        "data": {"booking_id": "gone", "status": "confirmed"},
                    }
                ],
                replica.cursor,
            )
            kept = replica.count()
            live_server.stop()  # offline: the change waits in the outbox
            _, made = desk.submit(
                "booking.create",
                {
                    "customer_id": str(clinic.customer),
                    "service_id": str(clinic.consult),
                    "provider_id": str(clinic.ana),
                    "start_at": at(future_day(), "10:00"),
                },
            )
            live_server.start()
            yesterday = (datetime.now(clinic.zone).date() - timedelta(days=1)).isoformat()
            replica.set_meta("scope_day", yesterday)
            await desk.sync_once()
            assert replica.get("booking", "gone") is None
            assert replica.count() == kept  # the pushed booking replaced the swept one
            assert replica.get("booking", made["booking_id"]) is not None
            assert replica.meta("scope_day") != yesterday

    asyncio.run(scenario())


def test_a_provider_replica_holds_only_their_own_bookings(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with open_desks(live_server, clinic, tmp_path, 1) as (desk,):
            for provider, t in ((clinic.ana, "10:00"), (clinic.bruno, "11:00")):
                desk.submit(
                    "booking.create",
                    {
                        "customer_id": str(clinic.customer),
                        "service_id": str(clinic.consult),
                        "provider_id": str(provider),
                        "start_at": at(future_day(), t),
                    },
                )
            await desk.sync_once()
        tokens = sign_in_tokens(live_server.base_url, clinic.provider_email)
        replica = Replica(tmp_path / "ana.db")
        api = SyncApi(live_server.base_url, MemoryTokens(tokens))
        await SyncEngine(replica, api).sync_once()
        await api.aclose()
        assert [b["provider_id"] for b in replica.all("booking")] == [str(clinic.ana)]
        assert replica.count("customer") == 0
        assert replica.count("payment") == 0
        # The schedule still names each booking's customer, from the booking itself.
        blocks = schedule.blocks_of(replica, replica.all("booking"))
        assert [b.customer for b in blocks] == ["Juan Pérez"]
        replica.close()

    asyncio.run(scenario())
