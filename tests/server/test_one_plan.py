"""A rule added to the booking plan holds in every way a booking is made: the desk's
optimistic check, POST /bookings, and a push (its fast path on PostgreSQL included)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.domain import booking_plan
from app.domain.errors import ConflictError
from app.sync import effects
from app.sync.replica import Replica
from server.sync import express
from tests.helpers.clinic import Clinic, at, future_day

CODE = "provider_off_mondays"


def _monday_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7 or 7)


def _args(clinic: Clinic, start: str) -> dict[str, Any]:
    return {
        "booking_id": str(uuid.uuid4()),
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "provider_id": str(clinic.ana),
        "start_at": start,
    }


def _push(client: TestClient, desk: dict[str, str], cid: str, seq: int, args: Any) -> Any:
    body = {"client_id": cid, "mutations": [{"seq": seq, "name": "booking.create", "args": args}]}
    response = client.post("/sync/push", json=body, headers=desk)
    assert response.status_code == 200, response.text
    [result] = response.json()["results"]
    return result


def test_a_rule_added_to_the_plan_is_kept_by_desk_rest_and_push(
    store: Engine,
    client: TestClient,
    desk: dict[str, str],
    clinic: Clinic,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monday = _monday_after(future_day())
    tuesday = monday + timedelta(days=1)

    def ana_off_on_mondays(c: booking_plan.Candidate) -> None:
        if (
            c.provider.provider_id == clinic.ana
            and c.start_at.astimezone(c.provider.zone).weekday() == 0
        ):
            raise ConflictError("start_at", CODE, "Ana does not work on Mondays")

    # The desk's replica, as a first sync fills it.
    pulled = client.get("/sync/pull", params={"cursor": "0", "limit": 5000}, headers=desk)
    replica = Replica(tmp_path / "desk.db")
    replica.apply_changes(pulled.json()["changes"], pulled.json()["cursor"])
    # Before the rule: the same Monday booking is fine everywhere (so it is the rule
    # that refuses it below).
    effects.prepare(replica, "booking.create", _args(clinic, at(monday, "10:00")))

    monkeypatch.setattr(booking_plan, "RULES", [ana_off_on_mondays])
    taken: list[str] = []
    original = express.create_booking

    def spy(*a: Any) -> bool:
        try:
            handled = original(*a)
        except express.RefusedError as refused:
            taken.append(refused.cause.code)
            raise
        taken.append("applied" if handled else "general")
        return handled

    monkeypatch.setattr(express, "create_booking", spy)

    # The desk refuses it at once, before anything is queued.
    with pytest.raises(ConflictError) as desk_said:
        effects.prepare(replica, "booking.create", _args(clinic, at(monday, "10:00")))
    assert desk_said.value.code == CODE
    effects.prepare(replica, "booking.create", _args(clinic, at(tuesday, "10:00")))

    # POST /bookings.
    refused = client.post("/bookings", json=_args(clinic, at(monday, "11:00")), headers=desk)
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["code"] == CODE
    ok = client.post("/bookings", json=_args(clinic, at(tuesday, "11:00")), headers=desk)
    assert ok.status_code == 201, ok.text

    # A push (the catalogue is loaded by now, so on PostgreSQL it goes the short way).
    cid = str(uuid.uuid4())
    assert _push(client, desk, cid, 1, _args(clinic, at(tuesday, "12:00")))["status"] == "applied"
    said = _push(client, desk, cid, 2, _args(clinic, at(monday, "12:00")))
    assert (said["status"], said["code"]) == ("rejected", CODE)
    if store.dialect.name == "postgresql":
        # Neither the general path's: the first (a new client's) went the route's short
        # way, the second was refused in a group (tests/server/test_grouped_push.py).
        assert taken == ["applied"]


def test_moving_a_booking_keeps_the_added_rule_too(
    client: TestClient,
    desk: dict[str, str],
    clinic: Clinic,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monday = _monday_after(future_day())
    tuesday = monday + timedelta(days=1)
    made = client.post("/bookings", json=_args(clinic, at(tuesday, "10:00")), headers=desk)
    assert made.status_code == 201, made.text
    booking_id = made.json()[0]["booking_id"]
    pulled = client.get("/sync/pull", params={"cursor": "0", "limit": 5000}, headers=desk)
    replica = Replica(tmp_path / "desk.db")
    replica.apply_changes(pulled.json()["changes"], pulled.json()["cursor"])
    move = {"booking_id": booking_id, "start_at": at(monday, "10:00")}
    effects.prepare(replica, "booking.reschedule", move)  # fine before the rule

    def nothing_on_mondays(c: booking_plan.Candidate) -> None:
        if c.start_at.astimezone(c.provider.zone).weekday() == 0:
            raise ConflictError("start_at", CODE, "closed on Mondays")

    monkeypatch.setattr(booking_plan, "RULES", [nothing_on_mondays])
    with pytest.raises(ConflictError) as desk_said:
        effects.prepare(replica, "booking.reschedule", move)
    assert desk_said.value.code == CODE
    refused = client.post(
        f"/bookings/{booking_id}/reschedule", json={"start_at": move["start_at"]}, headers=desk
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["code"] == CODE
    body = {
        "client_id": str(uuid.uuid4()),
        "mutations": [{"seq": 1, "name": "booking.reschedule", "args": move}],
    }
    [said] = client.post("/sync/push", json=body, headers=desk).json()["results"]
    assert (said["status"], said["code"]) == ("rejected", CODE)
