"""`make bench`: sync benchmarks against PostgreSQL over loopback.

Prints a table, compares with the targets and writes .bench/results.json. Run through
scripts/with_postgres.py (the Makefile does), which provides TURNERO_TEST_DATABASE_URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.sync.api import MemoryTokens, SyncApi, Tokens
from app.sync.engine import SyncEngine
from app.sync.replica import Replica
from bench import desk as desk_bench
from bench import hub as hub_bench
from bench import kiosk as kiosk_bench
from bench import sqlite_rest
from bench import streams as streams_bench
from bench.samples import propagation_samples
from bench.seed import PASSWORD, seed_tenant
from bench.wire import RawHttp
from server.db.engine import (
    ALL_TENANTS,
    TENANT_SETTING,
    make_engine,
    make_session_factory,
    scope_connection,
)
from server.db.migrate import upgrade
from server.lifecycle import raise_open_files_limit
from tests.helpers.pg_role import ordinary_role_url

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {  # metric: (target, "<=" or ">="); issue 15's first bars where it sets one
    "initial_sync_s": (1.0, "<="),
    "propagation_p95_ms": (30.0, "<="),
    "push_accepted_per_s": (600.0, ">="),
    "push_p99_ms": (200.0, "<="),
    "overlaps": (0, "<="),
    "desk_cold_start_s": (1.5, "<="),
    "dayview_refresh_ms": (8.0, "<="),
    "desk_rss_mb": (300.0, "<="),
    "kiosk_checkin_ms": (100.0, "<="),
    "sqlite_rest_concurrent_p99_ms": (500.0, "<="),
    "sqlite_rest_errors": (0, "<="),
    "hub_lan_propagation_p95_ms": (1000.0, "<="),  # issue 16's first bars
    "hub_reconcile_500_s": (10.0, "<="),
    "hub_lost": (0, "<="),
    "hub_duplicates": (0, "<="),
    "streams_per_process": (1000, ">="),  # issue 18's first bar
}


@contextmanager
def scratch_database() -> Iterator[str]:
    # An ordinary role, as a server should use: row-level security binds it (a superuser
    # would skip the policies, and their cost with them).
    given = ordinary_role_url(os.environ["TURNERO_TEST_DATABASE_URL"])
    admin = make_url(given).set(drivername="postgresql")
    name = f"turnero_bench_{uuid.uuid4().hex[:8]}"
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def server_process(database: str, workers: int) -> Iterator[str]:
    with running_server(database, workers) as (base, _proc):
        yield base


@contextmanager
def running_server(database: str, workers: int) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`turnero server` on a free loopback port, ready: its address and its process."""
    port = 18000 + random.randrange(1000)
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "turnero"),
            "server",
            "--database",
            database,
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=dict(
            os.environ,
            TURNERO_SECRET_KEY="bench-secret-" + "z" * 32,
            TURNERO_LOGIN_ATTEMPTS_PER_MINUTE="1000",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        with contextlib.suppress(httpx.TransportError):  # not listening yet
            if httpx.get(f"{base}/ready", timeout=1).status_code == 200:
                break
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError("the server did not start")
        time.sleep(0.1)
    try:
        yield base, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def sign_in(base: str, email: str) -> Tokens:
    body = httpx.post(
        f"{base}/auth/sign-in", json={"email": email, "password": PASSWORD}, timeout=30
    ).json()
    return Tokens(body["access_token"], body["refresh_token"])


# -- initial sync --------------------------------------------------------------------------


INITIAL_SYNC_RUNS = 3


def initial_sync(database: str, base: str, big: dict[str, Any], folder: Path) -> dict[str, Any]:
    """A desk's first sync into an empty replica, and the floor, in turns: each is timed
    INITIAL_SYNC_RUNS times and reported by its median, as the desk's cold start is. One
    sample swings by a fifth on these machines (0.74-1.2 s in one sitting), and whichever
    reads the rows second finds a warmer store, so each goes first in turn."""

    async def sync(path: Path) -> tuple[float, int]:
        replica = Replica(path)
        engine = SyncEngine(
            replica,
            SyncApi(base, MemoryTokens(sign_in(base, big["email"])), timeout=60),
            pull_limit=5000,
        )
        started = time.perf_counter()
        await engine.sync_once()
        elapsed = time.perf_counter() - started
        await engine.api.aclose()
        rows = replica.count()
        replica.close()
        return elapsed, rows

    syncs: list[float] = []
    floors: list[float] = []
    counts: set[tuple[int, int]] = set()
    for n in range(INITIAL_SYNC_RUNS):
        # Each goes first in turn: the first to read the rows finds the coldest store.
        if n % 2:
            floor, floor_rows = initial_sync_floor(database, big["tenant_id"], folder / f"f{n}.db")
            elapsed, rows = asyncio.run(sync(folder / f"desk{n}.db"))
        else:
            elapsed, rows = asyncio.run(sync(folder / f"desk{n}.db"))
            floor, floor_rows = initial_sync_floor(database, big["tenant_id"], folder / f"f{n}.db")
        syncs.append(elapsed)
        floors.append(floor)
        counts.add((rows, floor_rows))
    if len(counts) != 1:
        raise RuntimeError(f"the runs brought different rows (sync, floor): {sorted(counts)}")
    elapsed, floor = statistics.median(syncs), statistics.median(floors)
    return {
        "initial_sync_s": round(elapsed, 3),
        "initial_sync_each_s": [round(x, 3) for x in syncs],
        "initial_sync_rows": rows,
        "initial_sync_floor_s": round(floor, 3),
        "initial_sync_floor_each_s": [round(x, 3) for x in floors],
        "initial_sync_floor_rows": floor_rows,  # the same rows as the sync's, or it says so
        "initial_sync_ratio": round(elapsed / floor, 2),
        "replica": str(folder / "desk0.db"),
    }


def kiosk_checkin(base: str, big: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Enrol a kiosk at the big tenant, sync its day, then time check-ins offline."""
    tokens = sign_in(base, big["email"])
    auth = {"Authorization": f"Bearer {tokens.access_token}"}
    with httpx.Client(base_url=base, timeout=30) as http:
        location = http.get("/setup/locations", headers=auth).json()[0]["location_id"]
        made = http.post(
            "/setup/kiosks", headers=auth, json={"location_id": location, "name": "Bench"}
        ).json()
        enrolled = http.post(
            "/auth/kiosk-enroll", json={"enrollment_code": made["enrollment_code"]}
        ).json()
        device = http.post(
            "/auth/device-sign-in", json={"device_token": enrolled["device_token"]}
        ).json()

    async def sync() -> None:
        replica = Replica(folder / "kiosk.db")
        api = SyncApi(
            base, MemoryTokens(Tokens(device["access_token"], None, enrolled["device_token"]))
        )
        await SyncEngine(replica, api).sync_once()
        await api.aclose()
        replica.close()

    asyncio.run(sync())
    identity = {
        "server": base,
        "device_id": enrolled["device_id"],
        "tenant_id": enrolled["tenant_id"],
        "location_id": enrolled["location_id"],
        "name": enrolled["name"],
        "ticket_prefix": enrolled["ticket_prefix"],
    }
    return kiosk_bench.measure(folder / "kiosk.db", identity)


def initial_sync_floor(database: str, tenant_id: uuid.UUID, path: Path) -> tuple[float, int]:
    """The fastest one-process copy of the rows a reception desk's first sync brings, as
    its replica stores them: PostgreSQL makes each row's JSON text (the same columns and
    scope as the sync's pages, with each row's version), SQLite takes them with
    executemany in one transaction into the replica's own table, and builds the
    replica's indexes at the end as a first sync does. No HTTP, no paging, no parsing:
    what no protocol with this row format can beat. Returns seconds and rows."""
    from app.domain.staff import Role
    from app.sync.replica import _BASE_TABLES, _INDEXES
    from server.deps import Principal
    from server.models import SYNCED
    from server.sync.scopes import DESK_SCOPE_SQL, scope_for

    engine = make_engine(database)
    with make_session_factory(engine, scope=tenant_id)() as session:
        scope = scope_for(
            session, Principal(tenant_id, uuid.uuid4(), uuid.uuid4(), Role.RECEPTION, None)
        )
    engine.dispose()
    params = {
        "tid": tenant_id,
        "start": scope.start,
        "end": scope.end,
        "since": scope.today - timedelta(days=1),
    }
    started = time.perf_counter()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA page_size = 16384")  # as the replica
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.executescript(_BASE_TABLES)
    rows = 0
    with psycopg.connect(
        make_url(database).set(drivername="postgresql").render_as_string(hide_password=False)
    ) as pg:
        pg.execute(  # as the server's connections, bound to the tenant as its sessions
            "SELECT set_config('TimeZone', 'UTC', true), set_config('jit', 'off', true),"
            " set_config(%s, %s, true)",
            (TENANT_SETTING, str(tenant_id)),
        )
        db.execute("BEGIN")
        for entity, model in SYNCED.items():
            cur = pg.execute(_floor_query(entity, model, DESK_SCOPE_SQL.get(entity)), params)
            before = db.total_changes
            db.executemany(
                "INSERT INTO rows (entity, id, version, gen, data) VALUES (?, ?, ?, 1, ?)",
                ((entity, key, version, data) for key, version, data in cur),
            )
            rows += db.total_changes - before
        db.execute("COMMIT")
    db.executescript(_INDEXES)
    db.close()
    return time.perf_counter() - started, rows


def _floor_query(entity: str, model: Any, scope_sql: str | None) -> str:
    """Each live row of `model` in the desk's scope: its sync key, version and JSON."""

    from app.domain.staff import Role
    from server.db.versioning import key_columns
    from server.sync.desk_page import row_columns
    from server.sync.scopes import omitted

    table = model.__table__
    columns = row_columns(table, omitted(entity, Role.RECEPTION))  # as the sync's pages
    keys = [table.c[c.key].name for c in key_columns(model)]
    wire_key = " || ':' || ".join(f"t.{k}::text" for k in keys)
    condition = ""
    if scope_sql:  # the server's scope rule, with psycopg's placeholders
        for name in ("start", "end", "since"):
            scope_sql = scope_sql.replace(f":{name}", f"%({name})s")
        condition = f" AND {scope_sql}"
    return (
        f"SELECT s.entity_id, s.version, x.j FROM {table.name} AS t"
        f" JOIN sync_rows AS s ON s.tenant_id = t.tenant_id AND s.entity = '{entity}'"
        f" AND s.entity_id = {wire_key} AND NOT s.deleted,"
        f" LATERAL (SELECT row_to_json(y)::text AS j FROM (SELECT {columns}) AS y) AS x"
        f" WHERE t.tenant_id = %(tid)s{condition}"
        " ORDER BY s.version"  # the order the sync's pages bring them in
    )


# -- propagation ---------------------------------------------------------------------------


def propagation(base: str, small: dict[str, Any], folder: Path, n: int = 200) -> dict[str, float]:

    async def measure() -> list[float]:
        tokens = sign_in(base, small["email"])
        a = SyncEngine(Replica(folder / "a.db"), SyncApi(base, MemoryTokens(tokens)))
        b = SyncEngine(Replica(folder / "b.db"), SyncApi(base, MemoryTokens(tokens)))
        await a.sync_once()
        running = asyncio.create_task(b.run())
        while b.status().last_sync_at is None:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)  # let b's event stream connect
        customer = str(small["customer_ids"][0])
        samples = await propagation_samples(a, b, customer, n)
        b.stop()
        await running
        for e in (a, b):
            await e.api.aclose()
        return samples

    samples = sorted(asyncio.run(measure()))
    return {
        "propagation_p50_ms": round(statistics.median(samples), 1),
        "propagation_p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1),
    }


