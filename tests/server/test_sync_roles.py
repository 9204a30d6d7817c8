"""What each role's replica receives is never more than the same role reads through
REST: customers, payments, walk-ins and notes, per role, on both stores (PostgreSQL
makes a desk's page in SQL, SQLite in Python)."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from app.domain.timezones import local_to_utc, zone
from server.db.engine import ALL_TENANTS, make_session_factory
from server.demo import ADMIN_EMAIL, DEMO_PASSWORD, PROVIDER_EMAIL, RECEPTION_EMAIL, build_demo
from server.models import Customer, StaffUser
from tests.helpers.clinic import make_client, sign_in
from tests.server.test_sync_api import pull_all

BA = zone("America/Argentina/Buenos_Aires")


def _demo(store: Engine) -> tuple[list[Customer], Any]:
    # Around today (the server's sync window is), as of 10:00: any hour, any day.
    as_of = local_to_utc(datetime.now(BA).date(), time(10), BA)
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        build_demo(s, now=as_of)
        s.commit()
        customers = list(s.scalars(select(Customer)))
        laura = s.scalars(select(StaffUser).where(StaffUser.email == PROVIDER_EMAIL)).one()
        s.expunge_all()
    return customers, laura.provider_id


def _pulled(client: TestClient, email: str) -> tuple[dict[str, list[dict[str, Any]]], str]:
    headers = sign_in(client, email, DEMO_PASSWORD)
    changes, _ = pull_all(client, headers, full=True, limit=5000)
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for c in changes:
        by_entity.setdefault(c["entity"], []).append(c["data"])
    return by_entity, str(changes)


def test_desk_roles_get_the_whole_front_desk(store: Engine) -> None:
    customers, _ = _demo(store)
    with make_client(store) as client:
        for email in (RECEPTION_EMAIL, ADMIN_EMAIL):
            rows, _ = _pulled(client, email)
            assert len(rows["customer"]) == len(customers)
            assert {"phone", "national_id", "notes"} <= set(rows["customer"][0])
            assert rows["payment"]
            assert rows["walkin_ticket"]


def test_a_provider_gets_their_own_bookings_and_what_care_needs_only(store: Engine) -> None:
    customers, laura = _demo(store)
    with make_client(store) as client:
        headers = sign_in(client, PROVIDER_EMAIL, DEMO_PASSWORD)
        # The REST rules the replica must not exceed.
        assert client.get("/customers", headers=headers).status_code == 403
        where = {"location_id": str(uuid.uuid4()), "day": "2026-11-24"}
        assert client.get("/walkins", params=where, headers=headers).status_code == 403
        rows, text = _pulled(client, PROVIDER_EMAIL)
    assert "customer" not in rows
    assert "payment" not in rows
    assert "walkin_ticket" not in rows
    bookings = rows["booking"]
    assert bookings
    assert {b["provider_id"] for b in bookings} == {str(laura)}
    by_id = {str(c.customer_id): c for c in customers}
    for b in bookings:
        c = by_id[b["customer_id"]]
        assert b["customer_label"] == f"{c.first_name} {c.last_name}"
        assert b["customer_notes"] == c.notes
        assert b["customer_date_of_birth"] == (c.date_of_birth and c.date_of_birth.isoformat())
    # No customer's phone, email or DNI anywhere in what the provider received.
    for c in customers:
        for secret in (c.phone, c.national_id, c.email):
            assert not secret or secret not in text, secret


def test_a_provider_hears_when_a_customer_of_theirs_changes(store: Engine) -> None:
    _demo(store)
    with make_client(store) as client:
        provider = sign_in(client, PROVIDER_EMAIL, DEMO_PASSWORD)
        changes, cursor = pull_all(client, provider, full=True, limit=5000)
        booking = next(c["data"] for c in changes if c["entity"] == "booking")
        desk = sign_in(client, RECEPTION_EMAIL, DEMO_PASSWORD)
        changed = client.patch(
            f"/customers/{booking['customer_id']}",
            headers=desk,
            json={"notes": "Alérgica al látex", "phone": "+5491144443333"},
        )
        assert changed.status_code == 200, changed.text
        later, _ = pull_all(client, provider, cursor=cursor)
    again = [c["data"] for c in later if c["id"] == booking["booking_id"]]
    assert again
    assert again[0]["customer_notes"] == "Alérgica al látex"
    # The customer's own row changed too: a provider hears of it as out of scope only.
    assert all(c["data"] is None for c in later if c["entity"] != "booking")
    assert "+5491144443333" not in str(later)
