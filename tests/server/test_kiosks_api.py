"""Kiosks on the server: one-time enrollment codes, revocation, check-in lookup by
phone or DNI with a second factor, and walk-in numbers of their own."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import Customer, KioskDevice
from tests.helpers.clinic import Clinic, at, enrol_kiosk, make_client, make_clinic, sign_in


def kiosk_headers(client: TestClient, token: str) -> dict[str, str]:
    signed = client.post("/auth/device-sign-in", json={"device_token": token})
    assert signed.status_code == 200, signed.text
    return {"Authorization": f"Bearer {signed.json()['access_token']}"}


def test_an_enrollment_code_works_once_and_expires(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    made = client.post(
        "/setup/kiosks", headers=desk, json={"location_id": str(clinic.location_id), "name": "A"}
    )
    assert made.status_code == 201, made.text
    code = made.json()["enrollment_code"]
    assert len(code) == 9
    assert code[4] == "-"
    assert "device_token" not in made.json()
    # Typed loosely at the kiosk: lower case, without the dash.
    enrolled = client.post(
        "/auth/kiosk-enroll", json={"enrollment_code": code.replace("-", "").lower()}
    )
    assert enrolled.status_code == 200, enrolled.text
    assert enrolled.json()["ticket_prefix"] == "A"
    again = client.post("/auth/kiosk-enroll", json={"enrollment_code": code})
    assert again.status_code == 401
    assert again.json()["error"]["fields"][0]["field"] == "enrollment_code"
    # A second kiosk at the location gets the next prefix; its code, once stale, fails.
    second = client.post(
        "/setup/kiosks", headers=desk, json={"location_id": str(clinic.location_id), "name": "B"}
    ).json()
    assert second["ticket_prefix"] == "B"
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        s.execute(
            update(KioskDevice)
            .where(KioskDevice.device_id == uuid.UUID(second["device_id"]))
            .values(enrollment_expires_at=datetime.now().astimezone() - timedelta(minutes=1))
        )
        s.commit()
    stale = client.post("/auth/kiosk-enroll", json={"enrollment_code": second["enrollment_code"]})
    assert stale.status_code == 401
    listed = client.get("/setup/kiosks", headers=desk).json()
    assert {k["name"]: bool(k["enrolled_at"]) for k in listed} == {"A": True, "B": False}


def test_a_revoked_kiosk_stops_at_once(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    kiosk = enrol_kiosk(client, desk, str(clinic.location_id))
    headers = kiosk_headers(client, kiosk["device_token"])
    assert client.get("/sync/pull", headers=headers).status_code == 200
    revoked = client.post(f"/setup/kiosks/{kiosk['device_id']}/revoke", headers=desk)
    assert revoked.status_code == 200
    gone = client.get("/sync/pull", headers=headers)
    assert gone.status_code == 401
    assert gone.json()["error"]["code"] == "device_revoked"


def test_a_kiosk_is_sent_the_business_logo_to_show(
    client: TestClient, desk: dict[str, str], admin: dict[str, str], clinic: Clinic
) -> None:
    logo = base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'/>").decode()
    branded = client.patch("/setup/tenant", headers=admin, json={"branding": {"logo_base64": logo}})
    assert branded.status_code == 200, branded.text
    kiosk = enrol_kiosk(client, desk, str(clinic.location_id))
    pulled = client.get("/sync/pull", headers=kiosk_headers(client, kiosk["device_token"]))
    [tenant] = [c["data"] for c in pulled.json()["changes"] if c["entity"] == "tenant"]
    assert base64.b64decode(tenant["logo"]) == base64.b64decode(logo)


def booked_today(client: TestClient, desk: dict[str, str], clinic: Clinic) -> tuple[str, str]:
    """A booking of Juan's today, at the first free quarter hour: its id and HH:MM."""
    today = datetime.now(clinic.zone).date()
    for minute in range(0, 24 * 60, 15):
        hhmm = f"{minute // 60:02d}:{minute % 60:02d}"
        args: dict[str, Any] = {
            "booking_id": str(uuid.uuid4()),
            "customer_id": str(clinic.customer),
            "service_id": str(clinic.quick),
            "provider_id": str(clinic.ana),
            "start_at": at(today, hhmm, clinic.zone),
        }
        pushed = client.post(
            "/sync/push",
            headers=desk,
            json={
                "client_id": str(uuid.uuid4()),
                "mutations": [{"seq": 1, "name": "booking.create", "args": args}],
            },
        ).json()
        if pushed["results"][0]["status"] == "applied":
            return args["booking_id"], hhmm
    raise AssertionError("no free time today")


