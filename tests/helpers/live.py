"""A real server on loopback, in a thread, that tests can stop and start again."""

from __future__ import annotations

import logging
import socket
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy import Engine

from server.cli import ClosingServer, proxy_options
from server.config import Settings
from server.main import create_app
from server.runtime import Runtime
from tests.helpers.clock import Clock

log = logging.getLogger(__name__)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """`clock`: the server's "now"; `tls`: serve HTTPS with this certificate and key
    (e.g. a site certificate); it may be changed between a stop and the next start, as an
    administrator would."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Clock | None = None,
        tls: tuple[Path, Path] | None = None,
        **settings: Any,
    ) -> None:
        self.engine = engine
        self.settings = settings
        # The server's "now" (what day it is, the sign-in limits' time): set
        # `server.clock.at` to fix it; the real time until then.
        self.clock = clock or Clock()
        self.port = free_port()
        self.tls = tls
        self._server: ClosingServer | None = None
        self._thread: threading.Thread | None = None
        self.runtime: Runtime | None = None  # the running server's, once started

    @property
    def base_url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> None:
        settings = Settings(
            migrate_on_start=False, secret_key="live-secret-" + "y" * 32, **self.settings
        )
        runtime = Runtime.build(settings, engine=self.engine, clock=self.clock)
        self.runtime = runtime
        config = uvicorn.Config(
            create_app(runtime=runtime),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            timeout_graceful_shutdown=1,
            lifespan="on",
            ssl_certfile=str(self.tls[0]) if self.tls else None,
            ssl_keyfile=str(self.tls[1]) if self.tls else None,
            **proxy_options(settings),  # as `turnero server` runs it
        )
        self._server = ClosingServer(config, runtime.hints.close)
        self._thread = threading.Thread(target=self._serve, args=(self._server,), daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)

    @staticmethod
    def _serve(server: ClosingServer) -> None:
        try:
            server.run()
        except OSError as exc:
            # uvicorn closes its loop after a 1 s grace; a client that reconnected in
            # that moment (a kiosk whose stream just ended) can leave a transport open,
            # and uvloop then refuses to close with EBUSY. The server has stopped all
            # the same; only a stop that was asked for is excused.
            if not server.should_exit:
                raise
            log.warning("the test server stopped with a connection still open: %s", exc)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.stop()
            self._thread.join(timeout=10)
            self._server = self._thread = None
