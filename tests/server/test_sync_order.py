"""The pull cursor never skips a transaction that committed late; hints cross
processes through LISTEN/NOTIFY."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from app.domain.staff import Role
from app.sync.api import MemoryTokens, SyncApi
from server.customers import schemas as cs
from server.customers import service as customers
from server.db.engine import ALL_TENANTS, make_session_factory
from server.deps import Principal
from server.sync import pull as pull_pages
from tests.helpers.clinic import make_clinic
from tests.helpers.desks import sign_in_tokens
from tests.helpers.live import LiveServer, free_port


def test_pull_never_skips_a_late_commit(pg_store: Engine) -> None:
    clinic = make_clinic(pg_store)
    sessions = make_session_factory(pg_store, scope=ALL_TENANTS)

    # Between taking its version and committing, each writer dawdles: the moment when a
    # smaller version is not yet visible while a reader is pulling.
    @event.listens_for(sessions, "before_commit")
    def dawdle(_session: Session) -> None:
        time.sleep(random.uniform(0, 0.004))

    principal = Principal(
        clinic.tenant_id, clinic.tenant_id, clinic.tenant_id, Role.RECEPTION, None
    )
    written: set[str] = set()
    lock = threading.Lock()
    done = threading.Event()

    def writer(n: int) -> None:
        for i in range(25):
            with sessions() as s:
                c = customers.create(
                    s, clinic.tenant_id, cs.CustomerIn(first_name=f"W{n}", last_name=f"N{i}")
                )
                s.commit()
                with lock:
                    written.add(str(c.customer_id))

    seen: set[str] = set()
    versions: list[int] = []

    def reader() -> None:
        cursor = "0"
        reader_sessions = make_session_factory(pg_store, scope=ALL_TENANTS)
        while True:
            finished = done.is_set()
            with reader_sessions() as s:
                page: dict[str, Any] = json.loads(
                    pull_pages.pull(s, principal, cursor, 7, False, False).to_json()
                )
            seen.update(c["id"] for c in page["changes"] if c["entity"] == "customer")
            versions.extend(c["version"] for c in page["changes"])
            cursor = page["cursor"]
            if finished and not page["more"]:
                return

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    read = threading.Thread(target=reader)
    read.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    read.join(timeout=60)
    assert len(written) == 150
    assert written <= seen  # every committed customer reached the reader
    assert versions == sorted(versions)


def test_hints_cross_server_processes(pg_store: Engine, pg_database: str, tmp_path: Path) -> None:
    """A desk listening to one server process hears of a change made through another."""
    clinic = make_clinic(pg_store)
    secret = "live-secret-" + "y" * 32  # both processes accept each other's tokens
    port = free_port()
    other = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "turnero"),
            "server",
            "--database",
            pg_database,
            "--port",
            str(port),
        ],
        env=dict(os.environ, TURNERO_SECRET_KEY=secret),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    here = LiveServer(pg_store)
    here.start()
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(httpx.TransportError):  # not listening yet
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            assert time.monotonic() < deadline, "the second server did not start"
            time.sleep(0.1)
        tokens = sign_in_tokens(here.base_url, clinic.reception_email)

        async def scenario() -> list[int]:
            api = SyncApi(base, MemoryTokens(tokens))
            heard: list[int] = []

            async def listen() -> None:
                async for version in api.versions():
                    heard.append(version)
                    if len(heard) == 2:
                        return

            listening = asyncio.create_task(listen())
            while not heard:
                await asyncio.sleep(0.01)
            # Written through the in-process server: its broker never sees `other`'s stream.
            await asyncio.to_thread(
                httpx.post,
                f"{here.base_url}/customers",
                headers={"Authorization": f"Bearer {tokens.access_token}"},
                json={"first_name": "Ana", "last_name": "Sur"},
            )
            await asyncio.wait_for(listening, 5)
            await api.aclose()
            return heard

        heard = asyncio.run(scenario())
        assert heard[1] > heard[0]
    finally:
        here.stop()
        other.terminate()
        other.wait(timeout=10)
