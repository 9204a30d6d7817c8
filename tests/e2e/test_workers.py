"""`turnero server --workers N` on an empty store: the schema is made once, every worker
serves from the first request, and nothing in the log looks like a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers.live import free_port
from tests.helpers.served import fresh_pg_database

WORKERS = 4
TURNERO = str(Path(sys.executable).parent / "turnero")  # the installed console script


@pytest.fixture
def empty_pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one server start; dropped after."""
    with fresh_pg_database() as url:
        yield url


def serve_once(database: str, log: Path) -> None:
    port = free_port()
    env = {**os.environ, "TURNERO_SECRET_KEY": "workers-test-" + "k" * 32}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                TURNERO,
                "server",
                "--database",
                database,
                "--port",
                str(port),
                "--workers",
                str(WORKERS),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        with httpx.Client(base_url=base, timeout=10) as http:
            while True:
                try:
                    if http.get("/ready").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert proc.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the server never became ready"
                time.sleep(0.05)
            # Many requests on fresh connections, so that every worker gets some.
            for _ in range(24):
                with httpx.Client(base_url=base, timeout=10) as fresh:
                    assert fresh.get("/ready").status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    text = log.read_text()
    assert "signing key: from TURNERO_SECRET_KEY" in text  # said first thing
    assert "Traceback" not in text, text  # what a worker that died on the schema left


@pytest.mark.postgres
@pytest.mark.parametrize("attempt", range(2))
def test_workers_on_an_empty_postgresql_database(
    empty_pg_database: str, tmp_path: Path, attempt: int
) -> None:
    serve_once(empty_pg_database, tmp_path / "server.log")


@pytest.mark.parametrize("attempt", range(2))
def test_workers_on_an_empty_sqlite_file(tmp_path: Path, attempt: int) -> None:
    serve_once(f"sqlite:///{tmp_path / 'store.db'}", tmp_path / "server.log")
