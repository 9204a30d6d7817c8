"""The whole API fuzzed by schemathesis: no input gives a 500, and every answer is what
the OpenAPI says it is.

A real server on loopback over PostgreSQL, a clinic with a booking, a payment, a
walk-in, time off and kiosks, and every operation of the live /openapi.json called
with generated data: valid (positive) and invalid (negative), with made-up ids and
with the real rows' ids, as admin and as reception, provider and kiosk. Derandomized
(the same cases on every run) and bounded (a few examples per operation).

It cannot lock itself out: callers sign in before anything else, the staff account
the fuzzer may edit is one of its own, the kiosk it may revoke is not the one it
calls as, and the routes that sign in or out run last (sign-in's rate limit counts
their attempts per address).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance
from sqlalchemy import Engine

from tests.helpers.clinic import PASSWORD, Clinic, at, enrol_kiosk, future_day, make_clinic
from tests.helpers.live import LiveServer

# The event stream never ends (it is a stream): a call would wait for ever. Who may
# open it is tested in test_sync_api.
NOT_FUZZED = {("GET", "/sync/events")}
# Last, in this order: they sign in (sign-in's rate limit counts every attempt from
# this address) or end the session they are called with.
LAST = [
    ("POST", "/auth/refresh"),
    ("POST", "/auth/device-sign-in"),
    ("POST", "/auth/kiosk-enroll"),
    ("POST", "/auth/sign-in"),
    ("POST", "/auth/sign-out"),
]
EXAMPLES = 8  # per operation, mode and caller
EXAMPLES_OTHER_ROLES = 3


@dataclass
class Outcome:
    cases: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


@dataclass
class World:
    """The live server, its clinic, a token per role, real ids for path parameters."""

    base_url: str
    tokens: dict[str, str]
    ids: dict[str, str]


@pytest.fixture
def world(pg_store: Engine) -> Iterator[World]:
    clinic = make_clinic(pg_store)
    server = LiveServer(pg_store)
    server.start()
    try:
        with httpx.Client(base_url=server.base_url, timeout=30) as http:
            yield World(server.base_url, *_populate(http, clinic))
    finally:
        server.stop()


def _populate(http: httpx.Client, clinic: Clinic) -> tuple[dict[str, str], dict[str, str]]:
    def token(email: str) -> str:
        answer = http.post("/auth/sign-in", json={"email": email, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        return str(answer.json()["access_token"])

    admin = {"Authorization": f"Bearer {token(clinic.admin_email)}"}

    def made(answer: httpx.Response) -> Any:
        assert answer.status_code in (200, 201), answer.text
        return answer.json()

    location = str(clinic.location_id)
    booking = made(
        http.post(
            "/bookings",
            headers=admin,
            json={
                "customer_id": str(clinic.customer),
                "service_id": str(clinic.consult),
                "provider_id": str(clinic.ana),
                "start_at": at(future_day(clinic.zone), "10:00", clinic.zone),
            },
        )
    )[0]
    payment = made(
        http.post(
            f"/bookings/{booking['booking_id']}/payments",
            headers=admin,
            json={"amount_minor": 250000, "method": "cash"},
        )
    )
    ticket = made(http.post("/walkins", headers=admin, json={"location_id": location}))
    time_off = made(
        http.post(
            f"/setup/providers/{clinic.bruno}/time-off",
            headers=admin,
            json={
                "start_at": at(future_day(clinic.zone, 20), "09:00", clinic.zone),
                "end_at": at(future_day(clinic.zone, 20), "18:00", clinic.zone),
            },
        )
    )
    holiday = made(
        http.post(
            f"/setup/locations/{location}/time-off",
            headers=admin,
            json={
                "start_at": at(future_day(clinic.zone, 21), "00:00", clinic.zone),
                "end_at": at(future_day(clinic.zone, 22), "00:00", clinic.zone),
            },
        )
    )
    # The staff member and the kiosk the fuzzer may change or revoke: not its callers.
    victim = made(
        http.post(
            "/setup/staff",
            headers=admin,
            json={
                "email": "fuzzed@a.test",
                "display_name": "Fuzzed",
                "role": "reception",
                "password": PASSWORD,
            },
        )
    )
    spare_kiosk = made(
        http.post("/setup/kiosks", headers=admin, json={"location_id": location, "name": "Spare"})
    )
    kiosk = enrol_kiosk(http, admin, location)
    kiosk_token = made(
        http.post("/auth/device-sign-in", json={"device_token": kiosk["device_token"]})
    )["access_token"]
    tokens = {
        "admin": admin["Authorization"].removeprefix("Bearer "),
        "reception": token(clinic.reception_email),
        "provider": token(clinic.provider_email),
        "kiosk": str(kiosk_token),
    }
    ids = {
        "booking_id": booking["booking_id"],
        "customer_id": str(clinic.customer),
        "provider_id": str(clinic.ana),
        "payment_id": payment["payment_id"],
        "ticket_id": ticket["ticket_id"],
        "time_off_id": time_off["time_off_id"],
        "user_id": victim["user_id"],
        "device_id": spare_kiosk["device_id"],
        "location_id": location,
        "service_id": str(clinic.consult),
        "group_id": holiday[0]["group_id"],
    }
    return tokens, ids


def _ordered(schema: Any) -> list[Any]:
    operations = [result.ok() for result in schema.get_all_operations()]
    key = {op: i for i, op in enumerate(LAST)}
    fuzzed = [op for op in operations if (op.method.upper(), op.path) not in NOT_FUZZED]
    return sorted(fuzzed, key=lambda op: key.get((op.method.upper(), op.path), -1))


def _run(
    operation: Any,
    outcome: Outcome,
    mode: schemathesis.GenerationMode,
    base_url: str,
    token: str,
    examples: int,
    path_parameters: dict[str, str] | None = None,
) -> None:
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)
    checks: list[Callable[..., Any]] = [not_a_server_error, response_schema_conformance]
    headers = {"Authorization": f"Bearer {token}"}

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def fuzz(case: Any) -> None:
        response = case.call(base_url=base_url, headers=headers, timeout=30)
        outcome.cases += 1
        outcome.by_status[response.status_code] = outcome.by_status.get(response.status_code, 0) + 1
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except (Failure, FailureGroup) as exc:  # a check failed: note it, go on fuzzing
            outcome.failures.append(
                f"{operation.method.upper()} {operation.path} [{mode.value}]: "
                f"{response.status_code} {type(exc).__name__}: {str(exc)[:600]}\n"
                f"    {case.as_curl_command(headers=headers)[:800]}"
            )

    try:
        fuzz()
    except Unsatisfiable:
        # Nothing to make invalid: the operation takes no input but its token.
        assert mode is schemathesis.GenerationMode.NEGATIVE, operation.path


@pytest.mark.postgres
def test_no_input_makes_the_api_fail_or_break_its_own_schema(world: World) -> None:
    schema = schemathesis.openapi.from_url(f"{world.base_url}/openapi.json")
    outcome = Outcome()
    started = time.monotonic()
    positive, negative = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE
    for operation in _ordered(schema):
        params = {p.name for p in operation.path_parameters}
        real = {name: world.ids[name] for name in params} if params else None
        admin = world.tokens["admin"]
        _run(operation, outcome, positive, world.base_url, admin, EXAMPLES)
        _run(operation, outcome, negative, world.base_url, admin, EXAMPLES)
        if real is not None:
            _run(operation, outcome, positive, world.base_url, admin, EXAMPLES, real)
            _run(operation, outcome, negative, world.base_url, admin, EXAMPLES, real)
        for role in ("reception", "provider", "kiosk"):
            _run(
                operation,
                outcome,
                positive,
                world.base_url,
                world.tokens[role],
                EXAMPLES_OTHER_ROLES,
                real,
            )
    elapsed = time.monotonic() - started
    statuses = ", ".join(f"{s}: {n}" for s, n in sorted(outcome.by_status.items()))
    print(f"\nschemathesis: {outcome.cases} cases in {elapsed:.0f} s ({statuses})")
    assert not outcome.failures, "\n".join(outcome.failures)
    assert outcome.cases > 0
