from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import Payment
from tests.helpers.clinic import Clinic, at, error_fields, future_day


def test_customer_search_by_name_phone_or_dni(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    made = client.post(
        "/customers",
        headers=desk,
        json={
            "first_name": "María José",
            "last_name": "Núñez",
            "phone": "+54 9 351 555-1234",
            "national_id": "25.444.333",
            "email": "MJ.Nunez@Example.com",
        },
    )
    assert made.status_code == 201, made.text
    assert made.json()["phone"] == "+5493515551234"
    assert made.json()["national_id"] == "25444333"
    assert made.json()["email"] == "mj.nunez@example.com"
    for query in ("nuñez", "NUNEZ maria", "351 555", "25.444.333", "5551234"):
        found = client.get("/customers", params={"q": query}, headers=desk).json()
        assert [c["last_name"] for c in found] == ["Núñez"], query
    assert client.get("/customers", params={"q": "100%"}, headers=desk).json() == []


def test_customer_bad_input_and_duplicates(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    cases = [
        ({"first_name": "", "last_name": "X"}, "first_name", 422),
        ({"first_name": "A", "last_name": "B", "phone": "llamame"}, "phone", 422),
        ({"first_name": "A", "last_name": "B", "email": "a@"}, "email", 422),
        ({"first_name": "A", "last_name": "B", "national_id": "30123456"}, "national_id", 409),
        (
            {"first_name": "A", "last_name": "B", "date_of_birth": "2999-01-01"},
            "date_of_birth",
            422,
        ),
        ({"first_name": "A", "last_name": "B", "date_of_birth": "yesterday"}, "date_of_birth", 422),
    ]
    for body, field, status in cases:
        response = client.post("/customers", json=body, headers=desk)
        assert response.status_code == status, (body, response.text)
        assert error_fields(response) == [field], body
    updated = client.patch(
        f"/customers/{clinic.customer}",
        headers=desk,
        json={"notes": "Prefiere la mañana", "phone": "11 4444 5555"},
    )
    assert updated.json()["notes"] == "Prefiere la mañana"
    assert updated.json()["phone"] == "+541144445555"


def test_phones_are_kept_in_e164_and_found_in_any_form(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    made = client.post(
        "/customers",
        headers=desk,
        json={"first_name": "Lucía", "last_name": "Paz", "phone": "11 4567-8901"},
    )
    assert made.status_code == 201, made.text
    assert made.json()["phone"] == "+541145678901"  # the clinic is in Buenos Aires
    for query in ("11 4567-8901", "1145678901", "+5491145678901", "+54 11 4567 8901"):
        found = client.get("/customers", params={"q": query}, headers=desk).json()
        assert [c["last_name"] for c in found] == ["Paz"], query
    refused = client.post(
        "/customers",
        headers=desk,
        json={"first_name": "Sin", "last_name": "Característica", "phone": "4567-8901"},
    )
    assert refused.status_code == 422
    assert error_fields(refused) == ["phone"]
    assert "area code" in refused.json()["error"]["fields"][0]["message"]


def _booking(client: TestClient, desk: dict[str, str], clinic: Clinic) -> str:
    made = client.post(
        "/bookings",
        headers=desk,
        json={
            "customer_id": str(clinic.customer),
            "service_id": str(clinic.consult),
            "provider_id": str(clinic.ana),
            "start_at": at(future_day(), "10:00"),
        },
    )
    return str(made.json()[0]["booking_id"])


def test_payments_record_refund_and_refuse_bad_amounts(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    booking_id = _booking(client, desk, clinic)
    url = f"/bookings/{booking_id}/payments"
    paid = client.post(url, headers=desk, json={"amount_minor": 2_500_000, "method": "card"})
    assert paid.status_code == 201, paid.text
    assert paid.json()["currency"] == "ARS"
    assert paid.json()["status"] == "completed"
    bad = [
        ({"amount_minor": -2500, "method": "cash"}, "amount_minor", 422),
        ({"amount_minor": 0, "method": "cash"}, "amount_minor", 422),
        ({"amount_minor": 12.5, "method": "cash"}, "amount_minor", 422),
        ({"amount_minor": 100, "method": "bitcoin"}, "method", 422),
        ({"amount_minor": 100, "method": "cash", "currency": "USD"}, "currency", 422),
        ({"amount_minor": 100, "method": "cash", "status": "refunded"}, "status", 422),
    ]
    for body, field, status in bad:
        response = client.post(url, json=body, headers=desk)
        assert response.status_code == status, (body, response.text)
        assert error_fields(response) == [field], body
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1
    pid = paid.json()["payment_id"]
    # A refund says why.
    bare = client.post(f"/payments/{pid}/status", json={"status": "refunded"}, headers=desk)
    assert bare.status_code == 422, bare.text
    assert error_fields(bare) == ["reason"]
    refund = client.post(
        f"/payments/{pid}/status",
        json={"status": "refunded", "reason": "  charged twice "},
        headers=desk,
    )
    assert refund.json()["status"] == "refunded"
    assert refund.json()["reason"] == "charged twice"
    assert refund.json()["reversed_at"] is not None
    again = client.post(f"/payments/{pid}/status", json={"status": "completed"}, headers=desk)
    assert again.status_code == 409
    assert error_fields(again) == ["status"]
    assert len(client.get(url, headers=desk).json()) == 1


def test_walkin_tickets_are_numbered_per_location_and_day(
    client: TestClient, desk: dict[str, str], admin: dict[str, str], clinic: Clinic
) -> None:
    second = client.post("/setup/locations", json={"name": "Sede Belgrano"}, headers=admin)
    labels = []
    for location in (
        clinic.location_id,
        clinic.location_id,
        second.json()["location_id"],
        clinic.location_id,
    ):
        ticket = client.post(
            "/walkins",
            json={"location_id": str(location), "customer_name": "  Rosa   María "},
            headers=desk,
        )
        assert ticket.status_code == 201, ticket.text
        labels.append(ticket.json()["label"])
    # The desk's tickets carry its letter (M, mostrador); kiosks have others.
    assert labels == ["M001", "M002", "M001", "M003"]
    day = datetime.now(clinic.zone).date()
    queue = client.get(
        "/walkins",
        params={"location_id": str(clinic.location_id), "day": day.isoformat()},
        headers=desk,
    ).json()
    assert [t["number"] for t in queue] == [1, 2, 3]
    assert queue[0]["customer_name"] == "Rosa María"
    first = queue[0]["ticket_id"]
    called = client.post(
        f"/walkins/{first}/status",
        headers=desk,
        json={"status": "called", "provider_id": str(clinic.bruno)},
    )
    assert called.json()["called_at"] is not None
    assert called.json()["provider_id"] == str(clinic.bruno)
    for status in ("serving", "served"):
        assert (
            client.post(
                f"/walkins/{first}/status", json={"status": status}, headers=desk
            ).status_code
            == 200
        )
    back = client.post(f"/walkins/{first}/status", json={"status": "waiting"}, headers=desk)
    assert back.status_code == 409
