"""Hostile and broken input gets a refusal that names the field, never a 500.

Each case here gave a 500 (or stored something no answer could carry) before the one
validation layer (app/validation.py); on both stores, as NUL, bigint and the tz
database are where they differ.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers.clinic import Clinic, at, error_fields, future_day

JSON = {"content-type": "application/json"}
Call = Callable[[TestClient, Clinic, dict[str, str]], Any]


def push(client: TestClient, headers: dict[str, str], *mutations: dict[str, Any]) -> Any:
    body = {"client_id": str(uuid.uuid4()), "mutations": list(mutations)}
    return client.post("/sync/push", json=body, headers=headers)


def raw_json(text: str) -> bytes:
    """A JSON body as a hostile client writes it: `\\udfff` escapes survive as such."""
    return text.encode()


NUL = "Ana\x00María"

# Text fields of every kind of route: sign-in, a search, customers, setup, walk-ins.
NUL_CASES: dict[str, tuple[Call, str]] = {
    "sign-in email": (
        lambda c, k, h: c.post("/auth/sign-in", json={"email": "a\x00@b.test", "password": "x"}),
        "email",
    ),
    "customer search": (lambda c, k, h: c.get("/customers?q=ab%00cd", headers=h), "q"),
    "customer name": (
        lambda c, k, h: c.post(
            "/customers", headers=h, json={"first_name": NUL, "last_name": "Pérez"}
        ),
        "first_name",
    ),
    "customer update": (
        lambda c, k, h: c.patch(f"/customers/{k.customer}", headers=h, json={"notes": NUL}),
        "notes",
    ),
    "location": (lambda c, k, h: c.post("/setup/locations", headers=h, json={"name": NUL}), "name"),
    "kiosk": (
        lambda c, k, h: c.post(
            "/setup/kiosks", headers=h, json={"location_id": str(k.location_id), "name": NUL}
        ),
        "name",
    ),
    "walk-in": (
        lambda c, k, h: c.post(
            "/walkins", headers=h, json={"location_id": str(k.location_id), "customer_name": NUL}
        ),
        "customer_name",
    ),
    "staff": (
        lambda c, k, h: c.post(
            "/setup/staff",
            headers=h,
            json={"email": "x@a.test", "display_name": NUL, "role": "reception", "password": "p"},
        ),
        "display_name",
    ),
}


@pytest.mark.parametrize("case", NUL_CASES)
def test_a_nul_byte_in_any_text_is_refused_naming_the_field(
    client: TestClient, clinic: Clinic, admin: dict[str, str], case: str
) -> None:
    call, field = NUL_CASES[case]
    response = call(client, clinic, admin)
    assert response.status_code == 422, response.text
    assert field in error_fields(response)
    assert "U+0000" in response.json()["error"]["message"]


def test_a_lone_surrogate_is_refused_and_never_stored(
    client: TestClient, clinic: Clinic, desk: dict[str, str]
) -> None:
    body = raw_json('{"first_name": "Ana \\udfff", "last_name": "Pérez"}')
    response = client.post("/customers", content=body, headers={**desk, **JSON})
    assert response.status_code == 422
    assert error_fields(response) == ["first_name"]
    # Through sync the change is refused and kept, and its author can still read why.
    client_id = str(uuid.uuid4())
    args = f'{{"customer_id": "{uuid.uuid4()}", "first_name": "\\udfff", "last_name": "P"}}'
    mutation = f'{{"seq": 1, "name": "customer.create", "args": {args}}}'
    pushed = client.post(
        "/sync/push",
        content=raw_json(f'{{"client_id": "{client_id}", "mutations": [{mutation}]}}'),
        headers={**desk, **JSON},
    )
    assert pushed.status_code == 200, pushed.text
    (result,) = pushed.json()["results"]
    assert (result["status"], result["field"]) == ("rejected", "args.first_name")
    for _ in range(2):  # every later read, not only the first
        refused = client.get("/sync/rejections", params={"client_id": client_id}, headers=desk)
        assert refused.status_code == 200, refused.text
        (kept,) = refused.json()
        assert (kept["seq"], kept["field"], kept["args"]) == (1, "args.first_name", {})


def test_numbers_json_does_not_have_are_refused_and_never_stored(
    client: TestClient, clinic: Clinic, desk: dict[str, str]
) -> None:
    """Python reads NaN and Infinity in a body; PostgreSQL's json refuses them, so
    keeping such a refused change failed the whole push."""
    client_id = str(uuid.uuid4())
    args = (
        f'{{"booking_id": "{uuid.uuid4()}", "payment_id": "{uuid.uuid4()}", '
        '"amount_minor": NaN, "method": "cash", "tip": -Infinity}'
    )
    mutation = f'{{"seq": 1, "name": "payment.record", "args": {args}}}'
    pushed = client.post(
        "/sync/push",
        content=raw_json(f'{{"client_id": "{client_id}", "mutations": [{mutation}]}}'),
        headers={**desk, **JSON},
    )
    assert pushed.status_code == 200, pushed.text
    (result,) = pushed.json()["results"]
    assert (result["status"], result["field"]) == ("rejected", "args.amount_minor")
    refused = client.get("/sync/rejections", params={"client_id": client_id}, headers=desk)
    assert refused.status_code == 200, refused.text
    assert [(r["seq"], r["args"]) for r in refused.json()] == [(1, {})]


def test_integers_past_64_bits_are_refused_naming_the_field(
    client: TestClient, clinic: Clinic, desk: dict[str, str]
) -> None:
    check_in = {"name": "booking.check_in", "args": {"booking_id": str(uuid.uuid4())}}
    for seq in (2**63, 2**70):
        response = push(client, desk, {"seq": seq, **check_in})
        assert response.status_code == 422, response.text
        assert error_fields(response) == ["mutations[0].seq"]
    # The largest bigint is still a seq (a gap, here, as this client starts at 1).
    assert push(client, desk, {"seq": 2**63 - 1, **check_in}).status_code == 409
    params = {"client_id": str(uuid.uuid4()), "after_seq": str(10**30)}
    response = client.get("/sync/rejections", params=params, headers=desk)
    assert response.status_code == 422
    assert error_fields(response) == ["after_seq"]
    cursor = f"{10**30}|booking|{uuid.uuid4()}"
    response = client.get("/sync/pull", params={"cursor": cursor}, headers=desk)
    assert response.status_code == 400
    assert error_fields(response) == ["cursor"]


def test_numbers_that_are_not_integers_are_refused(
    client: TestClient, clinic: Clinic, admin: dict[str, str]
) -> None:
    for weekday in (5.0, "5", True):
        interval = {"weekday": weekday, "start": "09:00", "end": "12:00"}
        response = client.put(
            f"/setup/providers/{clinic.ana}/hours", headers=admin, json={"hours": [interval]}
        )
        assert response.status_code == 422, (weekday, response.text)
        assert error_fields(response) == ["hours[0].weekday"]


@pytest.mark.parametrize("year", ["0001", "9999"])
def test_years_far_out_are_refused_naming_the_field(
    client: TestClient, clinic: Clinic, desk: dict[str, str], admin: dict[str, str], year: str
) -> None:
    instant = f"{year}-01-01T00:00:00+05:00" if year == "0001" else f"{year}-12-31T23:00:00-05:00"
    day = f"{year}-01-01" if year == "0001" else f"{year}-12-31"
    booking = {
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "start_at": instant,
    }
    made = client.post(
        "/bookings",
        headers=desk,
        json={**booking, "start_at": at(future_day(), "10:00"), "provider_id": str(clinic.ana)},
    )
    assert made.status_code == 201, made.text
    booking_id = made.json()[0]["booking_id"]
    cases = [
        (client.post("/bookings", headers=desk, json=booking), "start_at"),
        (
            client.post(
                f"/bookings/{booking_id}/reschedule", headers=desk, json={"start_at": instant}
            ),
            "start_at",
        ),
        (
            client.get(
                "/availability",
                params={"service_id": str(clinic.consult), "day": day},
                headers=desk,
            ),
            "day",
        ),
        (
            client.get("/bookings", params={"start": instant, "end": instant}, headers=desk),
            "start",
        ),
        (
            client.get(
                "/walkins",
                params={"location_id": str(clinic.location_id), "day": day},
                headers=desk,
            ),
            "day",
        ),
        (
            client.post(
                f"/setup/providers/{clinic.ana}/time-off",
                headers=admin,
                json={"start_at": instant, "end_at": instant},
            ),
            "start_at",
        ),
        (
            client.post(
                "/customers",
                headers=desk,
                json={"first_name": "A", "last_name": "B", "date_of_birth": day},
            ),
            "date_of_birth",
        ),
    ]
    for response, field in cases:
        assert response.status_code == 422, (field, response.text)
        assert field in error_fields(response)
        assert response.json()["error"]["fields"][0]["code"] == "out_of_range"
    # Through sync: refused and explained, the queue moves on.
    args = {"booking_id": booking_id, "start_at": instant}
    pushed = push(client, desk, {"seq": 1, "name": "booking.reschedule", "args": args})
    (result,) = pushed.json()["results"]
    assert (result["status"], result["field"]) == ("rejected", "args.start_at")


def test_a_time_zone_is_a_name_from_the_tz_database(
    client: TestClient, admin: dict[str, str]
) -> None:
    for name in ("A" * 5000, "Mars/Olympus_Mons", "../../etc/passwd", "America/Buenos Aires"):
        for response in (
            client.patch("/setup/tenant", headers=admin, json={"time_zone": name}),
            client.post("/setup/locations", headers=admin, json={"name": "X", "time_zone": name}),
        ):
            assert response.status_code == 422, (name[:20], response.text)
            assert error_fields(response) == ["time_zone"]
    kept = client.patch(
        "/setup/tenant", headers=admin, json={"time_zone": "America/Argentina/Cordoba"}
    )
    assert kept.status_code == 200, kept.text
    assert kept.json()["time_zone"] == "America/Argentina/Cordoba"


def test_opening_hours_are_wall_times_without_an_offset(
    client: TestClient, clinic: Clinic, admin: dict[str, str]
) -> None:
    hours = f"/setup/providers/{clinic.ana}/hours"
    for start, end in (("09:00:00+23:41", "21:28:20+23:41"), ("09:00Z", "18:00Z"), ("9", "18")):
        interval = {"weekday": 1, "start": start, "end": end}
        response = client.put(hours, headers=admin, json={"hours": [interval]})
        assert response.status_code == 422, response.text
        assert error_fields(response) == ["hours[0].start", "hours[0].end"]
    interval = {"weekday": 1, "start": "09:00", "end": "18:30:00"}
    response = client.put(hours, headers=admin, json={"hours": [interval]})
    assert response.status_code == 200, response.text
    assert response.json()["hours"] == [{"weekday": 1, "start": "09:00:00", "end": "18:30:00"}]
    # And the OpenAPI says what is taken and given: no "format: time" (which means a
    # time with an offset), a pattern of wall times.
    declared = client.get("/openapi.json").json()["components"]["schemas"]["IntervalIn"]
    assert "format" not in declared["properties"]["start"]
    assert declared["properties"]["start"]["pattern"].startswith("^")
    assert (
        declared["properties"]["weekday"] | {"minimum": 0, "maximum": 6}
        == declared["properties"]["weekday"]
    )


# Each of these passed the old pattern (something@something.something) and is no address.
BAD_EMAILS = ["ana..paz@clinica.com.ar", "ana@clinica.local", "ana@-clinica.com", "ana@a_b.com"]


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_a_malformed_email_is_refused_naming_the_field_and_why(
    client: TestClient, clinic: Clinic, admin: dict[str, str], email: str
) -> None:
    customer = client.post(
        "/customers", headers=admin, json={"first_name": "Ana", "last_name": "Paz", "email": email}
    )
    staff = client.post(
        "/setup/staff",
        headers=admin,
        json={"email": email, "display_name": "Ana", "role": "reception", "password": "pass-12345"},
    )
    for response in (customer, staff):
        assert response.status_code == 422, response.text
        assert error_fields(response) == ["email"]
        [detail] = response.json()["error"]["fields"]
        assert detail["code"] == "invalid_email"
        assert "is not a valid email address: " in detail["message"]
