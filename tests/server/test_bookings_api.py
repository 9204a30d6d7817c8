"""Booking rules through the API, on PostgreSQL and on SQLite."""

from __future__ import annotations

import itertools
import threading
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import Booking
from server.runtime import Runtime
from tests.helpers.clinic import (
    BA,
    Clinic,
    at,
    error_fields,
    future_day,
    make_client,
    make_clinic,
    sign_in,
)
from tests.helpers.clock import Clock, morning_of

MONDAY = date(2026, 3, 16)  # a fixed day: the server's clock is set around it


def book(
    client: TestClient, headers: dict[str, str], clinic: Clinic, start: str, **extra: object
) -> httpx.Response:
    body = {
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "provider_id": str(clinic.ana),
        "start_at": start,
        **extra,
    }
    response: httpx.Response = client.post("/bookings", json=body, headers=headers)
    return response


def count_bookings(engine: Engine) -> int:
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        return int(s.scalar(select(func.count()).select_from(Booking)) or 0)


def test_book_a_free_slot(client: TestClient, desk: dict[str, str], clinic: Clinic) -> None:
    day = future_day()
    response = book(client, desk, clinic, at(day, "10:00"))
    assert response.status_code == 201, response.text
    [booking] = response.json()
    assert booking["status"] == "confirmed"
    assert datetime.fromisoformat(booking["start_at"]) == datetime.fromisoformat(at(day, "10:00"))
    assert datetime.fromisoformat(booking["end_at"]) == datetime.fromisoformat(at(day, "10:30"))
    assert len(booking["code"]) == 6
    fetched = client.get(f"/bookings/{booking['booking_id']}", headers=desk)
    assert fetched.json()["booking_id"] == booking["booking_id"]


