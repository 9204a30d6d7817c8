"""Changing a business already in use: providers and services edited, time off for a
whole location, the bookings a change would break shown before it is saved, public
holidays, and who signed in when."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.helpers.clinic import Clinic, at, error_fields, make_client, sign_in
from tests.helpers.clock import Clock, morning_of
from tests.server.test_setup_api import PNG_1PX
from tests.server.test_sync_api import pull_all

MONDAY = date(2027, 3, 15)  # the server's clock is set to its morning
TUESDAY = date(2027, 3, 16)
WEDNESDAY = date(2027, 3, 17)


def book(
    client: TestClient,
    headers: dict[str, str],
    clinic: Clinic,
    start: str,
    provider: Any = None,
    service: Any = None,
) -> dict[str, Any]:
    answer = client.post(
        "/bookings",
        headers=headers,
        json={
            "customer_id": str(clinic.customer),
            "service_id": str(service or clinic.consult),
            "provider_id": str(provider or clinic.ana),
            "start_at": start,
        },
    )
    assert answer.status_code == 201, answer.text
    made: dict[str, Any] = answer.json()[0]
    return made


def reasons(answer: Any) -> dict[str, str]:
    """booking id -> reason, from an ImpactOut answer."""
    assert answer.status_code == 200, answer.text
    return {b["booking_id"]: b["reason"] for b in answer.json()["bookings"]}


def test_a_provider_is_renamed_recoloured_and_given_other_services(
    client: TestClient, admin: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    clock.at = morning_of(MONDAY, clinic.zone)
    changed = client.patch(
        f"/setup/providers/{clinic.bruno}",
        headers=admin,
        json={
            "display_name": " Dr.  Bruno ",
            "colour": "#AA0033",
            "service_ids": [str(clinic.quick)],
        },
    )
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["display_name"], body["colour"], body["service_ids"]) == (
        "Dr. Bruno",
        "#aa0033",
        [str(clinic.quick)],
    )
    listed = {s["service_id"]: s for s in client.get("/setup/services", headers=admin).json()}
    assert listed[str(clinic.consult)]["provider_ids"] == [str(clinic.ana)]
    # Bruno has no bookings to come: he may stop taking them.
    off = client.patch(f"/setup/providers/{clinic.bruno}", headers=admin, json={"active": False})
    assert off.status_code == 200
    assert off.json()["active"] is False
    cases = [
        ({"colour": "red"}, "colour", 422),
        ({"display_name": "  "}, "display_name", 422),
        ({"service_ids": ["3f1e4a5c-0000-4000-8000-000000000000"]}, "service_ids[0]", 404),
        ({"speciality": "x"}, "speciality", 422),
    ]
    for patch, field, status in cases:
        answer = client.patch(f"/setup/providers/{clinic.bruno}", headers=admin, json=patch)
        assert answer.status_code == status, (patch, answer.text)
        assert error_fields(answer) == [field], patch
    desk = sign_in(client, clinic.reception_email)
    refused = client.patch(f"/setup/providers/{clinic.bruno}", headers=desk, json={"active": True})
    assert refused.status_code == 403


def test_a_provider_with_bookings_to_come_is_not_deactivated(
    client: TestClient, admin: dict[str, str], desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    clock.at = morning_of(MONDAY, clinic.zone)
    kept = book(client, desk, clinic, at(TUESDAY, "10:00"))
    cancelled = book(client, desk, clinic, at(TUESDAY, "11:00"))
    gone = client.post(
        f"/bookings/{cancelled['booking_id']}/status",
        headers=desk,
        json={"status": "cancelled", "reason": "llamó"},
    )
    assert gone.status_code == 200, gone.text
    refused = client.patch(f"/setup/providers/{clinic.ana}", headers=admin, json={"active": False})
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert error["code"] == "provider_has_future_bookings"
    assert error["details"]["bookings"] == [
        {
            "booking_id": kept["booking_id"],
            "code": kept["code"],
            "start_at": "2027-03-16T13:00:00Z",
            "end_at": "2027-03-16T13:30:00Z",
            "provider_id": str(clinic.ana),
            "provider_name": "Ana",
            "service_name": "Consulta",
            "customer_name": "Juan Pérez",
            "reason": "provider_inactive",
        }
    ]
    providers = {p["provider_id"]: p for p in client.get("/setup/providers", headers=admin).json()}
    assert providers[str(clinic.ana)]["active"] is True
    # Once that booking is over, nothing stands in the way.
    clock.at = morning_of(WEDNESDAY, clinic.zone)
    off = client.patch(f"/setup/providers/{clinic.ana}", headers=admin, json={"active": False})
    assert off.status_code == 200, off.text


def test_hours_preview_names_the_bookings_new_hours_leave_out(
    client: TestClient, admin: dict[str, str], desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    clock.at = morning_of(MONDAY, clinic.zone)
    morning = book(client, desk, clinic, at(TUESDAY, "10:00"))
    afternoon = book(client, desk, clinic, at(TUESDAY, "16:00"))
    wednesday = book(client, desk, clinic, at(WEDNESDAY, "10:00"))
    bruno = book(client, desk, clinic, at(TUESDAY, "16:00"), provider=clinic.bruno)
    hours = {
        "hours": [
            {"weekday": 1, "start": "09:00", "end": "12:00"},
            {"weekday": 2, "start": "09:00", "end": "12:00"},
        ],
        "breaks": [{"weekday": 2, "start": "10:00", "end": "10:30"}],
    }
    preview = client.post(f"/setup/providers/{clinic.ana}/hours/preview", headers=admin, json=hours)
    assert reasons(preview) == {
        afternoon["booking_id"]: "outside_hours",
        wednesday["booking_id"]: "outside_hours",  # in the new break
    }
    assert morning["booking_id"] not in reasons(preview)
    assert bruno["booking_id"] not in reasons(preview)
    # Soonest first, and nothing was saved.
    assert [b["start_at"] for b in preview.json()["bookings"]] == sorted(
        b["start_at"] for b in preview.json()["bookings"]
    )
    assert (
        len(client.get(f"/setup/providers/{clinic.ana}/hours", headers=admin).json()["hours"]) == 7
    )
    bad = client.post(
        f"/setup/providers/{clinic.ana}/hours/preview",
        headers=admin,
        json={"hours": [{"weekday": 1, "start": "12:00", "end": "09:00"}]},
    )
    assert bad.status_code == 422
    assert error_fields(bad) == ["hours[0].end"]
    # Bookings that are over count no more.
    clock.at = morning_of(WEDNESDAY, clinic.zone)
    later = client.post(f"/setup/providers/{clinic.ana}/hours/preview", headers=admin, json=hours)
    assert reasons(later) == {wednesday["booking_id"]: "outside_hours"}


def test_time_off_previews_name_the_bookings_it_falls_on(
    client: TestClient, admin: dict[str, str], desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    clock.at = morning_of(MONDAY, clinic.zone)
    ana_10 = book(client, desk, clinic, at(TUESDAY, "10:00"))
    ana_16 = book(client, desk, clinic, at(TUESDAY, "16:00"))
    bruno_16 = book(client, desk, clinic, at(TUESDAY, "16:00"), provider=clinic.bruno)
    afternoon = {"start_at": at(TUESDAY, "15:00"), "end_at": at(TUESDAY, "17:00"), "reason": "x"}
    own = client.post(
        f"/setup/providers/{clinic.ana}/time-off/preview", headers=admin, json=afternoon
    )
    assert reasons(own) == {ana_16["booking_id"]: "in_time_off"}
    everyone = client.post(
        f"/setup/locations/{clinic.location_id}/time-off/preview",
        headers=admin,
        json={"start_at": at(TUESDAY, "00:00"), "end_at": at(WEDNESDAY, "00:00")},
    )
    assert reasons(everyone) == {
        ana_10["booking_id"]: "in_time_off",
        ana_16["booking_id"]: "in_time_off",
        bruno_16["booking_id"]: "in_time_off",
    }
    names = {b["provider_name"] for b in everyone.json()["bookings"]}
    assert names == {"Ana", "Bruno"}
    # A booking the new hours already leave out is not news to the time off.
    short = {"hours": [{"weekday": 1, "start": "09:00", "end": "12:00"}]}
    assert (
        client.put(f"/setup/providers/{clinic.ana}/hours", headers=admin, json=short).status_code
        == 200
    )
    again = client.post(
        f"/setup/providers/{clinic.ana}/time-off/preview",
        headers=admin,
        json={"start_at": at(TUESDAY, "00:00"), "end_at": at(WEDNESDAY, "00:00")},
    )
    assert reasons(again) == {ana_10["booking_id"]: "in_time_off"}
    backwards = client.post(
        f"/setup/providers/{clinic.ana}/time-off/preview",
        headers=admin,
        json={"start_at": at(TUESDAY, "17:00"), "end_at": at(TUESDAY, "15:00")},
    )
    assert backwards.status_code == 422
    assert error_fields(backwards) == ["time_off.end_at"]


def test_service_preview_names_the_bookings_a_longer_service_overlaps(
    client: TestClient, admin: dict[str, str], desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    clock.at = morning_of(MONDAY, clinic.zone)
    # Consulta: 30 min and 10 after, so 10:00 holds Ana until 10:40.
    first = book(client, desk, clinic, at(TUESDAY, "10:00"))
    book(client, desk, clinic, at(TUESDAY, "10:40"), service=clinic.quick)
    late = book(client, desk, clinic, at(TUESDAY, "17:20"))
    roomy = book(client, desk, clinic, at(WEDNESDAY, "10:00"))
    url = f"/setup/services/{clinic.consult}/preview"
    longer = client.post(url, headers=admin, json={"duration_minutes": 45})
    assert reasons(longer) == {
        first["booking_id"]: "overlaps_after_change",
        late["booking_id"]: "outside_hours",  # 17:20 + 45 + 10 runs past 18:00
    }
    assert roomy["booking_id"] not in reasons(longer)
    assert reasons(client.post(url, headers=admin, json={"buffer_after_minutes": 0})) == {}
    assert reasons(client.post(url, headers=admin, json={"name": "Otra"})) == {}
    bad = client.post(url, headers=admin, json={"duration_minutes": 0})
    assert bad.status_code == 422
    assert error_fields(bad) == ["duration_minutes"]
    # The preview changed nothing.
    listed = {s["service_id"]: s for s in client.get("/setup/services", headers=admin).json()}
    assert listed[str(clinic.consult)]["duration_minutes"] == 30


def test_a_service_is_edited_and_bookings_made_afterwards_follow_it(
    client: TestClient, admin: dict[str, str], desk: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    clock.at = morning_of(MONDAY, clinic.zone)
    before = book(client, desk, clinic, at(TUESDAY, "10:00"))
    url = f"/setup/services/{clinic.consult}"
    changed = client.patch(
        url,
        headers=admin,
        json={
            "name": "Consulta larga",
            "duration_minutes": 60,
            "buffer_before_minutes": 5,
            "price_minor": 3_000_000,
            "colour": "#00AA55",
            "provider_ids": [str(clinic.bruno)],
        },
    )
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body == {
        "service_id": str(clinic.consult),
        "name": "Consulta larga",
        "duration_minutes": 60,
        "buffer_before_minutes": 5,
        "buffer_after_minutes": 10,
        "price_minor": 3_000_000,
        "colour": "#00aa55",
        "active": True,
        "provider_ids": [str(clinic.bruno)],
    }
    # The booking already made keeps its time; the next one takes the new length
    # (the server's cached catalogue saw the change at once).
    kept = client.get(f"/bookings/{before['booking_id']}", headers=desk).json()
    assert kept["end_at"] == "2027-03-16T13:30:00Z"
    after = book(client, desk, clinic, at(TUESDAY, "10:00"), provider=clinic.bruno)
    assert after["end_at"] == "2027-03-16T14:00:00Z"
    cases = [
        ({"colour": "green"}, "colour", 422),
        ({"duration_minutes": 0}, "duration_minutes", 422),
        ({"duration_minutes": 24 * 60}, "duration_minutes", 422),
        ({"buffer_after_minutes": -5}, "buffer_after_minutes", 422),
        ({"price_minor": -1}, "price_minor", 422),
        ({"duration_minutes": 30.5}, "duration_minutes", 422),
        ({"name": ""}, "name", 422),
        ({"provider_ids": ["3f1e4a5c-0000-4000-8000-000000000000"]}, "provider_ids[0]", 404),
    ]
    for patch, field, status in cases:
        answer = client.patch(url, headers=admin, json=patch)
        assert answer.status_code == status, (patch, answer.text)
        assert error_fields(answer) == [field], patch
    off = client.patch(url, headers=admin, json={"active": False})
    assert off.json()["active"] is False
    missing = client.patch(
        "/setup/services/3f1e4a5c-0000-4000-8000-000000000000", headers=admin, json={}
    )
    assert missing.status_code == 404


def test_a_new_service_has_a_colour(client: TestClient, admin: dict[str, str]) -> None:
    picked = client.post(
        "/setup/services",
        headers=admin,
        json={"name": "Ecografía", "duration_minutes": 40, "colour": "#123ABC"},
    )
    assert picked.status_code == 201
    assert picked.json()["colour"] == "#123abc"
    given = client.post(
        "/setup/services", headers=admin, json={"name": "Eco", "duration_minutes": 40}
    )
    assert given.json()["colour"].startswith("#")
    assert len(given.json()["colour"]) == 7
    # Told apart from the one before it without anyone choosing.
    colours = [s["colour"] for s in client.get("/setup/services", headers=admin).json()]
    assert len(set(colours)) == len(colours)
    bad = client.post(
        "/setup/services",
        headers=admin,
        json={"name": "X", "duration_minutes": 40, "colour": "#12"},
    )
    assert bad.status_code == 422
    assert error_fields(bad) == ["colour"]


def test_a_patched_service_reaches_a_desks_pull(
    client: TestClient, admin: dict[str, str], desk: dict[str, str], clinic: Clinic
) -> None:
    _, cursor = pull_all(client, desk, full=True)
    changed = client.patch(
        f"/setup/services/{clinic.consult}",
        headers=admin,
        json={"colour": "#224466", "provider_ids": [str(clinic.ana)]},
    )
    assert changed.status_code == 200, changed.text
    changes, _ = pull_all(client, desk, cursor)
    services = [c["data"] for c in changes if c["entity"] == "service"]
    assert [(s["service_id"], s["colour"]) for s in services] == [(str(clinic.consult), "#224466")]
    # Bruno no longer offers it: his link comes as a deletion.
    links = [c for c in changes if c["entity"] == "provider_service"]
    assert [c["data"] for c in links] == [None]
    assert str(clinic.bruno) in links[0]["id"]


def test_time_off_for_a_whole_location_is_one_group(
    client: TestClient, admin: dict[str, str], clinic: Clinic, clock: Clock
) -> None:
    clock.at = morning_of(MONDAY, clinic.zone)
    url = f"/setup/locations/{clinic.location_id}/time-off"
    holiday = {
        "start_at": at(date(2027, 7, 9), "00:00"),
        "end_at": at(date(2027, 7, 10), "00:00"),
        "reason": "Día de la Independencia",
    }
    made = client.post(url, headers=admin, json=holiday)
    assert made.status_code == 201, made.text
    rows = made.json()
    assert {r["provider_id"] for r in rows} == {str(clinic.ana), str(clinic.bruno)}
    group = rows[0]["group_id"]
    assert group is not None
    assert {r["group_id"] for r in rows} == {group}
    listed = client.get(url, headers=admin).json()
    assert len(listed) == 1
    assert set(listed[0].pop("provider_ids")) == {str(clinic.ana), str(clinic.bruno)}
    assert listed[0] == {
        "group_id": group,
        "start_at": "2027-07-09T03:00:00Z",
        "end_at": "2027-07-10T03:00:00Z",
        "reason": "Día de la Independencia",
    }
    own = client.get(f"/setup/providers/{clinic.ana}/time-off", headers=admin).json()
    assert [t["group_id"] for t in own] == [group]
    desk = sign_in(client, clinic.reception_email)
    assert client.get(url, headers=desk).status_code == 200  # reading is open to staff
    assert client.post(url, headers=desk, json=holiday).status_code == 403
    assert client.delete(f"/setup/time-off-groups/{group}", headers=admin).status_code == 204
    assert client.get(url, headers=admin).json() == []
    assert client.get(f"/setup/providers/{clinic.ana}/time-off", headers=admin).json() == []
    assert client.delete(f"/setup/time-off-groups/{group}", headers=admin).status_code == 404
    # Only providers still working there get it.
    client.patch(f"/setup/providers/{clinic.bruno}", headers=admin, json={"active": False})
    again = client.post(url, headers=admin, json=holiday).json()
    assert [r["provider_id"] for r in again] == [str(clinic.ana)]
    backwards = {**holiday, "start_at": holiday["end_at"], "end_at": holiday["start_at"]}
    bad = client.post(url, headers=admin, json=backwards)
    assert bad.status_code == 422
    assert error_fields(bad) == ["time_off.end_at"]
    empty = client.post("/setup/locations", headers=admin, json={"name": "Anexo"}).json()
    nobody = client.post(
        f"/setup/locations/{empty['location_id']}/time-off", headers=admin, json=holiday
    )
    assert nobody.status_code == 409
    assert nobody.json()["error"]["code"] == "location_has_no_providers"


def test_holidays_of_the_business_country(client: TestClient, admin: dict[str, str]) -> None:
    answer = client.get("/setup/holidays", params={"year": 2027}, headers=admin)
    assert answer.status_code == 200, answer.text
    days = {h["date"]: h["name"] for h in answer.json()}
    assert days["2027-07-09"] == "Día de la Independencia"
    assert "2027-05-25" in days
    assert "2027-12-25" in days
    assert list(days) == sorted(days)
    assert client.get("/setup/tenant", headers=admin).json()["country"] == "AR"
    moved = client.patch("/setup/tenant", headers=admin, json={"country": "uy"})
    assert moved.status_code == 200
    assert moved.json()["country"] == "UY"
    uruguay = client.get("/setup/holidays", params={"year": 2027}, headers=admin).json()
    assert "2027-07-18" in {h["date"] for h in uruguay}  # Jura de la Constitución
    assert "2027-07-09" not in {h["date"] for h in uruguay}
    for params, field in (({"year": 1800}, "year"), ({"year": "x"}, "year"), ({}, "year")):
        bad = client.get("/setup/holidays", params=params, headers=admin)
        assert bad.status_code == 422, params
        assert error_fields(bad) == [field], params
    for country in ("XX", "ARG", "1A"):
        bad = client.patch("/setup/tenant", headers=admin, json={"country": country})
        assert bad.status_code == 422, country
        assert error_fields(bad) == ["country"], country


def test_staff_show_when_they_last_signed_in(
    client: TestClient, admin: dict[str, str], clinic: Clinic
) -> None:
    def last(email: str) -> Any:
        staff = client.get("/setup/staff", headers=admin).json()
        return next(u for u in staff if u["email"] == email)["last_sign_in_at"]

    assert last(clinic.reception_email) is None
    assert last(clinic.admin_email) is not None  # the fixture signed in
    sign_in(client, clinic.reception_email)
    first = last(clinic.reception_email)
    assert first is not None
    sign_in(client, clinic.reception_email)
    assert last(clinic.reception_email) >= first
    reception = next(
        u["user_id"]
        for u in client.get("/setup/staff", headers=admin).json()
        if u["email"] == clinic.reception_email
    )
    renamed = client.patch(
        f"/setup/staff/{reception}", headers=admin, json={"display_name": "Mesa"}
    )
    assert renamed.status_code == 200
    assert renamed.json()["last_sign_in_at"] is not None


def test_turnero_admin_create_tenant_with_its_look_country_and_a_first_provider(
    store: Engine, tmp_path: Path, capsys: Any
) -> None:
    from turnero import main

    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG_1PX)
    url = store.url.render_as_string(hide_password=False)
    args = ["admin", "create-tenant", "--database", url, "--name", "Barbería Sur"]
    args += ["--admin-email", "owner@sur.test", "--admin-password", "owner-pass-1"]
    look = ["--vertical", "barbershop", "--time-zone", "America/Montevideo"]
    assert main([*args, *look, "--country", "XX"]) == 2
    assert "country" in capsys.readouterr().err
    assert main([*args, *look, "--logo", str(tmp_path / "none.png")]) == 2
    assert "logo" in capsys.readouterr().err
    assert main([*args, *look, "--primary-colour", "navy"]) == 2
    assert "primary_colour" in capsys.readouterr().err
    made = [*args, *look, "--primary-colour", "#112233", "--logo", str(logo)]
    assert main([*made, "--provider", "Nico"]) == 0, capsys.readouterr().err
    with make_client(store) as client:
        owner = sign_in(client, "owner@sur.test", "owner-pass-1")
        tenant = client.get("/setup/tenant", headers=owner).json()
        assert (tenant["vertical"], tenant["country"], tenant["primary_colour"]) == (
            "barbershop",
            "UY",  # the time zone's
            "#112233",
        )
        assert tenant["has_logo"] is True
        [nico] = client.get("/setup/providers", headers=owner).json()
        services = client.get("/setup/services", headers=owner).json()
        assert services  # the vertical's
        assert sorted(nico["service_ids"]) == sorted(s["service_id"] for s in services)
        hours = client.get(f"/setup/providers/{nico['provider_id']}/hours", headers=owner).json()
    week = [(h["weekday"], h["start"], h["end"]) for h in hours["hours"]]
    assert week == [
        *((d, "09:00:00", "18:00:00") for d in range(5)),
        (5, "09:00:00", "13:00:00"),
    ]
    assert [(b["weekday"], b["start"]) for b in hours["breaks"]] == [
        (d, "13:00:00") for d in range(5)
    ]


def test_two_services_cannot_share_a_name(client: TestClient, admin: dict[str, str]) -> None:
    first = client.post(
        "/setup/services", headers=admin, json={"name": "Control breve", "duration_minutes": 20}
    )
    assert first.status_code == 201, first.text
    again = client.post(
        "/setup/services", headers=admin, json={"name": " control BREVE ", "duration_minutes": 30}
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "duplicate"
    assert again.json()["error"]["fields"][0]["field"] == "name"
    other = client.post(
        "/setup/services", headers=admin, json={"name": "Control anual", "duration_minutes": 30}
    )
    renamed = client.patch(
        f"/setup/services/{other.json()['service_id']}",
        headers=admin,
        json={"name": "CONTROL BREVE"},
    )
    assert renamed.status_code == 409
    # Its own name, given again with other changes, is no clash.
    kept = client.patch(
        f"/setup/services/{first.json()['service_id']}",
        headers=admin,
        json={"name": "Control breve", "duration_minutes": 25},
    )
    assert kept.status_code == 200, kept.text
