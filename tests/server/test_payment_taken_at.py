"""A payment is dated by when the desk took it (`taken_at`), within what an offline
desk's clock could give: not ahead of the server's by more than a few minutes, not
more than 31 days behind."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from fastapi.testclient import TestClient

from app.domain.timezones import local_to_utc
from tests.helpers.clinic import BA, Clinic, at, error_fields, future_day
from tests.helpers.clock import Clock


def test_a_payment_keeps_the_desks_instant_and_refuses_impossible_ones(
    client: TestClient, desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    day = future_day()
    now = local_to_utc(day, time(12), BA)  # the server's clock: noon of the booking's day
    clock.at = now
    made = client.post(
        "/bookings",
        headers=desk,
        json={
            "customer_id": str(clinic.customer),
            "service_id": str(clinic.consult),
            "provider_id": str(clinic.ana),
            "start_at": at(day, "15:00"),
        },
    )
    assert made.status_code == 201, made.text
    url = f"/bookings/{made.json()[0]['booking_id']}/payments"

    def pay(**extra: str) -> dict[str, Any]:
        response = client.post(
            url, headers=desk, json={"amount_minor": 100, "method": "cash", **extra}
        )
        return {"status": response.status_code, "body": response.json()}

    # Omitted: the server's now.
    plain = pay()
    assert plain["status"] == 201
    assert datetime.fromisoformat(plain["body"]["taken_at"]) == now
    # Taken two days ago by a desk that was offline since: kept as taken.
    earlier = now - timedelta(days=2, minutes=10)
    kept = pay(taken_at=earlier.isoformat())
    assert kept["status"] == 201
    assert datetime.fromisoformat(kept["body"]["taken_at"]) == earlier
    # A couple of minutes ahead is a drifting PC clock, not an error.
    assert pay(taken_at=(now + timedelta(minutes=2)).isoformat())["status"] == 201
    for wrong, code in (
        (now + timedelta(minutes=30), "in_the_future"),
        (now - timedelta(days=40), "too_old"),
    ):
        response = client.post(
            url,
            headers=desk,
            json={"amount_minor": 100, "method": "cash", "taken_at": wrong.isoformat()},
        )
        assert response.status_code == 422, response.text
        assert error_fields(response) == ["taken_at"]
        assert response.json()["error"]["code"] == code
