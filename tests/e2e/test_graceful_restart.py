"""Stopping and restarting a real `turnero server`: SIGTERM lets a push in flight finish
and tells event streams to reconnect; a rolling restart of `--workers 2` (SIGHUP) under
pushes loses none and leaves no desk's stream dead."""

from __future__ import annotations

import asyncio
import signal
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from app.sync.engine import SyncEngine, SyncState
from server.db.engine import ALL_TENANTS, TENANT_SETTING, make_engine, make_session_factory
from server.db.migrate import upgrade
from server.models import Customer
from tests.helpers.clinic import Clinic, make_clinic
from tests.helpers.desks import make_desk, sign_in_tokens
from tests.helpers.served import ServerProcess, fresh_pg_database

LAST = "Reinicio"


def prepared_store(url: str) -> Clinic:
    engine = make_engine(url)
    upgrade(engine)
    clinic = make_clinic(engine)
    engine.dispose()
    return clinic


def server_names(url: str) -> Counter[str]:
    engine = make_engine(url)
    try:
        with make_session_factory(engine, scope=ALL_TENANTS)() as s:
            names = s.scalars(select(Customer.first_name).where(Customer.last_name == LAST))
            return Counter(names)
    finally:
        engine.dispose()


def customer(name: str) -> dict[str, Any]:
    return {"customer_id": str(uuid.uuid4()), "first_name": name, "last_name": LAST}


def push_one(base: str, token: str, name: str) -> httpx.Response:
    body = {
        "client_id": str(uuid.uuid4()),
        "mutations": [{"seq": 1, "name": "customer.create", "args": customer(name)}],
    }
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.post(f"{base}/sync/push", json=body, headers=headers, timeout=30)


def holds(desk: SyncEngine, name: str) -> bool:
    return any(c["first_name"] == name for c in desk.replica.all("customer"))


async def until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.05)


def waiting_on_a_lock(dsn: str) -> bool:
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).fetchone()
    return bool(row and row[0])


def read_stream(base: str, token: str, events: list[str], opened: threading.Event) -> None:
    """A raw event stream: the names of the events it got, then "end" when it ended."""
    headers = {"Authorization": f"Bearer {token}"}
    timeout = httpx.Timeout(5.0, read=30.0)
    with httpx.stream("GET", f"{base}/sync/events", headers=headers, timeout=timeout) as r:
        for line in r.iter_lines():
            if line.startswith("event: "):
                events.append(line.removeprefix("event: "))
                opened.set()
    events.append("end")


@pytest.mark.postgres
def test_sigterm_finishes_a_push_in_flight_and_streams_reconnect(tmp_path: Path) -> None:
    with fresh_pg_database() as url:
        clinic = prepared_store(url)
        server = ServerProcess(["--database", url], tmp_path / "server.log")
        server.start()
        try:
            asyncio.run(_sigterm_scenario(server, clinic, url, tmp_path))
        finally:
            server.stop()
        assert server_names(url) == Counter(["before", "in-flight", "after"])
        assert "Traceback" not in server.log.read_text(), server.log.read_text()


