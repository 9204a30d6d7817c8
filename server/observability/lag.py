"""Sync lag: how far the slowest recently connected client is behind its business.

Pull cursors are known only when a client pulls (the server keeps none), so each
process notes, per client, the version its last pull brought it to and when. A sampler
writes that note to the metrics folder now and then (cursors-<pid>.json); the scrape
merges every process's notes (a client's latest pull wins, whichever process served
it), keeps the clients seen within RECENT_S, and compares the oldest cursor of each
business with its newest version: one indexed read of tenant_versions per scrape.

Reported as the maximum over businesses, without a tenant label: tenant ids are
unbounded and are business identifiers a monitoring system has no need of.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import TenantVersion

# Desks and kiosks pull at least every 30 s while idle (app/sync/engine.py's idle_s):
# one unseen for two minutes has gone away.
RECENT_S = 120.0
# At most this many clients noted per process: client ids are the caller's to choose.
MAX_CLIENTS = 20_000
FILE_PREFIX = "cursors-"

Seen = tuple[int, float]  # the version a client has, and when (Unix time) it pulled


class CursorBook:
    """One process's notes of its pulls (thread-safe: pulls run on worker threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str], Seen] = {}
        self._dirty = False

    def note(self, tenant_id: uuid.UUID, client: str, version: int, at: float) -> None:
        key = (str(tenant_id), client)
        with self._lock:
            if key in self._seen or len(self._seen) < MAX_CLIENTS:
                self._seen[key] = (version, at)
                self._dirty = True

    def recent(self, now: float) -> dict[tuple[str, str], Seen]:
        """The clients seen within RECENT_S of `now`; forgets the others."""
        with self._lock:
            self._seen = {k: s for k, s in self._seen.items() if now - s[1] <= RECENT_S}
            return dict(self._seen)

    def publish(self, folder: str, now: float) -> None:
        """Write this process's notes for the scrape, if they changed (atomically)."""
        with self._lock:
            dirty, self._dirty = self._dirty, False
        if not dirty:
            return
        notes = [[t, c, v, at] for (t, c), (v, at) in self.recent(now).items()]
        path = Path(folder) / f"{FILE_PREFIX}{os.getpid()}.json"
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(notes))
        temporary.replace(path)


BOOK = CursorBook()


def pulled_to(cursor: str, version: int, more: bool) -> int:
    """The version a client has after a pull page: everything up to the business's
    version once nothing more is to come, else up to its new cursor's."""
    if not more:
        return version
    head = cursor.split("|", 1)[0]
    return int(head) if head.isdigit() else 0


def read_notes(folder: str) -> dict[tuple[str, str], Seen]:
    """Every process's notes, merged: a client's latest pull wins."""
    merged: dict[tuple[str, str], Seen] = {}
    for path in Path(folder).glob(f"{FILE_PREFIX}*.json"):
        with contextlib.suppress(OSError, ValueError):  # a process just gone, or odd
            for tenant, client, version, at in json.loads(path.read_text()):
                key = (str(tenant), str(client))
                if key not in merged or merged[key][1] < at:
                    merged[key] = (int(version), float(at))
    return merged


@dataclass(frozen=True)
class Lag:
    versions: int  # the largest lag over businesses (0: every recent client is current)
    clients: int  # clients seen within RECENT_S


def oldest_cursors(notes: Mapping[tuple[str, str], Seen], now: float) -> dict[uuid.UUID, int]:
    """Per business, the oldest cursor among its clients seen within RECENT_S."""
    oldest: dict[uuid.UUID, int] = {}
    for (tenant, _client), (version, at) in notes.items():
        if now - at > RECENT_S:
            continue
        tid = uuid.UUID(tenant)
        oldest[tid] = min(version, oldest.get(tid, version))
    return oldest


def sync_lag(engine: Engine, notes: Mapping[tuple[str, str], Seen], now: float) -> Lag:
    """The newest version of each business with recent clients against their oldest
    cursor: one primary-key read of those businesses' versions."""
    oldest = oldest_cursors(notes, now)
    clients = sum(1 for _k, (_v, at) in notes.items() if now - at <= RECENT_S)
    if not oldest:
        return Lag(0, 0)
    with make_session_factory(engine, scope=ALL_TENANTS)() as session:
        rows = session.execute(
            select(TenantVersion.tenant_id, TenantVersion.version).where(
                TenantVersion.tenant_id.in_(list(oldest))
            )
        )
        newest = {tenant: int(version) for tenant, version in rows}
    return Lag(max_lag(newest, oldest), clients)


def max_lag(newest: Mapping[uuid.UUID, int], oldest: Mapping[uuid.UUID, int]) -> int:
    behind: Iterable[int] = (newest.get(t, v) - v for t, v in oldest.items())
    return max([0, *behind])
