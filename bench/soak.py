"""`make soak`: 100 desks and 20 kiosks for SOAK_MINUTES (10) against
`turnero server --workers 2` on PostgreSQL; prints and writes .bench/soak.json.

Ten businesses (tenants), each with 10 desks and 2 kiosks at its location: a chain's
load as one server sees it, where each change hints the dozen clients of its business.
Each simulated client speaks the sync protocol as a desk does, over bare asyncio HTTP
(bench/wire.py), with its view of the rows in memory rather than a SQLite replica. A
SyncEngine with httpx and its fsynced replica spent 8.1 ms of CPU on a push and the
pull after it here, this client 0.7 ms: at the 140 requests a second of this load, 120
SyncEngines would take about a core of the two the server and PostgreSQL share. Each:

- holds an event stream, and pulls when a hint says the tenant moved past its view;
- desks change something at a receptionist's pace (every SOAK_DESK_PACE_S, 10 s on
  average): bookings, check-ins, payments, walk-ins, customer notes; kiosks every
  SOAK_KIOSK_PACE_S (20 s): check-ins of today's bookings and walk-in tickets.

Passes when there were no errors (a failed request, a dropped stream, a push the
protocol refused), every view equals the server's after a final pull, and the
server's memory (all its processes, /proc) grew less than 10% from the end of the
first minute (warm-up: pools, caches) to the end. A run that crosses midnight in the
businesses' zone may report divergence: views keep rows a fresh pull leaves out."""

from __future__ import annotations

import asyncio
import bisect
import json
import os
import random
import signal
import sys
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from app.domain.timezones import zone
from bench.run import ROOT, running_server, scratch_database
from bench.seed import PASSWORD, seed_tenant
from bench.soak_report import Rows, diverged, percentiles, tree_rss_mb
from bench.wire import RawHttp, read_hints
from server.db.engine import make_engine
from server.db.migrate import upgrade
from server.lifecycle import raise_open_files_limit

TENANTS, DESKS_PER, KIOSKS_PER = 10, 10, 2
RSS_GROWTH_LIMIT = 0.10
ROWS_TYPE = "text/tab-separated-values"
# uvicorn closes a keep-alive connection idle for 5 s; a client reusing one about then
# may meet it closing, so (as httpx's pool does) one idle this long is opened anew.
IDLE_S = 4.0


class Stats:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.requests: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()

    def error(self, kind: str, why: str) -> None:
        self.errors[f"{kind}: {why}"] += 1


@dataclass
class Tenant:
    seeded: dict[str, Any]
    today: date
    clients: list[Client] = field(default_factory=list)
    # (push sent at, the version its row was written with): for the hint latency
    commits: list[tuple[float, int]] = field(default_factory=list)


