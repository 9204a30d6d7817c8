"""Central's audit trail names the site hub a change came through, beside its origin
(the staff member or kiosk who made it): a real hub on SQLite forwarding to central on
PostgreSQL, both on loopback."""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any

import httpx
from sqlalchemy import Engine

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import SyncRejection
from tests.helpers.clinic import PASSWORD
from tests.helpers.hub import Site, eventually
from tests.hub.test_hub_site import at_central_once, booking


def _refusal_at_central(store: Engine, tenant: uuid.UUID, client: str) -> bool:
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        return s.get(SyncRejection, (tenant, uuid.UUID(client), 1)) is not None


def _history(site: Site, booking_id: str) -> list[dict[str, Any]]:
    answer = site.http.get(
        "/audit", params={"entity": "booking", "id": booking_id}, headers=site.admin
    )
    assert answer.status_code == 200, answer.text
    events: list[dict[str, Any]] = answer.json()["events"]
    return events


def test_a_change_forwarded_by_the_hub_names_the_hub_and_its_origin(
    site: Site, pg_store: Engine
) -> None:
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    made, clash, straight = booking(site, "09:00"), booking(site, "09:00"), booking(site, "11:00")
    with httpx.Client(base_url=site.hub.base_url, timeout=10) as hub:
        signed = hub.post(
            "/auth/sign-in", json={"email": site.clinic.reception_email, "password": PASSWORD}
        ).json()
        auth = {"Authorization": f"Bearer {signed['access_token']}"}
        a, b = str(uuid.uuid4()), str(uuid.uuid4())
        for client, args in ((a, made), (b, clash)):
            change = {"seq": 1, "name": "booking.create", "args": args}
            body = {"client_id": client, "mutations": [change]}
            answer = hub.post("/sync/push", headers=auth, json=body)
            assert answer.status_code == 200, answer.text
    eventually(partial(at_central_once, pg_store, made["booking_id"]), timeout=20)
    eventually(partial(_refusal_at_central, pg_store, site.clinic.tenant_id, b), timeout=20)
    # The same desk's change straight to central: no hub in between.
    direct = {"seq": 1, "name": "booking.create", "args": straight}
    answer = site.http.post(
        "/sync/push",
        headers=site.desk,
        json={"client_id": str(uuid.uuid4()), "mutations": [direct]},
    )
    assert answer.json()["results"][0]["status"] == "applied", answer.text

    [created] = _history(site, made["booking_id"])
    [refused] = _history(site, clash["booking_id"])
    [own] = _history(site, straight["booking_id"])
    for event in (created, refused):
        assert (event["hub_id"], event["hub_name"]) == (site.hub_id, "Sede Centro")
        # Made by the receptionist, at her desk's client and seq: the hub only carried it.
        assert (event["actor_kind"], event["actor_name"]) == ("staff", "Recepción")
        assert event["client_seq"] == 1
    assert created["client_id"] == a
    assert (created["outcome"], refused["outcome"], refused["code"]) == (
        "applied", "refused", "slot_taken"
    )  # fmt: skip
    assert (own["hub_id"], own["hub_name"], own["actor_name"]) == (None, None, "Recepción")
