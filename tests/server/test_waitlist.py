"""The waitlist through a push, on both stores: a request's fields are checked naming
the one at fault, booking from the list is a booking and the entry together (a
refused booking leaves the entry waiting), an entry ends once, and only reception
(not a provider or a kiosk) keeps the list."""

from __future__ import annotations

import uuid
from datetime import UTC, date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import Booking, WaitlistEntry
from tests.helpers.clinic import Clinic, at, sign_in
from tests.helpers.clock import Clock, morning_of
from tests.server.test_reminders import push
from tests.server.test_sync_api import booking_args, mutation

DAY = date(2027, 3, 2)  # a Tuesday; the server's clock is set to the Monday before


@pytest.fixture(autouse=True)
def _monday(clock: Clock, clinic: Clinic) -> None:
    clock.at = morning_of(DAY - timedelta(days=1), clinic.zone)


def wish(clinic: Clinic, **extra: Any) -> dict[str, Any]:
    return {
        "entry_id": str(uuid.uuid4()),
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "earliest_day": DAY.isoformat(),
        "latest_day": (DAY + timedelta(days=3)).isoformat(),
        **extra,
    }


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"latest_day": (DAY - timedelta(days=1)).isoformat()}, "latest_day", "before_earliest"),
        ({"latest_day": (DAY + timedelta(days=200)).isoformat()}, "latest_day", "range_too_long"),
        ({"from_time": "12:00", "until_time": "09:00"}, "until_time", "before_from"),
        ({"from_time": "9 am"}, "args.from_time", "invalid_args"),
        ({"earliest_day": "2027-02-01", "latest_day": "2027-02-05"}, "latest_day", "in_the_past"),
        ({"customer_id": str(uuid.uuid4())}, "customer_id", "not_found"),
        ({"service_id": str(uuid.uuid4())}, "service_id", "not_found"),
        ({"provider_id": str(uuid.uuid4())}, "provider_id", "not_found"),
        ({"notes": "x" * 501}, "args.notes", "invalid_args"),
    ],
)
def test_a_request_is_refused_naming_the_field_at_fault(
    client: TestClient,
    desk: dict[str, str],
    clinic: Clinic,
    store: Engine,
    extra: dict[str, Any],
    field: str,
    code: str,
) -> None:
    args = wish(clinic, **extra)
    [result] = push(client, desk, str(uuid.uuid4()), mutation(1, "waitlist.add", **args))
    assert (result["status"], result["field"], result["code"]) == ("rejected", field, code)
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        assert s.get(WaitlistEntry, (clinic.tenant_id, uuid.UUID(args["entry_id"]))) is None