class Client:
    """A desk or a kiosk: one keep-alive connection for push and pull, one stream."""

    def __init__(self, name: str, base: str, tenant: Tenant, stats: Stats, kiosk: bool,
                 credential: dict[str, str]) -> None:  # fmt: skip
        self.name, self.base, self.tenant, self.stats = name, base, tenant, stats
        self.kiosk, self.credential = kiosk, credential
        self.token = credential["access_token"]
        self.http: RawHttp | None = None
        self.client_id, self.seq = str(uuid.uuid4()), 0
        self.cursor, self.version = "0", 0
        self.rows: dict[tuple[str, str], str] = {}
        self.checkable: set[str] = set()  # today's confirmed bookings in view
        self.awaiting: dict[tuple[str, str], float] = {}  # pushed rows: sent at
        self.hint_at: list[float] = []
        self.hint_version: list[int] = []
        self.wake = asyncio.Event()
        self.stopping = False
        self.tickets = 0
        self.turn = asyncio.Lock()  # one request at a time on the one connection
        self.used = 0.0  # when the connection last answered

    # -- requests --------------------------------------------------------------------

    async def call(
        self, kind: str, method: str, path: str, body: Any = None, accept: str = "application/json"
    ) -> tuple[int, dict[str, str], bytes]:
        data = b"" if body is None else json.dumps(body).encode()
        async with self.turn:
            return await self._call(kind, method, path, data, accept)

    async def _call(
        self, kind: str, method: str, path: str, data: bytes, accept: str
    ) -> tuple[int, dict[str, str], bytes]:
        for _attempt in range(2):
            if self.http is not None and time.perf_counter() - self.used > IDLE_S:
                self.http.close()  # the server closes it about now: as httpx's pool, renew
                self.http = None
            began = time.perf_counter()
            try:
                if self.http is None:
                    self.http = await RawHttp.open(self.base, self.token)
                status, head, answer = await self.http.request(method, path, data, accept)
                self.used = time.perf_counter()
            except (OSError, ValueError, IndexError, KeyError, asyncio.IncompleteReadError):
                self.stats.error(kind, "connection")
                if self.http is not None:
                    self.http.close()
                self.http = None
                return 0, {}, b""
            self.stats.requests[kind] += 1
            self.stats.latency[kind].append((time.perf_counter() - began) * 1000)
            if status == 401:  # the access token expired: renew it, as a desk does
                await self.renew()
                continue
            if status != 200:
                self.stats.error(kind, str(status))
            return status, head, answer
        return 401, {}, b""

    async def renew(self) -> None:
        async with httpx.AsyncClient(base_url=self.base, timeout=30) as http:
            if self.kiosk:
                body = {"device_token": self.credential["device_token"]}
                answer = await http.post("/auth/device-sign-in", json=body)
            else:
                body = {"refresh_token": self.credential["refresh_token"]}
                answer = await http.post("/auth/refresh", json=body)
        self.stats.requests["renew"] += 1
        if answer.status_code != 200:
            self.stats.error("renew", str(answer.status_code))
            return
        self.credential.update({k: v for k, v in answer.json().items() if isinstance(v, str)})
        self.token = self.credential["access_token"]
        if self.http is not None:
            self.http.token = self.token

    async def pull(self, kind: str = "pull", full: bool = False) -> None:
        while True:
            query = {"cursor": self.cursor, "limit": 1000, "client_id": self.client_id}
            if full:
                query["full"] = "true"
            status, head, body = await self.call(
                kind, "GET", f"/sync/pull?{urlencode(query)}", accept=ROWS_TYPE
            )
            if status != 200:
                return
            self.apply(body)
            self.cursor, self.version = head["x-sync-cursor"], int(head["x-sync-version"])
            if head["x-sync-more"] != "true":
                return

    def apply(self, body: bytes) -> None:
        for line in body.decode().split("\n"):
            if not line:
                continue
            entity, key, version, data = line.split("\t", 3)
            if data:
                self.rows[entity, key] = data
            else:
                self.rows.pop((entity, key), None)
            if entity == "booking":
                self.note_booking(key, data)
            sent = self.awaiting.pop((entity, key), None)
            if sent is not None:
                self.tenant.commits.append((sent, int(version)))

    def note_booking(self, key: str, data: str) -> None:
        row = json.loads(data) if data else None
        today = (
            row is not None
            and row["status"] == "confirmed"
            and datetime.fromisoformat(row["start_at"]).astimezone(self.zone).date()
            == self.tenant.today
        )
        if today:
            self.checkable.add(key)
        else:
            self.checkable.discard(key)

    @property
    def zone(self) -> Any:
        return zone(self.tenant.seeded["time_zone"])

    async def push(self, kind: str, name: str, args: dict[str, Any], row: tuple[str, str]) -> None:
        self.seq += 1
        sent = time.perf_counter()
        mutation = {"seq": self.seq, "name": name, "args": args}
        body = {"client_id": self.client_id, "mutations": [mutation]}
        status, _, answer = await self.call(kind, "POST", "/sync/push", body)
        if status != 200:
            self.seq -= 1  # not applied: the next change takes this seq
            return
        result = json.loads(answer)["results"][0]
        self.stats.outcomes[f"{name} {result['status']} {result.get('code') or ''}".strip()] += 1
        if result["status"] == "applied":
            self.awaiting[row] = sent
        elif result["status"] != "rejected":
            self.stats.error(kind, result["status"])

    # -- the stream and the pulls it wakes -----------------------------------------------

    async def listen(self) -> None:
        url = httpx.URL(self.base)
        while not self.stopping:
            try:
                reader, writer = await asyncio.open_connection(url.host, url.port)
            except OSError:
                self.stats.error("stream", "connect")
                await asyncio.sleep(1)
                continue
            self.stats.requests["stream"] += 1
            try:
                hints = read_hints(reader, writer, f"{url.host}:{url.port}", self.token)
                async for version in hints:
                    self.hint_at.append(time.perf_counter())
                    self.hint_version.append(max([version, *self.hint_version[-1:]]))
                    if version > self.version:
                        self.wake.set()
                if not self.stopping:
                    self.stats.error("stream", "ended")
            except PermissionError:
                await self.renew()
            except (OSError, ConnectionError, ValueError, asyncio.IncompleteReadError):
                if not self.stopping:
                    self.stats.error("stream", "dropped")
            finally:
                writer.close()

    async def follow(self) -> None:
        """Pull each time the stream says there is more; hints meanwhile make one more."""
        while not self.stopping:
            await self.wake.wait()
            self.wake.clear()
            await self.pull()

    # -- what people do ----------------------------------------------------------------

    async def act(self, rng: random.Random, pace: float, deadline: float) -> None:
        await asyncio.sleep(rng.uniform(0, pace))  # not all at the same second
        while time.perf_counter() < deadline:
            await (self.kiosk_step(rng) if self.kiosk else self.desk_step(rng))
            pause = rng.uniform(0.5, 1.5) * pace
            await asyncio.sleep(min(pause, max(0.0, deadline - time.perf_counter())))

    async def desk_step(self, rng: random.Random) -> None:
        seeded = self.tenant.seeded
        roll = rng.random()
        bookings = [k for (e, k) in self.rows if e == "booking"] if roll < 0.55 else []
        if roll < 0.35:
            start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(
                days=rng.randrange(1, 60), minutes=30 * rng.randrange(0, 48)
            )
            booking = str(uuid.uuid4())
            args: dict[str, Any] = {
                "booking_id": booking,
                "provider_id": str(rng.choice(seeded["provider_ids"])),
                "service_id": str(seeded["service_id"]),
                "customer_id": str(rng.choice(seeded["customer_ids"])),
                "start_at": start.isoformat(),
            }
            await self.push("push", "booking.create", args, ("booking", booking))
        elif roll < 0.55 and bookings:
            payment = str(uuid.uuid4())
            args = {
                "booking_id": rng.choice(bookings),
                "payment_id": payment,
                "amount_minor": 250000,
                "method": "cash",
            }
            await self.push("push", "payment.record", args, ("payment", payment))
        elif roll < 0.75 and self.checkable:
            await self.check_in(rng, "push")
        elif roll < 0.85:
            await self.walk_in("push")
        else:
            customer = str(rng.choice(seeded["customer_ids"]))
            args = {"customer_id": customer, "notes": f"soak {rng.random():.6f}"}
            await self.push("push", "customer.update", args, ("customer", customer))

    async def kiosk_step(self, rng: random.Random) -> None:
        if rng.random() < 0.7 and self.checkable:
            await self.check_in(rng, "kiosk check-in")
        else:
            self.tickets += 1
            await self.walk_in("kiosk walk-in", self.tickets)

    async def check_in(self, rng: random.Random, kind: str) -> None:
        booking = rng.choice(sorted(self.checkable))
        await self.push(kind, "booking.check_in", {"booking_id": booking}, ("booking", booking))

    async def walk_in(self, kind: str, number: int | None = None) -> None:
        ticket = str(uuid.uuid4())
        args: dict[str, Any] = {
            "ticket_id": ticket,
            "location_id": str(self.tenant.seeded["location_id"]),
        }
        if number is not None:
            args["number"] = number
        await self.push(kind, "walkin.create", args, ("walkin_ticket", ticket))

    def hint_after(self, sent: float, version: int) -> float | None:
        """Seconds from `sent` to this client's first hint of `version` or later."""
        i = bisect.bisect_left(self.hint_version, version)
        while i < len(self.hint_at) and self.hint_at[i] < sent:
            i += 1  # a later change's hint, before this push was sent: cannot be
        return self.hint_at[i] - sent if i < len(self.hint_at) else None


