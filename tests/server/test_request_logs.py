"""The server's logs, as `turnero server` writes them: one JSON line per request with
who, what and its request id, and no secret or personal data anywhere in them.

The server runs as its own process on the demo clinic (built for a fixed instant)
and everything it prints, stdout and stderr, is what the tests read.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import httpx
import pytest
from sqlalchemy import select

from app.sync.api import MemoryTokens, SyncApi, Tokens
from server.db.engine import ALL_TENANTS, make_engine, make_session_factory
from server.demo import DEMO_PASSWORD, DEMO_TENANT_ID, RECEPTION_EMAIL, build_demo_store
from server.models import Customer, StaffUser
from tests.helpers.live import free_port
from tests.helpers.served import wait_ready

# A Monday, 11:00 in Buenos Aires: what the demo is built around.
NOW = datetime(2030, 3, 4, 14, 0, tzinfo=UTC)
PROBE = "startup-probe"
FIELDS = ("method", "route", "status", "duration_ms", "tenant", "principal", "client")
# Someone the demo does not hold, created in the test: their data must not show either.
NEWCOMER = {
    "first_name": "Zulema",
    "last_name": "Quirógaz",
    "phone": "+54 9 11 5555-0199",
    "email": "zulema.quirogaz@example.com",
    "national_id": "30111222",
}


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_store(f"sqlite:///{path}", now=NOW)
    return path


@dataclass
class ServerRun:
    proc: subprocess.Popen[bytes]
    base: str
    output: Path
    store: Path

    def text(self) -> str:
        return self.output.read_text(encoding="utf-8")

    def lines(self) -> list[dict[str, Any]]:
        """The JSON lines written so far (the start-up banner is plain text)."""
        return [json.loads(x) for x in self.text().splitlines() if x.startswith("{")]

    def requests(self) -> list[dict[str, Any]]:
        """The access lines, but the fixture's own while waiting for the server."""
        return [x for x in self.lines() if x.get("event") == "request" and x["request_id"] != PROBE]

    def line_of(self, request_id: str) -> dict[str, Any]:
        """The access line of a request, once written (it is written as it ends)."""
        deadline = time.monotonic() + 5
        while True:
            found = [x for x in self.requests() if x.get("request_id") == request_id]
            if found or time.monotonic() > deadline:
                assert len(found) == 1, (request_id, self.text())
                return found[0]
            time.sleep(0.02)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # as a service manager stops it
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def server(demo_store: Path, tmp_path: Path) -> Iterator[ServerRun]:
    store = tmp_path / "demo.db"
    shutil.copy(demo_store, store)
    port = free_port()
    output = tmp_path / "server.out"
    with output.open("wb") as sink:
        proc = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "turnero"),
                *("server", "--database", f"sqlite:///{store}", "--port", str(port)),
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={k: v for k, v in os.environ.items() if not k.startswith("TURNERO_")},
            cwd=tmp_path,
        )
    run = ServerRun(proc, f"http://127.0.0.1:{port}", output, store)
    try:
        wait_ready(proc, f"{run.base}/health", run.text, 30, headers={"X-Request-ID": PROBE})
        yield run
    finally:
        run.stop()


def sign_in(http: httpx.Client) -> dict[str, Any]:
    answer = http.post("/auth/sign-in", json={"email": RECEPTION_EMAIL, "password": DEMO_PASSWORD})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def a_booking(http: httpx.Client, auth: dict[str, str], customer_id: str) -> dict[str, Any]:
    """booking.create args the demo clinic takes: Dra. Gómez, a Tuesday at 10:00 in
    Buenos Aires four weeks on (past the demo's bookings), a new hour each call."""
    providers = http.get("/setup/providers", headers=auth).json()
    gomez = next(p for p in providers if p["display_name"] == "Dra. Laura Gómez")
    _slots.append(len(_slots))
    return {
        "booking_id": str(uuid.uuid4()),
        "provider_id": gomez["provider_id"],
        "service_id": gomez["service_ids"][0],
        "customer_id": customer_id,
        "start_at": (NOW + timedelta(days=29, hours=-1 + _slots[-1])).isoformat(),
    }


_slots: list[int] = []


def personal_data(store: Path) -> set[str]:
    """Every phone, email, DNI and name the store holds, the staff's emails too."""
    engine = make_engine(f"sqlite:///{store}")
    try:
        with make_session_factory(engine, scope=ALL_TENANTS)() as s:
            found: set[str] = set(s.scalars(select(StaffUser.email)))
            for c in s.scalars(select(Customer)):
                found |= {c.phone, c.email, c.national_id, f"{c.first_name} {c.last_name}"}
    finally:
        engine.dispose()
    return {x for x in found if x}


