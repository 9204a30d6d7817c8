"""A real server on loopback, in a thread, that tests can stop and start again."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn
from sqlalchemy import Engine

from server.cli import ClosingServer, proxy_options
from server.config import Settings
from server.main import create_app
from server.runtime import Runtime
from tests.helpers.clock import Clock


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    def __init__(self, engine: Engine, *, clock: Clock | None = None, **settings: Any) -> None:
        self.engine = engine
        self.settings = settings
        # The server's "now" (what day it is, the sign-in limits' time): set
        # `server.clock.at` to fix it; the real time until then.
        self.clock = clock or Clock()
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._server: ClosingServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        settings = Settings(
            migrate_on_start=False, secret_key="live-secret-" + "y" * 32, **self.settings
        )
        runtime = Runtime.build(settings, engine=self.engine, clock=self.clock)
        config = uvicorn.Config(
            create_app(runtime=runtime),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            timeout_graceful_shutdown=1,
            lifespan="on",
            **proxy_options(settings),  # as `turnero server` runs it
        )
        self._server = ClosingServer(config, runtime.hints.close)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.stop()
            self._thread.join(timeout=10)
            self._server = self._thread = None