# -- set-up ------------------------------------------------------------------------------


def enrol_kiosks(base: str, admin: str, count: int, location: str) -> list[dict[str, str]]:
    out = []
    with httpx.Client(base_url=base, timeout=30) as http:
        token = http.post("/auth/sign-in", json={"email": admin, "password": PASSWORD}).json()
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        for n in range(count):
            made = http.post(
                "/setup/kiosks", headers=auth, json={"location_id": location, "name": f"K{n}"}
            ).json()
            enrolled = http.post(
                "/auth/kiosk-enroll", json={"enrollment_code": made["enrollment_code"]}
            ).json()
            device = http.post(
                "/auth/device-sign-in", json={"device_token": enrolled["device_token"]}
            ).json()
            out.append({**device, "device_token": enrolled["device_token"]})
    return out


def sign_in_desk(base: str, admin: str) -> dict[str, str]:
    body = {"email": admin, "password": PASSWORD}
    tokens: dict[str, str] = httpx.post(f"{base}/auth/sign-in", json=body, timeout=30).json()
    return tokens


async def server_view(client: Client) -> Rows:
    """What a first sync with this client's credentials brings now."""
    fresh = Client("fresh", client.base, client.tenant, Stats(), client.kiosk, client.credential)
    fresh.client_id = client.client_id
    await fresh.pull("final pull", full=True)
    if fresh.http is not None:
        fresh.http.close()
    return fresh.rows


