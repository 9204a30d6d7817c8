"""A change the hub refuses still takes its seq at central: the desk's next change is
not a gap there (central refused every later change of that desk before, and the hub
undid them), and central keeps the hub's refusal for the desk to read."""

from __future__ import annotations

import uuid
from functools import partial

import httpx
from sqlalchemy import Engine

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import Booking, SyncRejection
from tests.helpers.clinic import PASSWORD
from tests.helpers.hub import Site, eventually
from tests.hub.test_hub_site import at_central_once, booking


def test_after_a_refusal_at_the_hub_the_next_change_reaches_central(
    site: Site, pg_store: Engine
) -> None:
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    with httpx.Client(base_url=site.hub.base_url, timeout=10) as hub:
        refused_then_next(site, pg_store, hub)


def refused_then_next(site: Site, pg_store: Engine, hub: httpx.Client) -> None:
    signed = hub.post(
        "/auth/sign-in", json={"email": site.clinic.reception_email, "password": PASSWORD}
    ).json()
    auth = {"Authorization": f"Bearer {signed['access_token']}"}
    first, clash, later = booking(site, "09:00"), booking(site, "09:00"), booking(site, "10:00")

    def push(client: str, seq: int, args: dict[str, str]) -> str:
        change = {"seq": seq, "name": "booking.create", "args": args}
        body = {"client_id": client, "mutations": [change]}
        answer = hub.post("/sync/push", headers=auth, json=body)
        assert answer.status_code == 200, answer.text
        return str(answer.json()["results"][0]["status"])

    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    assert push(a, 1, first) == "applied"
    assert push(b, 1, clash) == "rejected"
    assert push(b, 2, later) == "applied"
    eventually(partial(at_central_once, pg_store, later["booking_id"]), timeout=20)
    with make_session_factory(pg_store, scope=ALL_TENANTS)() as session:
        kept = session.get(SyncRejection, (site.clinic.tenant_id, uuid.UUID(b), 1))
        assert kept is not None
        assert kept.code == "slot_taken"
        assert session.get(SyncRejection, (site.clinic.tenant_id, uuid.UUID(b), 2)) is None
    # Nothing the hub applied was undone, and nothing waits for central.
    site.await_link(site.hub, waiting=0)
    assert site.count(Booking, Booking.booking_id == uuid.UUID(later["booking_id"])) == 1
