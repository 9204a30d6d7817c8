"""Push and pull through the API, on both stores."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.sync.api import read_rows
from server.sync import pull as pull_pages
from tests.helpers.clinic import Clinic, at, enrol_kiosk, future_day, sign_in
from tests.helpers.clock import Clock, morning_of


def mutation(seq: int, name: str, **args: Any) -> dict[str, Any]:
    return {"seq": seq, "name": name, "args": args}


def booking_args(clinic: Clinic, start: str, **extra: Any) -> dict[str, Any]:
    return {
        "booking_id": str(uuid.uuid4()),
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "provider_id": str(clinic.ana),
        "start_at": start,
        **extra,
    }


def pull_all(
    client: TestClient, headers: dict[str, str], cursor: str = "0", **params: Any
) -> tuple[list[dict[str, Any]], str]:
    changes: list[dict[str, Any]] = []
    while True:
        body = client.get("/sync/pull", params={"cursor": cursor, **params}, headers=headers).json()
        changes += body["changes"]
        cursor = body["cursor"]
        if not body["more"]:
            return changes, cursor


def test_push_applies_in_order_exactly_once(
    client: TestClient, desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    cid = str(uuid.uuid4())
    day = future_day()
    clock.at = morning_of(day, clinic.zone)  # the check-in is on the booking's day
    first = booking_args(clinic, at(day, "10:00"))
    batch = [
        mutation(1, "booking.create", **first),
        mutation(2, "booking.check_in", booking_id=first["booking_id"]),
    ]
    response = client.post("/sync/push", json={"client_id": cid, "mutations": batch}, headers=desk)
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["results"]] == ["applied", "applied"]
    # The response was lost; the client sends the same batch again: nothing happens twice.
    again = client.post("/sync/push", json={"client_id": cid, "mutations": batch}, headers=desk)
    assert [r["status"] for r in again.json()["results"]] == ["duplicate", "duplicate"]
    assert again.json()["last_seq"] == 2
    booking = client.get(f"/bookings/{first['booking_id']}", headers=desk).json()
    assert booking["status"] == "checked_in"
    # A gap is refused with the seq the server expects.
    gap = client.post(
        "/sync/push",
        headers=desk,
        json={
            "client_id": cid,
            "mutations": [mutation(5, "booking.start", booking_id=first["booking_id"])],
        },
    )
    assert gap.status_code == 409
    assert gap.json()["error"]["details"] == {"expected_seq": 3}
    assert client.get(f"/bookings/{first['booking_id']}", headers=desk).json()["status"] == (
        "checked_in"
    )


def test_a_pushed_customer_phone_is_kept_in_e164_and_a_bad_one_refused(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    good, bad = str(uuid.uuid4()), str(uuid.uuid4())
    batch = [
        mutation(
            1,
            "customer.create",
            customer_id=good,
            first_name="Ana",
            last_name="Sosa",
            phone="011 15 4567-8901",
        ),
        mutation(
            2,
            "customer.create",
            customer_id=bad,
            first_name="Sin",
            last_name="Área",
            phone="4567-8901",
        ),
        mutation(3, "customer.update", customer_id=good, phone="11 4567 8902"),
    ]
    response = client.post(
        "/sync/push", json={"client_id": str(uuid.uuid4()), "mutations": batch}, headers=desk
    )
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert (results[1]["code"], results[1]["field"]) == ("invalid_phone", "phone")
    assert client.get(f"/customers/{good}", headers=desk).json()["phone"] == "+541145678902"


def test_a_refused_mutation_is_acknowledged_kept_and_explained(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    day = future_day()
    taken = booking_args(clinic, at(day, "10:00"))
    loser = booking_args(clinic, at(day, "10:15"))
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    client.post(
        "/sync/push",
        headers=desk,
        json={"client_id": a, "mutations": [mutation(1, "booking.create", **taken)]},
    )
    response = client.post(
        "/sync/push",
        headers=desk,
        json={
            "client_id": b,
            "mutations": [
                mutation(1, "booking.create", **loser),
                mutation(2, "customer.update", customer_id=str(clinic.customer), notes="VIP"),
            ],
        },
    )
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["rejected", "applied"]
    refused = results[0]
    assert (refused["code"], refused["field"]) == ("slot_taken", "start_at")
    assert refused["details"]["entity"] == "booking"
    assert refused["details"]["id"] == loser["booking_id"]
    alternatives = refused["details"]["alternatives"]
    assert alternatives, "a refused booking comes with free slots to pick from"
    starts = [datetime.fromisoformat(s["start_at"]) for s in alternatives]
    assert datetime.fromisoformat(at(day, "10:00")) not in starts
    assert response.json()["last_seq"] == 2  # the queue moved on
    kept = client.get("/sync/rejections", params={"client_id": b}, headers=desk).json()
    assert [(r["seq"], r["code"]) for r in kept] == [(1, "slot_taken")]
    assert kept[0]["args"]["booking_id"] == loser["booking_id"]
    assert client.get(f"/bookings/{loser['booking_id']}", headers=desk).status_code == 404


def test_a_single_change_only_the_store_refuses_is_recorded(
    client: TestClient, desk: dict[str, str]
) -> None:
    """A push of one change is applied without a savepoint; when the database itself
    refuses it (a national ID already on file), the push is redone the careful way: the
    refusal is recorded, the client's queue moves on, nothing else is left behind."""
    cid = str(uuid.uuid4())

    def customer(seq: int, national_id: str) -> dict[str, Any]:
        return mutation(
            seq,
            "customer.create",
            customer_id=str(uuid.uuid4()),
            first_name="Ana",
            last_name="Paz",
            national_id=national_id,
        )

    first = customer(1, "30111222")
    twin = customer(2, "30111222")
    for m in (first, twin):
        answer = client.post("/sync/push", headers=desk, json={"client_id": cid, "mutations": [m]})
        assert answer.status_code == 200, answer.text
    assert answer.json()["last_seq"] == 2
    [refused] = answer.json()["results"]
    assert (refused["status"], refused["code"]) == ("rejected", "duplicate")
    kept = client.get("/sync/rejections", params={"client_id": cid}, headers=desk).json()
    assert [(r["seq"], r["args"]["customer_id"]) for r in kept] == [
        (2, twin["args"]["customer_id"])
    ]
    ids = {c["customer_id"] for c in client.get("/customers?q=Paz", headers=desk).json()}
    assert ids == {first["args"]["customer_id"]}


