"""Pushes of one new booking, applied in groups on PostgreSQL (server/sync/grouped.py).

A group commits every push it takes in one transaction, writes what the route would,
and leaves everything else to the route, untouched, so that the route answers it as if
grouping did not exist."""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from app.domain import booking_plan
from app.domain.errors import ConflictError
from app.domain.staff import Role
from server.catalogue import CatalogueCache
from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import (
    AuditEvent,
    Booking,
    SyncClient,
    SyncDigest,
    SyncRejection,
    SyncRow,
    TenantVersion,
)
from server.sync import grouped
from server.sync.grouped import Pushed, PushGroups
from tests.helpers.clinic import PASSWORD, Clinic, make_client, make_clinic, sign_in
from tests.helpers.clock import Clock, morning_of
from tests.helpers.live import LiveServer

SECRET = "test-secret-" + "x" * 32  # make_client's
DAY = date(2027, 3, 3)  # a Wednesday, no holiday; the server's clock is two days before
HOURS = (9, 10, 11, 12, 14, 15, 16)  # Ana's and Bruno's, but the 13:00 lunch break


@dataclass
class Desk:
    """A signed-in staff member's replica: its client id and the seq it is at."""

    headers: dict[str, str]
    client_id: uuid.UUID
    seq: int = 0

    def body(self, args: dict[str, Any], seq: int | None = None) -> bytes:
        if seq is None:
            self.seq += 1
            seq = self.seq
        change = {"seq": seq, "name": "booking.create", "args": args}
        return json.dumps({"client_id": str(self.client_id), "mutations": [change]}).encode()

    def raw_headers(self) -> list[tuple[bytes, bytes]]:
        return [(k.lower().encode(), v.encode()) for k, v in self.headers.items()]


def _args(clinic: Clinic, hour: int, minute: int = 0, **more: Any) -> dict[str, Any]:
    start = datetime.combine(DAY, time(hour, minute), clinic.zone)
    return {
        "booking_id": str(uuid.uuid4()),
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "provider_id": str(clinic.ana),
        "start_at": start.isoformat(),
        **more,
    }


@pytest.fixture
def clinic(pg_store: Engine) -> Clinic:
    return make_clinic(pg_store)


@pytest.fixture
def http(pg_store: Engine, clock: Clock) -> TestClient:
    """The route, with no groups: a TestClient not entered runs no lifespan."""
    return make_client(pg_store, clock=clock)


@pytest.fixture
def clock(clinic: Clinic) -> Clock:
    return Clock(morning_of(DAY - timedelta(days=2), clinic.zone))


def _desk(http: TestClient, email: str) -> Desk:
    """A desk that has pushed once through the route (its client is known there)."""
    return Desk(sign_in(http, email), uuid.uuid4())


def _route(http: TestClient, desk: Desk, body: bytes) -> Any:
    return http.post(
        "/sync/push", content=body, headers={**desk.headers, "Content-Type": "application/json"}
    )


def _first_push(http: TestClient, clinic: Clinic, desk: Desk, hour: int) -> None:
    answer = _route(http, desk, desk.body(_args(clinic, hour, provider_id=str(clinic.bruno))))
    assert answer.json()["results"][0]["status"] == "applied", answer.text


def _desks_that_pushed(http: TestClient, clinic: Clinic, n: int) -> list[Desk]:
    """`n` reception desks whose clients the route knows: each booked Bruno once, at its
    own hour (Ana's day stays free)."""
    desks = [_desk(http, clinic.reception_email) for _ in range(n)]
    for desk, hour in zip(desks, HOURS, strict=False):
        _first_push(http, clinic, desk, hour)
    return desks


def _groups(pg_store: Engine, clinic: Clinic, clock: Clock) -> PushGroups:
    cache = CatalogueCache()
    with make_session_factory(pg_store, scope=ALL_TENANTS)() as s:
        cache.get(s, clinic.tenant_id)  # held, as after the route's first booking
    return PushGroups(pg_store, cache, SECRET, clock, pool_size=2)


def _apply_together(groups: PushGroups, pushes: list[tuple[Desk, bytes]]) -> list[Any]:
    """Offer the pushes at once, in one event loop, as a server receives them: the
    first group starts after every one of them is waiting. The answers, in order."""

    async def run() -> list[Any]:
        await groups.open()
        try:
            taken = [groups.take(desk.raw_headers(), body) for desk, body in pushes]
            assert all(isinstance(t, Pushed) for t in taken)
            return await asyncio.gather(*(groups.apply(t) for t in taken if t is not None))
        finally:
            await groups.close()

    return asyncio.run(run())


