"""A user of one business can neither see nor change anything of another."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.helpers.clinic import Clinic, at, future_day, make_clinic, sign_in


def test_tenant_a_cannot_read_or_change_tenant_b(
    client: TestClient, store: Engine, clinic: Clinic, desk: dict[str, str]
) -> None:
    other = make_clinic(store, prefix="b")
    other_desk = sign_in(client, other.reception_email)
    other_admin = sign_in(client, other.admin_email)
    day = future_day()
    made = client.post(
        "/bookings",
        headers=other_desk,
        json={
            "customer_id": str(other.customer),
            "service_id": str(other.consult),
            "provider_id": str(other.ana),
            "start_at": at(day, "10:00"),
        },
    )
    assert made.status_code == 201
    b_booking = made.json()[0]["booking_id"]

    # Reads: single objects are not found, lists do not include them.
    assert client.get(f"/bookings/{b_booking}", headers=desk).status_code == 404
    assert client.get(f"/customers/{other.customer}", headers=desk).status_code == 404
    listed = client.get(
        "/bookings", headers=desk, params={"start": at(day, "00:00"), "end": at(day, "23:59")}
    )
    assert listed.json() == []
    names = [c["last_name"] for c in client.get("/customers", headers=desk).json()]
    assert names == ["Pérez"]  # only our own Juan Pérez, not B's
    assert {p["provider_id"] for p in client.get("/setup/providers", headers=desk).json()} == {
        str(clinic.ana),
        str(clinic.bruno),
    }

    # Writes: every way of touching B's data from A fails and changes nothing.
    attempts = [
        client.post(f"/bookings/{b_booking}/status", json={"status": "checked_in"}, headers=desk),
        client.post(
            f"/bookings/{b_booking}/reschedule", json={"start_at": at(day, "11:00")}, headers=desk
        ),
        client.post(
            f"/bookings/{b_booking}/payments",
            json={"amount_minor": 100, "method": "cash"},
            headers=desk,
        ),
        client.patch(f"/customers/{other.customer}", json={"notes": "x"}, headers=desk),
        client.post(
            "/bookings",
            headers=desk,
            json={
                "customer_id": str(other.customer),
                "service_id": str(clinic.consult),
                "provider_id": str(clinic.ana),
                "start_at": at(day, "10:00"),
            },
        ),
        client.post(
            "/bookings",
            headers=desk,
            json={
                "customer_id": str(clinic.customer),
                "service_id": str(clinic.consult),
                "provider_id": str(other.ana),
                "start_at": at(day, "10:00"),
            },
        ),
    ]
    assert [r.status_code for r in attempts] == [404] * len(attempts)
    still = client.get(f"/bookings/{b_booking}", headers=other_desk).json()
    assert still["status"] == "confirmed"
    assert still["start_at"] == made.json()[0]["start_at"]
    assert client.get(f"/customers/{other.customer}", headers=other_desk).json()["notes"] == ""
    assert client.get(f"/bookings/{b_booking}/payments", headers=other_desk).json() == []
    # Setup of B is out of reach of A's admin too.
    a_admin = sign_in(client, clinic.admin_email)
    hours = {"hours": [{"weekday": 0, "start": "08:00", "end": "09:00"}]}
    assert (
        client.put(f"/setup/providers/{other.ana}/hours", json=hours, headers=a_admin).status_code
        == 404
    )
    assert client.get("/setup/tenant", headers=other_admin).json()["name"] == "Clínica B"


def test_same_email_in_two_businesses_must_choose(client: TestClient, store: Engine) -> None:
    from server.db.engine import ALL_TENANTS, make_session_factory
    from server.setup.tenants import create_tenant

    tenants = []
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        for name in ("Uno", "Dos"):
            tenant, _, _ = create_tenant(
                s, name=name, admin_email="owner@both.test", admin_password="owner-pass-1"
            )
            tenants.append(tenant.tenant_id)
        s.commit()
    ambiguous = client.post(
        "/auth/sign-in", json={"email": "owner@both.test", "password": "owner-pass-1"}
    )
    assert ambiguous.status_code == 400
    assert ambiguous.json()["error"]["fields"][0]["field"] == "tenant_id"
    chosen = client.post(
        "/auth/sign-in",
        json={"email": "owner@both.test", "password": "owner-pass-1", "tenant_id": str(tenants[1])},
    )
    assert chosen.json()["tenant"]["name"] == "Dos"
    unknown = client.post(
        "/auth/sign-in",
        json={
            "email": "owner@both.test",
            "password": "owner-pass-1",
            "tenant_id": "3f1e4a5c-0000-4000-8000-000000000000",
        },
    )
    assert unknown.status_code == 400
    assert unknown.json()["error"]["code"] == "unknown_tenant"
