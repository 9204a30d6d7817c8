"""What the server counts for Prometheus, and the cheap calls that count it.

Every `turnero server` process counts in its own files under PROMETHEUS_MULTIPROC_DIR
(server/observability/exporter.py sets it up and serves the sum of them). Without that
folder (tests, `turnero demo`) the same calls count in memory and nothing reads them.

The counting is on the hottest paths (every request, every push): label children are
looked up once and kept, so counting is an increment, not a label lookup.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.observability import lag
from server.observability.exporter import MULTIPROC_ENV

if TYPE_CHECKING:
    import anyio
    from fastapi import FastAPI
    from sqlalchemy import Engine

    from server.sync.schemas import MutationResult

# Our own registry: in multi-process mode nothing collects it (the exporter reads the
# files); in memory it keeps these apart from anything else in the process.
REGISTRY = CollectorRegistry(auto_describe=True)

REQUEST_SECONDS = Histogram(
    "turnero_http_request_duration_seconds",
    "Time to answer a request, by route template, method and status class",
    ["route", "method", "status"],
    registry=REGISTRY,
)
MUTATIONS = Counter(
    "turnero_sync_mutations",
    "Pushed changes by outcome (accepted, refused, duplicate) and refusal code",
    ["outcome", "code"],
    registry=REGISTRY,
)
ROWS_PULLED = Counter("turnero_sync_rows_pulled", "Rows sent by pulls", registry=REGISTRY)
EVENT_STREAMS = Gauge(
    "turnero_sync_event_streams",
    "Event streams open",
    registry=REGISTRY,
    multiprocess_mode="livesum",
)
POOL_IN_USE = Gauge(
    "turnero_db_pool_in_use",
    "Database connections checked out of the pools (sampled every few seconds)",
    registry=REGISTRY,
    multiprocess_mode="livesum",
)
POOL_WAITING = Gauge(
    "turnero_db_pool_waiting",
    "Requests waiting for a database connection (at admission; sampled)",
    registry=REGISTRY,
    multiprocess_mode="livesum",
)
SIGN_IN_FAILURES = Counter(
    "turnero_sign_in_failures", "Sign-ins refused for a wrong email or password", registry=REGISTRY
)
ACCOUNT_LOCKS = Counter(
    "turnero_account_locks", "Accounts locked after too many wrong passwords", registry=REGISTRY
)

# -- pushes ------------------------------------------------------------------------------

_ACCEPTED = MUTATIONS.labels("accepted", "")
_DUPLICATE = MUTATIONS.labels("duplicate", "")
# A refusal code may come from a site hub's forwarded refusal: any short text. Past this
# many distinct codes the rest count as "other", so a caller cannot grow the series.
MAX_CODES = 100
_refused: dict[str, Any] = {}


def count_push(results: Iterable[MutationResult]) -> None:
    """Count a push's answers (its hot path: a loop of increments)."""
    for r in results:
        if r.status == "applied":
            _ACCEPTED.inc()
        elif r.status == "rejected":
            code = r.code or ""
            child = _refused.get(code)
            if child is None:
                if len(_refused) >= MAX_CODES:
                    code = "other"
                child = _refused[code] = MUTATIONS.labels("refused", code)
            child.inc()
        else:
            _DUPLICATE.inc()


# -- requests ----------------------------------------------------------------------------

# Streams last for hours: their duration is no latency (EVENT_STREAMS counts them).
STREAMING = frozenset({"/sync/events"})


class RequestMetrics:
    """Times each HTTP request by its route's template ("/bookings/{booking_id}"),
    never its path: ids in labels would make a series per booking. Requests that match
    no route count as "unmatched", whatever they asked for."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._children: dict[tuple[str, str, str], Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500  # what the client gets if the app raises before answering

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        start = time.perf_counter()
        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            if template not in STREAMING:
                key = (template, scope["method"], f"{status // 100}xx")
                child = self._children.get(key)
                if child is None:
                    child = self._children[key] = REQUEST_SECONDS.labels(*key)
                child.observe(time.perf_counter() - start)


# -- what is sampled: pools, admission, pull cursors -----------------------------------

# Admission's semaphores (one per event loop): who waits on them waits for a connection.
GATES: weakref.WeakSet[anyio.Semaphore] = weakref.WeakSet()
SAMPLE_S = 2.0


class Sampler:
    """Every few seconds, a process's own figures into its files: its pool's connections
    in use, the requests waiting for one, and the cursors its pulls saw (lag.py). Off the
    request path; the exporter's scrape reads what the last round wrote."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.engines: weakref.WeakSet[Engine] = weakref.WeakSet()
        self._thread = threading.Thread(target=self._run, name="metrics-sampler", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            self.sample()
            time.sleep(SAMPLE_S)

    def sample(self) -> None:
        POOL_IN_USE.set(sum(_checked_out(e) for e in list(self.engines)))
        POOL_WAITING.set(sum(g.statistics().tasks_waiting for g in list(GATES)))
        lag.BOOK.publish(self.folder, time.time())


def _checked_out(engine: Engine) -> int:
    checkedout = getattr(engine.pool, "checkedout", None)
    return int(checkedout()) if checkedout is not None else 0


_sampler: Sampler | None = None
_sampler_lock = threading.Lock()


def install(app: FastAPI, engine: Engine) -> None:
    """Time every request of `app`; in a served process, sample `engine`'s pool too."""
    global _sampler
    app.add_middleware(RequestMetrics)
    folder = os.environ.get(MULTIPROC_ENV)
    if not folder:
        return
    with _sampler_lock:
        if _sampler is None:
            _sampler = Sampler(folder)
        _sampler.engines.add(engine)
