"""A request id on every call the desk and the kiosk make to the server, and a log
line per call with its outcome: the server logs the same id on its line for the
call (server/observability/logs.py), so one id follows a change from the click to
the database and back.

As httpx event hooks, so that no call of a client made with them goes without: the
sync's, the event stream, a token's refresh, a sign-in.
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

import httpx

HEADER = "X-Request-ID"
_BEGAN = "turnero_began"  # when the request went, in the request's extensions

log = logging.getLogger("turnero.http")


async def _stamp(request: httpx.Request) -> None:
    # A fresh one per call, a retry's too: each is its own line at the server.
    if HEADER not in request.headers:
        request.headers[HEADER] = str(uuid.uuid4())
    request.extensions[_BEGAN] = time.monotonic()


async def _log_outcome(response: httpx.Response) -> None:
    request = response.request
    log.info(
        "%s %s: %d in %d ms (request %s)",
        request.method,
        request.url.path,  # never the query: a search's may hold a phone
        response.status_code,
        _elapsed_ms(request),
        request.headers.get(HEADER, "?"),
    )


def log_failure(exc: httpx.HTTPError) -> None:
    """A call that got no answer (offline, refused certificate, timeout)."""
    try:
        request = exc.request
    except RuntimeError:  # an error raised before any request was made
        return
    log.info(
        "%s %s: %s after %d ms (request %s)",
        request.method,
        request.url.path,
        type(exc).__name__,
        _elapsed_ms(request),
        request.headers.get(HEADER, "?"),
    )


def _elapsed_ms(request: httpx.Request) -> int:
    began = request.extensions.get(_BEGAN)
    return round((time.monotonic() - began) * 1000) if began is not None else 0


def event_hooks() -> dict[str, list[Any]]:
    """For httpx.AsyncClient(event_hooks=...)."""
    return {"request": [_stamp], "response": [_log_outcome]}