# -- push load -----------------------------------------------------------------------------


def push_load(
    database: str, base: str, small: dict[str, Any], clients: int = 50, seconds: float = 30.0
) -> dict[str, float]:
    tokens = sign_in(base, small["email"])
    providers = [str(p) for p in small["provider_ids"]]
    day0 = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    latencies: list[float] = []
    outcome = {"applied": 0, "rejected": 0, "errors": 0}

    async def client(rng: random.Random, deadline: float) -> None:
        http = await RawHttp.open(base, tokens.access_token)
        try:
            client_id, seq = str(uuid.uuid4()), 0
            while time.perf_counter() < deadline:
                seq += 1
                start = day0 + timedelta(
                    days=rng.randrange(2, 60), minutes=30 * rng.randrange(0, 46)
                )
                args = {
                    "booking_id": str(uuid.uuid4()),
                    "provider_id": rng.choice(providers),
                    "service_id": str(small["service_id"]),
                    "customer_id": str(rng.choice(small["customer_ids"])),
                    "start_at": start.isoformat(),
                }
                began = time.perf_counter()
                try:
                    status, answer = await http.post_json(
                        "/sync/push",
                        {
                            "client_id": client_id,
                            "mutations": [{"seq": seq, "name": "booking.create", "args": args}],
                        },
                    )
                except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
                    http.close()  # the server dropped the connection: count it, reconnect
                    http = await RawHttp.open(base, tokens.access_token)
                    status, answer = 0, None
                latencies.append((time.perf_counter() - began) * 1000)
                if status != 200:
                    outcome["errors"] += 1
                    seq -= 1
                    continue
                outcome[answer["results"][0]["status"]] += 1
        finally:
            http.close()

    async def load() -> float:
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(*(client(random.Random(i), deadline) for i in range(clients)))
        return time.perf_counter() - started

    elapsed = asyncio.run(load())
    latencies.sort()
    engine = make_engine(database)
    with engine.connect() as conn:
        scope_connection(conn, ALL_TENANTS)
        overlaps = conn.execute(
            text(
                "SELECT count(*) FROM bookings a JOIN bookings b ON a.tenant_id = b.tenant_id"
                " AND a.provider_id = b.provider_id AND a.booking_id < b.booking_id"
                " AND tstzrange(a.busy_from, a.busy_until) && tstzrange(b.busy_from, b.busy_until)"
                " WHERE a.status NOT IN ('cancelled', 'no_show')"
                " AND b.status NOT IN ('cancelled', 'no_show')"
            )
        ).scalar_one()
    engine.dispose()
    return {
        "push_accepted_per_s": round(outcome["applied"] / elapsed, 1),
        "push_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1),
        "push_refused": outcome["rejected"],
        "push_errors": outcome["errors"],
        "overlaps": int(overlaps),
    }