def test_lookup_by_phone_or_dni_needs_a_matching_second_factor(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    booking_id, hhmm = booked_today(client, desk, clinic)
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        s.execute(
            update(Customer)
            .where(Customer.customer_id == clinic.customer)
            .values(date_of_birth=datetime(1980, 5, 17).date())
        )
        s.commit()
    kiosk = kiosk_headers(
        client, enrol_kiosk(client, desk, str(clinic.location_id))["device_token"]
    )

    def lookup(**body: str) -> Any:
        return client.post("/kiosk/lookup", headers=kiosk, json=body)

    found = lookup(phone="11 4567 8910", appointment_time=hhmm)
    assert found.status_code == 200, found.text
    assert found.json() == {"booking_id": booking_id}
    assert lookup(national_id="30123456", date_of_birth="1980-05-17").json() == {
        "booking_id": booking_id
    }
    wrong_time = lookup(
        national_id="30123456", appointment_time="23:59" if hhmm != "23:59" else "00:00"
    )
    assert wrong_time.status_code == 404
    wrong_person = lookup(national_id="99999999", date_of_birth="1980-05-17")
    assert wrong_person.status_code == 404
    assert wrong_person.json()["error"]["message"] == wrong_time.json()["error"]["message"]
    missing = lookup(phone="11 4567 8910")
    assert missing.status_code == 422
    assert missing.json()["error"]["fields"][0]["field"] == "appointment_time"
    # Staff have the desk for this: the endpoint is the kiosk's.
    assert client.post("/kiosk/lookup", headers=desk, json={"phone": "1"}).status_code == 403


def test_lookup_prefers_the_booking_still_to_check_in_and_finds_cancelled_ones(
    client: TestClient, desk: dict[str, str], clinic: Clinic, store: Engine
) -> None:
    """A customer with a visit done and another to come is asked about the one to
    come; a cancelled booking is found, so that the kiosk says it was cancelled
    instead of "no booking with those details"."""
    earlier, _ = booked_today(client, desk, clinic)
    later, later_hhmm = booked_today(client, desk, clinic)
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        s.execute(
            update(Customer)
            .where(Customer.customer_id == clinic.customer)
            .values(date_of_birth=datetime(1980, 5, 17).date())
        )
        s.commit()
    kiosk = kiosk_headers(
        client, enrol_kiosk(client, desk, str(clinic.location_id))["device_token"]
    )

    def lookup(**body: str) -> Any:
        found = client.post("/kiosk/lookup", headers=kiosk, json=body)
        assert found.status_code == 200, found.text
        return found.json()["booking_id"]

    def move(booking_id: str, *statuses: str) -> None:
        for status in statuses:
            moved = client.post(
                f"/bookings/{booking_id}/status",
                headers=desk,
                json={"status": status, "reason": "Avisó que no viene"},
            )
            assert moved.status_code == 200, moved.text

    by_birth = {"national_id": "30123456", "date_of_birth": "1980-05-17"}
    move(earlier, "checked_in", "in_service", "completed")
    assert lookup(**by_birth) == later  # not the visit already over
    move(later, "cancelled")
    assert lookup(**by_birth) == earlier  # over, rather than cancelled
    assert lookup(phone="11 4567 8910", appointment_time=later_hhmm) == later


def test_lookup_guesses_are_limited_per_kiosk(store: Engine, clinic: Clinic) -> None:
    """Failed lookups lock that kiosk for a while (no guessing phone numbers), and
    neither other kiosks nor the desk's sign-ins from the same address (a clinic's
    one public address) are held back by them."""
    # Five attempts a minute per address: the desk's two sign-ins and two enrollments
    # fit, with the kiosks' lookups counted apart.
    with make_client(store, login_failures_allowed=3, login_attempts_per_minute=5) as client:
        desk = sign_in(client, clinic.reception_email)
        booking_id, hhmm = booked_today(client, desk, clinic)
        guessing, other = (
            kiosk_headers(
                client, enrol_kiosk(client, desk, str(clinic.location_id), name)["device_token"]
            )
            for name in ("Entrada", "Planta alta")
        )
        right = {"phone": "11 4567 8910", "appointment_time": hhmm}
        for n in range(3):
            guess = {"phone": f"11 4000 000{n}", "appointment_time": hhmm}
            assert client.post("/kiosk/lookup", headers=guessing, json=guess).status_code == 404
        locked = client.post("/kiosk/lookup", headers=guessing, json=right)
        assert locked.status_code == 429
        assert int(locked.headers["Retry-After"]) > 0
        found = client.post("/kiosk/lookup", headers=other, json=right)
        assert found.json() == {"booking_id": booking_id}
        assert sign_in(client, clinic.admin_email)


def test_kiosk_walk_in_numbers_carry_its_prefix(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    kiosk = enrol_kiosk(client, desk, str(clinic.location_id))
    headers = kiosk_headers(client, kiosk["device_token"])
    tickets = [
        {"ticket_id": str(uuid.uuid4()), "location_id": str(clinic.location_id), "number": n}
        for n in (1, 2)
    ]
    pushed = client.post(
        "/sync/push",
        headers=headers,
        json={
            "client_id": str(uuid.uuid4()),
            "mutations": [
                {"seq": i + 1, "name": "walkin.create", "args": t} for i, t in enumerate(tickets)
            ],
        },
    ).json()
    assert [r["status"] for r in pushed["results"]] == ["applied", "applied"]
    # The desk's own ticket takes the location's sequence, with the desk's letter.
    mine = client.post(
        "/walkins", headers=desk, json={"location_id": str(clinic.location_id)}
    ).json()
    day = mine["day"]
    labels = sorted(
        t["label"]
        for t in client.get(
            "/walkins", headers=desk, params={"location_id": str(clinic.location_id), "day": day}
        ).json()
    )
    assert labels == ["A001", "A002", "M001"]


def test_no_kiosk_gets_the_desks_ticket_letter(
    client: TestClient, desk: dict[str, str], clinic: Clinic
) -> None:
    """M is the desk's (mostrador): the 12th kiosk of a location skips it, so its
    tickets can never read like the desk's."""
    prefixes = [
        client.post(
            "/setup/kiosks",
            headers=desk,
            json={"location_id": str(clinic.location_id), "name": f"K{i}"},
        ).json()["ticket_prefix"]
        for i in range(13)
    ]
    assert prefixes == list("ABCDEFGHJKLNP")


def test_turnero_admin_create_kiosk_prints_a_code_that_enrols(
    store: Engine, clinic: Clinic, capsys: Any
) -> None:
    from turnero import main

    url = store.url.render_as_string(hide_password=False)
    args = ["admin", "create-kiosk", "--database", url, "--name", "Entrada"]
    assert main([*args, "--tenant-id", str(uuid.uuid4())]) == 2
    assert "no such business" in capsys.readouterr().err
    assert main([*args, "--tenant-id", str(clinic.tenant_id)]) == 0
    printed = capsys.readouterr().out
    code = printed.split("enrollment code ")[1].split(",")[0]
    with make_client(store) as client:
        enrolled = client.post("/auth/kiosk-enroll", json={"enrollment_code": code})
    assert enrolled.status_code == 200, enrolled.text
    assert enrolled.json()["name"] == "Entrada"


def test_turnero_admin_create_kiosk_takes_the_business_by_its_name(
    store: Engine, clinic: Clinic, capsys: Any
) -> None:
    """An administrator knows the business's name, not its id."""
    from turnero import main

    make_clinic(store, prefix="b")  # another business in the same store
    url = store.url.render_as_string(hide_password=False)
    args = ["admin", "create-kiosk", "--database", url, "--name", "Entrada"]
    assert main([*args, "--tenant", "CLÍNICA a"]) == 0  # as typed: case does not matter
    printed = capsys.readouterr().out
    code = printed.split("enrollment code ")[1].split(",")[0]
    with make_client(store) as client:
        enrolled = client.post("/auth/kiosk-enroll", json={"enrollment_code": code})
    assert enrolled.status_code == 200, enrolled.text
    assert enrolled.json()["tenant_id"] == str(clinic.tenant_id)
    assert main([*args, "--tenant", "Clínica Z"]) == 2
    err = capsys.readouterr().err
    assert "no business named 'Clínica Z'" in err
    assert "known here: Clínica A, Clínica B" in err
