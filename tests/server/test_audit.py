"""The audit trail (server/db/audit.py, GET /audit): every change through a push or a
REST route leaves one event, refused ones too, and nothing changes or deletes one: not
a route, not a statement in the store. On both stores."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import AuditEvent, KioskDevice, StaffUser
from server.sync.mutations import MUTATIONS
from tests.helpers.clinic import Clinic, at, future_day
from tests.helpers.clock import Clock, morning_of
from tests.server.test_hub_forwarding import enrol_hub, signed_in
from tests.server.test_sync_api import booking_args, mutation


def _events(store: Engine) -> list[AuditEvent]:
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        rows = list(s.scalars(select(AuditEvent).order_by(AuditEvent.at, AuditEvent.event_id)))
        s.expunge_all()
    return rows


def _user_id(store: Engine, email: str) -> uuid.UUID:
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        return s.scalars(select(StaffUser.user_id).where(StaffUser.email == email)).one()


def _every_kind(clinic: Clinic, day: Any) -> list[tuple[str, dict[str, Any]]]:
    """One change of each kind a client can push, in an order that applies them all."""
    first = booking_args(clinic, at(day, "10:00"))
    second = booking_args(clinic, at(day, "11:00"))
    third = booking_args(clinic, at(day, "12:00"))
    b1, b2, b3 = first["booking_id"], second["booking_id"], third["booking_id"]
    customer, t1, t2, e1, e2, p1, p2, c1, till = (str(uuid.uuid4()) for _ in range(9))
    where = str(clinic.location_id)
    wish = {
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "earliest_day": day.isoformat(),
        "latest_day": day.isoformat(),
    }
    return [
        ("booking.create", first),
        ("booking.create", second),  # on PostgreSQL the fast path, its cache now warm
        ("booking.create", third),
        ("booking.reschedule", {"booking_id": b2, "start_at": at(day, "15:00")}),
        ("booking.remind", {"booking_id": b2}),
        ("booking.check_in", {"booking_id": b1}),
        ("booking.start", {"booking_id": b1}),
        ("booking.complete", {"booking_id": b1}),
        ("booking.cancel", {"booking_id": b3, "reason": "se mudó"}),
        ("booking.no_show", {"booking_id": b2}),
        ("payment.record", {"booking_id": b1, "payment_id": p1,
                            "amount_minor": 2_500_000, "method": "cash"}),
        ("customer.create", {"customer_id": customer, "first_name": "Eva", "last_name": "Sosa"}),
        ("customer.update", {"customer_id": customer, "last_name": "Sosa Paz"}),
        ("walkin.create", {"ticket_id": t1, "location_id": where}),
        ("walkin.call", {"ticket_id": t1}),
        ("walkin.serve", {"ticket_id": t1}),
        ("walkin.create", {"ticket_id": t2, "location_id": where}),
        ("walkin.cancel", {"ticket_id": t2}),
        ("waitlist.add", {"entry_id": e1, **wish, "from_time": "09:00", "until_time": "12:00"}),
        ("waitlist.withdraw", {"entry_id": e1}),
        ("waitlist.add", {"entry_id": e2, **wish, "provider_id": str(clinic.ana)}),
        ("waitlist.book", {"entry_id": e2, "booking_id": b2}),
        ("payment.refund", {"payment_id": p1, "reason": "cobrado dos veces"}),
        ("payment.record", {"booking_id": b1, "payment_id": p2,
                            "amount_minor": 100, "method": "card"}),
        ("payment.void", {"payment_id": p2, "reason": "otro turno"}),
        ("cash.open", {"close_id": c1, "till_id": till, "day": day.isoformat(),
                       "float_minor": 0}),
        ("cash.close", {"close_id": c1, "counted": {"cash": 0}}),
    ]  # fmt: skip


def test_every_mutation_kind_pushed_writes_one_event_with_what_it_changed(
    client: TestClient, desk: dict[str, str], clinic: Clinic, clock: Clock, store: Engine
) -> None:
    day = future_day()
    clock.at = morning_of(day, clinic.zone, hour=14)  # a no-show is judged after its start
    changes = _every_kind(clinic, day)
    assert {name for name, _ in changes} == set(MUTATIONS)  # a new kind must be added here
    cid = str(uuid.uuid4())
    for seq, (name, args) in enumerate(changes, start=1):
        pushed = client.post(
            "/sync/push",
            json={"client_id": cid, "mutations": [mutation(seq, name, **args)]},
            headers=desk,
        )
        assert pushed.json()["results"][0]["status"] == "applied", (name, pushed.text)
    events = _events(store)
    reception = _user_id(store, clinic.reception_email)
    assert [(e.client_seq, e.action) for e in events] == [
        (seq, name) for seq, (name, _) in enumerate(changes, start=1)
    ]
    for e in events:
        assert (e.source, e.outcome, e.code) == ("sync", "applied", None)
        assert (e.actor_id, e.actor_kind, e.actor_role) == (reception, "staff", "reception")
        assert e.client_id == uuid.UUID(cid)
        assert e.tenant_id == clinic.tenant_id
        assert e.changes, e.action
    by_seq = {e.client_seq: e for e in events}
    # A new row from nothing: the fast path (PostgreSQL) says it as the general one does.
    general, fast = by_seq[1].changes[0], by_seq[2].changes[0]
    assert general["op"] == fast["op"] == "create"
    assert set(general["fields"]) == set(fast["fields"])
    assert general["fields"]["provider_id"] == [None, str(clinic.ana)]
    assert (by_seq[2].entity, by_seq[2].entity_id) == ("booking", changes[1][1]["booking_id"])
    # A move says where from and to; a cancellation its reason.
    [moved] = by_seq[4].changes
    start = moved["fields"]["start_at"]
    assert start[0].startswith(f"{day.isoformat()}T14:00")  # 11:00 in Buenos Aires, in UTC
    assert start[1].startswith(f"{day.isoformat()}T18:00")
    assert "updated_at" not in moved["fields"]
    [reminded] = by_seq[5].changes
    assert reminded["fields"]["reminded_by"] == [None, str(reception)]
    [cancelled] = by_seq[9].changes
    assert cancelled["fields"]["status"] == ["confirmed", "cancelled"]
    assert cancelled["fields"]["cancel_reason"] == ["", "se mudó"]
    assert by_seq[13].changes[0]["fields"]["last_name"] == ["Sosa", "Sosa Paz"]
    # The waitlist: what was asked, then each step of the entry.
    [added] = by_seq[19].changes
    assert (added["entity"], added["op"]) == ("waitlist_entry", "create")
    assert added["fields"]["from_time"] == [None, "09:00:00"]
    assert by_seq[20].changes[0]["fields"]["status"] == ["waiting", "withdrawn"]
    [met] = by_seq[22].changes
    assert met["fields"]["status"] == ["waiting", "booked"]
    assert met["fields"]["booking_id"] == [None, changes[1][1]["booking_id"]]


def test_a_refused_change_is_recorded_with_its_code(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    day = future_day()
    taken = booking_args(clinic, at(day, "10:00"))
    overlapping = booking_args(clinic, at(day, "10:15"))
    batch = [
        mutation(1, "booking.create", **taken),
        mutation(2, "booking.create", **overlapping),
        mutation(3, "booking.teleport", booking_id=taken["booking_id"]),
    ]
    cid = str(uuid.uuid4())
    pushed = client.post("/sync/push", json={"client_id": cid, "mutations": batch}, headers=desk)
    assert [r["status"] for r in pushed.json()["results"]] == ["applied", "rejected", "rejected"]
    # Alone, the refused booking takes the short way first, then is recorded once.
    alone = booking_args(clinic, at(day, "10:20"))
    pushed = client.post(
        "/sync/push",
        json={"client_id": cid, "mutations": [mutation(4, "booking.create", **alone)]},
        headers=desk,
    )
    assert pushed.json()["results"][0]["status"] == "rejected"
    events = _events(store)
    assert [(e.client_seq, e.outcome, e.code) for e in events] == [
        (1, "applied", None),
        (2, "refused", "slot_taken"),
        (3, "refused", "unknown_mutation"),
        (4, "refused", "slot_taken"),
    ]
    assert (events[1].entity, events[1].entity_id) == ("booking", overlapping["booking_id"])
    assert events[1].changes == events[2].changes == []


def test_rest_writes_record_one_event_each_with_the_route(
    client: TestClient,
    desk: dict[str, str],
    admin: dict[str, str],
    clinic: Clinic,
    clock: Clock,
    store: Engine,
) -> None:
    day = future_day()
    clock.at = morning_of(day, clinic.zone)
    made = client.post("/bookings", json=booking_args(clinic, at(day, "10:00")), headers=desk)
    assert made.status_code == 201, made.text
    bid = made.json()[0]["booking_id"]
    writes = [
        ("POST", f"/bookings/{bid}/status", {"status": "checked_in"}, desk),
        ("POST", f"/bookings/{bid}/payments", {"amount_minor": 100, "method": "cash"}, desk),
        ("POST", "/customers", {"first_name": "Eva", "last_name": "Sosa"}, desk),
        ("POST", "/walkins", {"location_id": str(clinic.location_id)}, desk),
        ("PATCH", f"/setup/services/{clinic.quick}", {"price_minor": 950_000}, admin),
    ]
    for method, path, body, who in writes:
        answer = client.request(method, path, json=body, headers=who)
        assert answer.status_code < 300, (path, answer.text)
    customer = client.get("/customers", params={"q": "Eva"}, headers=desk).json()[0]
    patched = client.patch(
        f"/customers/{customer['customer_id']}", json={"phone": "+54 9 11 5555-0000"}, headers=desk
    )
    assert patched.status_code == 200, patched.text
    # A password is said to have changed, never kept.
    user = _user_id(store, clinic.reception_email)
    reset = client.patch(
        f"/setup/staff/{user}", json={"password": "another-horse-2"}, headers=admin
    )
    assert reset.status_code == 200, reset.text
    events = _events(store)
    assert [(e.source, e.action) for e in events] == [
        ("rest", "POST /bookings"),
        ("rest", "POST /bookings/{booking_id}/status"),
        ("rest", "POST /bookings/{booking_id}/payments"),
        ("rest", "POST /customers"),
        ("rest", "POST /walkins"),
        ("rest", "PATCH /setup/services/{service_id}"),
        ("rest", "PATCH /customers/{customer_id}"),
        ("rest", "PATCH /setup/staff/{user_id}"),
    ]
    assert (events[0].entity, events[0].entity_id) == ("booking", bid)
    assert events[1].changes[0]["fields"]["status"] == ["confirmed", "checked_in"]
    assert events[5].changes[0]["fields"]["price_minor"] == [900_000, 950_000]
    assert events[5].actor_role == "admin"
    assert events[6].changes[0]["fields"]["phone"][1] == "+5491155550000"
    [password] = [c for c in events[7].changes if c["entity"] == "staff_user"]
    assert password["fields"]["password_hash"] == ["(hidden)", "(hidden)"]
    assert "argon2" not in str([e.changes for e in events])
    # Reading writes nothing.
    client.get(f"/bookings/{bid}", headers=desk)
    assert len(_events(store)) == len(events)


def test_admins_read_a_rows_history_and_a_days_events_a_page_at_a_time(
    client: TestClient, desk: dict[str, str], admin: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    day = future_day()
    clock.at = morning_of(day, clinic.zone)
    args = booking_args(clinic, at(day, "10:00"))
    bid = args["booking_id"]
    cid = str(uuid.uuid4())
    batch = [
        mutation(1, "booking.create", **args),
        mutation(2, "booking.reschedule", booking_id=bid, start_at=at(day, "11:00")),
        mutation(3, "booking.cancel", booking_id=bid, reason="viaje"),
    ]
    client.post("/sync/push", json={"client_id": cid, "mutations": batch}, headers=desk)
    history = client.get("/audit", params={"entity": "booking", "id": bid}, headers=admin)
    assert history.status_code == 200, history.text
    page = history.json()
    assert [e["action"] for e in page["events"]] == [m["name"] for m in batch]
    assert page["events"][0]["actor_name"] == "Recepción"
    assert page["next"] is None
    # A day, one event a page, following `next`.
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"day": day.isoformat(), "limit": 1}
        if cursor:
            params["cursor"] = cursor
        got = client.get("/audit", params=params, headers=admin).json()
        seen += [e["action"] for e in got["events"]]
        if (cursor := got["next"]) is None:
            break
    assert seen == [m["name"] for m in batch]
    other_day = {"day": (day + timedelta(days=1)).isoformat()}
    assert client.get("/audit", params=other_day, headers=admin).json()["events"] == []
    user = client.get("/audit", params={"user_id": str(uuid.uuid4())}, headers=admin)
    assert user.json()["events"] == []
    # Only admins; and every input is checked.
    assert client.get("/audit", params={"day": day.isoformat()}, headers=desk).status_code == 403
    for params, field in (
        ({"entity": "booking"}, "id"),
        ({"id": bid}, "entity"),
        ({}, "entity"),
        ({"entity": "spaceship", "id": bid}, "entity"),
        ({"day": "2026-02-30"}, "day"),
        ({"day": day.isoformat(), "cursor": "yesterday"}, "cursor"),
        ({"day": day.isoformat(), "limit": 0}, "limit"),
    ):
        refused = client.get("/audit", params=params, headers=admin)
        assert refused.status_code in (400, 422), params
        fields = [f["field"] for f in refused.json()["error"]["fields"]]
        assert any(field in f for f in fields), (params, fields)


def test_no_route_changes_or_deletes_an_event(
    client: TestClient, desk: dict[str, str], admin: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    args = booking_args(clinic, at(future_day(), "10:00"))
    batch = [mutation(1, "booking.create", **args)]
    client.post(
        "/sync/push", json={"client_id": str(uuid.uuid4()), "mutations": batch}, headers=desk
    )
    [before] = [(e.event_id, e.changes, e.outcome) for e in _events(store)]
    event_id = str(before[0])
    paths = set(client.get("/openapi.json").json()["paths"])
    assert "/audit" in paths
    for path in sorted(paths):
        concrete = path
        while "{" in concrete:  # every parameter named by the event's id
            start, end = concrete.index("{"), concrete.index("}")
            concrete = concrete[:start] + event_id + concrete[end + 1 :]
        for method in ("PATCH", "DELETE", "PUT"):
            answer = client.request(method, concrete, json={"outcome": "refused"}, headers=admin)
            if path.startswith("/audit"):
                assert answer.status_code == 405, (method, path)
    assert [(e.event_id, e.changes, e.outcome) for e in _events(store)] == [before]


def test_the_store_itself_refuses_to_change_or_delete_an_event(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    args = booking_args(clinic, at(future_day(), "10:00"))
    batch = [mutation(1, "booking.create", **args)]
    client.post(
        "/sync/push", json={"client_id": str(uuid.uuid4()), "mutations": batch}, headers=desk
    )
    [event] = _events(store)
    sessions = make_session_factory(store, scope=clinic.tenant_id)
    for statement in (
        "UPDATE audit_events SET outcome = 'refused'",
        "UPDATE audit_events SET changes = '[]' WHERE event_id IS NOT NULL",
        "DELETE FROM audit_events",
    ):
        with sessions() as s, pytest.raises(DBAPIError, match="append-only"):
            s.execute(text(statement))
    [after] = _events(store)
    assert (after.event_id, after.outcome, after.changes) == (
        event.event_id,
        "applied",
        event.changes,
    )
    if store.dialect.name == "postgresql":
        # Row security lets the app's role read and add its tenant's events, no more.
        with store.connect() as conn:
            commands = conn.execute(
                text("SELECT cmd FROM pg_policies WHERE tablename = 'audit_events' ORDER BY 1")
            ).scalars()
            assert list(commands) == ["INSERT", "SELECT"]


def test_a_refused_rest_write_leaves_a_refused_event_and_nothing_else(
    client: TestClient, desk: dict[str, str], clinic: Clinic, clock: Clock, store: Engine
) -> None:
    day = future_day()
    clock.at = morning_of(day, clinic.zone)
    made = client.post("/bookings", json=booking_args(clinic, at(day, "10:00")), headers=desk)
    assert made.status_code == 201, made.text
    bid = made.json()[0]["booking_id"]
    overlapping = booking_args(clinic, at(day, "10:15"))
    early = {"start_at": at(day, "03:00")}
    refused = [
        ("POST", "/bookings", overlapping, 409, "slot_taken"),
        ("POST", f"/bookings/{bid}/status", {"status": "completed"}, 409, None),
        ("POST", f"/bookings/{bid}/reschedule", early, 409, "outside_working_hours"),
    ]
    codes: list[str] = []
    for method, path, body, status, code in refused:
        answer = client.request(method, path, json=body, headers=desk)
        assert answer.status_code == status, (path, answer.text)
        codes.append(answer.json()["error"]["code"])
        assert code in (None, codes[-1])
    # Not refusals of a write: a body that cannot be read, no caller, a row not found,
    # a preview, a read.
    assert client.post("/bookings", json={"start_at": 5}, headers=desk).status_code == 422
    assert client.post(f"/bookings/{bid}/status", json={"status": "completed"}).status_code == 401
    gone = client.post(f"/bookings/{uuid.uuid4()}/status", json={"status": "cancelled"},
                       headers=desk)  # fmt: skip
    assert gone.status_code == 404, gone.text
    assert client.get(f"/bookings/{bid}", headers=desk).status_code == 200
    events = _events(store)
    reception = _user_id(store, clinic.reception_email)
    assert [(e.action, e.outcome, e.code) for e in events] == [
        ("POST /bookings", "applied", None),
        ("POST /bookings", "refused", codes[0]),
        ("POST /bookings/{booking_id}/status", "refused", codes[1]),
        ("POST /bookings/{booking_id}/reschedule", "refused", codes[2]),
    ]
    for e in events[1:]:
        assert (e.source, e.actor_id, e.actor_role, e.changes) == (
            "rest", reception, "reception", []
        )  # fmt: skip
    assert [(e.entity, e.entity_id) for e in events[1:]] == [
        ("booking", ""),  # it names no row yet: what it would have made
        ("booking", bid),
        ("booking", bid),
    ]
    # The request's own transaction rolled back whole: the booking is as it was.
    assert (
        client.get(f"/bookings/{bid}", headers=desk).json()["start_at"]
        == made.json()[0]["start_at"]
    )
    assert client.get(f"/bookings/{overlapping['booking_id']}", headers=desk).status_code == 404


def test_a_change_a_hub_forwards_names_the_hub_on_every_path(
    client: TestClient, admin: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    hub = enrol_hub(client, admin, clinic)
    _, desk_user = signed_in(client, clinic.reception_email)
    day = future_day()
    first, second = booking_args(clinic, at(day, "10:00")), booking_args(clinic, at(day, "11:00"))
    cid = str(uuid.uuid4())
    origin = {"kind": "staff", "id": desk_user}
    batches = [
        [mutation(1, "booking.create", **first)],  # alone: on PostgreSQL the fast path
        [
            mutation(2, "booking.create", **second),  # a batch: each in a savepoint
            mutation(3, "booking.reschedule", booking_id=second["booking_id"],
                     start_at=at(day, "10:00")),  # refused: the slot is taken
        ],
    ]  # fmt: skip
    for batch in batches:
        answer = client.post(
            "/sync/push",
            json={"client_id": cid, "mutations": batch, "origin": origin},
            headers=hub,
        )
        assert answer.status_code == 200, answer.text
    events = _events(store)
    hub_id = _device_id(store, "Sede")
    assert [(e.client_seq, e.outcome, e.hub_id, e.actor_id) for e in events] == [
        (1, "applied", hub_id, uuid.UUID(desk_user)),
        (2, "applied", hub_id, uuid.UUID(desk_user)),
        (3, "refused", hub_id, uuid.UUID(desk_user)),
    ]
    read = client.get("/audit", params={"user_id": desk_user}, headers=admin)
    assert {(e["hub_name"], e["actor_name"]) for e in read.json()["events"]} == {
        ("Sede", "Recepción")
    }


def _device_id(store: Engine, name: str) -> uuid.UUID:
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        return s.scalars(select(KioskDevice.device_id).where(KioskDevice.name == name)).one()
