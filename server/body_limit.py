"""Request bodies no larger than their route takes.

Checked twice: on the declared Content-Length, before anything is read (a 64 MB
sign-in is refused unread), and on the bytes as they stream in, for a body sent in
chunks with no length declared. Either way the answer is a 413 in the one error
format. Nothing here knows a token: the check costs nothing and comes first.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import error_response

KB = 1024
MB = 1024 * KB
# A push carries up to 500 changes; a desk sends 200 at most, a few KB each.
PUSH_LIMIT = 4 * MB
# The tenant's settings carry its logo: 256 KB of image, a third more in base64.
TENANT_LIMIT = 512 * KB
# Everything else is a form's worth of fields.
DEFAULT_LIMIT = 256 * KB
LIMITS = {"/sync/push": PUSH_LIMIT, "/setup/tenant": TENANT_LIMIT}


def limit_for(path: str) -> int:
    return LIMITS.get(path.rstrip("/") or "/", DEFAULT_LIMIT)


def _too_large(limit: int) -> str:
    return f"the body is larger than this route takes ({limit // KB} KB at most)"


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            # Refused unread; the connection is closed, so the rest is never read either.
            response = error_response(413, "too_large", _too_large(limit))
            response.headers["Connection"] = "close"
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised where the route reads its body: FastAPI passes an
                    # HTTPException on, and the error handlers answer it as a 413.
                    raise HTTPException(413, _too_large(limit), headers={"Connection": "close"})
            return message

        await self.app(scope, counted, send)