# -- the run -----------------------------------------------------------------------------


async def soak(base: str, server_pid: int, tenants: list[Tenant], minutes: float,
               desk_pace: float, kiosk_pace: float) -> dict[str, Any]:  # fmt: skip
    # `kill -USR1 PID` prints where each task waits: a run that stalls says where.
    asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, print_tasks)
    stats = Stats()
    clients: list[Client] = []
    for t, tenant in enumerate(tenants):
        admin = tenant.seeded["email"]
        for d in range(DESKS_PER):
            cred = await asyncio.to_thread(sign_in_desk, base, admin)
            tenant.clients.append(Client(f"desk {t}.{d}", base, tenant, stats, False, cred))
        location = str(tenant.seeded["location_id"])
        for k, cred in enumerate(
            await asyncio.to_thread(enrol_kiosks, base, admin, KIOSKS_PER, location)
        ):
            tenant.clients.append(Client(f"kiosk {t}.{k}", base, tenant, stats, True, cred))
        clients += tenant.clients
    rss: dict[str, Any] = {"boot_mb": tree_rss_mb(server_pid)}
    print(f"{len(clients)} clients signed in; first syncs ...", flush=True)
    gate = asyncio.Semaphore(10)

    async def first_sync(c: Client) -> None:
        async with gate:
            await c.pull("first sync", full=True)

    await asyncio.gather(*(first_sync(c) for c in clients))
    background = [asyncio.create_task(c.listen()) for c in clients]
    background += [asyncio.create_task(c.follow()) for c in clients]
    rss["synced_mb"] = tree_rss_mb(server_pid)
    seconds = minutes * 60
    warmup = min(60.0, seconds / 10)
    print(
        f"load for {minutes:g} min: a desk changes something every {desk_pace:g} s on"
        f" average (0.5-1.5x), a kiosk every {kiosk_pace:g} s; RSS from {warmup:g} s on",
        flush=True,
    )
    started = time.perf_counter()
    deadline = started + seconds
    rng = random.Random(18)
    actors = [
        asyncio.create_task(
            c.act(random.Random(rng.random()), kiosk_pace if c.kiosk else desk_pace, deadline)
        )
        for c in clients
    ]
    samples: list[tuple[float, float]] = []
    await asyncio.sleep(warmup)
    rss["start_mb"] = tree_rss_mb(server_pid)
    while time.perf_counter() < deadline:
        samples.append((round(time.perf_counter() - started), tree_rss_mb(server_pid)))
        done = sum(stats.requests[k] for k in ("push", "kiosk check-in", "kiosk walk-in"))
        print(f"  {samples[-1][0]:>5} s: {done} changes, server {samples[-1][1]} MB", flush=True)
        await asyncio.sleep(min(30.0, max(0.0, deadline - time.perf_counter())))
    await asyncio.gather(*actors)
    print("load over; final pulls ...", flush=True)
    rss["end_mb"] = tree_rss_mb(server_pid)
    elapsed = time.perf_counter() - started
    # The end: every client pulls once more, then each view is held to a fresh pull's.
    await asyncio.sleep(1.0)
    for c in clients:
        c.stopping = True
    await asyncio.gather(*(c.pull("final pull") for c in clients))
    views: dict[tuple[int, bool], Rows] = {}
    divergent: dict[str, str] = {}
    for t, tenant in enumerate(tenants):
        for kiosk in (False, True):
            group = [c for c in tenant.clients if c.kiosk is kiosk]
            views[t, kiosk] = await server_view(group[0])
            divergent |= diverged({c.name: c.rows for c in group}, views[t, kiosk])
    for task in background:
        task.cancel()
    await asyncio.gather(*background, return_exceptions=True)
    for c in clients:
        if c.http is not None:
            c.http.close()
    hints = [
        hint * 1000
        for tenant in tenants
        for sent, version in tenant.commits
        for c in tenant.clients
        if (hint := c.hint_after(sent, version)) is not None
    ]
    stats.latency["stream hint"] = hints
    rss["growth_pct"] = round((rss["end_mb"] / rss["start_mb"] - 1) * 100, 1)
    rss["samples"] = samples
    changes = sum(stats.outcomes.values())
    return {
        "minutes": minutes,
        "tenants": len(tenants),
        "desks": sum(not c.kiosk for c in clients),
        "kiosks": sum(c.kiosk for c in clients),
        "desk_pace_s": desk_pace,
        "kiosk_pace_s": kiosk_pace,
        "server_workers": 2,
        "changes": changes,
        "changes_per_s": round(changes / elapsed, 1),
        "requests": dict(stats.requests),
        "requests_total": sum(stats.requests.values()),
        "errors": dict(stats.errors),
        "errors_total": sum(stats.errors.values()),
        "outcomes": dict(sorted(stats.outcomes.items())),
        "latency": {kind: percentiles(v) for kind, v in sorted(stats.latency.items())},
        "server_rss": rss,
        "rows_per_view": {f"{t}{' kiosk' if k else ''}": len(v) for (t, k), v in views.items()},
        "converged": not divergent,
        "diverged": divergent,
    }