def test_a_provider_who_does_not_give_the_service_is_refused(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    quick_with_bruno = wish(clinic, service_id=str(clinic.quick), provider_id=str(clinic.bruno))
    [result] = push(
        client, desk, str(uuid.uuid4()), mutation(1, "waitlist.add", **quick_with_bruno)
    )
    assert (result["field"], result["code"]) == ("provider_id", "service_not_offered")


def _stored(store: Engine, clinic: Clinic, entry_id: str) -> WaitlistEntry:
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        found = s.get_one(WaitlistEntry, (clinic.tenant_id, uuid.UUID(entry_id)))
        s.expunge(found)
        return found


def test_an_entry_keeps_its_place_from_when_the_desk_took_it(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine, clock: Clock
) -> None:
    """Asked at an offline desk (or at a site hub) and pushed an hour later, a request
    keeps when it was asked: first asked, first offered. Never later than the server's
    time: a desk's clock ahead does not move it down the line. Without it, now."""
    assert clock.at is not None
    asked = clock.at - timedelta(hours=1)
    early, ahead, plain = wish(clinic), wish(clinic), wish(clinic)
    results = push(
        client,
        desk,
        str(uuid.uuid4()),
        mutation(1, "waitlist.add", **early, at=asked.isoformat()),
        mutation(2, "waitlist.add", **ahead, at=(clock.at + timedelta(hours=2)).isoformat()),
        mutation(3, "waitlist.add", **plain),
    )
    assert [r["status"] for r in results] == ["applied"] * 3
    stamps = [_stored(store, clinic, w["entry_id"]).created_at for w in (early, ahead, plain)]
    assert [s.replace(tzinfo=UTC) if s.tzinfo is None else s for s in stamps] == [
        asked,
        clock.at,
        clock.at,
    ]


def test_booking_from_the_list_books_and_marks_the_entry_in_one_push(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    wanted = wish(clinic, provider_id=str(clinic.ana), from_time="09:00", until_time="12:00")
    booking = booking_args(clinic, at(DAY, "10:00"), status="confirmed")
    cid = str(uuid.uuid4())
    [added] = push(client, desk, cid, mutation(1, "waitlist.add", **wanted))
    assert added["status"] == "applied"
    kept = _stored(store, clinic, wanted["entry_id"])
    assert (kept.status, kept.from_time.isoformat() if kept.from_time else None) == (
        "waiting",
        "09:00:00",
    )
    results = push(
        client,
        desk,
        cid,
        mutation(2, "booking.create", **booking),
        mutation(3, "waitlist.book", entry_id=wanted["entry_id"], booking_id=booking["booking_id"]),
    )
    assert [r["status"] for r in results] == ["applied", "applied"]
    met = _stored(store, clinic, wanted["entry_id"])
    assert (met.status, str(met.booking_id)) == ("booked", booking["booking_id"])
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        made = s.get_one(Booking, (clinic.tenant_id, uuid.UUID(booking["booking_id"])))
        assert made.status == "confirmed"
    # Met once: neither booked again nor withdrawn after.
    again = push(
        client,
        desk,
        cid,
        mutation(4, "waitlist.book", entry_id=wanted["entry_id"], booking_id=booking["booking_id"]),
        mutation(5, "waitlist.withdraw", entry_id=wanted["entry_id"]),
    )
    assert [(r["status"], r["field"], r["code"]) for r in again] == [
        ("rejected", "status", "not_waiting")
    ] * 2


def test_a_refused_booking_leaves_the_entry_waiting(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    wanted = wish(clinic, provider_id=str(clinic.ana))
    taken = booking_args(clinic, at(DAY, "10:00"))
    cid = str(uuid.uuid4())
    results = push(
        client,
        desk,
        cid,
        mutation(1, "waitlist.add", **wanted),
        mutation(2, "booking.create", **taken),  # another desk took 10:00 first
    )
    assert [r["status"] for r in results] == ["applied", "applied"]
    late = booking_args(clinic, at(DAY, "10:00"))
    results = push(
        client,
        desk,
        cid,
        mutation(3, "booking.create", **late),
        mutation(4, "waitlist.book", entry_id=wanted["entry_id"], booking_id=late["booking_id"]),
    )
    assert [r["status"] for r in results] == ["rejected", "rejected"]
    assert (results[1]["field"], results[1]["code"]) == ("booking_id", "not_found")
    assert _stored(store, clinic, wanted["entry_id"]).status == "waiting"
    # Nor can another customer's booking meet the entry.
    other = str(uuid.uuid4())
    made = push(
        client,
        desk,
        cid,
        mutation(5, "customer.create", customer_id=other, first_name="Eva", last_name="Sosa"),
        mutation(6, "booking.create", **booking_args(clinic, at(DAY, "11:00"), customer_id=other)),
    )
    assert [r["status"] for r in made] == ["applied", "applied"]
    booked_other = push(
        client,
        desk,
        cid,
        mutation(
            7,
            "waitlist.book",
            entry_id=wanted["entry_id"],
            booking_id=_last_booking_of(store, clinic, other),
        ),
    )
    assert [(r["field"], r["code"]) for r in booked_other] == [("booking_id", "other_customer")]
    withdrawn = push(
        client, desk, cid, mutation(8, "waitlist.withdraw", entry_id=wanted["entry_id"])
    )
    assert withdrawn[0]["status"] == "applied"
    assert _stored(store, clinic, wanted["entry_id"]).status == "withdrawn"


def _last_booking_of(store: Engine, clinic: Clinic, customer_id: str) -> str:
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        return str(
            s.query(Booking.booking_id)
            .filter(
                Booking.tenant_id == clinic.tenant_id,
                Booking.customer_id == uuid.UUID(customer_id),
            )
            .one()[0]
        )


def test_only_reception_keeps_the_list(client: TestClient, clinic: Clinic) -> None:
    provider = sign_in(client, clinic.provider_email)
    [result] = push(
        client, provider, str(uuid.uuid4()), mutation(1, "waitlist.add", **wish(clinic))
    )
    assert (result["status"], result["field"], result["code"]) == (
        "rejected",
        "name",
        "forbidden_role",
    )
