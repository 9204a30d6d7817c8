"""Realtime hints: "tenant T is now at version V". Hints only ever speed a pull up;
a lost one delays a replica until its next pull, it never loses data.

Within one process, a broker fans hints out to the open event streams. Across
processes sharing one PostgreSQL, writers NOTIFY on commit and every process LISTENs.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from collections import defaultdict

import psycopg
from sqlalchemy.engine import URL

from server.db.versioning import NOTIFY_CHANNEL

log = logging.getLogger(__name__)
CLOSED = -1  # put in every queue when the server stops: the streams end
RECHECK = -2  # a device was revoked: each stream checks its caller is still allowed


class HintBroker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._closed = False
        self._subscribers: dict[
            uuid.UUID, set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[int]]]
        ] = defaultdict(set)

    def subscribe(self, tenant_id: uuid.UUID) -> asyncio.Queue[int]:
        queue: asyncio.Queue[int] = asyncio.Queue(maxsize=100)
        with self._lock:
            self._subscribers[tenant_id].add((asyncio.get_running_loop(), queue))
            if self._closed:
                queue.put_nowait(CLOSED)
        return queue

    def close(self) -> None:
        """End every open stream (thread-safe): a stopping server need not wait out, or
        cut, connections that would otherwise stay open for ever."""
        with self._lock:
            self._closed = True
            targets = [s for subs in self._subscribers.values() for s in subs]
        for loop, queue in targets:
            loop.call_soon_threadsafe(_offer, queue, CLOSED)

    def unsubscribe(self, tenant_id: uuid.UUID, queue: asyncio.Queue[int]) -> None:
        with self._lock:
            self._subscribers[tenant_id] = {
                s for s in self._subscribers[tenant_id] if s[1] is not queue
            }

    def listening(self, tenant_id: uuid.UUID) -> int:
        """How many streams of this tenant are open (diagnostics, and tests that check a
        closed stream gave its subscription back)."""
        with self._lock:
            return len(self._subscribers[tenant_id])

    def publish(self, versions: dict[uuid.UUID, int]) -> None:
        """Thread-safe: called after commits in worker threads and by the listener."""
        with self._lock:
            targets = [(t, v, s) for t, v in versions.items() for s in self._subscribers[t]]
        for _tenant, version, (loop, queue) in targets:
            loop.call_soon_threadsafe(_offer, queue, version)


def _offer(queue: asyncio.Queue[int], version: int) -> None:
    if queue.full():  # a slow reader only needs the newest version
        queue.get_nowait()
    queue.put_nowait(version)


class PostgresListener:
    """A thread that LISTENs for version notifications and hands them to the broker."""

    def __init__(self, url: URL, broker: HintBroker) -> None:
        self._dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._broker = broker
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        delay = 0.5
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._dsn, autocommit=True) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    delay = 0.5
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.1):  # how soon stop() is heard
                            tenant, _, version = note.payload.partition(":")
                            self._broker.publish({uuid.UUID(tenant): int(version)})
            except (psycopg.Error, ValueError) as exc:
                log.warning("version listener: %s; retrying in %.1f s", exc, delay)
                self._stop.wait(delay)
                delay = min(delay * 2, 10)