def test_every_request_has_one_line_with_who_and_what_and_nothing_secret(
    server: ServerRun,
) -> None:
    sent: list[str] = []  # the request id of every request made, in order
    with httpx.Client(
        base_url=server.base,
        timeout=10,
        event_hooks={"response": [lambda r: sent.append(r.headers["X-Request-ID"])]},
    ) as http:
        call = http.request

        wrong = call(
            "POST", "/auth/sign-in", json={"email": RECEPTION_EMAIL, "password": "x1y2z3w4"}
        )
        assert wrong.status_code == 401
        signed = call(
            "POST", "/auth/sign-in", json={"email": RECEPTION_EMAIL, "password": DEMO_PASSWORD}
        )
        tokens = signed.json()
        auth = {"Authorization": f"Bearer {tokens['access_token']}"}
        me = tokens["user"]["user_id"]
        made = call("POST", "/customers", json=NEWCOMER, headers=auth)
        assert made.status_code == 201, made.text
        customer_id = made.json()["customer_id"]
        # A search's query names a phone: neither it nor the raw path is logged.
        found = call("GET", "/customers", params={"q": NEWCOMER["phone"]}, headers=auth)
        assert [c["customer_id"] for c in found.json()] == [customer_id]
        assert call("GET", f"/customers/{customer_id}", headers=auth).status_code == 200
        client_id = str(uuid.uuid4())
        booking = a_booking(http, auth, customer_id)
        synced_customer = {
            "customer_id": str(uuid.uuid4()),
            "first_name": "Eusebia",
            "last_name": "Trinchérez",
            "phone": "+54 9 351 444-7788",
            "email": "eusebia@example.org",
            "national_id": "27999888",
        }
        pushed = call(
            "POST",
            "/sync/push",
            json={
                "client_id": client_id,
                "mutations": [
                    {"seq": 1, "name": "customer.create", "args": synced_customer},
                    {"seq": 2, "name": "booking.create", "args": booking},
                ],
            },
            headers={**auth, "X-Request-ID": "desk-7f3a_push-1"},
        )
        assert [r["status"] for r in pushed.json()["results"]] == ["applied", "applied"], (
            pushed.text
        )
        refreshed = call("POST", "/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert refreshed.status_code == 200
        # An id that could forge a log line is not taken: the server makes its own.
        odd = call("GET", "/health", headers={"X-Request-ID": 'x" "level": "error'})
        long = call("GET", "/health", headers={"X-Request-ID": "a" * 65})
    server.stop()

    assert sent[-4] == "desk-7f3a_push-1"  # a sane id is echoed as it came
    assert odd.headers["X-Request-ID"] != 'x" "level": "error'
    assert long.headers["X-Request-ID"] != "a" * 65
    lines = server.requests()
    # One line per request, in the order they were answered, each with every field.
    assert [x["request_id"] for x in lines] == sent, server.text()
    for line in lines:
        assert set(FIELDS) <= line.keys(), line
        assert (line["level"], line["logger"]) == ("info", "turnero.access")
        assert isinstance(line["duration_ms"], float | int)
        assert line["duration_ms"] >= 0
        assert line["timestamp"].endswith("Z")
    by_id = {x["request_id"]: x for x in lines}
    push = by_id["desk-7f3a_push-1"]
    assert (push["method"], push["route"], push["status"]) == ("POST", "/sync/push", 200)
    assert push["tenant"] == str(DEMO_TENANT_ID)
    assert (push["principal"], push["role"]) == (me, "reception")
    assert push["client"] == client_id
    assert [x["route"] for x in lines] == [
        "/auth/sign-in",
        "/auth/sign-in",
        "/customers",
        "/customers",
        "/customers/{customer_id}",  # the template, not the customer's id
        "/setup/providers",
        "/sync/push",
        "/auth/refresh",
        "/health",
        "/health",
    ]
    assert [x["status"] for x in lines] == [401, 200, 201, 200, 200, 200, 200, 200, 200, 200]
    assert lines[0]["principal"] is None  # nobody, yet
    assert all(x["principal"] == me for x in lines[2:7])

    # Nothing secret or personal, in any line the process wrote, as written or decoded.
    output = server.text()
    decoded = [
        json.dumps(json.loads(x), ensure_ascii=False)
        for x in output.splitlines()
        if x.startswith("{")
    ]
    everything = output + "\n".join(decoded)
    secrets = {
        DEMO_PASSWORD,
        "x1y2z3w4",
        tokens["access_token"],
        tokens["refresh_token"],
        refreshed.json()["access_token"],
        refreshed.json()["refresh_token"],
        *NEWCOMER.values(),
        *(v for k, v in synced_customer.items() if k != "customer_id"),
    }
    personal = personal_data(server.store)
    assert {RECEPTION_EMAIL, NEWCOMER["national_id"]} <= personal
    assert len(personal) > 100  # the demo's customers are in it
    # As typed, as stored, as a URL or a form would carry them.
    digits = {re.sub(r"\D", "", x) for x in personal | secrets if x.startswith("+")}
    forms = {f(x) for x in secrets | personal | digits for f in (str, quote, quote_plus)}
    leaked = sorted(x for x in forms if x in everything)
    assert leaked == [], leaked
    assert "Bearer" not in everything
    assert "authorization" not in everything.lower()


def test_the_desks_request_id_is_on_the_servers_line_for_the_call(
    server: ServerRun, caplog: pytest.LogCaptureFixture
) -> None:
    with httpx.Client(base_url=server.base, timeout=10) as http:
        tokens = sign_in(http)
        auth = {"Authorization": f"Bearer {tokens['access_token']}"}
        customer = http.get("/customers", params={"limit": 1}, headers=auth).json()[0]
        booking = a_booking(http, auth, customer["customer_id"])
    client_id = str(uuid.uuid4())

    async def desk() -> None:
        api = SyncApi(
            server.base, MemoryTokens(Tokens(tokens["access_token"], tokens["refresh_token"]))
        )
        try:
            pushed = await api.push(
                client_id, [{"seq": 1, "name": "booking.create", "args": booking}]
            )
            assert pushed.out.results[0].status == "applied"
        finally:
            await api.aclose()

    caplog.set_level(logging.INFO, logger="turnero.http")
    asyncio.run(desk())
    said = [r.getMessage() for r in caplog.records if r.name == "turnero.http"]
    # The desk's own log: the call, its outcome and its id.
    assert len(said) == 1, said
    assert said[0].startswith("POST /sync/push: 200 in "), said
    request_id = re.fullmatch(r".* \(request ([0-9a-f-]{36})\)", said[0])
    assert request_id, said
    line = server.line_of(request_id.group(1))
    assert (line["route"], line["status"]) == ("/sync/push", 200)
    assert (line["client"], line["principal"]) == (client_id, tokens["user"]["user_id"])
