"""The desk's own figures, in a child process with Qt offscreen (so the parent's
imports do not flatter the cold start):

- desk_cold_start_s: from launching the process to the window shown with today's
  schedule painted, over a replica holding 50,000 bookings;
- desk_rss_mb: the process's resident memory at that point;
- dayview_refresh_ms: the schedule model refreshed with 30 providers x 40 bookings
  and the view repainted (median of many), which is what the GUI thread does;
- day_plan_build_ms: building that day from the big replica (on the worker thread).

`python -m bench.desk REPLICA SERVER TOKENS_JSON` is the child; `measure` the parent.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

STARTED = time.time()  # as early as this module runs in the child


def measure(replica: Path, server: str, tokens: dict[str, str], runs: int = 3) -> dict[str, Any]:
    results = []
    for _ in range(runs):
        launched = time.time()
        out = subprocess.run(
            [sys.executable, "-m", "bench.desk", str(replica), server, json.dumps(tokens)],
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        line = next(x for x in out.stdout.splitlines() if x.startswith("{"))
        child = json.loads(line)
        child["desk_cold_start_s"] = round(child.pop("interactive_at") - launched, 3)
        results.append(child)
    best = min(results, key=lambda r: r["desk_cold_start_s"])
    return {
        "desk_cold_start_s": round(statistics.median(r["desk_cold_start_s"] for r in results), 3),
        "desk_cold_start_best_s": best["desk_cold_start_s"],
        "desk_rss_mb": max(r["desk_rss_mb"] for r in results),
        "desk_replica_bookings": best["replica_bookings"],
        "day_plan_build_ms": best["day_plan_build_ms"],
        "dayview_refresh_ms": best["dayview_refresh_ms"],
        "dayview_refresh_p95_ms": best["dayview_refresh_p95_ms"],
    }


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def child(replica_path: str, server: str, tokens_json: str) -> None:
    import asyncio

    import qasync
    from PySide6.QtWidgets import QApplication

    from app.credentials import RunOnlyTokens
    from app.desk import Desk
    from app.signin import Account
    from app.sync.api import SyncApi, Tokens
    from app.sync.engine import SyncEngine
    from app.sync.replica import Replica
    from ui.common import i18n
    from ui.common.application import paint_on_this_thread
    from ui.common.loop import run_until_done
    from ui.common.tasks import Tasks
    from ui.desk.window import DeskWindow

    paint_on_this_thread()  # as the desk, kiosk and board run
    qt = QApplication([])
    loop = qasync.QEventLoop(qt)
    asyncio.set_event_loop(loop)
    i18n.install("es-AR")
    tokens = RunOnlyTokens()
    tokens.save(Tokens(**json.loads(tokens_json)))
    replica = Replica(replica_path)
    api = SyncApi(server, tokens)
    account = Account(server, "bench", "u", "Recepción", "reception", "t", "Bench")
    desk = Desk(account, tokens, replica, api, SyncEngine(replica, api))
    tasks = Tasks()
    out: dict[str, Any] = {}

    async def start() -> None:
        window = DeskWindow(desk, tasks)
        window.resize(1440, 900)
        window.show()
        sync = asyncio.ensure_future(desk.engine.run())
        while not window.model.columns:
            await asyncio.sleep(0.002)
        window.view.viewport().repaint()  # painted, not merely scheduled
        out["interactive_at"] = time.time()
        out["desk_rss_mb"] = rss_mb()
        out["replica_bookings"] = replica.count("booking")
        out["import_to_interactive_s"] = round(out["interactive_at"] - STARTED, 3)
        desk.engine.stop()
        await asyncio.wait({sync}, timeout=5)
        out.update(day_plan_build(replica, window))
        out.update(refresh(window))
        await tasks.drain()
        await desk.api.aclose()

    with loop:
        run_until_done(loop, start())
    tasks.shutdown()
    print(json.dumps(out), flush=True)


def day_plan_build(replica: Any, window: Any) -> dict[str, float]:
    from app.schedule import day_plan

    times = []
    for _ in range(5):
        t = time.perf_counter()
        day_plan(replica, window.day)
        times.append((time.perf_counter() - t) * 1000)
    return {"day_plan_build_ms": round(statistics.median(times), 1)}


def synthetic_plan(providers: int = 30, per_provider: int = 40) -> Any:
    """A long day (07-21) with `per_provider` back-to-back bookings for each provider."""
    from datetime import UTC, date, datetime, timedelta

    from app.domain.timezones import zone
    from app.schedule import Block, Column, DayPlan

    tz = zone("America/Argentina/Buenos_Aires")
    day = date(2026, 12, 7)
    opening = datetime(2026, 12, 7, 7, tzinfo=tz).astimezone(UTC)
    columns = []
    for p in range(providers):
        blocks = [
            Block(
                booking_id=f"b{p}-{i}",
                provider_id=f"p{p}",
                start=opening + timedelta(minutes=20 * i),
                end=opening + timedelta(minutes=20 * i + 20),
                status=("confirmed", "checked_in", "completed", "in_service")[i % 4],
                customer=f"Cliente Número {p * per_provider + i}",
                customer_id=f"c{i}",
                service="Consulta clínica",
                service_id="s",
                code="ABC123",
                notes="",
                price_minor=100,
                pending=i % 7 == 0,
            )
            for i in range(per_provider)
        ]
        work = [(opening, opening + timedelta(hours=14))]
        breaks = [(opening + timedelta(hours=6), opening + timedelta(hours=7))]
        columns.append(Column(f"p{p}", f"Profesional {p}", "#4e79a7", work, breaks, [], blocks))
    return DayPlan(day, tz, 20, opening, opening + timedelta(hours=14), columns)


def refresh(window: Any, rounds: int = 60) -> dict[str, float]:
    plan = synthetic_plan()
    view = window.view
    times = []
    for i in range(rounds):
        view.verticalScrollBar().setValue((i * 97) % max(1, view.verticalScrollBar().maximum()))
        t = time.perf_counter()
        window.model.set_day(plan)
        view.viewport().repaint()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "dayview_refresh_ms": round(statistics.median(times), 2),
        "dayview_refresh_p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
    }


if __name__ == "__main__":
    child(*sys.argv[1:4])