def print_tasks() -> None:
    for task in asyncio.all_tasks():
        task.print_stack(limit=6)


def verdict(result: dict[str, Any]) -> list[str]:
    """Why the run failed; empty when it passed."""
    failures = []
    if result["errors_total"]:
        failures.append(f"{result['errors_total']} errors: {result['errors']}")
    if not result["converged"]:
        failures.append(f"{len(result['diverged'])} views differ from the server's")
    growth = result["server_rss"]["growth_pct"]
    if growth >= RSS_GROWTH_LIMIT * 100:
        failures.append(f"server memory grew {growth}% (limit {RSS_GROWTH_LIMIT:.0%})")
    return failures


def main() -> int:
    minutes = float(os.environ.get("SOAK_MINUTES", "10"))
    desk_pace = float(os.environ.get("SOAK_DESK_PACE_S", "10"))
    kiosk_pace = float(os.environ.get("SOAK_KIOSK_PACE_S", "20"))
    files = raise_open_files_limit()
    print(f"open files: soft limit raised to the hard limit, {files}", flush=True)
    with scratch_database() as database:
        engine = make_engine(database)
        upgrade(engine)
        print(f"seeding {TENANTS} businesses ...", flush=True)
        seeded = [
            seed_tenant(
                engine,
                name=f"soak{n}",
                providers=20,
                customers=500,
                bookings=2000,
                today=600,
                seed=n,
                analyze=n == TENANTS - 1,
            )
            for n in range(TENANTS)
        ]
        engine.dispose()
        tenants = [Tenant(s, datetime.now(zone(s["time_zone"])).date()) for s in seeded]
        with running_server(database, 2) as (base, proc):
            result = asyncio.run(soak(base, proc.pid, tenants, minutes, desk_pace, kiosk_pace))
    failures = verdict(result)
    result["passed"] = not failures
    result["failures"] = failures
    out = ROOT / ".bench" / "soak.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print_summary(result, out)
    for why in failures:
        print(f"FAILED: {why}", file=sys.stderr)
    return 1 if failures else 0


def print_summary(result: dict[str, Any], out: Path) -> None:
    print(
        f"\n{result['desks']} desks, {result['kiosks']} kiosks, {result['tenants']} businesses,"
        f" {result['minutes']:g} min: {result['changes']} changes"
        f" ({result['changes_per_s']}/s), {result['requests_total']} requests,"
        f" {result['errors_total']} errors"
    )
    print(f"{'kind':<16}{'n':>8}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for kind, p in result["latency"].items():
        if p["n"]:
            print(f"{kind:<16}{p['n']:>8}{p['p50_ms']:>10}{p['p95_ms']:>10}{p['p99_ms']:>10}")
    rss = result["server_rss"]
    print(
        f"server RSS (all processes): boot {rss['boot_mb']} MB, start {rss['start_mb']} MB,"
        f" end {rss['end_mb']} MB, growth {rss['growth_pct']}%"
    )
    print(f"converged: {'yes' if result['converged'] else 'NO ' + str(result['diverged'])}")
    print(f"outcomes: {result['outcomes']}")
    print(f"written to {out}")


if __name__ == "__main__":
    sys.exit(main())
