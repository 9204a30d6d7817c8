"""A client id belongs to whoever first pushed with it: nobody else may push under it
(using up its seqs) or read what it had refused, on both stores."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from tests.helpers.clinic import Clinic, at, enrol_kiosk, future_day, sign_in
from tests.server.test_sync_api import booking_args, mutation


def _kiosk(client: TestClient, admin: dict[str, str], clinic: Clinic) -> dict[str, str]:
    made = enrol_kiosk(client, admin, str(clinic.location_id))
    signed = client.post("/auth/device-sign-in", json={"device_token": made["device_token"]})
    return {"Authorization": f"Bearer {signed.json()['access_token']}"}


def _push(client: TestClient, who: dict[str, str], cid: str, *mutations: Any) -> Any:
    return client.post(
        "/sync/push", headers=who, json={"client_id": cid, "mutations": list(mutations)}
    )


def test_a_refusal_is_read_only_by_the_client_that_made_it(
    client: TestClient, desk: dict[str, str], admin: dict[str, str], clinic: Clinic
) -> None:
    cid = str(uuid.uuid4())
    # A refused change keeps its args, customer data included.
    refused = _push(
        client,
        desk,
        cid,
        mutation(
            1,
            "customer.create",
            customer_id=str(uuid.uuid4()),
            first_name="",
            last_name="Secreta",
            phone="+5491155554444",
            national_id="31999888",
        ),
    )
    assert refused.json()["results"][0]["status"] == "rejected"
    mine = client.get("/sync/rejections", params={"client_id": cid}, headers=desk)
    assert mine.status_code == 200
    assert mine.json()[0]["args"]["national_id"] == "31999888"
    kiosk = _kiosk(client, admin, clinic)
    for other in (admin, kiosk, sign_in(client, clinic.provider_email)):
        answer = client.get("/sync/rejections", params={"client_id": cid}, headers=other)
        assert answer.status_code == 403, answer.text
        assert answer.json()["error"]["code"] == "client_not_yours"
        assert "31999888" not in answer.text
    # A client id nobody pushed with has nothing to show.
    unknown = client.get("/sync/rejections", params={"client_id": str(uuid.uuid4())}, headers=desk)
    assert unknown.json() == []


def test_another_principal_cannot_use_up_a_desks_seq(
    client: TestClient, desk: dict[str, str], admin: dict[str, str], clinic: Clinic
) -> None:
    cid = str(uuid.uuid4())
    day = future_day()
    first = booking_args(clinic, at(day, "10:00"))
    assert _push(client, desk, cid, mutation(1, "booking.create", **first)).status_code == 200
    kiosk = _kiosk(client, admin, clinic)
    second = booking_args(clinic, at(day, "11:00"))
    for other in (kiosk, admin):  # even a more powerful role of the same tenant
        stolen = _push(client, other, cid, mutation(2, "booking.create", **second))
        assert stolen.status_code == 403, stolen.text
        assert stolen.json()["error"]["code"] == "client_not_yours"
    # The desk's own seq 2 lands.
    mine = _push(client, desk, cid, mutation(2, "booking.create", **second))
    assert mine.status_code == 200, mine.text
    assert mine.json()["results"][0]["status"] == "applied"
    assert client.get(f"/bookings/{second['booking_id']}", headers=desk).status_code == 200


def test_a_new_session_of_the_same_person_keeps_its_client(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    cid = str(uuid.uuid4())
    day = future_day()
    assert (
        _push(
            client,
            desk,
            cid,
            mutation(1, "booking.create", **booking_args(clinic, at(day, "10:00"))),
        ).json()["results"][0]["status"]
        == "applied"
    )
    again = sign_in(client, clinic.reception_email)  # signed in anew on the same desk
    later = _push(
        client, again, cid, mutation(2, "booking.create", **booking_args(clinic, at(day, "12:00")))
    )
    assert later.json()["results"][0]["status"] == "applied", later.text
