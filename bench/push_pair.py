"""The push load with grouped pushes on and off, in turns, each on a fresh database.

These machines are noisy: the same push bench gave 280-440 accepted/s on one day. A
change to the push path is judged by runs paired in one sitting, not against another
day's figures. Each run also says the CPU the server's processes and PostgreSQL spent
per request (from /proc), which varies less than the rate.

    make bench-push-pair              # 2 rounds of 20 s
    PAIR_ROUNDS=3 PAIR_SECONDS=30 make bench-push-pair
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

from bench.run import push_load, running_server, scratch_database
from bench.seed import seed_tenant
from server.db.engine import make_engine
from server.db.migrate import upgrade
from server.lifecycle import raise_open_files_limit

VARIANTS = {"grouped": "true", "one by one": "false"}  # TURNERO_GROUP_PUSHES
TICK = os.sysconf("SC_CLK_TCK")


def _cpu_by_kind() -> dict[int, tuple[str, int]]:
    """Each server or PostgreSQL process's CPU ticks so far."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if b"postgres" in command:
            kind = "postgresql"
        elif b"turnero" in command or b"multiprocessing" in command:
            kind = "server"
        else:
            continue
        found[int(entry.name)] = (kind, int(fields[11]) + int(fields[12]))
    return found


class CpuWatch:
    """CPU seconds by kind of process while it runs (processes come and go)."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[str, int, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> CpuWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid, (kind, ticks) in _cpu_by_kind().items():
                first = self._seen.get(pid, (kind, ticks, ticks))[1]
                self._seen[pid] = (kind, first, ticks)
            time.sleep(0.25)

    def seconds(self) -> dict[str, float]:
        spent: dict[str, float] = {}
        for kind, first, last in self._seen.values():
            spent[kind] = spent.get(kind, 0.0) + (last - first) / TICK
        return spent


def one_run(grouped: str, seconds: float) -> dict[str, Any]:
    os.environ["TURNERO_GROUP_PUSHES"] = grouped  # the server started here inherits it
    with scratch_database() as database:
        engine = make_engine(database)
        upgrade(engine)
        small = seed_tenant(engine, name="chica", providers=40, customers=500, bookings=0)
        engine.dispose()
        with running_server(database, 2) as (base, _), CpuWatch() as watch:
            result = push_load(database, base, small, seconds=seconds)
    requests = result["push_accepted_per_s"] * seconds + result["push_refused"]
    per_request = {k: round(1000 * s / requests, 2) for k, s in watch.seconds().items()}
    return result | {f"{k}_cpu_ms": v for k, v in per_request.items()}


def main() -> None:
    raise_open_files_limit()
    rounds = int(os.environ.get("PAIR_ROUNDS", "2"))
    seconds = float(os.environ.get("PAIR_SECONDS", "20"))
    print(f"{'':<12}{'accepted/s':>11}{'p99 ms':>9}{'server ms':>11}{'pg ms':>8}  (per request)")
    for n in range(rounds):
        for name, value in VARIANTS.items():
            r = one_run(value, seconds)
            print(
                f"{name:<12}{r['push_accepted_per_s']:>11}{r['push_p99_ms']:>9}"
                f"{r.get('server_cpu_ms', 0):>11}{r.get('postgresql_cpu_ms', 0):>8}"
                f"  round {n + 1}, overlaps {r['overlaps']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
