"""`turnero server` as a real process (signals, workers, restarts), and fresh stores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy.engine import make_url

from tests.conftest import _pg_admin_url
from tests.helpers.live import free_port

TURNERO = str(Path(sys.executable).parent / "turnero")  # the installed console script
SECRET = "served-test-" + "s" * 32  # the same across restarts: tokens outlive them


def wait_ready(
    proc: subprocess.Popen[bytes],
    url: str,
    output: Callable[[], str],
    seconds: float = 60,
    **get: Any,
) -> None:
    """Until `url` answers 200; fails with the server's `output` if it exits first or
    never does. `get`: more arguments for each probe (headers, verify)."""
    deadline = time.monotonic() + seconds
    while True:
        try:  # not listening yet: a refused connection is the expected answer
            if httpx.get(url, timeout=2, **get).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert proc.poll() is None, output()
        assert time.monotonic() < deadline, f"the server never became ready: {output()}"
        time.sleep(0.05)


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database; dropped after."""
    admin = make_url(_pg_admin_url()).set(drivername="postgresql")
    name = f"turnero_served_{uuid.uuid4().hex[:10]}"
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ServerProcess:
    """`turnero server ARGS` on a port of its own, kept across restarts."""

    def __init__(self, args: list[str], log: Path, port: int | None = None) -> None:
        self.args, self.log = args, log
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self) -> None:
        env = {**os.environ, "TURNERO_SECRET_KEY": SECRET}
        with self.log.open("a") as out:
            self.proc = subprocess.Popen(
                [TURNERO, "server", *self.args, "--port", str(self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )
        wait_ready(self.proc, f"{self.base_url}/ready", self.log.read_text)

    def send(self, sig: signal.Signals) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wait(self, timeout: float) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout=timeout)

    def workers(self) -> set[int]:
        """The worker processes of `--workers N` (Linux: from /proc)."""
        found = set()
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        for child in children:
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue  # gone meanwhile
            if b"spawn_main" in cmdline:  # not multiprocessing's resource tracker
                found.add(int(child))
        return found

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