def test_overlap_and_buffer_are_refused_and_nothing_is_written(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    day = future_day()
    assert book(client, desk, clinic, at(day, "10:00")).status_code == 201
    # 10:35 starts inside the 10 min clean-up after the 10:00 consult.
    for start in ("10:15", "10:35"):
        response = book(client, desk, clinic, at(day, start))
        assert response.status_code == 409
        assert error_fields(response) == ["start_at"]
        assert response.json()["error"]["code"] == "slot_taken"
    assert book(client, desk, clinic, at(day, "10:40")).status_code == 201
    assert count_bookings(store) == 2


def test_outside_working_hours_and_during_break(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    day = future_day()
    late = book(client, desk, clinic, at(day, "17:45"))  # would end 18:15 + buffer
    assert late.status_code == 409
    assert late.json()["error"]["code"] == "outside_working_hours"
    lunch = book(client, desk, clinic, at(day, "12:45"))
    assert lunch.status_code == 409
    assert lunch.json()["error"]["code"] == "provider_unavailable"
    assert error_fields(lunch) == ["start_at"]


def test_status_machine_through_the_day(
    client: TestClient, desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    clock.at = morning_of(MONDAY, BA)
    [booking] = book(client, desk, clinic, at(MONDAY, "11:00")).json()
    url = f"/bookings/{booking['booking_id']}/status"
    for status in ("checked_in", "in_service", "completed"):
        response = client.post(url, json={"status": status}, headers=desk)
        assert response.status_code == 200, response.text
        assert response.json()["status"] == status
    refused = client.post(url, json={"status": "cancelled", "reason": "late"}, headers=desk)
    assert refused.status_code == 409
    assert error_fields(refused) == ["status"]
    assert refused.json()["error"]["code"] == "transition_not_allowed"
    unknown = client.post(url, json={"status": "arrived"}, headers=desk)
    assert unknown.status_code == 422
    assert error_fields(unknown) == ["status"]


def test_only_todays_bookings_can_be_checked_in(
    client: TestClient, desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    """F6 on a booking three days ahead was taken as an arrival. Today is the
    business's day (Buenos Aires), whatever the UTC date."""
    [booking] = book(client, desk, clinic, at(MONDAY, "10:00")).json()
    url = f"/bookings/{booking['booking_id']}/status"
    for now in (
        morning_of(MONDAY - timedelta(days=3), BA),
        morning_of(MONDAY + timedelta(days=1), BA),
        morning_of(MONDAY, BA, hour=0) - timedelta(minutes=1),  # Sunday 23:59 there
    ):
        clock.at = now
        refused = client.post(url, json={"status": "checked_in"}, headers=desk)
        assert refused.status_code == 409, refused.text
        assert error_fields(refused) == ["status"]
        error = refused.json()["error"]
        assert error["code"] == "not_today"
        assert error["message"] == (
            "status: check-in is for today's bookings only; this one is on 2026-03-16"
        )
        assert client.get(f"/bookings/{booking['booking_id']}", headers=desk).json()["status"] == (
            "confirmed"
        )
    # The same refusal through a push, with its reason kept for the desk that sent it.
    pushed = client.post(
        "/sync/push",
        headers=desk,
        json={
            "client_id": str(uuid.uuid4()),
            "mutations": [
                {
                    "seq": 1,
                    "name": "booking.check_in",
                    "args": {"booking_id": booking["booking_id"]},
                }
            ],
        },
    )
    [result] = pushed.json()["results"]
    assert (result["status"], result["code"], result["field"]) == (
        "rejected",
        "not_today",
        "status",
    )
    # 23:30 on Monday in Buenos Aires is Tuesday in UTC, and still the booking's day.
    clock.at = datetime.combine(MONDAY, time(23, 30), tzinfo=BA)
    arrived = client.post(url, json={"status": "checked_in"}, headers=desk)
    assert arrived.status_code == 200, arrived.text
    assert arrived.json()["status"] == "checked_in"


def test_a_check_in_keeps_when_the_customer_arrived(
    client: TestClient, desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    """By the desk's clock when it says (the change may reach the server later), else
    the server's: also when the desk's clock is ahead, or on another day (never a
    refused arrival over a clock)."""
    clock.at = datetime.combine(MONDAY, time(10, 30), tzinfo=BA)
    hours = ("09:00", "10:00", "11:00", "12:00")
    ids = [book(client, desk, clinic, at(MONDAY, h)).json()[0]["booking_id"] for h in hours]

    def check_in(booking_id: str, **args: str) -> dict[str, Any]:
        pushed = client.post(
            "/sync/push",
            headers=desk,
            json={
                "client_id": str(uuid.uuid4()),
                "mutations": [
                    {
                        "seq": 1,
                        "name": "booking.check_in",
                        "args": {"booking_id": booking_id, **args},
                    }
                ],
            },
        )
        assert pushed.status_code == 200, pushed.text
        return cast(dict[str, Any], pushed.json()["results"][0])

    def arrived(booking_id: str) -> datetime:
        got = client.get(f"/bookings/{booking_id}", headers=desk).json()["checked_in_at"]
        return datetime.fromisoformat(got)

    early = datetime.combine(MONDAY, time(9, 50), tzinfo=BA)
    assert check_in(ids[0], at=early.isoformat())["status"] == "applied"
    assert arrived(ids[0]) == early
    assert check_in(ids[1])["status"] == "applied"
    assert arrived(ids[1]) == clock.at
    assert check_in(ids[2], at=(clock.at + timedelta(minutes=30)).isoformat())["status"] == (
        "applied"
    )
    assert arrived(ids[2]) == clock.at
    assert check_in(ids[3], at=(early - timedelta(days=1)).isoformat())["status"] == "applied"
    assert arrived(ids[3]) == clock.at
    not_a_time = check_in(ids[3], at="half past nine")
    assert (not_a_time["status"], not_a_time["field"]) == ("rejected", "args.at")


def test_cancel_needs_a_reason_and_frees_the_slot(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    day = future_day()
    [booking] = book(client, desk, clinic, at(day, "09:00")).json()
    url = f"/bookings/{booking['booking_id']}/status"
    no_reason = client.post(url, json={"status": "cancelled"}, headers=desk)
    assert no_reason.status_code == 422
    assert error_fields(no_reason) == ["reason"]
    ok = client.post(
        url, json={"status": "cancelled", "reason": "Avisó por teléfono"}, headers=desk
    )
    assert ok.json()["cancel_reason"] == "Avisó por teléfono"
    assert book(client, desk, clinic, at(day, "09:00")).status_code == 201


def test_reschedule_keeps_the_rules(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    day = future_day()
    [first] = book(client, desk, clinic, at(day, "09:00")).json()
    [second] = book(client, desk, clinic, at(day, "10:00")).json()
    url = f"/bookings/{second['booking_id']}/reschedule"
    clash = client.post(url, json={"start_at": at(day, "09:15")}, headers=desk)
    assert clash.status_code == 409
    # Moving a booking onto its own time (or a little later) must not clash with itself.
    moved = client.post(url, json={"start_at": at(day, "10:15")}, headers=desk)
    assert moved.status_code == 200, moved.text
    other = client.post(
        url, json={"start_at": at(day, "09:00"), "provider_id": str(clinic.bruno)}, headers=desk
    )
    assert other.status_code == 200
    assert other.json()["provider_id"] == str(clinic.bruno)
    assert first["provider_id"] == str(clinic.ana)


def test_weekly_series_all_or_nothing(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    day = future_day()
    series = book(client, desk, clinic, at(day, "15:00"), repeat={"every_weeks": 1, "count": 4})
    assert series.status_code == 201, series.text
    made = series.json()
    assert len(made) == 4
    assert len({b["series_id"] for b in made}) == 1
    assert made[0]["series_id"]
    # A second series every two weeks clashes on its third occurrence (day + 14 days... no:
    # day + 2 weeks is taken by the first series), so none of it is written.
    before = count_bookings(store)
    clash = book(client, desk, clinic, at(day, "15:15"), repeat={"every_weeks": 2, "count": 3})
    assert clash.status_code == 409
    assert "occurrence 1" in clash.json()["error"]["message"]
    assert count_bookings(store) == before
    shifted = book(client, desk, clinic, at(day, "16:00"), repeat={"every_weeks": 2, "count": 3})
    assert shifted.status_code == 201
    bad = book(client, desk, clinic, at(day, "17:00"), repeat={"every_weeks": 1, "count": 0})
    assert bad.status_code == 422
    assert error_fields(bad) == ["repeat.count"]


def test_any_provider_takes_whoever_is_free(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    day = future_day()
    assert book(client, desk, clinic, at(day, "10:00")).status_code == 201  # Ana
    anyone = book(client, desk, clinic, at(day, "10:00"), provider_id=None)
    assert anyone.status_code == 201, anyone.text
    assert anyone.json()[0]["provider_id"] == str(clinic.bruno)
    nobody = book(client, desk, clinic, at(day, "10:00"), provider_id=None)
    assert nobody.status_code == 409
    assert nobody.json()["error"]["code"] == "no_provider_free"


def test_availability_matches_what_can_be_booked(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    day = future_day()
    book(client, desk, clinic, at(day, "10:00"))
    response = client.get(
        "/availability",
        params={
            "service_id": str(clinic.consult),
            "day": day.isoformat(),
            "provider_id": str(clinic.ana),
        },
        headers=desk,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["time_zone"] == "America/Argentina/Buenos_Aires"
    labels = [
        datetime.fromisoformat(s["start_at"]).astimezone(clinic.zone).strftime("%H:%M")
        for s in body["slots"]
    ]
    # 15-minute grid (clinic vertical); 10:00 is booked with its clean-up until 10:40, and
    # 09:30 would need Ana until 10:10 for its own clean-up.
    assert labels[:4] == ["09:00", "09:15", "10:45", "11:00"]
    assert "12:15" in labels
    assert "12:30" not in labels
    assert "13:00" not in labels
    assert "14:00" in labels
    slot = body["slots"][5]
    assert book(client, desk, clinic, slot["start_at"]).status_code == 201


def test_bad_input_names_the_field(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    day = future_day()
    cases = [
        ({"start_at": "tomorrow at ten"}, "start_at", 422),
        ({"start_at": f"{day.isoformat()}T10:00:00"}, "start_at", 422),  # no offset
        ({"customer_id": "not-a-uuid"}, "customer_id", 422),
        ({"customer_id": "3f1e4a5c-0000-4000-8000-000000000000"}, "customer_id", 404),
        ({"service_id": "3f1e4a5c-0000-4000-8000-000000000000"}, "service_id", 404),
        ({"status": "completed"}, "status", 422),
        ({"colour": "red"}, "colour", 422),  # unknown field
    ]
    for override, field, status in cases:
        body = {
            "customer_id": str(clinic.customer),
            "service_id": str(clinic.consult),
            "provider_id": str(clinic.ana),
            "start_at": at(day, "10:00"),
            **override,
        }
        response = client.post("/bookings", json=body, headers=desk)
        assert response.status_code == status, (override, response.text)
        assert error_fields(response) == [field], override
    not_offered = book(
        client,
        desk,
        clinic,
        at(day, "10:00"),
        service_id=str(clinic.quick),
        provider_id=str(clinic.bruno),
    )
    assert not_offered.status_code == 422
    assert error_fields(not_offered) == ["provider_id"]
    assert count_bookings(store) == 0


def test_list_bookings_needs_a_bounded_range(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    day = future_day()
    book(client, desk, clinic, at(day, "10:00"))
    listed = client.get(
        "/bookings", params={"start": at(day, "00:00"), "end": at(day, "23:59")}, headers=desk
    )
    assert [b["customer_id"] for b in listed.json()] == [str(clinic.customer)]
    unbounded = client.get("/bookings", headers=desk)
    assert unbounded.status_code == 422
    assert error_fields(unbounded) == ["start"]


def test_a_series_is_listed_whole_with_what_care_needs_and_a_provider_sees_their_own(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    """What a desk reads beyond its replica: a whole series, far weeks included, and
    each booking's customer as a provider's replica carries it (name and notes)."""
    day = future_day(days=80)
    client.patch(f"/customers/{clinic.customer}", json={"notes": "Alergia"}, headers=desk)
    series = book(client, desk, clinic, at(day, "10:00"), repeat={"every_weeks": 1, "count": 6})
    assert series.status_code == 201, series.text
    series_id = series.json()[0]["series_id"]
    book(client, desk, clinic, at(day, "11:00"))  # the same customer, not of the series
    listed = client.get("/bookings", params={"series_id": series_id}, headers=desk)
    assert listed.status_code == 200, listed.text
    rows = listed.json()
    assert [r["start_at"][:10] for r in rows] == [
        (day + timedelta(weeks=i)).isoformat() for i in range(6)
    ]
    assert {(r["customer_label"], r["customer_notes"]) for r in rows} == {("Juan Pérez", "Alergia")}
    # Bruno's booking of the same customer does not exist for Ana.
    bruno = book(client, desk, clinic, at(day, "12:00"), provider_id=str(clinic.bruno))
    assert bruno.status_code == 201, bruno.text
    ana = sign_in(client, clinic.provider_email)
    hers = client.get("/bookings", params={"customer_id": str(clinic.customer)}, headers=ana)
    assert hers.status_code == 200, hers.text
    assert {r["provider_id"] for r in hers.json()} == {str(clinic.ana)}
    assert len(hers.json()) == 7
    everyone = client.get("/bookings", params={"customer_id": str(clinic.customer)}, headers=desk)
    assert len(everyone.json()) == 8


@pytest.mark.parametrize(
    ("time_zone", "day", "missing_hour", "real_hours"),
    [
        ("Europe/Madrid", date(2027, 3, 28), "02", 5),  # 02:00 -> 03:00
        ("Europe/Madrid", date(2027, 10, 31), None, 7),  # 03:00 -> 02:00, an hour twice
        ("America/Santiago", date(2027, 9, 5), "00", 5),  # 00:00 -> 01:00
    ],
)
def test_availability_on_dst_days(
    store: Engine, time_zone: str, day: date, missing_hour: str | None, real_hours: int
) -> None:
    """Providers working through the night of a clock change: every slot exists, once."""
    clinic = make_clinic(store, prefix="dst", time_zone=time_zone, hours=(time(0), time(6)))
    with make_client(store) as client:
        desk = sign_in(client, clinic.reception_email)
        response = client.get(
            "/availability",
            headers=desk,
            params={
                "service_id": str(clinic.quick),
                "day": day.isoformat(),
                "provider_id": str(clinic.ana),
            },
        )
    assert response.status_code == 200, response.text
    starts = [datetime.fromisoformat(s["start_at"]) for s in response.json()["slots"]]
    tz = ZoneInfo(time_zone)
    labels = [s.astimezone(tz).strftime("%H:%M") for s in starts]
    assert len(starts) == len(set(starts))
    assert all(b - a == timedelta(minutes=15) for a, b in itertools.pairwise(starts))
    if missing_hour:
        assert not any(label.startswith(missing_hour) for label in labels)
    assert all(s.astimezone(tz).date() == day for s in starts)
    # 15-minute slots over the real length of the night shift (00:00/01:00 to 06:00).
    assert len(starts) == real_hours * 4


def test_changes_to_hours_and_time_off_apply_to_the_next_booking(
    client: TestClient, desk: dict[str, str], admin: dict[str, str], clinic: Clinic
) -> None:
    """The server keeps reference data cached; a change must reach the very next check."""
    day = future_day()
    assert book(client, desk, clinic, at(day, "09:00")).status_code == 201
    afternoons = {"hours": [{"weekday": d, "start": "14:00", "end": "18:00"} for d in range(7)]}
    assert (
        client.put(
            f"/setup/providers/{clinic.ana}/hours", json=afternoons, headers=admin
        ).status_code
        == 200
    )
    morning = book(client, desk, clinic, at(day, "10:00"))
    assert morning.status_code == 409
    assert morning.json()["error"]["code"] == "outside_working_hours"
    off = {"start_at": at(day, "14:00"), "end_at": at(day, "16:00"), "reason": "Trámite"}
    assert (
        client.post(f"/setup/providers/{clinic.ana}/time-off", json=off, headers=admin).status_code
        == 201
    )
    away = book(client, desk, clinic, at(day, "15:00"))
    assert away.status_code == 409
    assert away.json()["error"]["code"] == "provider_unavailable"
    assert book(client, desk, clinic, at(day, "16:30")).status_code == 201


def test_any_provider_is_never_refused_while_one_is_free_even_at_once(
    client: TestClient, clinic: Clinic, admin: dict[str, str], desk: dict[str, str]
) -> None:
    """Three desks book "any provider" at the same moment for a time three are free:
    each gets one (the one chosen may be taken meanwhile: the next free is tried)."""
    carla = client.post(
        "/setup/providers",
        headers=admin,
        json={
            "display_name": "Carla",
            "location_id": str(clinic.location_id),
            "service_ids": [str(clinic.consult)],
        },
    ).json()["provider_id"]
    hours = {
        "hours": [{"weekday": d, "start": "09:00", "end": "18:00"} for d in range(7)],
        "breaks": [{"weekday": d, "start": "13:00", "end": "14:00"} for d in range(7)],
    }
    assert client.put(f"/setup/providers/{carla}/hours", headers=admin, json=hours).is_success
    day = future_day()
    # Ten rounds, each at a time all three are free (30 min and 10 of buffer apart).
    times = ["09:00", "09:40", "10:20", "11:00", "11:40", "12:20", "14:00", "14:40", "15:20"]
    times.append("16:00")
    # One request first, alone: FastAPI builds a route's body model on its first call,
    # and two threads building it at once trip a pydantic warning (harmless, but this
    # suite makes warnings errors).
    warm = {"customer_id": str(clinic.customer), "service_id": str(clinic.consult)}
    assert client.post("/bookings", json=warm, headers=desk).status_code == 422
    for hhmm in times:
        answers: list[Any] = []
        ready = threading.Barrier(3)

        def book(
            start: str = at(day, hhmm),
            ready: threading.Barrier = ready,
            answers: list[Any] = answers,
        ) -> None:
            body = {
                "customer_id": str(clinic.customer),
                "service_id": str(clinic.consult),
                "start_at": start,
            }
            ready.wait()
            answers.append(client.post("/bookings", json=body, headers=desk))

        threads = [threading.Thread(target=book) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [r.status_code for r in answers] == [201] * 3, [r.text for r in answers]
        assert len({r.json()[0]["provider_id"] for r in answers}) == 3  # one each


def test_the_routes_plan_with_the_process_catalogue(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    """The routes hand the Runtime's catalogue cache to the booking rules: the first
    booking loads the tenant's catalogue into it, and later requests use that one."""
    runtime: Runtime = cast(FastAPI, client.app).state.runtime
    assert runtime.catalogues.peek(clinic.tenant_id) is None
    day = future_day()
    assert book(client, desk, clinic, at(day, "10:00")).status_code == 201
    held = runtime.catalogues.peek(clinic.tenant_id)
    assert held is not None
    query = {"service_id": str(clinic.consult), "day": day.isoformat()}
    assert client.get("/availability", params=query, headers=desk).status_code == 200
    assert book(client, desk, clinic, at(day, "11:00")).status_code == 201
    assert runtime.catalogues.peek(clinic.tenant_id) is held  # current: not read again
