"""Timing a change from one desk to another, shared by the central and hub benchmarks."""

from __future__ import annotations

import asyncio
import time

from app.sync.engine import SyncEngine


async def propagation_samples(a: SyncEngine, b: SyncEngine, customer: str, n: int) -> list[float]:
    """`n` times: a note changed on desk `a`, milliseconds until desk `b` (syncing by
    itself, on hints) holds it. The first desk's own pull after its push is not on that
    path: it runs alongside."""
    samples = []
    for i in range(n):
        note = f"nota {i}"
        started = time.perf_counter()
        a.submit("customer.update", {"customer_id": customer, "notes": note})
        syncing = asyncio.create_task(a.sync_once())
        while (b.replica.server_row("customer", customer) or {}).get("notes") != note:
            await asyncio.sleep(0.001)
        samples.append((time.perf_counter() - started) * 1000)
        await syncing
    return samples
