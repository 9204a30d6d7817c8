"""`/metrics` on its own port: `turnero server --metrics-port N` (loopback by default).

Kept off the public port rather than behind a token there: nothing on the public port
to guard, forget, or leak in a proxy's log, and loopback means only this machine (a
Prometheus agent beside it, or an SSH tunnel) can read it; --metrics-host widens that
for an operator who chooses to.

The server's processes each count in their own files in a private folder made fresh
at start (PROMETHEUS_MULTIPROC_DIR, set before any worker starts, which inherit it);
the exporter, a thread of the process that runs `turnero server` (uvicorn's supervisor
with --workers N), serves their sum. Gauges of workers that died are left out.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

# Read by prometheus_client when it is first imported: set before that, in every process.
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--metrics-port",
        type=int,
        default=int(os.environ.get("TURNERO_METRICS_PORT") or 0) or None,
        help="serve Prometheus metrics at /metrics on this port (default: "
        "TURNERO_METRICS_PORT, else none)",
    )
    p.add_argument(
        "--metrics-host",
        default="127.0.0.1",
        help="address the metrics port listens on (default: loopback only)",
    )


def start(args: argparse.Namespace, database_url: str) -> Any:
    """With --metrics-port: the counts' folder, then the exporter; before the app or
    its workers are made, so that they count into the folder. None without it."""
    if not args.metrics_port:
        return None
    folder = prepare_folder(args.data_dir)
    from server.observability import collect  # imports prometheus_client: after the folder

    server = collect.serve(folder, database_url, args.metrics_host, args.metrics_port)
    print(f"Metrics on http://{args.metrics_host}:{args.metrics_port}/metrics", flush=True)
    return server


def prepare_folder(data_dir: str | None) -> str:
    """A fresh, private folder for the processes' counts, named in the environment
    for every process started after this. Under --data-dir when given (emptied: the
    counts of a past run are not this one's), else a new temporary one, removed at exit."""
    if data_dir:
        folder = Path(data_dir).resolve() / "metrics"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(mode=0o700, parents=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="turnero-metrics-"))  # 0700 already
        atexit.register(shutil.rmtree, folder, True)
    os.environ[MULTIPROC_ENV] = str(folder)
    return str(folder)