def _rows(pg_store: Engine, model: Any, *where: Any) -> list[Any]:
    with make_session_factory(pg_store, scope=ALL_TENANTS)() as s:
        return list(s.scalars(select(model).where(*where)))


def test_pushes_that_arrive_together_commit_as_one(
    pg_store: Engine, clinic: Clinic, http: TestClient, clock: Clock
) -> None:
    desks = _desks_that_pushed(http, clinic, 6)
    pushes = [
        (desk, desk.body(_args(clinic, hour))) for desk, hour in zip(desks, HOURS, strict=False)
    ]
    answers = _apply_together(_groups(pg_store, clinic, clock), pushes)

    applied = {"seq": 2, "status": "applied", "code": None, "field": None, "message": None}
    for answer in answers:
        assert answer is not None
        body, role = answer
        assert role is Role.RECEPTION
        assert json.loads(body) == {"last_seq": 2, "results": [applied | {"details": {}}]}
    ids = [json.loads(body)["mutations"][0]["args"]["booking_id"] for _, body in pushes]
    booked = _rows(pg_store, Booking, Booking.booking_id.in_([uuid.UUID(i) for i in ids]))
    assert len(booked) == 6
    # One transaction: one version stamps all six.
    versions = {r.version for r in _rows(pg_store, SyncRow, SyncRow.entity_id.in_(ids))}
    assert len(versions) == 1
    clients = [d.client_id for d in desks]
    assert {c.last_seq for c in _rows(pg_store, SyncClient, SyncClient.client_id.in_(clients))} == {
        2
    }
    digests = _rows(pg_store, SyncDigest, SyncDigest.client_id.in_(clients), SyncDigest.seq == 2)
    assert len(digests) == 6
    events = _rows(pg_store, AuditEvent, AuditEvent.entity_id.in_(ids))
    assert sorted((e.client_id, e.client_seq, e.action, e.outcome) for e in events) == sorted(
        (c, 2, "booking.create", "applied") for c in clients
    )


