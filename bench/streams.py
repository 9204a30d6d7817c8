"""streams_per_process: how many event streams one server process (`--workers 1`)
holds open while each still gets its hint within 500 ms (p95).

Streams are opened in steps, all on one tenant, so every change hints every stream
(the worst case: a chain's streams spread over its tenants share the work out). At each
step, one change after another is pushed; a sample is the time from sending the push
to a stream receiving the hint of a version past the one before it. Sending comes
before the commit, so a sample is an upper bound of commit-to-hint by the push's own
few milliseconds. The streams are bare asyncio readers (bench/wire.py): httpx would
spend more CPU holding them than the server does.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.wire import RawHttp, read_hints

STEPS = (250, 500, 1000, 1500, 2000, 3000, 4000)
BAR_MS = 500.0
CHANGES_PER_STEP = 20
WAIT_S = 5.0  # a hint later than this counts as missed


@dataclass
class Round:
    """The change being timed: hints past `after` count, once per stream."""

    after: int = 1 << 62  # nothing counts until a change starts
    sent: float = 0.0
    number: int = 0
    samples: list[float] = field(default_factory=list)


@dataclass
class Stream:
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    counted: int = -1  # the round this stream has a sample for
    latest: int = 0
    ended: bool = False


async def hold(base: str, token: str, stream: Stream, now: Round) -> None:
    url = httpx.URL(base)
    try:
        reader, writer = await asyncio.open_connection(url.host, url.port)
    except OSError:
        stream.ended = True
        stream.ready.set()
        return
    try:
        async for version in read_hints(reader, writer, f"{url.host}:{url.port}", token):
            stream.latest = max(stream.latest, version)
            stream.ready.set()
            if version > now.after and stream.counted != now.number:
                stream.counted = now.number
                now.samples.append((time.perf_counter() - now.sent) * 1000)
    except (OSError, ConnectionError, PermissionError, asyncio.IncompleteReadError):
        pass  # the stream ended (the step is over, or the server let go): its hints stop here
    finally:
        stream.ended = True
        stream.ready.set()
        writer.close()


async def run_steps(base: str, token: str, customer: str, cap: int) -> list[dict[str, Any]]:
    now = Round()
    streams: list[Stream] = []
    tasks: list[asyncio.Task[None]] = []
    client_id, seq = str(uuid.uuid4()), 0
    steps = []
    try:
        for count in (s for s in STEPS if s <= cap):
            while len(streams) < count:  # open in batches, as desks come in over a morning
                batch = [Stream() for _ in range(min(100, count - len(streams)))]
                streams += batch
                tasks += [asyncio.create_task(hold(base, token, s, now)) for s in batch]
                await asyncio.wait_for(asyncio.gather(*(s.ready.wait() for s in batch)), 30)
            open_now = sum(not s.ended for s in streams)
            samples: list[float] = []
            missed = 0
            for i in range(CHANGES_PER_STEP):
                # A connection of its own: one idle for 5 s (opening streams) is closed.
                push = await RawHttp.open(base, token)
                now.after = max(s.latest for s in streams)
                now.number += 1
                now.samples = []
                now.sent = time.perf_counter()
                seq += 1
                status, _ = await push.post_json(
                    "/sync/push",
                    {
                        "client_id": client_id,
                        "mutations": [
                            {
                                "seq": seq,
                                "name": "customer.update",
                                "args": {"customer_id": customer, "notes": f"streams {i}"},
                            }
                        ],
                    },
                )
                push.close()
                if status != 200:
                    raise RuntimeError(f"a push was refused: {status}")
                deadline = now.sent + WAIT_S
                live = sum(not s.ended for s in streams)
                while len(now.samples) < live and time.perf_counter() < deadline:
                    await asyncio.sleep(0.01)
                samples += now.samples
                missed += live - len(now.samples)
                now.after = 1 << 62
                await asyncio.sleep(0.2)  # quiet between changes: each is timed alone
            samples.sort()
            p95 = samples[max(0, int(len(samples) * 0.95) - 1)] if samples else float("inf")
            step = {
                "streams": count,
                "open": open_now,
                "hint_p50_ms": round(samples[len(samples) // 2], 1) if samples else None,
                "hint_p95_ms": round(p95, 1),
                "missed": missed,
            }
            print(f"  {count} streams: {step}", flush=True)
            steps.append(step)
            if p95 > BAR_MS or missed or open_now < count:
                break  # past what one process holds: larger steps would only fail longer
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return steps


def summarise(steps: list[dict[str, Any]]) -> dict[str, Any]:
    """The largest step whose every stream was open and hinted, with hint p95 within the
    bar; and the p95 at 1,000 streams (None if the run stopped before)."""
    held = [
        s
        for s in steps
        if s["hint_p95_ms"] <= BAR_MS and not s["missed"] and s["open"] == s["streams"]
    ]
    best = max(held, key=lambda s: s["streams"], default=None)
    at_1000 = next((s["hint_p95_ms"] for s in steps if s["streams"] == 1000), None)
    return {
        "streams_per_process": best["streams"] if best else 0,
        "streams_per_process_hint_p95_ms": best["hint_p95_ms"] if best else None,
        "streams_hint_p95_ms": at_1000,
        "streams_steps": {str(s["streams"]): s["hint_p95_ms"] for s in steps},
    }


def measure(base: str, token: str, customer: str, cap: int = STEPS[-1]) -> dict[str, Any]:
    return summarise(asyncio.run(run_steps(base, token, customer, cap)))
