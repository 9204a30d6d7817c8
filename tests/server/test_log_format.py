"""The shape of the server's log lines, in process: JSON for a machine, key=value for a
person at a terminal, and the request id on every line written during a request."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import structlog
from starlette.types import Message, Receive, Scope, Send

from server.observability import logs

TENANT, USER, CLIENT = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


class Route:
    path = "/sync/push"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Logging configured to a buffer, and put back as it was afterwards."""
    root = logging.getLogger()
    handlers, level, access = root.handlers[:], root.level, logs.access_log
    out = io.StringIO()
    try:
        yield out
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        logs.access_log = access
        structlog.reset_defaults()
        logging.getLogger("uvicorn.access").disabled = False


async def a_push(scope: Scope, receive: Receive, send: Send) -> None:
    logs.note_caller(TENANT, USER, "reception")
    logs.note_client(CLIENT)
    logging.getLogger("server.sync.service").warning("a line of the push's own")
    await send({"type": "http.response.start", "status": 200, "headers": [(b"x-a", b"1")]})
    await send({"type": "http.response.body", "body": b"{}"})


async def a_failure(scope: Scope, receive: Receive, send: Send) -> None:
    raise RuntimeError("the database went away")


def serve(app: Any, headers: list[tuple[bytes, bytes]] | None = None) -> list[Message]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    scope: Scope = {
        "type": "http",
        "method": "POST",
        "path": "/sync/push",
        "headers": headers or [],
    }

    async def run() -> None:
        # The router sets the matched route on the scope as it dispatches.
        scope["route"] = Route()
        await logs.RequestLog(app)(scope, receive, send)

    asyncio.run(run())
    return sent


def test_json_lines_carry_the_request_id_on_every_line_of_the_request(
    captured: io.StringIO,
) -> None:
    logs.configure(captured, json=True)
    sent = serve(a_push, [(b"x-request-id", b"desk-1234")])
    own, access = (json.loads(x) for x in captured.getvalue().splitlines())
    assert own["event"] == "a line of the push's own"
    assert own["request_id"] == "desk-1234"
    assert (own["level"], own["logger"]) == ("warning", "server.sync.service")
    assert list(access)[:5] == ["timestamp", "level", "logger", "event", "request_id"]
    assert access == access | {
        "event": "request",
        "request_id": "desk-1234",
        "method": "POST",
        "route": "/sync/push",
        "status": 200,
        "tenant": str(TENANT),
        "principal": str(USER),
        "role": "reception",
        "client": str(CLIENT),
    }
    assert (b"x-request-id", b"desk-1234") in sent[0]["headers"]
    assert (b"x-a", b"1") in sent[0]["headers"]  # the route's own headers kept


def test_a_request_that_fails_is_logged_as_a_500(
    captured: io.StringIO,
) -> None:
    logs.configure(captured, json=True)
    with pytest.raises(RuntimeError):
        serve(a_failure)
    (access,) = (json.loads(x) for x in captured.getvalue().splitlines())
    assert (access["status"], access["route"]) == (500, "/sync/push")
    uuid.UUID(access["request_id"])  # one was made for it
    assert access["tenant"] is None


def test_a_terminal_gets_one_short_line_a_person_reads(captured: io.StringIO) -> None:
    logs.configure(captured, json=False)
    serve(a_push, [(b"x-request-id", b"desk-1234")])
    own, access = captured.getvalue().splitlines()
    assert "a line of the push's own" in own
    assert "request_id=desk-1234" in own
    assert "POST /sync/push 200 " in access
    assert f"tenant={TENANT} principal={USER} role=reception client={CLIENT}" in access
    assert "UUID(" not in access
    assert "{" not in access  # no JSON
