"""Setting a business up through the API, with bad input named field by field."""

from __future__ import annotations

import base64

from fastapi.testclient import TestClient

from tests.helpers.clinic import Clinic, error_fields

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_tenant_settings_and_branding(client: TestClient, admin: dict[str, str]) -> None:
    response = client.patch(
        "/setup/tenant",
        headers=admin,
        json={
            "time_zone": "America/Santiago",
            "locale": "en",
            "vertical": "therapy",
            "branding": {
                "display_name": "Centro Andes",
                "primary_colour": "#336699",
                "logo_base64": base64.b64encode(PNG_1PX).decode(),
            },
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["time_zone"], body["locale"], body["vertical"]) == (
        "America/Santiago",
        "en",
        "therapy",
    )
    assert body["slot_minutes"] == 30  # the therapy vertical's granularity
    assert body["has_logo"] is True
    assert body["primary_colour"] == "#336699"
    # The desk's alert thresholds: the defaults until the business sets its own.
    assert (body["alert_waiting_minutes"], body["alert_late_minutes"]) == (15, 10)
    alerts = {"waiting_minutes": 25, "walkin_minutes": 40}
    changed = client.patch("/setup/tenant", headers=admin, json={"alerts": alerts}).json()
    assert (changed["alert_waiting_minutes"], changed["alert_walkin_minutes"]) == (25, 40)
    assert changed["alert_late_minutes"] == 10  # left as it was


def test_bad_tenant_settings_name_the_field_and_change_nothing(
    client: TestClient, admin: dict[str, str]
) -> None:
    cases = [
        ({"time_zone": "America/Atlantis"}, "time_zone"),
        ({"locale": "fr"}, "locale"),
        ({"currency": "DOGE"}, "currency"),
        ({"vertical": "bakery"}, "vertical"),
        ({"slot_minutes": 3}, "slot_minutes"),
        ({"branding": {"primary_colour": "blue"}}, "branding.primary_colour"),
        ({"branding": {"logo_base64": "@@@"}}, "branding.logo_base64"),
        (
            {"branding": {"logo_base64": base64.b64encode(b"GIF89a").decode()}},
            "branding.logo_base64",
        ),
        ({"time_zone": "UTC", "name": ""}, "name"),
        ({"alerts": {"late_minutes": 0}}, "alerts.late_minutes"),
        ({"alerts": {"walkin_minutes": 481}}, "alerts.walkin_minutes"),
        ({"alerts": {"waiting_minutes": "soon"}}, "alerts.waiting_minutes"),
    ]
    for body, field in cases:
        response = client.patch("/setup/tenant", json=body, headers=admin)
        assert response.status_code == 422, (body, response.text)
        assert error_fields(response) == [field], body
    assert client.get("/setup/tenant", headers=admin).json()["time_zone"] == (
        "America/Argentina/Buenos_Aires"
    )


def test_staff_providers_services_and_hours(
    client: TestClient, admin: dict[str, str], clinic: Clinic
) -> None:
    svc = client.post(
        "/setup/services",
        headers=admin,
        json={
            "name": "Ecografía",
            "duration_minutes": 40,
            "buffer_before_minutes": 5,
            "price_minor": 4_000_000,
        },
    )
    assert svc.status_code == 201, svc.text
    prov = client.post(
        "/setup/providers",
        headers=admin,
        json={
            "display_name": "Dra. Ruiz",
            "location_id": str(clinic.location_id),
            "colour": "#AA3366",
            "service_ids": [svc.json()["service_id"]],
        },
    )
    assert prov.status_code == 201, prov.text
    pid = prov.json()["provider_id"]
    hours = client.put(
        f"/setup/providers/{pid}/hours",
        headers=admin,
        json={
            "hours": [
                {"weekday": 0, "start": "09:00", "end": "13:00"},
                {"weekday": 0, "start": "15:00", "end": "19:00"},
            ],
            "breaks": [{"weekday": 0, "start": "11:00", "end": "11:15"}],
        },
    )
    assert hours.status_code == 200, hours.text
    assert len(hours.json()["hours"]) == 2
    off = client.post(
        f"/setup/providers/{pid}/time-off",
        headers=admin,
        json={
            "start_at": "2030-01-01T00:00:00-03:00",
            "end_at": "2030-01-15T00:00:00-03:00",
            "reason": "Vacaciones",
        },
    )
    assert off.status_code == 201
    assert len(client.get(f"/setup/providers/{pid}/time-off", headers=admin).json()) == 1
    deleted = client.delete(f"/setup/time-off/{off.json()['time_off_id']}", headers=admin)
    assert deleted.status_code == 204
    staff = client.post(
        "/setup/staff",
        headers=admin,
        json={
            "email": "ruiz@a.test",
            "display_name": "Dra. Ruiz",
            "role": "provider",
            "password": "long-enough-1",
            "provider_id": pid,
        },
    )
    assert staff.status_code == 201
    listed = {s["service_id"]: s for s in client.get("/setup/services", headers=admin).json()}
    assert listed[svc.json()["service_id"]]["provider_ids"] == [pid]


def test_bad_setup_input(client: TestClient, admin: dict[str, str], clinic: Clinic) -> None:
    cases = [
        ("/setup/services", {"name": "X", "duration_minutes": 0}, "duration_minutes", 422),
        (
            "/setup/services",
            {"name": "X", "duration_minutes": 30, "price_minor": -10},
            "price_minor",
            422,
        ),
        (
            "/setup/services",
            {"name": "X", "duration_minutes": "half an hour"},
            "duration_minutes",
            422,
        ),
        (
            "/setup/providers",
            {"display_name": "X", "location_id": "3f1e4a5c-0000-4000-8000-000000000000"},
            "location_id",
            404,
        ),
        (
            "/setup/staff",
            {
                "email": "reception@a.test",
                "display_name": "Dup",
                "role": "reception",
                "password": "long-enough-1",
            },
            "email",
            409,
        ),
        (
            "/setup/staff",
            {
                "email": "not-an-email",
                "display_name": "X",
                "role": "reception",
                "password": "long-enough-1",
            },
            "email",
            422,
        ),
        (
            "/setup/staff",
            {
                "email": "x@a.test",
                "display_name": "X",
                "role": "owner",
                "password": "long-enough-1",
            },
            "role",
            422,
        ),
        (
            "/setup/staff",
            {"email": "x@a.test", "display_name": "X", "role": "reception", "password": "short"},
            "password",
            422,
        ),
        (
            "/setup/staff",
            {
                "email": "x@a.test",
                "display_name": "X",
                "role": "provider",
                "password": "long-enough-1",
            },
            "provider_id",
            422,
        ),
        ("/setup/locations", {"name": "Sede 2", "time_zone": "Mars/Base"}, "time_zone", 422),
    ]
    for url, body, field, status in cases:
        response = client.post(url, json=body, headers=admin)
        assert response.status_code == status, (url, body, response.text)
        assert error_fields(response) == [field], (url, body)
    overlapping = client.put(
        f"/setup/providers/{clinic.ana}/hours",
        headers=admin,
        json={
            "hours": [
                {"weekday": 2, "start": "09:00", "end": "13:00"},
                {"weekday": 2, "start": "12:00", "end": "18:00"},
            ]
        },
    )
    assert overlapping.status_code == 422
    assert error_fields(overlapping) == ["hours[1].start"]
    backwards = client.put(
        f"/setup/providers/{clinic.ana}/hours",
        headers=admin,
        json={"hours": [{"weekday": 9, "start": "09:00", "end": "13:00"}]},
    )
    assert error_fields(backwards) == ["hours[0].weekday"]
    # The failed replacements left Ana's hours as they were.
    assert (
        len(client.get(f"/setup/providers/{clinic.ana}/hours", headers=admin).json()["hours"]) == 7
    )
    off = client.post(
        f"/setup/providers/{clinic.ana}/time-off",
        headers=admin,
        json={"start_at": "2030-01-15T00:00:00-03:00", "end_at": "2030-01-01T00:00:00-03:00"},
    )
    assert error_fields(off) == ["time_off.end_at"]