def test_a_grouped_booking_is_stored_as_the_route_stores_it(
    pg_store: Engine, clinic: Clinic, http: TestClient, clock: Clock
) -> None:
    """The same booking, one made by the route and one in a group, on two days."""
    desk = _desk(http, clinic.reception_email)
    _first_push(http, clinic, desk, 9)
    more: dict[str, Any] = {
        "notes": "  primera vez ",
        "series_id": str(uuid.uuid4()),
        "status": "requested",
    }
    by_route = _args(clinic, 11, **more)
    assert _route(http, desk, desk.body(by_route)).json()["results"][0]["status"] == "applied"
    in_group = {**_args(clinic, 11, **more), "booking_id": str(uuid.uuid4())}
    next_day = datetime.fromisoformat(in_group["start_at"]) + timedelta(days=1)
    in_group["start_at"] = next_day.isoformat()
    [answer] = _apply_together(_groups(pg_store, clinic, clock), [(desk, desk.body(in_group))])
    assert answer is not None

    def stored(booking_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        [row] = _rows(pg_store, Booking, Booking.booking_id == uuid.UUID(booking_id))
        [event] = _rows(pg_store, AuditEvent, AuditEvent.entity_id == booking_id)
        kept = {c.key: getattr(row, c.key) for c in Booking.__table__.columns}
        changes = event.changes[0]["fields"]
        said = {k: getattr(event, k) for k in ("actor_id", "actor_kind", "actor_role", "source")}
        return kept, {"fields": sorted(changes), "said": said, "status": changes["status"]}

    route_row, route_event = stored(by_route["booking_id"])
    group_row, group_event = stored(in_group["booking_id"])
    day = timedelta(days=1)
    for key in ("start_at", "end_at", "busy_from", "busy_until"):
        assert group_row.pop(key) == route_row.pop(key) + day
    for key in ("booking_id", "code", "created_at", "updated_at"):
        assert group_row.pop(key) != route_row.pop(key)
    assert group_row == route_row  # notes trimmed, the series, status, price, who made it
    assert group_event == route_event


def test_what_a_group_cannot_take_is_left_to_the_route(
    pg_store: Engine, clinic: Clinic, http: TestClient, clock: Clock
) -> None:
    desks = _desks_that_pushed(http, clinic, 5)
    gone = _desk(http, clinic.admin_email)
    _first_push(http, clinic, gone, 16)
    assert http.post("/auth/sign-out", headers=gone.headers).status_code == 204
    free, twin, lunch, stranger, gap = desks
    pushes = [
        (free, free.body(_args(clinic, 10))),
        (twin, twin.body(_args(clinic, 10, 15))),  # overlaps `free`'s, in the same group
        (free, free.body(_args(clinic, 15), seq=3)),  # the same client's next: after
        (lunch, lunch.body(_args(clinic, 13))),  # refused, and recorded, by the group
        (stranger, stranger.body(_args(clinic, 14, customer_id=str(uuid.uuid4())))),
        (gap, gap.body(_args(clinic, 16), seq=5)),
        (gone, gone.body(_args(clinic, 17))),  # signed out
    ]
    answers = _apply_together(_groups(pg_store, clinic, clock), pushes)
    assert [a is not None for a in answers] == [True, False, False, True, False, False, False]
    # Only the first was written; of the others, only the refused one's client moved on.
    ids = [uuid.UUID(json.loads(b)["mutations"][0]["args"]["booking_id"]) for _, b in pushes]
    assert [b.booking_id for b in _rows(pg_store, Booking, Booking.booking_id.in_(ids))] == ids[:1]
    stamped = _rows(pg_store, SyncRow, SyncRow.entity_id.in_([str(i) for i in ids]))
    assert [r.entity_id for r in stamped] == [str(ids[0])]  # the refusal is not synced
    seqs = {c.client_id: c.last_seq for c in _rows(pg_store, SyncClient)}
    assert seqs[free.client_id] == seqs[lunch.client_id] == 2
    assert all(seqs[d.client_id] == 1 for d in (twin, stranger, gap, gone))

    # The route then answers each as it would have; the refused one, sent again, as the
    # group answered it.
    said = [_route(http, desk, body) for desk, body in pushes[1:]]
    assert [r.status_code for r in said] == [200, 200, 200, 200, 409, 401]
    outcomes = [
        (r.json()["results"][0]["status"], r.json()["results"][0]["code"]) for r in said[:4]
    ]
    assert outcomes[1] == ("applied", None)
    assert [o[0] for o in outcomes] == ["rejected", "applied", "rejected", "rejected"]
    assert said[2].json() == json.loads(answers[3][0])
    assert said[4].json()["error"]["code"] == "seq_gap"
    assert said[5].json()["error"]["code"] == "session_revoked"


def test_a_group_whose_write_fails_writes_nothing(
    pg_store: Engine,
    clinic: Clinic,
    http: TestClient,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another server process books a slot between the group's reading and its writing:
    the store refuses the overlap, and no push of the group is written; the route then
    applies one and refuses the other."""
    desks = _desks_that_pushed(http, clinic, 2)
    other = _desk(http, clinic.admin_email)
    _first_push(http, clinic, other, 16)
    plan = grouped._TenantQueue._plan

    async def planned_then_taken(self: Any, *args: Any) -> Any:
        found = await plan(self, *args)
        answer = _route(http, other, other.body(_args(clinic, 11)))
        assert answer.json()["results"][0]["status"] == "applied"
        return found

    monkeypatch.setattr(grouped._TenantQueue, "_plan", planned_then_taken)
    taken, fine = desks
    pushes = [
        (taken, taken.body(_args(clinic, 11))),
        (fine, fine.body(_args(clinic, 14))),
    ]
    answers = _apply_together(_groups(pg_store, clinic, clock), pushes)
    assert answers == [None, None]
    ids = [uuid.UUID(json.loads(b)["mutations"][0]["args"]["booking_id"]) for _, b in pushes]
    assert _rows(pg_store, Booking, Booking.booking_id.in_(ids)) == []
    said = [_route(http, desk, body).json()["results"][0]["status"] for desk, body in pushes]
    assert said == ["rejected", "applied"]


@pytest.mark.parametrize("group_pushes", [True, False])
def test_a_server_takes_pushes_in_groups_unless_told_not_to(
    pg_store: Engine,
    clinic: Clinic,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    group_pushes: bool,
) -> None:
    grouped_answers: list[bool] = []
    apply = PushGroups.apply

    async def spy(self: PushGroups, pushed: Pushed) -> Any:
        answer = await apply(self, pushed)
        grouped_answers.append(answer is not None)
        return answer

    monkeypatch.setattr(PushGroups, "apply", spy)
    live = LiveServer(pg_store, clock=clock, group_pushes=group_pushes)
    live.start()
    try:
        with httpx.Client(base_url=live.base_url) as client:
            signed = client.post(
                "/auth/sign-in", json={"email": clinic.reception_email, "password": PASSWORD}
            ).json()
            desk = Desk({"Authorization": f"Bearer {signed['access_token']}"}, uuid.uuid4())
            answers = []
            for hour in (9, 10, 11):  # the first loads the catalogue the route's way
                body = desk.body(_args(clinic, hour))
                answers.append(
                    client.post(
                        "/sync/push",
                        content=body,
                        headers={**desk.headers, "Content-Type": "application/json"},
                    )
                )
    finally:
        live.stop()
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.json() for a in answers] == [
        {"last_seq": seq, "results": [answers[0].json()["results"][0] | {"seq": seq}]}
        for seq in (1, 2, 3)
    ]
    # The first is not offered to a group: no catalogue was held yet.
    assert grouped_answers == ([True, True] if group_pushes else [])


def test_a_rule_added_to_the_plan_is_kept_by_a_group(
    pg_store: Engine,
    clinic: Clinic,
    http: TestClient,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As tests/server/test_one_plan.py holds the desk, REST and the route to it."""

    def ana_off_at_ten(c: booking_plan.Candidate) -> None:
        if c.provider.provider_id == clinic.ana and c.start_at.astimezone(c.provider.zone) == (
            datetime.combine(DAY, time(10), clinic.zone)
        ):
            raise ConflictError("start_at", "ana_off_at_ten", "Ana is off at ten that day")

    desks = _desks_that_pushed(http, clinic, 2)
    monkeypatch.setattr(booking_plan, "RULES", [ana_off_at_ten])
    off, on = desks
    pushes = [(off, off.body(_args(clinic, 10))), (on, on.body(_args(clinic, 11)))]
    answers = _apply_together(_groups(pg_store, clinic, clock), pushes)
    [said] = json.loads(answers[0][0])["results"]
    assert (said["status"], said["code"]) == ("rejected", "ana_off_at_ten")
    assert json.loads(answers[1][0])["results"][0]["status"] == "applied"


def test_a_grouped_refusal_is_recorded_as_the_route_records_it(
    pg_store: Engine, clinic: Clinic, http: TestClient, clock: Clock
) -> None:
    """The same taken slot asked for twice, through the route and in a group: the same
    answer (the free slots of the day offered), refusal kept and audit event."""
    by_route, in_group = (_desk(http, clinic.reception_email) for _ in range(2))
    for desk, hour in ((by_route, 9), (in_group, 14)):
        _first_push(http, clinic, desk, hour)  # Bruno's: Ana's day stays as it was
    taken = _route(http, by_route, by_route.body(_args(clinic, 10)))
    assert taken.json()["results"][0]["status"] == "applied"
    route_push, group_push = _args(clinic, 10, 30), _args(clinic, 10, 30)
    route_answer = _route(http, by_route, by_route.body(route_push)).json()
    [before] = _rows(pg_store, TenantVersion, TenantVersion.tenant_id == clinic.tenant_id)
    [group_body] = _apply_together(
        _groups(pg_store, clinic, clock), [(in_group, in_group.body(group_push))]
    )
    group_answer = json.loads(group_body[0])
    # A refusal changes nothing the desks pull: no version, no hint to pull.
    [after] = _rows(pg_store, TenantVersion, TenantVersion.tenant_id == clinic.tenant_id)
    assert after.version == before.version

    def said(answer: dict[str, Any], push: dict[str, Any]) -> dict[str, Any]:
        [result] = answer["results"]
        assert result["details"].pop("id") == push["booking_id"]
        assert result["details"]["alternatives"]  # free times of Ana's that day
        return {**answer, "results": [result | {"seq": 0}], "last_seq": 0}

    assert said(group_answer, group_push) == said(route_answer, route_push)
    assert group_answer["results"][0]["code"] == "slot_taken"

    def kept(desk: Desk, push: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        [row] = _rows(pg_store, SyncRejection, SyncRejection.client_id == desk.client_id)
        [event] = _rows(pg_store, AuditEvent, AuditEvent.entity_id == push["booking_id"])
        stored = {c.key: getattr(row, c.key) for c in SyncRejection.__table__.columns}
        assert stored.pop("client_id") == desk.client_id
        assert stored["args"].pop("booking_id") == push["booking_id"]
        assert stored["details"].pop("id") == push["booking_id"]
        for key in ("seq", "created_at"):
            stored.pop(key)
        columns = ("actor_id", "actor_kind", "actor_role", "source", "action", "entity")
        told = {k: getattr(event, k) for k in (*columns, "changes", "outcome", "code", "hub_id")}
        # Its author's client moved on past it, and the change's digest was kept.
        assert (event.client_id, event.client_seq) == (desk.client_id, desk.seq)
        [client] = _rows(pg_store, SyncClient, SyncClient.client_id == desk.client_id)
        assert client.last_seq == desk.seq
        digests = _rows(pg_store, SyncDigest, SyncDigest.client_id == desk.client_id)
        assert desk.seq in {d.seq for d in digests}
        return stored, told

    assert kept(in_group, group_push) == kept(by_route, route_push)
