"""At a site hub, only sync changes are passed on to central (each once, in order);
a change made through any other route would stay in the hub's store, never reach
central, and be overwritten by central's rows. So a hub refuses those changes and
names where to make them: desks send setup, far dates' bookings and kiosk enrolment
codes to central themselves (app/desk.py, Desk.central)."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from server.errors import error_response

# What a hub answers itself: sync (forwarded to central), sign-in (vouched for by
# central), and a kiosk's check-in lookup (it reads, and counts the kiosk's misses).
ANSWERED_HERE = ("/sync/", "/auth/", "/kiosk/")
READING = frozenset({"GET", "HEAD", "OPTIONS"})


class CentralOnly:
    def __init__(self, app: ASGIApp, central: str) -> None:
        self.app, self.central = app, central

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] in READING
            or scope["path"].startswith(ANSWERED_HERE)
        ):
            await self.app(scope, receive, send)
            return
        response = error_response(
            409,
            "central_only",
            f"this is a site server: make this change at the central server ({self.central})",
            details={"central": self.central},
        )
        await response(scope, receive, send)