async def _sigterm_scenario(server: ServerProcess, clinic: Clinic, url: str, tmp: Path) -> None:
    base = server.base_url
    token = sign_in_tokens(base, clinic.reception_email).access_token
    desk = make_desk(base, clinic.reception_email, tmp, "desk")
    desk.idle_s = 120  # from here on only a hint makes it pull
    running = asyncio.create_task(desk.run())
    try:
        await until(lambda: desk.status().state is SyncState.ONLINE, 10, "the desk synced")
        await asyncio.to_thread(push_one, base, token, "before")
        await until(lambda: holds(desk, "before"), 5, "the desk's stream hinted a change")

        events: list[str] = []
        opened = threading.Event()
        stream = threading.Thread(target=read_stream, args=(base, token, events, opened))
        stream.start()
        assert await asyncio.to_thread(opened.wait, 5)

        # A push that waits on a row lock the test holds: in flight when SIGTERM comes.
        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(dsn) as lock:
            lock.execute(f"SELECT set_config('{TENANT_SETTING}', '*', true)")
            locked = lock.execute(
                "SELECT version FROM tenant_versions WHERE tenant_id = %s FOR UPDATE",
                (clinic.tenant_id,),
            ).fetchall()
            assert locked, "no version row to lock"
            pushing = asyncio.create_task(asyncio.to_thread(push_one, base, token, "in-flight"))
            await until(
                lambda: pushing.done() or waiting_on_a_lock(dsn), 10, "the push waits on the lock"
            )
            assert not pushing.done(), pushing.result().text
            server.send(signal.SIGTERM)
            # The streams hear at once (not after the drain's grace): reconnect.
            await asyncio.to_thread(stream.join, 3)
            assert not stream.is_alive(), events
            assert events[-2:] == ["reconnect", "end"], events
            assert server.alive()  # still draining the push
            assert not pushing.done()
            lock.rollback()  # the lock goes; the push goes on
        answer = await pushing
        assert answer.status_code == 200, answer.text
        assert [r["status"] for r in answer.json()["results"]] == ["applied"]
        # Drained, it ends as the signal asks (uvicorn raises it again once done).
        assert await asyncio.to_thread(server.wait, 15) == -signal.SIGTERM

        server.start()  # restarted, on the same address
        await asyncio.to_thread(push_one, base, token, "after")
        # The desk's stream came back by itself: the hint brings the change at once.
        await until(lambda: holds(desk, "after"), 10, "the desk's stream reconnected")
    finally:
        await desk.shut_down(running)
        await desk.api.aclose()
        desk.replica.close()


@pytest.mark.postgres
def test_a_rolling_restart_under_pushes_loses_nothing(tmp_path: Path) -> None:
    with fresh_pg_database() as url:
        clinic = prepared_store(url)
        server = ServerProcess(["--database", url, "--workers", "2"], tmp_path / "server.log")
        server.start()
        try:
            made = asyncio.run(_rolling_scenario(server, clinic, tmp_path))
        finally:
            server.stop()
        assert server_names(url) == Counter(made)  # every change once
        assert "Traceback" not in server.log.read_text(), server.log.read_text()


async def _rolling_scenario(server: ServerProcess, clinic: Clinic, tmp: Path) -> list[str]:
    desks = [make_desk(server.base_url, clinic.reception_email, tmp, f"d{i}") for i in range(3)]
    made: list[str] = []
    for desk in desks:
        desk.idle_s = 120  # only hints make them pull
    tasks = [asyncio.create_task(desk.run()) for desk in desks]
    stop = asyncio.Event()

    async def write(i: int, desk: SyncEngine) -> None:
        n = 0
        while not stop.is_set():
            name = f"d{i}-{n}"
            desk.submit("customer.create", customer(name))
            made.append(name)
            n += 1
            # Ten changes a second each: a busy front desk, and room on a loaded
            # machine for the new workers to start (they import the whole server).
            await asyncio.sleep(0.1)

    try:
        await until(
            lambda: all(d.status().state is SyncState.ONLINE for d in desks), 20, "desks online"
        )
        writers = [asyncio.create_task(write(i, d)) for i, d in enumerate(desks)]
        before = server.workers()
        assert len(before) == 2
        await asyncio.sleep(0.3)
        server.send(signal.SIGHUP)  # each worker replaced in turn, the new one first
        await until(
            lambda: not (server.workers() & before) and len(server.workers()) == 2,
            120,
            "both workers replaced",
        )
        await asyncio.sleep(0.3)
        stop.set()
        await asyncio.gather(*writers)
        await until(lambda: all(d.status().pending == 0 for d in desks), 20, "outboxes empty")
        # Every desk's stream is alive: one desk's change reaches the others by hint.
        desks[0].submit("customer.create", customer("last"))
        made.append("last")
        await until(lambda: all(holds(d, "last") for d in desks), 10, "every stream is back")
        assert not any(d.replica.conflicts() for d in desks)
    finally:
        for desk, task in zip(desks, tasks, strict=True):
            await desk.shut_down(task)
            await desk.api.aclose()
            desk.replica.close()
    return made
