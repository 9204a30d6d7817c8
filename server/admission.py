"""At most as many requests at once as the store has connections.

A route runs on worker threads in several steps (checking the caller, the route,
serialising its answer), and holds its one database connection from the first to the
last. With more requests in flight than connections, every worker thread can end up
waiting for a connection that a request waiting for a worker holds: the process
stalls. Admitting no more requests than connections makes that impossible; the rest
wait here, holding nothing.
"""

from __future__ import annotations

import anyio
from anyio.lowlevel import RunVar
from sqlalchemy import Engine
from sqlalchemy.pool import QueuePool
from starlette.types import ASGIApp, Receive, Scope, Send

from server.observability import metrics

# Event streams stay open for hours and hold no connection while they do.
EXEMPT = ("/sync/events",)


def capacity(engine: Engine) -> int | None:
    """How many connections the engine's pool gives at most; None if unbounded.
    (QueuePool has no public accessor for its overflow limit.)"""
    pool = engine.pool
    if not isinstance(pool, QueuePool) or pool._max_overflow < 0:
        return None
    return pool.size() + pool._max_overflow


class Admission:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        # One semaphore per event loop (tests run an app on several in turn).
        self._gate: RunVar[anyio.Semaphore] = RunVar(f"admission-{id(self)}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(EXEMPT):
            await self.app(scope, receive, send)
            return
        try:
            gate = self._gate.get()
        except LookupError:
            gate = anyio.Semaphore(self.limit)
            self._gate.set(gate)
            metrics.GATES.add(gate)  # who waits here waits for a connection
        async with gate:
            await self.app(scope, receive, send)
