"""Queue boards on the server: enrolled by a one-time code of their own kind, they pull
today's queue of their location with no customer field, and change nothing."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import WalkinTicket
from server.sync.scopes import BOARD_FIELDS
from tests.helpers.clinic import Clinic, at, make_clinic, sign_in
from tests.helpers.clock import Clock, morning_of

MONDAY = date(2026, 3, 16)  # the server's clock is set to its morning
WALKIN_NAME = "Rosaura Quintana"


def board_headers(client: TestClient, desk: dict[str, str], clinic: Clinic) -> dict[str, str]:
    made = client.post(
        "/setup/kiosks",
        headers=desk,
        json={"location_id": str(clinic.location_id), "name": "Sala", "kind": "board"},
    )
    assert made.status_code == 201, made.text
    code = made.json()["enrollment_code"]
    # A board's code is not a kiosk's: it does not enrol a kiosk.
    assert client.post("/auth/kiosk-enroll", json={"enrollment_code": code}).status_code == 401
    enrolled = client.post("/auth/board-enroll", json={"enrollment_code": code})
    assert enrolled.status_code == 200, enrolled.text
    signed = client.post(
        "/auth/device-sign-in", json={"device_token": enrolled.json()["device_token"]}
    )
    assert signed.status_code == 200, signed.text
    assert signed.json()["role"] == "board"
    return {"Authorization": f"Bearer {signed.json()['access_token']}"}


def pull_rows(client: TestClient, headers: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    answer = client.get("/sync/pull", headers=headers, params={"limit": 1000})
    assert answer.status_code == 200, answer.text
    assert not answer.json()["more"]
    rows: dict[str, list[dict[str, Any]]] = {}
    for change in answer.json()["changes"]:
        if change["data"] is not None:
            rows.setdefault(change["entity"], []).append(change["data"])
    return rows


def book(client: TestClient, desk: dict[str, str], clinic: Clinic, hhmm: str) -> str:
    body = {
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "provider_id": str(clinic.ana),
        "start_at": at(MONDAY, hhmm),
    }
    made = client.post("/bookings", headers=desk, json=body)
    assert made.status_code == 201, made.text
    return str(made.json()[0]["booking_id"])


def test_a_board_pulls_todays_queue_without_a_customer_field(
    client: TestClient, desk: dict[str, str], clinic: Clinic, clock: Clock, store: Engine
) -> None:
    clock.at = morning_of(MONDAY, clinic.zone)
    arrived, served, to_come = (book(client, desk, clinic, t) for t in ("10:00", "11:00", "12:00"))
    for booking_id, statuses in ((arrived, ["checked_in"]), (served, ["checked_in", "in_service"])):
        for status in statuses:
            moved = client.post(
                f"/bookings/{booking_id}/status", headers=desk, json={"status": status}
            )
            assert moved.status_code == 200, moved.text
    ticket = client.post(
        "/walkins",
        headers=desk,
        json={"location_id": str(clinic.location_id), "customer_name": WALKIN_NAME},
    )
    assert ticket.status_code == 201, ticket.text
    # Issued by the real clock (server/walkins/service.py): moved to the clock's Monday.
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        s.execute(
            update(WalkinTicket)
            .where(WalkinTicket.ticket_id == uuid.UUID(ticket.json()["ticket_id"]))
            .values(day=MONDAY, issued_at=clock.at)
        )
        s.commit()
    called = client.post(
        f"/walkins/{ticket.json()['ticket_id']}/status",
        headers=desk,
        json={"status": "called", "provider_id": str(clinic.bruno)},
    )
    assert called.status_code == 200, called.text
    board = board_headers(client, desk, clinic)
    rows = pull_rows(client, board)
    assert set(rows) <= {"tenant", "location", "provider", "booking", "walkin_ticket"}
    assert {b["booking_id"]: b["status"] for b in rows["booking"]} == {
        arrived: "checked_in",
        served: "in_service",
    }  # the one still to come is not the waiting room's business
    assert to_come not in {b["booking_id"] for b in rows["booking"]}
    for entity in ("booking", "walkin_ticket", "provider", "location"):
        for row in rows[entity]:
            assert set(row) <= set(BOARD_FIELDS[entity]), entity
    (walkin,) = rows["walkin_ticket"]
    assert walkin["status"] == "called"
    assert walkin["provider_id"] == str(clinic.bruno)
    assert walkin["called_at"]
    shown = json.dumps(rows, ensure_ascii=False)  # every row's data, names unescaped
    for name in (WALKIN_NAME, "Juan", "Pérez", str(clinic.customer)):
        assert name not in shown


def test_a_board_sends_no_change_and_reads_no_rest_route(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    board = board_headers(client, desk, clinic)
    pushed = client.post(
        "/sync/push",
        headers=board,
        json={
            "client_id": str(uuid.uuid4()),
            "mutations": [
                {
                    "seq": 1,
                    "name": "walkin.create",
                    "args": {
                        "ticket_id": str(uuid.uuid4()),
                        "location_id": str(clinic.location_id),
                    },
                }
            ],
        },
    )
    assert pushed.status_code == 403
    assert pushed.json()["error"]["code"] == "board_read_only"
    assert client.get("/customers", headers=board).status_code == 403
    assert client.get("/walkins", headers=board).status_code == 403


def test_a_board_sees_only_its_own_location_and_is_revoked_at_once(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    other = make_clinic(store, "b")
    theirs = sign_in(client, other.reception_email)
    client.post("/walkins", headers=theirs, json={"location_id": str(other.location_id)})
    board = board_headers(client, desk, clinic)
    rows = pull_rows(client, board)
    assert rows.get("walkin_ticket", []) == []
    assert [t["name"] for t in rows["tenant"]] == ["Clínica A"]
    listed = client.get("/setup/kiosks", headers=desk).json()
    (made,) = [k for k in listed if k["kind"] == "board"]
    revoked = client.post(f"/setup/kiosks/{made['device_id']}/revoke", headers=desk)
    assert revoked.status_code == 200, revoked.text
    gone = client.get("/sync/pull", headers=board)
    assert gone.status_code == 401
    assert "queue board" in gone.json()["error"]["message"]
