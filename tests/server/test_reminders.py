"""Marking a booking 'reminded' through a push, on both stores: when and who are kept,
the mark can be taken back, it is dated no later than the server's time, bookings
with nobody left to remind refuse it, and the audit trail records it."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import AuditEvent, Booking, StaffUser
from tests.helpers.clinic import Clinic, at, future_day
from tests.helpers.clock import Clock, morning_of
from tests.server.test_sync_api import booking_args, mutation


def push(
    client: TestClient, headers: dict[str, str], cid: str, *changes: dict[str, Any]
) -> list[dict[str, Any]]:
    response = client.post(
        "/sync/push", json={"client_id": cid, "mutations": list(changes)}, headers=headers
    )
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def stored(store: Engine, booking_id: str) -> Booking:
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        booking = s.scalars(
            select(Booking).where(Booking.booking_id == uuid.UUID(booking_id))
        ).one()
        s.expunge(booking)
        return booking


def test_a_reminder_is_kept_with_when_and_who_and_can_be_taken_back(
    client: TestClient, desk: dict[str, str], clinic: Clinic, clock: Clock, store: Engine
) -> None:
    day = future_day()
    clock.at = morning_of(day, clinic.zone) - timedelta(days=1)  # the day before, 08:00
    first, second = booking_args(clinic, at(day, "10:00")), booking_args(clinic, at(day, "11:00"))
    b1, b2 = first["booking_id"], second["booking_id"]
    called = clock.at - timedelta(minutes=40)  # marked offline, pushed 40 minutes later
    ahead = clock.at + timedelta(hours=2)  # a desk whose clock runs ahead
    cid = str(uuid.uuid4())
    results = push(
        client,
        desk,
        cid,
        mutation(1, "booking.create", **first),
        mutation(2, "booking.create", **second),
        mutation(3, "booking.remind", booking_id=b1, at=called.isoformat()),
        mutation(4, "booking.remind", booking_id=b2, at=ahead.isoformat()),
    )
    assert [r["status"] for r in results] == ["applied"] * 4
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        reception = s.scalars(
            select(StaffUser.user_id).where(StaffUser.email == clinic.reception_email)
        ).one()
    one, two = stored(store, b1), stored(store, b2)
    assert (one.reminded_at, one.reminded_by) == (called, reception)
    assert (two.reminded_at, two.reminded_by) == (clock.at, reception)  # not in the future
    # Pulled by a desk like any change of the booking.
    pulled = client.get("/sync/pull", params={"cursor": "0"}, headers=desk).json()
    [row] = [c["data"] for c in pulled["changes"] if c["id"] == b1]
    assert datetime.fromisoformat(row["reminded_at"]) == called
    assert row["reminded_by"] == str(reception)
    # A mark made by mistake is taken back.
    [back] = push(client, desk, cid, mutation(5, "booking.remind", booking_id=b1, reminded=False))
    assert back["status"] == "applied"
    assert (stored(store, b1).reminded_at, stored(store, b1).reminded_by) == (None, None)
    # The audit trail says who did it and what changed.
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        events = list(
            s.scalars(
                select(AuditEvent)
                .where(AuditEvent.action == "booking.remind")
                .order_by(AuditEvent.client_seq)
            )
        )
    assert [(e.client_seq, e.entity_id, e.actor_id) for e in events] == [
        (3, b1, reception),
        (4, b2, reception),
        (5, b1, reception),
    ]
    assert events[0].changes[0]["fields"]["reminded_by"] == [None, str(reception)]
    assert events[2].changes[0]["fields"]["reminded_by"] == [str(reception), None]


def test_a_cancelled_booking_has_nobody_to_remind(
    client: TestClient, desk: dict[str, str], clinic: Clinic, clock: Clock, store: Engine
) -> None:
    day = future_day()
    clock.at = morning_of(day, clinic.zone) - timedelta(days=1)
    args = booking_args(clinic, at(day, "10:00"))
    results = push(
        client,
        desk,
        str(uuid.uuid4()),
        mutation(1, "booking.create", **args),
        mutation(2, "booking.cancel", booking_id=args["booking_id"], reason="no viene"),
        mutation(3, "booking.remind", booking_id=args["booking_id"]),
    )
    assert [r["status"] for r in results] == ["applied", "applied", "rejected"]
    assert (results[2]["code"], results[2]["field"]) == ("not_remindable", "booking_id")
    assert stored(store, args["booking_id"]).reminded_at is None
