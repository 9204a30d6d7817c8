"""The access matrix, generated from the route table: every route declares who may
call it (server/deps.py: the `require` guard it depends on, `authenticates_itself`
or `public`), and each route is called as no one, as each role of the tenant that
owns the data, and as each role of another tenant. A route without a declaration,
an allowed caller refused, a refused caller let through, or another tenant's caller
seeing or touching this tenant's rows fails the test."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import Engine

from app.domain.staff import DESK_ROLES, Role
from server.config import Settings
from server.deps import PUBLIC, route_access
from server.main import create_app
from tests.helpers.clinic import PASSWORD, Clinic, enrol_kiosk, make_clinic
from tests.helpers.live import LiveServer

# FastAPI's own pages (the OpenAPI document and its viewers): public, not ours.
DOCS = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
# A fixed day far ahead: the rules accept it whatever today is.
DAY = "2031-03-04"


@dataclass
class Caller:
    name: str
    tenant: str  # "a" owns the data the paths name; "b" is another business
    role: Role | None
    headers: dict[str, str]


@dataclass
class World:
    http: httpx.Client
    a: Clinic
    b: Clinic
    ids: dict[str, str]  # path parameter -> a row of A's
    callers: list[Caller]


def sign_in(http: httpx.Client, email: str) -> dict[str, str]:
    answer = http.post("/auth/sign-in", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def kiosk(http: httpx.Client, staff: dict[str, str], clinic: Clinic) -> dict[str, str]:
    enrolled = enrol_kiosk(http, staff, str(clinic.location_id))
    tokens = http.post("/auth/device-sign-in", json={"device_token": enrolled["device_token"]})
    assert tokens.status_code == 200, tokens.text
    return {"Authorization": f"Bearer {tokens.json()['access_token']}"}


def hub(http: httpx.Client, admin: dict[str, str], clinic: Clinic) -> dict[str, str]:
    made = ok(
        http.post(
            "/setup/hubs",
            headers=admin,
            json={"location_id": str(clinic.location_id), "name": "Sede"},
        )
    )
    enrolled = ok(http.post("/auth/hub-enroll", json={"enrollment_code": made["enrollment_code"]}))
    tokens = ok(http.post("/auth/device-sign-in", json={"device_token": enrolled["device_token"]}))
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def board(http: httpx.Client, staff: dict[str, str], clinic: Clinic) -> dict[str, str]:
    made = ok(
        http.post(
            "/setup/kiosks",
            headers=staff,
            json={"location_id": str(clinic.location_id), "name": "Sala", "kind": "board"},
        )
    )
    enrolled = ok(
        http.post("/auth/board-enroll", json={"enrollment_code": made["enrollment_code"]})
    )
    tokens = ok(http.post("/auth/device-sign-in", json={"device_token": enrolled["device_token"]}))
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def ok(answer: httpx.Response) -> Any:
    assert answer.status_code < 300, answer.text
    return answer.json()


@pytest.fixture
def world(pg_store: Engine) -> Iterator[World]:
    a, b = make_clinic(pg_store, "a"), make_clinic(pg_store, "b")
    server = LiveServer(pg_store)
    server.start()
    try:
        with httpx.Client(base_url=server.base_url, timeout=10) as http:
            callers = [Caller("no one", "-", None, {})]
            staff: dict[str, dict[str, str]] = {}
            for clinic, t in ((a, "a"), (b, "b")):
                for role, email in (
                    (Role.ADMIN, clinic.admin_email),
                    (Role.RECEPTION, clinic.reception_email),
                    (Role.PROVIDER, clinic.provider_email),
                ):
                    staff[f"{t}-{role.value}"] = sign_in(http, email)
                    callers.append(Caller(f"{t} {role.value}", t, role, staff[f"{t}-{role.value}"]))
                callers.append(
                    Caller(f"{t} kiosk", t, Role.KIOSK, kiosk(http, staff[f"{t}-admin"], clinic))
                )
                callers.append(
                    Caller(f"{t} hub", t, Role.HUB, hub(http, staff[f"{t}-admin"], clinic))
                )
                callers.append(
                    Caller(f"{t} board", t, Role.BOARD, board(http, staff[f"{t}-admin"], clinic))
                )
            admin, desk = staff["a-admin"], staff["a-reception"]
            booking = ok(
                http.post(
                    "/bookings",
                    headers=desk,
                    json={
                        "customer_id": str(a.customer),
                        "service_id": str(a.consult),
                        "provider_id": str(a.ana),
                        "start_at": f"{DAY}T10:00:00-03:00",
                    },
                )
            )[0]
            payment = ok(
                http.post(
                    f"/bookings/{booking['booking_id']}/payments",
                    headers=desk,
                    json={"amount_minor": 100_000, "method": "cash"},
                )
            )
            ticket = ok(
                http.post("/walkins", headers=desk, json={"location_id": str(a.location_id)})
            )
            time_off = ok(
                http.post(
                    f"/setup/providers/{a.ana}/time-off",
                    headers=admin,
                    json={"start_at": f"{DAY}T15:00:00-03:00", "end_at": f"{DAY}T16:00:00-03:00"},
                )
            )
            spare = ok(
                http.post(
                    "/setup/kiosks",
                    headers=admin,
                    json={"location_id": str(a.location_id), "name": "Spare"},
                )
            )
            holiday = ok(
                http.post(
                    f"/setup/locations/{a.location_id}/time-off",
                    headers=admin,
                    json={"start_at": f"{DAY}T18:00:00-03:00", "end_at": f"{DAY}T19:00:00-03:00"},
                )
            )
            reception = next(
                u for u in ok(http.get("/setup/staff", headers=admin)) if u["role"] == "reception"
            )
            ids = {
                "booking_id": booking["booking_id"],
                "payment_id": payment["payment_id"],
                "ticket_id": ticket["ticket_id"],
                "time_off_id": time_off["time_off_id"],
                "device_id": spare["device_id"],
                "user_id": reception["user_id"],
                "provider_id": str(a.ana),
                "customer_id": str(a.customer),
                "location_id": str(a.location_id),
                "service_id": str(a.consult),
                "group_id": holiday[0]["group_id"],
            }
            yield World(http, a, b, ids, callers)
    finally:
        server.stop()


# Bodies that get past validation, so that a caller's answer says what the route did
# with the row (an empty body would be refused before anyone looked at it).
BODIES: dict[tuple[str, str], Any] = {
    ("PATCH", "/setup/staff/{user_id}"): {"display_name": "Recepción"},
    ("PUT", "/setup/providers/{provider_id}/hours"): {
        "hours": [{"weekday": 1, "start": "09:00", "end": "18:00"}]
    },
    ("POST", "/setup/providers/{provider_id}/time-off"): {
        "start_at": f"{DAY}T17:00:00-03:00",
        "end_at": f"{DAY}T17:30:00-03:00",
    },
    ("POST", "/setup/providers/{provider_id}/hours/preview"): {
        "hours": [{"weekday": 1, "start": "09:00", "end": "18:00"}]
    },
    ("POST", "/setup/providers/{provider_id}/time-off/preview"): {
        "start_at": f"{DAY}T17:00:00-03:00",
        "end_at": f"{DAY}T17:30:00-03:00",
    },
    ("POST", "/setup/locations/{location_id}/time-off"): {
        "start_at": f"{DAY}T17:00:00-03:00",
        "end_at": f"{DAY}T17:30:00-03:00",
    },
    ("POST", "/setup/locations/{location_id}/time-off/preview"): {
        "start_at": f"{DAY}T17:00:00-03:00",
        "end_at": f"{DAY}T17:30:00-03:00",
    },
    ("PATCH", "/setup/providers/{provider_id}"): {"display_name": "Ana"},
    ("PATCH", "/setup/services/{service_id}"): {"name": "Consulta"},
    ("PATCH", "/customers/{customer_id}"): {"first_name": "Juana"},
    ("POST", "/bookings/{booking_id}/status"): {"status": "in_service"},  # as a provider may
    ("POST", "/bookings/{booking_id}/reschedule"): {"start_at": f"{DAY}T11:00:00-03:00"},
    ("PATCH", "/bookings/{booking_id}"): {"notes": "seen"},
    ("POST", "/bookings/{booking_id}/payments"): {"amount_minor": 1, "method": "cash"},
    ("POST", "/payments/{payment_id}/status"): {"status": "refunded", "reason": "returned"},
    ("POST", "/walkins/{ticket_id}/status"): {"status": "called"},
}


@pytest.fixture(scope="module")
def route_table(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, Any]]:
    """(method, path, declaration) of every route, sign-out last: it ends the caller's
    session, which the other routes still need."""
    store = tmp_path_factory.mktemp("routes") / "unused.db"  # the app is only read
    app = create_app(Settings(migrate_on_start=False, database_url=f"sqlite:///{store}"))
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute):
            assert getattr(route, "path", None) in DOCS, f"an undeclared route: {route}"
            continue
        for method in sorted(route.methods or ()):
            found.append((method, route.path, route_access(route.dependant)))
    return sorted(found, key=lambda r: r[1] == "/auth/sign-out")


def call(world: World, method: str, path: str, caller: Caller, body: Any) -> tuple[int, str]:
    """The answer's status and text."""
    url = re.sub(r"\{(\w+)\}", lambda m: world.ids[m.group(1)], path)
    if method == "GET" and path == "/sync/events":  # a stream: its status is enough
        with world.http.stream("GET", url, headers=caller.headers) as stream:
            return stream.status_code, ""  # its events carry versions, no rows
    if path == "/sync/push":  # a fresh client each: a client id belongs to who used it
        body = {"client_id": str(uuid.uuid4()), "mutations": []}
    if path == "/sync/rows":  # a row of A's, by its id
        body = {"keys": [{"entity": "customer", "id": world.ids["customer_id"]}]}
    sent = None if method in ("GET", "DELETE") else body
    answer = world.http.request(method, url, headers=caller.headers, json=sent)
    return answer.status_code, answer.text