def main() -> int:
    workers = int(os.environ.get("BENCH_SERVER_WORKERS", "2"))
    # Thousands of event streams (streams_per_process) need as many descriptors, here and
    # in the servers started from here, which inherit the limit.
    files = raise_open_files_limit()
    print(f"open files: soft limit raised to the hard limit, {files}", flush=True)
    results: dict[str, Any] = {"server_workers": workers}
    # The replicas (about 100 MB a run) go with the database at the end.
    with scratch_database() as database, tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folder = Path(tmp)
        engine = make_engine(database)
        upgrade(engine)
        # BENCH_ONLY=initial, desk, kiosk, propagation, hub, push, sqlite or streams runs one part.
        only = os.environ.get("BENCH_ONLY", "")
        big = None
        if only in ("", "initial", "desk", "kiosk"):
            print("seeding 50,000 bookings and 10,000 customers ...", flush=True)
            big = seed_tenant(
                engine, name="grande", providers=100, customers=10_000, bookings=50_000
            )
        small = seed_tenant(engine, name="chica", providers=40, customers=500, bookings=0)
        engine.dispose()
        if only in ("", "streams"):
            print("event streams held by one server process ...", flush=True)
            with server_process(database, 1) as base:
                token = sign_in(base, small["email"]).access_token
                customer = str(small["customer_ids"][0])
                results.update(streams_bench.measure(base, token, customer))
        with server_process(database, workers) as base:
            if big is not None:
                print("initial sync ...", flush=True)
                results.update(initial_sync(database, base, big, folder))
                replica = Path(results.pop("replica"))
            if big is not None and only in ("", "kiosk"):
                print("kiosk: offline check-in ...", flush=True)
                results.update(kiosk_checkin(base, big, folder))
            if big is not None and only in ("", "desk"):
                print("desk: cold start, memory, day view ...", flush=True)
                tokens = sign_in(base, big["email"])
                results.update(
                    desk_bench.measure(
                        replica,
                        base,
                        {
                            "access_token": tokens.access_token,
                            "refresh_token": tokens.refresh_token or "",
                        },
                    )
                )
            if only in ("", "propagation"):
                print("propagation ...", flush=True)
                results.update(propagation(base, small, folder))
            if only in ("", "hub"):
                print("site hub: LAN with the internet cut, then reconciling ...", flush=True)
                results.update(hub_bench.measure(database, base, small, folder))
            if only in ("", "push"):
                print("push load (30 s) ...", flush=True)
                results.update(push_load(database, base, small))
        if only in ("", "sqlite"):
            print("SQLite store: 20 REST calls at once ...", flush=True)
            (folder / "sqlite").mkdir()
            results.update(sqlite_rest.measure(folder / "sqlite"))
    report(results)
    return 0


def report(results: dict[str, Any]) -> None:
    print(f"\n{'metric':<32}{'value':>12}  {'target':>10}  ok")
    for key, value in results.items():
        target = TARGETS.get(key)
        if target is None:
            print(f"{key:<32}{value!s:>12}")
            continue
        bound, op = target
        ok = value <= bound if op == "<=" else value >= bound
        print(f"{key:<32}{value!s:>12}  {op + ' ' + str(bound):>10}  {'yes' if ok else 'NO'}")
    out = ROOT / ".bench" / "results.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    sys.exit(main())
