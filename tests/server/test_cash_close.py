"""The cash close on the server: expected = float + this till's payments of the day −
its refunds of the day, per method; a difference needs a note; one close per till
and day (a second open or close is refused with a clear code)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import CashClose
from tests.helpers.clinic import Clinic, at, future_day
from tests.helpers.clock import Clock, morning_of
from tests.server.test_sync_api import booking_args, mutation


def test_a_till_day_is_opened_once_and_closed_once_against_its_own_payments(
    client: TestClient, desk: dict[str, str], clinic: Clinic, clock: Clock, store: Engine
) -> None:
    day = future_day()
    clock.at = morning_of(day, clinic.zone, hour=20)  # the evening of the till's day
    till, other_till = str(uuid.uuid4()), str(uuid.uuid4())
    b1 = booking_args(clinic, at(day, "10:00"))
    p1, p2, p3, p4 = (str(uuid.uuid4()) for _ in range(4))
    close_id = str(uuid.uuid4())

    def pay(pid: str, amount: int, method: str, when: str, at_till: str = till) -> dict[str, Any]:
        return {
            "booking_id": b1["booking_id"],
            "payment_id": pid,
            "amount_minor": amount,
            "method": method,
            "taken_at": at(day, when),
            "till_id": at_till,
        }

    changes: list[tuple[str, dict[str, Any]]] = [
        ("booking.create", b1),
        ("cash.open", {"close_id": close_id, "till_id": till, "day": day.isoformat(),
                       "float_minor": 1_000_000, "at": at(day, "08:00")}),
        ("payment.record", pay(p1, 500_000, "cash", "10:40")),
        ("payment.record", pay(p2, 300_000, "card", "10:50")),
        ("payment.record", pay(p3, 200_000, "cash", "11:00")),
        ("payment.record", pay(p4, 700_000, "cash", "11:10", other_till)),  # another desk's
        ("payment.refund", {"payment_id": p3, "reason": "duplicado", "till_id": till,
                            "at": at(day, "12:00")}),
    ]  # fmt: skip
    cid = str(uuid.uuid4())
    seq = 0

    def push(name: str, args: dict[str, Any]) -> dict[str, Any]:
        nonlocal seq
        seq += 1
        answer = client.post(
            "/sync/push",
            json={"client_id": cid, "mutations": [mutation(seq, name, **args)]},
            headers=desk,
        )
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()["results"][0]
        return result

    for name, args in changes:
        assert push(name, args)["status"] == "applied", name
    # Expected cash: float 10,000 + 5,000 + 2,000 − 2,000 refunded = 15,000; card 3,000.
    # A count that differs without a note is refused, naming the note.
    counted = {"cash": 1_490_000, "card": 300_000, "transfer": 0, "other": 0}
    refused = push("cash.close", {"close_id": close_id, "counted": counted})
    assert (refused["status"], refused["field"], refused["code"]) == (
        "rejected",
        "note",
        "required",
    )
    closed = push("cash.close", {"close_id": close_id, "counted": counted, "note": "faltan 100"})
    assert closed["status"] == "applied"
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        row = s.get(CashClose, (clinic.tenant_id, uuid.UUID(close_id)))
        assert row is not None
        assert row.expected == {"cash": 1_500_000, "card": 300_000, "transfer": 0, "other": 0}
        assert row.counted == counted
        assert row.note == "faltan 100"
        assert row.closed_at is not None
    # One close per till and day: a second close, and a second opening, are refused.
    again = push("cash.close", {"close_id": close_id, "counted": counted, "note": "otra vez"})
    assert (again["status"], again["code"]) == ("rejected", "already_closed")
    reopened = push(
        "cash.open",
        {"close_id": str(uuid.uuid4()), "till_id": till, "day": day.isoformat(), "float_minor": 0},
    )
    assert (reopened["status"], reopened["code"], reopened["field"]) == (
        "rejected",
        "already_open",
        "day",
    )
    # Another till opens the same day on its own.
    mine = push(
        "cash.open",
        {"close_id": str(uuid.uuid4()), "till_id": other_till, "day": day.isoformat(),
         "float_minor": 0},
    )  # fmt: skip
    assert mine["status"] == "applied"