def test_a_duplicate_dni_pushed_through_sync_is_refused_as_duplicate(
    client: TestClient, clinic: Clinic, desk: dict[str, str]
) -> None:
    """As the REST route says it: the desk's conflict inbox can tell staff that this
    DNI is already on file, not that something conflicted somewhere."""
    same_dni = {
        "customer_id": str(uuid.uuid4()),
        "first_name": "Otro",
        "last_name": "Pérez",
        "national_id": "30123456",  # Juan Pérez's, typed without dots
    }
    through_rest = client.post("/customers", headers=desk, json=same_dni)
    assert through_rest.status_code == 409
    rest = through_rest.json()["error"]["fields"][0]
    alone = [mutation(1, "customer.create", **same_dni)]  # applied the short way
    in_a_batch = [mutation(1, "no.such_change"), mutation(2, "customer.create", **same_dni)]
    for batch in (alone, in_a_batch):
        body = {"client_id": str(uuid.uuid4()), "mutations": batch}
        result = client.post("/sync/push", headers=desk, json=body).json()["results"][-1]
        assert (result["status"], result["code"], result["field"]) == (
            "rejected",
            rest["code"],
            rest["field"],
        )
        assert (result["code"], result["field"]) == ("duplicate", "national_id")


def test_bad_mutations_are_refused_one_by_one(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    provider = sign_in(client, clinic.provider_email)
    cid = str(uuid.uuid4())
    batch = [
        mutation(1, "booking.teleport", booking_id=str(uuid.uuid4())),
        mutation(2, "booking.create", **booking_args(clinic, "soon")),
        mutation(3, "booking.check_in", booking_id=str(uuid.uuid4())),
        mutation(
            4,
            "payment.record",
            booking_id=str(uuid.uuid4()),
            payment_id=str(uuid.uuid4()),
            amount_minor=-5,
            method="cash",
        ),
    ]
    results = client.post(
        "/sync/push", headers=desk, json={"client_id": cid, "mutations": batch}
    ).json()["results"]
    assert [(r["code"], r["field"]) for r in results] == [
        ("unknown_mutation", "name"),
        ("invalid_args", "args.start_at"),
        ("not_found", "booking_id"),
        ("not_found", "booking_id"),
    ]
    forbidden = client.post(
        "/sync/push",
        headers=provider,
        json={
            "client_id": str(uuid.uuid4()),
            "mutations": [
                mutation(1, "booking.create", **booking_args(clinic, at(future_day(), "10:00")))
            ],
        },
    )
    assert forbidden.json()["results"][0]["code"] == "forbidden_role"
    not_consecutive = client.post(
        "/sync/push",
        headers=desk,
        json={
            "client_id": cid,
            "mutations": [
                mutation(5, "booking.no_show", booking_id="x"),
                mutation(7, "booking.no_show", booking_id="x"),
            ],
        },
    )
    assert not_consecutive.status_code == 400


def test_pull_pages_through_changes_and_carries_deletes(
    client: TestClient, desk: dict[str, str], admin: dict[str, str], clinic: Clinic
) -> None:
    everything, cursor = pull_all(client, desk, limit=3, full=True)
    kinds = {c["entity"] for c in everything}
    assert {
        "tenant",
        "location",
        "provider",
        "provider_hours",
        "service",
        "provider_service",
        "customer",
    } <= kinds
    assert all(c["data"] is not None for c in everything)
    customer = next(c for c in everything if c["entity"] == "customer")
    assert customer["data"]["national_id"] == "30123456"
    # Nothing new: an empty page, the same cursor.
    assert pull_all(client, desk, cursor) == ([], cursor)
    # Replace Ana's hours: the old intervals come as deletes, the new one as a row.
    client.put(
        f"/setup/providers/{clinic.ana}/hours",
        headers=admin,
        json={"hours": [{"weekday": 0, "start": "08:00", "end": "12:00"}]},
    )
    changes, cursor2 = pull_all(client, desk, cursor)
    hours = [c for c in changes if c["entity"] == "provider_hours"]
    assert sum(c["data"] is None for c in hours) == 14  # 7 days of work + 7 breaks
    assert [c["data"]["start_time"] for c in hours if c["data"]] == ["08:00:00"]
    versions = [c["version"] for c in changes]
    assert versions == sorted(versions)
    assert cursor2 != cursor


def pull_rows(
    client: TestClient, headers: dict[str, str], cursor: str, **params: Any
) -> dict[str, Any]:
    """A page as the desk and kiosk ask for it: tab-separated rows, the rest in headers."""
    response = client.get(
        "/sync/pull",
        params={"cursor": cursor, **params},
        headers={**headers, "Accept": "text/tab-separated-values"},
    )
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    changes = [
        {**c, "data": None if c["data"] is None else _a_row(c["data"])}
        for c in read_rows(response.content)  # as the desk reads them
    ]
    head = response.headers
    return {
        "changes": changes,
        "cursor": head["x-sync-cursor"],
        "more": head["x-sync-more"] == "true",
        "version": int(head["x-sync-version"]),
        "remaining": int(head["x-sync-remaining"]) if "x-sync-remaining" in head else None,
    }


def _a_row(text: str) -> dict[str, Any]:
    row = json.loads(text)
    assert isinstance(row, dict), text  # a delete comes without data, not as "null"
    return row


def test_a_page_as_rows_says_what_the_json_page_says(
    client: TestClient, desk: dict[str, str], admin: dict[str, str], clinic: Clinic
) -> None:
    """Each row on its own line, whatever its text holds: tabs, line breaks (also
    Unicode's), quotes, backslashes, accents; deletes as rows without data."""
    notes = 'tab\there\nline\r\u2028sep\u2029 "quoted" back\\slash, \x1f José Ñandú'
    client.post(
        "/sync/push",
        headers=desk,
        json={
            "client_id": str(uuid.uuid4()),
            "mutations": [
                mutation(1, "customer.update", customer_id=str(clinic.customer), notes=notes)
            ],
        },
    )
    client.put(  # deletes: Ana's old hours
        f"/setup/providers/{clinic.ana}/hours",
        headers=admin,
        json={"hours": [{"weekday": 0, "start": "08:00", "end": "12:00"}]},
    )
    pages = 0
    for params in ({"full": True, "count": True}, {}):
        cursor, more = "0", True
        while more:
            query = {"limit": 7, **params}
            as_json = client.get(
                "/sync/pull", params={"cursor": cursor, **query}, headers=desk
            ).json()
            assert pull_rows(client, desk, cursor, **query) == as_json
            cursor, more, pages = as_json["cursor"], as_json["more"], pages + 1
    assert pages > 4
    changes = pull_all(client, desk)[0]
    assert any(c["data"] is None for c in changes)
    customer = [c for c in changes if c["entity"] == "customer"][-1]
    assert customer["data"]["notes"] == notes


def test_a_first_sync_first_page_counts_what_follows_and_marks_its_pages(
    client: TestClient, desk: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`X-Sync-Remaining`: every entry after the first page; `X-Sync-Splits`: where each
    following page begins, as a page-by-page pull ends them, none after the last row
    (also when the entries fill their last page exactly), and at most MAX_SPLITS."""
    total = len(pull_all(client, desk)[0])  # every entry: tombstones, rows out of scope
    limits = range(2, 9)
    assert any(total % limit == 0 for limit in limits)  # a last page filled exactly

    def first_page(limit: int) -> tuple[int, list[str]]:
        head = client.get(
            "/sync/pull",
            params={"cursor": "0", "limit": limit, "full": True, "count": True},
            headers={**desk, "Accept": "text/tab-separated-values"},
        ).headers
        return int(head["x-sync-remaining"]), head["x-sync-splits"].split(",")

    splits: dict[int, list[str]] = {}
    for limit in limits:
        ends, cursor, more = [], "0", True
        while more:
            body = client.get("/sync/pull", params={"cursor": cursor, "limit": limit}, headers=desk)
            cursor, more = body.json()["cursor"], body.json()["more"]
            ends.append(cursor)
        # ends[-1] is the last row's: no page begins after it
        splits[limit] = [c for c in ends[1:] if c != ends[-1]]
        assert first_page(limit) == (total - limit, splits[limit])
    monkeypatch.setattr(pull_pages, "MAX_SPLITS", 2)
    assert first_page(2) == (total - 2, splits[2][:2])  # the count all the same


def test_desk_window_and_eviction(client: TestClient, desk: dict[str, str], clinic: Clinic) -> None:
    near, far = future_day(), future_day(days=200)
    cid = str(uuid.uuid4())
    inside = booking_args(clinic, at(near, "10:00"))
    outside = booking_args(clinic, at(far, "10:00"))
    client.post(
        "/sync/push",
        headers=desk,
        json={
            "client_id": cid,
            "mutations": [
                mutation(1, "booking.create", **inside),
                mutation(2, "booking.create", **outside),
            ],
        },
    )
    first, cursor = pull_all(client, desk, full=True)
    booked = {c["id"] for c in first if c["entity"] == "booking"}
    assert booked == {inside["booking_id"]}  # 200 days ahead is outside the desk's window
    # Moved far ahead, the booking leaves the window: the replica is told to drop it.
    client.post(
        "/sync/push",
        headers=desk,
        json={
            "client_id": cid,
            "mutations": [
                mutation(
                    3,
                    "booking.reschedule",
                    booking_id=inside["booking_id"],
                    start_at=at(far, "11:00"),
                )
            ],
        },
    )
    changes, _ = pull_all(client, desk, cursor)
    assert [(c["id"], c["data"]) for c in changes if c["entity"] == "booking"] == [
        (inside["booking_id"], None)
    ]


def test_kiosk_sees_today_at_its_location_and_no_contact_data(
    client: TestClient, desk: dict[str, str], admin: dict[str, str], clinic: Clinic
) -> None:
    made = enrol_kiosk(client, admin, str(clinic.location_id))
    token = made["device_token"]
    signed = client.post("/auth/device-sign-in", json={"device_token": token})
    kiosk = {"Authorization": f"Bearer {signed.json()['access_token']}"}
    now = datetime.now(clinic.zone)
    today_slot = (now + timedelta(minutes=20)).replace(second=0, microsecond=0)
    cid = str(uuid.uuid4())
    today_booking = booking_args(clinic, today_slot.isoformat())
    later = booking_args(clinic, at(future_day(), "10:00"))
    # Book today through any free provider slot; fall back to creating hours-agnostic data.
    pushed = client.post(
        "/sync/push",
        headers=desk,
        json={
            "client_id": cid,
            "mutations": [
                mutation(1, "booking.create", **{**today_booking, "provider_id": None}),
                mutation(2, "booking.create", **later),
            ],
        },
    ).json()["results"]
    changes, _ = pull_all(client, kiosk, full=True)
    entities = {c["entity"] for c in changes}
    assert "customer" not in entities
    assert "payment" not in entities
    bookings = [c for c in changes if c["entity"] == "booking"]
    if pushed[0]["status"] == "applied":  # inside today's working hours
        assert [b["id"] for b in bookings] == [today_booking["booking_id"]]
        assert bookings[0]["data"]["customer_label"] == "Juan P."
    else:
        assert bookings == []
    text = str(changes)
    # Whole numbers, not fragments: a short one like "4567" turns up in random ids.
    for secret in ("30123456", "30.123.456", "45678910", "4567-8910", "+549"):
        assert secret not in text
    # The kiosk may check in, not book; revoked, it stops at once.
    refused = client.post(
        "/sync/push",
        headers=kiosk,
        json={
            "client_id": str(uuid.uuid4()),
            "mutations": [mutation(1, "booking.create", **later)],
        },
    )
    assert refused.json()["results"][0]["code"] == "forbidden_role"
    device = made["device_id"]
    assert client.post(f"/setup/kiosks/{device}/revoke", headers=admin).status_code == 200
    gone = client.get("/sync/pull", headers=kiosk)
    assert gone.status_code == 401
    assert gone.json()["error"]["code"] == "device_revoked"
    again = client.post("/auth/device-sign-in", json={"device_token": token})
    assert again.status_code == 401


def test_bad_cursor_is_named(client: TestClient, desk: dict[str, str]) -> None:
    response = client.get("/sync/pull", params={"cursor": "yesterday"}, headers=desk)
    assert response.status_code == 400
    assert response.json()["error"]["fields"][0]["field"] == "cursor"


def test_a_refused_mutation_leaves_nothing_to_pull(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Any
) -> None:
    from sqlalchemy import select

    from server.db.engine import ALL_TENANTS, make_session_factory
    from server.models import SyncRow, TenantVersion

    day = future_day()
    cid = str(uuid.uuid4())
    taken = booking_args(clinic, at(day, "10:00"))
    loser = booking_args(clinic, at(day, "10:15"))
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        before = s.get_one(TenantVersion, clinic.tenant_id).version
    results = client.post(
        "/sync/push",
        headers=desk,
        json={
            "client_id": cid,
            "mutations": [
                mutation(1, "booking.create", **taken),
                mutation(2, "booking.create", **loser),
            ],
        },
    ).json()
    assert [r["status"] for r in results["results"]] == ["applied", "rejected"]
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        listed = set(s.scalars(select(SyncRow.entity_id).where(SyncRow.entity == "booking")))
        after = s.get_one(TenantVersion, clinic.tenant_id).version
    assert listed == {taken["booking_id"]}  # the refused booking never existed
    assert after == before + 1  # one transaction, one version, whatever it held
