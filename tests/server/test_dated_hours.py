"""A provider's hours from a date on ("from 1 March, Ana works Tuesdays 10-19"): the
week in force until then stays, bookings follow the week of their day through REST
and through a desk's push, and the preview names only bookings from that day on."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app import schedule
from app.domain.errors import ConflictError
from app.sync import effects
from app.sync.replica import Replica
from tests.helpers.clinic import Clinic, at, error_fields
from tests.helpers.clock import Clock, morning_of
from tests.server.test_setup_changes import book, reasons
from tests.server.test_sync_api import booking_args, mutation, pull_all

MONDAY = date(2027, 2, 22)  # the server's clock is set to its morning
TUESDAY_BEFORE = date(2027, 2, 23)
MARCH_1 = date(2027, 3, 1)
TUESDAY_AFTER = date(2027, 3, 2)
TUESDAY_LATER = date(2027, 3, 9)

# From 1 March Ana works Tuesdays only, 10 to 19, no break (before: every day 9-18,
# lunch at 13).
TUESDAYS = {
    "hours": [{"weekday": 1, "start": "10:00", "end": "19:00"}],
    "valid_from": MARCH_1.isoformat(),
}


def hours_of(client: TestClient, headers: dict[str, str], provider: Any) -> dict[str, Any]:
    answer = client.get(f"/setup/providers/{provider}/hours", headers=headers)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_a_dated_week_is_kept_beside_the_current_one_and_removed_when_emptied(
    client: TestClient, admin: dict[str, str], clinic: Clinic
) -> None:
    path = f"/setup/providers/{clinic.ana}/hours"
    saved = client.put(path, headers=admin, json=TUESDAYS)
    assert saved.status_code == 200, saved.text
    weeks = saved.json()["weeks"]
    assert [w["valid_from"] for w in weeks] == [None, "2027-03-01"]
    assert len(weeks[0]["hours"]) == 7  # the week in force until then, untouched
    assert weeks[1]["hours"] == [{"weekday": 1, "start": "10:00:00", "end": "19:00:00"}]
    assert weeks[1]["breaks"] == []
    assert len(saved.json()["hours"]) == 7  # the top level stays the undated week
    # Saving the undated week leaves the dated one; a later week is listed after it.
    undated = {"hours": [{"weekday": 0, "start": "08:00", "end": "12:00"}]}
    assert client.put(path, headers=admin, json=undated).status_code == 200
    april = {**TUESDAYS, "valid_from": "2027-04-05"}
    assert client.put(path, headers=admin, json=april).status_code == 200
    listed = hours_of(client, admin, clinic.ana)["weeks"]
    assert [w["valid_from"] for w in listed] == [None, "2027-03-01", "2027-04-05"]
    assert listed[0]["hours"] == [{"weekday": 0, "start": "08:00:00", "end": "12:00:00"}]
    # A dated week saved empty is gone; the undated week is never removed that way.
    gone = client.put(path, headers=admin, json={"hours": [], "valid_from": "2027-03-01"})
    assert gone.status_code == 200
    assert [w["valid_from"] for w in gone.json()["weeks"]] == [None, "2027-04-05"]
    # A desk's pull carries each interval's day.
    changes, _ = pull_all(client, admin)
    dated = {
        c["data"]["valid_from"]
        for c in changes
        if c["entity"] == "provider_hours"
        and c["data"]
        and c["data"]["provider_id"] == str(clinic.ana)
    }
    assert dated == {None, "2027-04-05"}


def test_a_bad_day_is_refused_by_name(
    client: TestClient, admin: dict[str, str], clinic: Clinic
) -> None:
    for bad in ("2027-02-30", "01/03/2027", 20270301):
        answer = client.put(
            f"/setup/providers/{clinic.ana}/hours",
            headers=admin,
            json={**TUESDAYS, "valid_from": bad},
        )
        assert answer.status_code == 422, bad
        assert error_fields(answer) == ["valid_from"]
    assert [w["valid_from"] for w in hours_of(client, admin, clinic.ana)["weeks"]] == [None]


def test_rest_bookings_follow_the_week_of_their_day(
    client: TestClient, admin: dict[str, str], desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    clock.at = morning_of(MONDAY, clinic.zone)
    put = client.put(f"/setup/providers/{clinic.ana}/hours", headers=admin, json=TUESDAYS)
    assert put.status_code == 200, put.text
    # The free slots a desk is offered follow the same weeks.
    for day, first in ((TUESDAY_BEFORE, "09:00"), (TUESDAY_AFTER, "10:00")):
        slots = client.get(
            "/availability",
            headers=desk,
            params={"service_id": str(clinic.consult), "day": day.isoformat(),
                    "provider_id": str(clinic.ana)},
        )  # fmt: skip
        assert slots.status_code == 200, slots.text
        assert datetime.fromisoformat(
            slots.json()["slots"][0]["start_at"]
        ) == datetime.fromisoformat(at(day, first))
    book(client, desk, clinic, at(TUESDAY_BEFORE, "09:00"))  # the old week: 9-18
    refused = client.post(
        "/bookings",
        headers=desk,
        json={
            "customer_id": str(clinic.customer),
            "service_id": str(clinic.consult),
            "provider_id": str(clinic.ana),
            "start_at": at(TUESDAY_AFTER, "09:00"),
        },
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["code"] == "outside_working_hours"
    book(client, desk, clinic, at(TUESDAY_AFTER, "18:00"))  # the new week: 10-19
    book(client, desk, clinic, at(TUESDAY_AFTER, "13:00"))  # no lunch break any more


def test_pushed_bookings_follow_the_week_of_their_day(
    client: TestClient, admin: dict[str, str], desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    clock.at = morning_of(MONDAY, clinic.zone)
    put = client.put(f"/setup/providers/{clinic.ana}/hours", headers=admin, json=TUESDAYS)
    assert put.status_code == 200, put.text
    batch = [
        mutation(1, "booking.create", **booking_args(clinic, at(TUESDAY_BEFORE, "09:00"))),
        mutation(2, "booking.create", **booking_args(clinic, at(TUESDAY_AFTER, "09:00"))),
        mutation(3, "booking.create", **booking_args(clinic, at(TUESDAY_AFTER, "18:00"))),
    ]
    answer = client.post(
        "/sync/push", headers=desk, json={"client_id": str(uuid.uuid4()), "mutations": batch}
    )
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["code"] == "outside_working_hours"


def test_the_preview_of_a_dated_week_names_only_bookings_from_its_day_on(
    client: TestClient, admin: dict[str, str], desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    clock.at = morning_of(MONDAY, clinic.zone)
    before = book(client, desk, clinic, at(TUESDAY_BEFORE, "09:00"))
    wednesday_before = book(client, desk, clinic, at(date(2027, 2, 24), "10:00"))
    after = book(client, desk, clinic, at(TUESDAY_AFTER, "09:00"))
    kept = book(client, desk, clinic, at(TUESDAY_AFTER, "11:00"))  # inside 10-19
    later = book(client, desk, clinic, at(TUESDAY_LATER, "09:00"))
    wednesday = book(client, desk, clinic, at(date(2027, 3, 3), "10:00"))  # closed then
    preview = client.post(
        f"/setup/providers/{clinic.ana}/hours/preview", headers=admin, json=TUESDAYS
    )
    assert reasons(preview) == {
        after["booking_id"]: "outside_hours",
        later["booking_id"]: "outside_hours",
        wednesday["booking_id"]: "outside_hours",
    }
    for untouched in (before, wednesday_before, kept):
        assert untouched["booking_id"] not in reasons(preview)
    # The same week with no date would take over at once: the February ones count too.
    undated = client.post(
        f"/setup/providers/{clinic.ana}/hours/preview",
        headers=admin,
        json={"hours": TUESDAYS["hours"]},
    )
    assert {before["booking_id"], wednesday_before["booking_id"]} <= set(reasons(undated))
    # Saving keeps every booking where it was.
    put = client.put(f"/setup/providers/{clinic.ana}/hours", headers=admin, json=TUESDAYS)
    assert put.status_code == 200, put.text
    for b in (before, after, later, wednesday):
        got = client.get(f"/bookings/{b['booking_id']}", headers=desk).json()
        assert (got["start_at"], got["status"]) == (b["start_at"], b["status"])


def test_the_desk_replica_reads_the_weeks_as_the_server_does(
    client: TestClient, admin: dict[str, str], desk: dict[str, str], clinic: Clinic, clock: Clock,
    tmp_path: Path,
) -> None:  # fmt: skip
    """The desk checks a booking on its own replica before queueing it: pulled there,
    the dated week must give the same answers as the server's."""
    clock.at = morning_of(MONDAY, clinic.zone)
    put = client.put(f"/setup/providers/{clinic.ana}/hours", headers=admin, json=TUESDAYS)
    assert put.status_code == 200, put.text
    pulled = client.get("/sync/pull", params={"cursor": "0", "limit": 5000}, headers=desk)
    replica = Replica(tmp_path / "desk.db")
    replica.apply_changes(pulled.json()["changes"], pulled.json()["cursor"])

    def args(day: date, hhmm: str) -> dict[str, Any]:
        return booking_args(clinic, at(day, hhmm))

    effects.prepare(replica, "booking.create", args(TUESDAY_BEFORE, "09:00"))
    with pytest.raises(ConflictError) as refused:
        effects.prepare(replica, "booking.create", args(TUESDAY_AFTER, "09:00"))
    assert refused.value.code == "outside_working_hours"
    effects.prepare(replica, "booking.create", args(TUESDAY_AFTER, "18:00"))
    # The day view's column and the times offered follow the same weeks.
    ana = str(clinic.ana)

    def work(day: date) -> list[tuple[datetime, datetime]]:
        [column] = schedule.day_plan(replica, day, [ana]).columns
        return column.work

    assert work(TUESDAY_BEFORE) == [
        (datetime.fromisoformat(at(TUESDAY_BEFORE, "09:00")),
         datetime.fromisoformat(at(TUESDAY_BEFORE, "18:00"))),
    ]  # fmt: skip
    assert work(TUESDAY_AFTER) == [
        (datetime.fromisoformat(at(TUESDAY_AFTER, "10:00")),
         datetime.fromisoformat(at(TUESDAY_AFTER, "19:00"))),
    ]  # fmt: skip
    assert work(date(2027, 3, 3)) == []  # Wednesdays: closed from 1 March
    slots = schedule.suggest_slots(
        replica, str(clinic.consult), TUESDAY_AFTER, ana, now=clock.at, limit=100
    )
    assert slots[0].start_at == datetime.fromisoformat(at(TUESDAY_AFTER, "10:00"))
