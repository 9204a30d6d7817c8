"""A site hub at central: enrolled like a kiosk, it reads what a desk reads and forwards
its desks' and kiosks' changes as their origin, so each is applied exactly once whichever
way it arrives (through the hub, or straight from the desk when it fails over).

On both stores: a site's own server may itself be the central one of a smaller setup.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from tests.helpers.clinic import PASSWORD, Clinic, at, enrol_kiosk, future_day, make_clinic
from tests.helpers.clock import Clock, morning_of
from tests.server.test_sync_api import booking_args, mutation, pull_all


def enrol_hub(client: TestClient, admin: dict[str, str], clinic: Clinic) -> dict[str, str]:
    """A hub as an admin makes one; returns its access headers."""
    made = client.post(
        "/setup/hubs", headers=admin, json={"location_id": str(clinic.location_id), "name": "Sede"}
    )
    assert made.status_code == 201, made.text
    enrolled = client.post(
        "/auth/hub-enroll", json={"enrollment_code": made.json()["enrollment_code"]}
    )
    assert enrolled.status_code == 200, enrolled.text
    tokens = client.post(
        "/auth/device-sign-in", json={"device_token": enrolled.json()["device_token"]}
    )
    assert tokens.status_code == 200, tokens.text
    assert tokens.json()["role"] == "hub"
    return {"Authorization": f"Bearer {tokens.json()['access_token']}"}


def signed_in(client: TestClient, email: str) -> tuple[dict[str, str], str]:
    """Headers and user id of a staff member."""
    answer = client.post("/auth/sign-in", json={"email": email, "password": PASSWORD}).json()
    return {"Authorization": f"Bearer {answer['access_token']}"}, answer["user"]["user_id"]


def push(
    client: TestClient, headers: dict[str, str], cid: str, batch: list[Any], **extra: Any
) -> Any:
    return client.post(
        "/sync/push", headers=headers, json={"client_id": cid, "mutations": batch, **extra}
    )


def test_a_change_is_applied_once_through_the_hub_or_straight_from_its_desk(
    client: TestClient, clinic: Clinic, admin: dict[str, str]
) -> None:
    hub = enrol_hub(client, admin, clinic)
    desk, desk_user = signed_in(client, clinic.reception_email)
    origin = {"kind": "staff", "id": desk_user}
    day = future_day()
    cid = str(uuid.uuid4())
    first = booking_args(clinic, at(day, "10:00"))
    second = booking_args(clinic, at(day, "11:00"))
    # The hub forwards the desk's first change, with the desk's own client id and seq.
    forwarded = push(client, hub, cid, [mutation(1, "booking.create", **first)], origin=origin)
    assert forwarded.status_code == 200, forwarded.text
    assert forwarded.json()["results"][0]["status"] == "applied"
    # The desk fails over to central before it heard back, and sends both itself.
    direct = push(
        client,
        desk,
        cid,
        [mutation(1, "booking.create", **first), mutation(2, "booking.create", **second)],
    )
    assert [r["status"] for r in direct.json()["results"]] == ["duplicate", "applied"]
    # And the hub, catching up, forwards the second: already there.
    late = push(client, hub, cid, [mutation(2, "booking.create", **second)], origin=origin)
    assert [r["status"] for r in late.json()["results"]] == ["duplicate"]
    # Each once, recorded as the desk's: made by the receptionist, not by the hub (as a
    # hub's whole rows say: a desk's leave out who made a booking).
    changes, _ = pull_all(client, hub)
    made = {c["id"]: c["data"] for c in changes if c["entity"] == "booking"}
    assert set(made) == {first["booking_id"], second["booking_id"]}
    assert {b["created_by"] for b in made.values()} == {desk_user}


def booking_codes(client: TestClient, headers: dict[str, str]) -> dict[str, str]:
    changes = pull_all(client, headers)[0]
    return {c["id"]: c["data"]["code"] for c in changes if c["entity"] == "booking" and c["data"]}


def test_a_forwarded_booking_keeps_the_code_its_hub_gave_unless_central_gave_it(
    client: TestClient, clinic: Clinic, admin: dict[str, str]
) -> None:
    """The customer may have the hub's code on a slip, or type it at the kiosk: central
    keeps it. Only a code central gave another booking meanwhile is made anew (the hub
    then takes central's); and only a hub says how it made a booking."""
    hub = enrol_hub(client, admin, clinic)
    desk, desk_user = signed_in(client, clinic.reception_email)
    origin = {"kind": "staff", "id": desk_user}
    day, cid = future_day(), str(uuid.uuid4())
    mine = booking_args(clinic, at(day, "10:00"))
    change = mutation(1, "booking.create", **mine) | {"issued": {"code": "HUB777"}}
    assert push(client, hub, cid, [change], origin=origin).status_code == 200
    central = booking_args(clinic, at(day, "11:00"))
    assert push(client, desk, str(uuid.uuid4()), [mutation(1, "booking.create", **central)])
    codes = booking_codes(client, hub)
    # The same code for a second booking of the site: central gave it already.
    clash = booking_args(clinic, at(day, "12:00"))
    change = mutation(2, "booking.create", **clash) | {
        "issued": {"code": codes[central["booking_id"]]}
    }
    assert push(client, hub, cid, [change], origin=origin).status_code == 200
    again = booking_codes(client, hub)
    assert again[mine["booking_id"]] == "HUB777"
    assert again[clash["booking_id"]] not in (codes[central["booking_id"]], "")
    refused = push(
        client,
        desk,
        str(uuid.uuid4()),
        [
            mutation(1, "booking.create", **booking_args(clinic, at(day, "15:00")))
            | {"issued": {"code": "DESK99"}}
        ],
    )
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["fields"][0]["field"] == "mutations.issued"


def test_the_origin_role_decides_what_a_forwarded_change_may_do(
    client: TestClient, clinic: Clinic, admin: dict[str, str], clock: Clock
) -> None:
    hub = enrol_hub(client, admin, clinic)
    desk, _ = signed_in(client, clinic.reception_email)
    _, provider_user = signed_in(client, clinic.provider_email)
    kiosk = enrol_kiosk(client, desk, str(clinic.location_id))
    day = future_day()
    clock.at = morning_of(day, clinic.zone)
    booking = booking_args(clinic, at(day, "10:00"))
    assert push(client, desk, str(uuid.uuid4()), [mutation(1, "booking.create", **booking)])
    # A provider may not book through the sync (reception's work), through the hub or not.
    as_provider = push(
        client,
        hub,
        str(uuid.uuid4()),
        [mutation(1, "booking.create", **booking_args(clinic, at(day, "12:00")))],
        origin={"kind": "staff", "id": provider_user},
    )
    assert as_provider.json()["results"][0]["code"] == "forbidden_role"
    # The site's kiosk may check a customer in, forwarded by the hub.
    as_kiosk = push(
        client,
        hub,
        str(uuid.uuid4()),
        [mutation(1, "booking.check_in", booking_id=booking["booking_id"])],
        origin={"kind": "kiosk", "id": kiosk["device_id"]},
    )
    assert as_kiosk.json()["results"][0]["status"] == "applied", as_kiosk.text
    assert client.get(f"/bookings/{booking['booking_id']}", headers=desk).json()["status"] == (
        "checked_in"
    )


def test_a_hub_has_no_rights_of_its_own_and_forwards_only_its_business(
    client: TestClient, clinic: Clinic, admin: dict[str, str], store: Any
) -> None:
    hub = enrol_hub(client, admin, clinic)
    desk, desk_user = signed_in(client, clinic.reception_email)
    other = make_clinic(store, "b")
    _, stranger = signed_in(client, other.reception_email)
    batch = [mutation(1, "booking.create", **booking_args(clinic, at(future_day(), "10:00")))]
    unsaid = push(client, hub, str(uuid.uuid4()), batch)
    assert (unsaid.status_code, unsaid.json()["error"]["fields"][0]["field"]) == (400, "origin")
    foreign = push(client, hub, str(uuid.uuid4()), batch, origin={"kind": "staff", "id": stranger})
    assert (foreign.status_code, foreign.json()["error"]["code"]) == (403, "origin_refused")
    # Only a hub says whose changes it sends.
    posing = push(client, desk, str(uuid.uuid4()), batch, origin={"kind": "staff", "id": desk_user})
    assert (posing.status_code, posing.json()["error"]["code"]) == (403, "not_a_hub")
    # A hub reads through the sync what a desk reads, and nothing through REST.
    changes, _ = pull_all(client, hub)
    assert {"tenant", "provider", "service", "customer"} <= {c["entity"] for c in changes}
    assert client.get("/customers", headers=hub).status_code == 403
    assert client.get("/setup/hubs", headers=desk).status_code == 403  # admins manage hubs


def test_a_revoked_hub_is_refused_at_once(
    client: TestClient, clinic: Clinic, admin: dict[str, str]
) -> None:
    hub = enrol_hub(client, admin, clinic)
    assert client.get("/sync/pull", headers=hub).status_code == 200
    [listed] = client.get("/setup/hubs", headers=admin).json()
    assert client.get("/setup/kiosks", headers=admin).json() == []  # not a kiosk
    revoked = client.post(f"/setup/hubs/{listed['device_id']}/revoke", headers=admin)
    assert revoked.status_code == 200, revoked.text
    refused = client.get("/sync/pull", headers=hub)
    assert (refused.status_code, refused.json()["error"]["code"]) == (401, "device_revoked")


def test_a_kiosk_code_does_not_enrol_a_hub(
    client: TestClient, clinic: Clinic, admin: dict[str, str]
) -> None:
    made = client.post(
        "/setup/kiosks", headers=admin, json={"location_id": str(clinic.location_id), "name": "K"}
    )
    code = made.json()["enrollment_code"]
    assert client.post("/auth/hub-enroll", json={"enrollment_code": code}).status_code == 401
    assert client.post("/auth/kiosk-enroll", json={"enrollment_code": code}).status_code == 200


def test_rows_now_gives_central_s_word_in_the_caller_s_scope(
    client: TestClient, clinic: Clinic, admin: dict[str, str], store: Any
) -> None:
    hub = enrol_hub(client, admin, clinic)
    desk, _ = signed_in(client, clinic.reception_email)
    made = booking_args(clinic, at(future_day(), "10:00"))
    assert push(client, desk, str(uuid.uuid4()), [mutation(1, "booking.create", **made)])
    keys = [
        {"entity": "booking", "id": made["booking_id"]},
        {"entity": "booking", "id": str(uuid.uuid4())},  # never made
    ]
    found = client.post("/sync/rows", headers=hub, json={"keys": keys}).json()["changes"]
    assert found[0]["data"]["start_at"].startswith(str(future_day()))
    assert found[1]["data"] is None
    # Another business's hub learns nothing of this one's rows.
    other = make_clinic(store, "b")
    other_admin, _ = signed_in(client, other.admin_email)
    stranger = enrol_hub(client, other_admin, other)
    seen = client.post("/sync/rows", headers=stranger, json={"keys": keys[:1]}).json()
    assert seen["changes"][0]["data"] is None
    bad = client.post(
        "/sync/rows", headers=hub, json={"keys": [{"entity": "booking", "id": "nope"}]}
    )
    assert (bad.status_code, bad.json()["error"]["fields"][0]["field"]) == (400, "keys.id")
