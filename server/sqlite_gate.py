"""SQLite: reads without the write lock, and one writing request at a time, queued.

Every transaction used to begin IMMEDIATE, taking SQLite's one write lock, reads
included. A route runs its steps on worker threads (the caller's check, the route, the
answer) and holds its transaction between them; with more requests than worker threads,
each thread could end up waiting on the file lock for a request that itself waited for
a thread, until the busy timeout failed them all (20 concurrent reads: eleven 503s after
30 s). Now a GET's transactions begin plainly (WAL readers never wait), and writing
requests take their turn here, in the event loop, holding no thread and no lock until
it is theirs. Several processes over one file still meet at SQLite's lock, where the
busy timeout waits; each has at most one writer on its threads, so none is stuck.
"""

from __future__ import annotations

import anyio
from anyio.lowlevel import RunVar
from starlette.types import ASGIApp, Receive, Scope, Send

from server.db.engine import WRITING

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SqliteGate:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # One lock per event loop (tests run an app on several in turn).
        self._turn: RunVar[anyio.Lock] = RunVar(f"sqlite-gate-{id(self)}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] in READ_METHODS:
            reading = WRITING.set(False)  # copied into the worker threads it uses
            try:
                await self.app(scope, receive, send)
            finally:
                WRITING.reset(reading)
            return
        try:
            turn = self._turn.get()
        except LookupError:
            turn = anyio.Lock()
            self._turn.set(turn)
        async with turn:
            await self.app(scope, receive, send)
