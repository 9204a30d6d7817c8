"""Bodies no larger than their route takes, and refused changes no larger than a
desk's: a caller with no token cannot make the server read 64 MB, nor any caller
store megabytes with each refused change."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
from fastapi.testclient import TestClient

from tests.helpers.clinic import Clinic, at, error_fields, future_day

JSON = {"content-type": "application/json"}


def push(client: TestClient, headers: dict[str, str], *mutations: dict[str, Any]) -> Any:
    body = {"client_id": str(uuid.uuid4()), "mutations": list(mutations)}
    return client.post("/sync/push", json=body, headers=headers)


def test_a_body_larger_than_the_route_takes_is_refused_unread(
    client: TestClient, clinic: Clinic, desk: dict[str, str]
) -> None:
    big = json.dumps({"email": "a@b.test", "password": "x" * (300 * 1024)})
    response = client.post("/auth/sign-in", content=big, headers=JSON)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    # A push may be larger (a batch of changes), up to a few MB.
    notes = "n" * 3000
    batch = [
        {
            "seq": seq,
            "name": "booking.create",
            "args": {
                "booking_id": str(uuid.uuid4()),
                "customer_id": str(clinic.customer),
                "service_id": str(clinic.consult),
                "start_at": at(future_day(), "10:00"),
                "notes": notes,
            },
        }
        for seq in range(1, 201)
    ]
    fits = push(client, desk, *batch)
    assert fits.status_code == 200, fits.text[:300]
    huge = {"seq": 1, "name": "customer.create", "args": {"notes": "n" * 5_000_000}}
    response = push(client, desk, huge)
    assert response.status_code == 413
    assert error_fields(response) == []


def test_a_streamed_body_is_cut_off_at_the_limit(live_server: Any) -> None:
    """Sent in chunks, with no length declared: the server stops reading at the limit
    and says so, instead of reading (and parsing) 64 MB from a caller with no token."""
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        for _ in range(64):
            sent += 1
            yield b" " * 1024 * 1024

    response = httpx.post(
        f"{live_server.base_url}/auth/sign-in", content=chunks(), headers=JSON, timeout=30
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert sent < 32  # the rest was never asked for


def test_a_refused_change_keeps_its_args_only_when_they_are_small(
    client: TestClient, clinic: Clinic, desk: dict[str, str]
) -> None:
    client_id = str(uuid.uuid4())

    def refused_change(seq: int, notes: str) -> dict[str, Any]:
        # An unknown customer: refused whatever the notes (too long ones are refused too).
        args = {
            "booking_id": str(uuid.uuid4()),
            "customer_id": str(uuid.uuid4()),
            "service_id": str(clinic.consult),
            "start_at": at(future_day(), "10:00"),
            "notes": notes,
        }
        return {"seq": seq, "name": "booking.create", "args": args}

    small, large = refused_change(1, "llega tarde"), refused_change(2, "n" * 1_000_000)
    body = {"client_id": client_id, "mutations": [small, large]}
    pushed = client.post("/sync/push", json=body, headers=desk)
    assert [r["status"] for r in pushed.json()["results"]] == ["rejected", "rejected"]
    kept = client.get("/sync/rejections", params={"client_id": client_id}, headers=desk).json()
    assert [r["args"] for r in kept] == [small["args"], {}]
