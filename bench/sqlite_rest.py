"""sqlite_rest_concurrent_p99_ms: the one-site store under a busy front desk.

`turnero server` on the demo clinic's SQLite file, in its own process; rounds of 20
REST calls sent at once (10 reads of the day's bookings, 5 customers created, 5
bookings made), each round after the last. Reports the 99th percentile of the calls'
times and how many failed (a 5xx or a 429; a slot refused is an answer).
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from app.domain.timezones import zone
from server.demo import DEMO_PASSWORD, RECEPTION_EMAIL

TZ = zone("America/Argentina/Buenos_Aires")
AT_ONCE = 20
ROUNDS = 15


def measure(folder: Path) -> dict[str, Any]:
    turnero = str(Path(sys.executable).parent / "turnero")
    subprocess.run(
        [turnero, "demo", "--data-dir", str(folder), "--no-serve"],
        check=True,
        capture_output=True,
    )
    port = 19000 + random.randrange(1000)
    proc = subprocess.Popen(
        [turnero, "server", "--database", f"sqlite:///{folder / 'demo.db'}", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TURNERO_SECRET_KEY": "bench-" + "s" * 40},
    )
    try:
        return asyncio.run(_load(f"http://127.0.0.1:{port}"))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


async def _load(base: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        deadline = time.monotonic() + 60
        while True:
            try:
                if (await http.get("/ready")).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            await asyncio.sleep(0.1)
        signed = await http.post(
            "/auth/sign-in", json={"email": RECEPTION_EMAIL, "password": DEMO_PASSWORD}
        )
        http.headers["Authorization"] = f"Bearer {signed.json()['access_token']}"
        customer = (await http.get("/customers", params={"q": "a"})).json()[0]["customer_id"]
        services = (await http.get("/setup/services")).json()
        day = datetime.now(TZ).date() + timedelta(days=3)
        lo = datetime.combine(day, datetime.min.time(), TZ)
        window = {"start": lo.isoformat(), "end": (lo + timedelta(days=1)).isoformat()}
        times: list[float] = []
        errors = 0
        for n in range(ROUNDS):

            async def call(kind: int, n: int = n) -> tuple[float, int]:
                started = time.monotonic()
                if kind < 10:
                    r = await http.get("/bookings", params=window)
                elif kind < 15:
                    r = await http.post(
                        "/customers", json={"first_name": f"Bench{n}-{kind}", "last_name": "X"}
                    )
                else:
                    minute = (n * 5 + kind) * 15 % (9 * 60)
                    start = datetime.combine(day, datetime.min.time(), TZ) + timedelta(
                        hours=8, minutes=minute
                    )
                    r = await http.post(
                        "/bookings",
                        json={
                            "booking_id": str(uuid.uuid4()),
                            "customer_id": customer,
                            "service_id": services[kind % len(services)]["service_id"],
                            "start_at": start.isoformat(),
                        },
                    )
                return time.monotonic() - started, r.status_code

            for took, status in await asyncio.gather(*(call(k) for k in range(AT_ONCE))):
                times.append(took * 1000)
                # A lost slot or a time outside hours is an answer; a 5xx is a failure.
                errors += status >= 500 or status == 429
    cut = statistics.quantiles(times, n=100)[98]
    return {
        "sqlite_rest_concurrent_p99_ms": round(cut, 1),
        "sqlite_rest_errors": errors,
    }
