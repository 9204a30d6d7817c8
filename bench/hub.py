"""A site hub's figures: a hub process (`turnero server --upstream`) in front of the
benchmark's central server, its internet link a TCP proxy the benchmark cuts.

- hub_lan_propagation_p95_ms: link cut, a change at one desk -> in another desk's
  replica, both syncing with the hub;
- hub_reconcile_500_s: 500 changes made at the site during the outage, from the link
  back to all of them confirmed by central;
- hub_lost: of those 500, missing at central; hub_duplicates: refused by central
  (a change applied twice would be refused the second time).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from app.sync.api import MemoryTokens, SyncApi, Tokens
from app.sync.engine import SyncEngine
from app.sync.replica import Replica
from bench.samples import propagation_samples
from bench.seed import PASSWORD
from server.db.engine import make_engine, make_session_factory
from server.models import Customer, SyncRejection
from tests.helpers.live import free_port
from tests.helpers.wan import Wan

CHANGES = 500


@contextlib.contextmanager
def hub_process(central: str, admin: dict[str, str], folder: Path) -> Iterator[tuple[str, Wan]]:
    location = httpx.get(f"{central}/setup/locations", headers=admin).json()[0]["location_id"]
    made = httpx.post(
        f"{central}/setup/hubs", headers=admin, json={"location_id": location, "name": "Sede"}
    ).json()
    host, port = central.removeprefix("http://").split(":")
    wan = Wan(host, int(port))
    hub_port = free_port()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "turnero"),
            "server",
            "--data-dir",
            str(folder),
            "--upstream",
            wan.url,
            "--enroll",
            made["enrollment_code"],
            "--port",
            str(hub_port),
        ],
        env=dict(os.environ, TURNERO_LOGIN_ATTEMPTS_PER_MINUTE="1000"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{hub_port}"
    try:
        wait_for(lambda: upstream(base).get("state") == "online", 60, proc)
        yield base, wan
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        wan.close()


def upstream(base: str) -> dict[str, Any]:
    with contextlib.suppress(httpx.HTTPError, ValueError, KeyError):
        return dict(httpx.get(f"{base}/health", timeout=2).json()["upstream"])
    return {}


def wait_for(check: Any, seconds: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline or (proc is not None and proc.poll() is not None):
            raise RuntimeError("the site hub did not get there")
        time.sleep(0.02)


def desk(base: str, email: str, folder: Path) -> SyncEngine:
    body = httpx.post(
        f"{base}/auth/sign-in", json={"email": email, "password": PASSWORD}, timeout=30
    ).json()
    tokens = MemoryTokens(Tokens(body["access_token"], body["refresh_token"]))
    return SyncEngine(Replica(folder / f"{uuid.uuid4().hex}.db"), SyncApi(base, tokens))


def measure(database: str, central: str, small: dict[str, Any], folder: Path) -> dict[str, Any]:
    body = httpx.post(
        f"{central}/auth/sign-in", json={"email": small["email"], "password": PASSWORD}
    ).json()
    admin = {"Authorization": f"Bearer {body['access_token']}"}
    (folder / "hub").mkdir()
    with hub_process(central, admin, folder / "hub") as (hub, wan):
        samples, made, reconcile = asyncio.run(_site(hub, wan, small, folder))
    marker = made[0]
    engine = make_engine(database)
    with make_session_factory(engine, scope=small["tenant_id"])() as session:
        found = session.scalar(
            select(func.count()).select_from(Customer).where(Customer.last_name == marker)
        )
        refused = session.scalar(select(func.count()).select_from(SyncRejection))
    engine.dispose()
    samples.sort()
    return {
        "hub_lan_propagation_p50_ms": round(statistics.median(samples), 1),
        "hub_lan_propagation_p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1),
        "hub_reconcile_500_s": round(reconcile, 2),
        "hub_lost": CHANGES - int(found or 0),
        "hub_duplicates": int(refused or 0),
    }


async def _site(
    hub: str, wan: Wan, small: dict[str, Any], folder: Path
) -> tuple[list[float], list[str], float]:
    a, b = desk(hub, small["email"], folder), desk(hub, small["email"], folder)
    await a.sync_once()
    running = asyncio.create_task(b.run())
    while b.status().last_sync_at is None:
        await asyncio.sleep(0.01)
    wan.cut()
    await asyncio.to_thread(wait_for, lambda: upstream(hub).get("state") == "unreachable", 60)
    await asyncio.sleep(0.3)  # b's event stream, reconnected after the hub's own hiccup
    customer = str(small["customer_ids"][0])
    samples = await propagation_samples(a, b, customer, 100)
    b.stop()
    await running
    # The site's day goes on during the outage: 500 new customers at the front desk.
    marker = f"Sede{uuid.uuid4().hex[:8]}"
    for i in range(CHANGES):
        a.submit(
            "customer.create",
            {"customer_id": str(uuid.uuid4()), "first_name": f"Cliente {i}", "last_name": marker},
        )
    await a.sync_once()
    # The hub's /health counts what waits for central as its link thread last saw it.
    await asyncio.to_thread(wait_for, lambda: upstream(hub).get("waiting", 0) >= CHANGES, 10)
    wan.restore()
    started = time.perf_counter()
    await asyncio.to_thread(wait_for, lambda: upstream(hub).get("waiting") == 0, 120)
    reconcile = time.perf_counter() - started
    for engine in (a, b):
        await engine.api.aclose()
    return samples, [marker], reconcile
