"""The server's logs: structlog, configured once per process.

JSON lines when stderr is not a terminal (a service manager, a container, a file),
key=value lines a person reads when it is. The standard library's loggers
(`logging.getLogger(__name__)` throughout, uvicorn's) go through the same
formatter, so every line has the same shape and carries the request id of the request
it was written for.

Never logged: headers (Authorization), bodies, query strings, raw paths. A request's
line names its route by template (`/setup/staff/{user_id}`), its caller by ids only.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from structlog.typing import EventDict, Processor, WrappedLogger

HEADER = "X-Request-ID"
_HEADER_KEY = HEADER.lower().encode()
# A caller's id is taken as it comes only when it cannot smuggle anything into a log
# line (no spaces, quotes, newlines) and is short.
_SANE_ID = re.compile(rb"[A-Za-z0-9_-]{1,64}")


@dataclass(slots=True)
class RequestFacts:
    """What the access line says of a request beyond its method and status: filled in
    as the request goes (the caller once authenticated, the sync client once read).
    One mutable object per request, so a route's worker thread, which runs in a copy
    of the request's context, fills in the same one."""

    request_id: str
    tenant_id: uuid.UUID | None = None
    principal: uuid.UUID | None = None  # a user's id, or a kiosk's or hub's device id
    role: str | None = None
    client_id: uuid.UUID | str | None = None


_current: ContextVar[RequestFacts | None] = ContextVar("turnero_request", default=None)


def current() -> RequestFacts | None:
    return _current.get()


def note_caller(tenant_id: uuid.UUID, principal: uuid.UUID, role: str) -> None:
    """Who is calling, for the request's log line (called where a token is checked)."""
    facts = _current.get()
    if facts is not None:
        facts.tenant_id, facts.principal, facts.role = tenant_id, principal, role


def note_client(client_id: uuid.UUID | str) -> None:
    """Which replica (a desk's or kiosk's client id) a sync request is for."""
    facts = _current.get()
    if facts is not None:
        facts.client_id = client_id


def request_id_of(scope: Scope) -> str:
    """The caller's X-Request-ID if it is a sane token, else a new one."""
    for key, value in scope["headers"]:
        if key == _HEADER_KEY:
            if _SANE_ID.fullmatch(value):
                return str(value, "ascii")
            break
    return str(uuid.uuid4())


class RequestLog:
    """One line per HTTP request, when it ends: method, route template, status,
    duration, tenant, principal, client and request id; the request id is echoed in
    the response's X-Request-ID. Pure ASGI: a streamed response (the event stream)
    passes through untouched, and the cost is a few microseconds."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        facts = RequestFacts(request_id_of(scope))
        token = _current.set(facts)
        echoed = (_HEADER_KEY, facts.request_id.encode())
        status = 500  # unless the app answers: an exception on its way out

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), echoed]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            route = scope.get("route")
            access_log.info(
                "request",
                method=scope["method"],
                route=getattr(route, "path", None),  # None: no route matched (a 404)
                status=status,
                duration_ms=round((time.perf_counter() - began) * 1000, 2),
                tenant=facts.tenant_id,
                principal=facts.principal,
                role=facts.role,
                client=facts.client_id,
            )
            _current.reset(token)


def _add_request_id(_: WrappedLogger, __: str, event: EventDict) -> EventDict:
    """Every line written while a request is handled carries its id."""
    facts = _current.get()
    if facts is not None:
        event.setdefault("request_id", facts.request_id)
    return event


_LEAD = ("timestamp", "level", "logger", "event", "request_id")


def _lead(_: WrappedLogger, __: str, event: EventDict) -> EventDict:
    """When, how grave, from where and what first: a JSON line a person can skim."""
    first = {key: event.pop(key) for key in _LEAD if key in event}
    return {**first, **event}


def _for_a_person(_: WrappedLogger, __: str, event: EventDict) -> EventDict:
    """On a terminal: a request as `POST /sync/push 200 3.1 ms`, ids as plain text,
    and `tenant=None principal=None`, which say nothing, left out."""
    if event.get("event") == "request" and "route" in event:
        route = event.pop("route") or "(no route)"
        took = event.pop("duration_ms")
        event["event"] = f"{event.pop('method')} {route} {event.pop('status')} {took} ms"
    return {
        key: str(value) if isinstance(value, uuid.UUID) else value
        for key, value in event.items()
        if value is not None
    }


# Run where a line is logged (the request id is the caller's context's), whether it
# came from structlog or from a standard library logger.
SHARED: list[Processor] = [
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    _add_request_id,
]
_TO_STDLIB: list[Processor] = [
    structlog.stdlib.filter_by_level,
    *SHARED,
    structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
]

# Until `configure` runs (a test's server), the access line goes through the standard
# library's logging, and at INFO costs nothing below the root's level.
access_log: Any = structlog.wrap_logger(
    logging.getLogger("turnero.access"),
    processors=_TO_STDLIB,
    wrapper_class=structlog.stdlib.BoundLogger,
    cache_logger_on_first_use=True,
)


_HANDLER_NAME = "turnero"


def configure(
    stream: TextIO | None = None, *, json: bool | None = None, level: int = logging.INFO
) -> None:
    """Route structlog and the standard library's logging to `stream` (stderr by
    default), as JSON lines unless it is a terminal (or `json` says).

    Like logging.basicConfig, it leaves a root logger that has handlers already (a
    test harness's) alone, and a second call changes nothing; with `stream` given it
    replaces its own handler."""
    global access_log
    root = logging.getLogger()
    if stream is None and root.handlers:
        return
    stream = stream or sys.stderr
    terminal = stream.isatty()
    if json is None:
        json = not terminal
    tail: list[Processor] = (
        [
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            _lead,
            structlog.processors.JSONRenderer(default=str),  # UUIDs as their text
        ]
        if json
        else [
            structlog.processors.TimeStamper(fmt="%H:%M:%S", utc=False),
            _for_a_person,
            structlog.dev.ConsoleRenderer(colors=terminal, sort_keys=False, pad_event_to=36),
        ]
    )
    structlog.configure(
        processors=_TO_STDLIB,
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(stream)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=SHARED,
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *tail],
        )
    )
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # The access line, written on every request, skips the standard library's record,
    # caller lookup and copy: the same line for a tenth of the cost (the push path is
    # measured by `make bench`).
    access_log = structlog.wrap_logger(
        structlog.WriteLogger(stream),
        processors=[structlog.stdlib.add_log_level, _add_request_id, *tail],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        cache_logger_on_first_use=True,
    ).bind(logger="turnero.access")
    # Our access line replaces uvicorn's, which logs the raw path and query string (a
    # customer search's phone, say); uvicorn's other lines go through the handler above.
    logging.getLogger("uvicorn.access").disabled = True
    # httpx's own line per call (a hub's to central) names the whole URL, query too.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True


def uvicorn_options() -> dict[str, Any]:
    """For uvicorn.Config/run: leave logging as `configure` set it (uvicorn would
    install its own handlers), with no access log of its own (ours is RequestLog's)."""
    return {"log_config": None, "access_log": False}
