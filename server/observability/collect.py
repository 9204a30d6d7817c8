"""What the exporter serves: the processes' counts summed, and the sync lag."""

from __future__ import annotations

import glob
import logging
import os
import threading
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import Engine

from server.db.engine import make_engine
from server.observability import lag

log = logging.getLogger(__name__)


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there: keep its gauges
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class LiveFilesCollector(MultiProcessCollector):
    """The processes' files summed, but 'live' gauges (streams, pool) only of processes
    that still run: a worker that crashed or was restarted holds no stream."""

    def collect(self) -> Iterator[Metric]:
        files = []
        for path in glob.glob(os.path.join(self._path, "*.db")):
            kind, mode, *rest = os.path.basename(path)[: -len(".db")].split("_")
            live = kind == "gauge" and mode.startswith("live") and rest and rest[-1].isdigit()
            if not live or _alive(int(rest[-1])):
                files.append(path)
        return iter(self.merge(files, accumulate=True))  # type: ignore[no-untyped-call]


class LagCollector:
    """Sync lag, at scrape time (server/observability/lag.py)."""

    def __init__(self, folder: str, database_url: str) -> None:
        self.folder = folder
        self.database_url = database_url
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:  # made at the first scrape: one connection at most
                self._engine = make_engine(self.database_url, pool_size=1, max_overflow=0)
            return self._engine

    def collect(self) -> Iterator[Metric]:
        now = time.time()
        try:
            figure = lag.sync_lag(self.engine(), lag.read_notes(self.folder), now)
        except Exception as exc:  # a scrape reports what it can: the rest still counts
            log.warning("metrics: sync lag unavailable: %s", exc)
            return
        yield GaugeMetricFamily(
            "turnero_sync_lag_versions",
            "Versions the most behind client seen in the last "
            f"{int(lag.RECENT_S)} s lacks of its business's newest (max over businesses)",
            value=figure.versions,
        )
        yield GaugeMetricFamily(
            "turnero_sync_clients_recent",
            f"Clients that pulled in the last {int(lag.RECENT_S)} s",
            value=figure.clients,
        )


def serve(folder: str, database_url: str, host: str, port: int) -> Any:
    """Serve /metrics on host:port from a daemon thread; returns the HTTP server."""
    registry = CollectorRegistry()
    LiveFilesCollector(registry, path=folder)  # type: ignore[no-untyped-call]
    registry.register(LagCollector(folder, database_url))
    server, _thread = start_http_server(port, addr=host, registry=registry)
    return server