def test_every_route_declares_who_may_call_it(route_table: list[tuple[str, str, Any]]) -> None:
    assert len(route_table) > 40
    undeclared = [f"{m} {p}" for m, p, access in route_table if access is None]
    assert undeclared == []


def test_every_route_answers_each_caller_as_it_declares(
    world: World, route_table: list[tuple[str, str, Any]]
) -> None:
    a_ids = {str(world.a.tenant_id), str(world.a.location_id), *world.ids.values()}
    wrong: list[str] = []
    for method, path, access in route_table:
        assert access is not None, f"{method} {path} declares no roles"
        body = BODIES.get((method, path), {})
        names_a_row = "{" in path
        for caller in world.callers:
            status, text = call(world, method, path, caller, body)
            cell = f"{method} {path} as {caller.name}: {status}"
            if status >= 500:
                wrong.append(cell + " (a server error)")
            elif access == PUBLIC:
                continue
            elif caller.role is None:
                if status != 401:
                    wrong.append(cell + " (no one must get 401)")
            elif caller.role not in access:
                if status not in (401, 403):
                    wrong.append(cell + " (a role not declared must get 401/403)")
            elif caller.tenant == "a":
                if status in (401, 403):
                    wrong.append(cell + " (a declared role was refused)")
            elif names_a_row:
                if status not in (403, 404):
                    wrong.append(cell + " (another tenant reached this tenant's row)")
            elif status < 300 and method == "GET":
                leaked = [i for i in a_ids if i in text]
                if leaked:
                    wrong.append(cell + f" (another tenant saw {leaked})")
    assert wrong == []


def test_readme_names_who_manages_kiosks_as_the_routes_declare(
    route_table: list[tuple[str, str, Any]],
) -> None:
    declared = {access for _m, path, access in route_table if path.startswith("/setup/kiosks")}
    assert declared == {frozenset(DESK_ROLES)}
    readme = Path(__file__).resolve().parents[2] / "README.md"
    row = next(r for r in readme.read_text().splitlines() if r.startswith("| kiosks |"))
    who = row.rstrip(" |").rsplit("|", 1)[1]
    assert {r for r in Role if re.search(rf"\b{r.value}\b", who)} == set(DESK_ROLES)
