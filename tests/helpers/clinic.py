"""A small clinic made through the real setup code, and a signed-in API client for it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from server.config import Settings
from server.db.engine import ALL_TENANTS, make_session_factory
from server.main import create_app
from server.runtime import Runtime
from server.setup import providers, schemas, services, staff, tenants
from tests.helpers.clock import Clock

PASSWORD = "correct-horse-1"
BA = ZoneInfo("America/Argentina/Buenos_Aires")


@dataclass
class Clinic:
    tenant_id: uuid.UUID
    location_id: uuid.UUID
    ana: uuid.UUID  # offers consult and quick
    bruno: uuid.UUID  # offers consult
    consult: uuid.UUID  # 30 min, 10 min buffer after
    quick: uuid.UUID  # 15 min
    customer: uuid.UUID
    admin_email: str
    reception_email: str
    provider_email: str  # Ana's account
    zone: ZoneInfo


def make_clinic(
    engine: Engine,
    prefix: str = "a",
    time_zone: str = "America/Argentina/Buenos_Aires",
    hours: tuple[time, time] = (time(9), time(18)),
) -> Clinic:
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        tenant, location, _ = tenants.create_tenant(
            s,
            name=f"Clínica {prefix.upper()}",
            admin_email=f"admin@{prefix}.test",
            admin_password=PASSWORD,
            time_zone=time_zone,
        )
        tid = tenant.tenant_id
        consult = services.add_service(
            s,
            tid,
            schemas.ServiceIn(
                name="Consulta", duration_minutes=30, buffer_after_minutes=10, price_minor=2_500_000
            ),
        )
        quick = services.add_service(
            s, tid, schemas.ServiceIn(name="Control", duration_minutes=15, price_minor=900_000)
        )
        ids = {}
        for name, offers in (("Ana", [consult, quick]), ("Bruno", [consult])):
            p = providers.add_provider(
                s,
                tid,
                schemas.ProviderIn(
                    display_name=name,
                    location_id=location.location_id,
                    service_ids=[o.service_id for o in offers],
                ),
            )
            providers.set_hours(
                s,
                tid,
                p.provider_id,
                schemas.HoursIn(
                    hours=[
                        schemas.IntervalIn(weekday=d, start=hours[0], end=hours[1])
                        for d in range(7)
                    ],
                    breaks=[
                        schemas.IntervalIn(weekday=d, start=time(13), end=time(14))
                        for d in range(7)
                    ],
                ),
            )
            ids[name] = p.provider_id
        staff.add_staff(
            s,
            tid,
            schemas.StaffIn(
                email=f"reception@{prefix}.test",
                display_name="Recepción",
                role="reception",
                password=PASSWORD,
            ),
        )
        staff.add_staff(
            s,
            tid,
            schemas.StaffIn(
                email=f"ana@{prefix}.test",
                display_name="Ana",
                role="provider",
                password=PASSWORD,
                provider_id=ids["Ana"],
            ),
        )
        from server.customers import schemas as cs
        from server.customers import service as customers

        customer = customers.create(
            s,
            tid,
            cs.CustomerIn(
                first_name="Juan",
                last_name="Pérez",
                phone="+54 9 11 4567-8910",
                national_id="30.123.456",
            ),
        )
        s.commit()
        return Clinic(
            tenant_id=tid,
            location_id=location.location_id,
            ana=ids["Ana"],
            bruno=ids["Bruno"],
            consult=consult.service_id,
            quick=quick.service_id,
            customer=customer.customer_id,
            admin_email=f"admin@{prefix}.test",
            reception_email=f"reception@{prefix}.test",
            provider_email=f"ana@{prefix}.test",
            zone=ZoneInfo(time_zone),
        )


def make_client(engine: Engine, clock: Clock | None = None, **settings: Any) -> TestClient:
    runtime = Runtime.build(
        Settings(migrate_on_start=False, secret_key="test-secret-" + "x" * 32, **settings),
        engine=engine,
        clock=clock,
    )
    return TestClient(create_app(runtime=runtime), raise_server_exceptions=False)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    response = client.post("/auth/sign-in", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def future_day(tz: ZoneInfo = BA, days: int = 7) -> date:
    return datetime.now(tz).date() + timedelta(days=days)


def at(day: date, hhmm: str, tz: ZoneInfo = BA) -> str:
    """An ISO instant with offset for a local wall time: what a desk would send."""
    hh, mm = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hh, mm), tzinfo=tz).isoformat()


def error_fields(response: Any) -> list[str]:
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    return [f["field"] for f in body["error"]["fields"]]


def enrol_kiosk(http: Any, staff: dict[str, str], location_id: str, name: str = "Entrada") -> Any:
    """A kiosk as staff make one: a one-time code, which the kiosk trades for its
    credential. Returns the enrollment answer (device_token, device_id, ...)."""
    made = http.post(
        "/setup/kiosks", headers=staff, json={"location_id": location_id, "name": name}
    )
    assert made.status_code == 201, made.text
    enrolled = http.post(
        "/auth/kiosk-enroll", json={"enrollment_code": made.json()["enrollment_code"]}
    )
    assert enrolled.status_code == 200, enrolled.text
    return enrolled.json()
