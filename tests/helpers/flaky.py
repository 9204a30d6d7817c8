"""A network between a desk and the server that fails the way real ones do."""

from __future__ import annotations

import httpx


class FlakyNetwork(httpx.AsyncBaseTransport):
    """Pass requests through, unless told to be down, to lose the next answer (the
    server acted but the desk never hears), or to deliver the next request twice."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.down = False
        self.lose_next_answer_to: str | None = None  # a path, e.g. "/sync/push"
        self.duplicate_next_to: str | None = None
        self.fail_after_pulls: int | None = None
        self.garble_next_to: str | None = None  # a proxy's error page instead of the server

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if self.down:
            raise httpx.ConnectError("network down", request=request)
        if self.garble_next_to == path:
            self.garble_next_to = None
            return httpx.Response(400, text="<html>Proxy: bad request</html>", request=request)
        if path == "/sync/pull" and self.fail_after_pulls is not None:
            if self.fail_after_pulls <= 0:
                raise httpx.ConnectError("network down mid-sync", request=request)
            self.fail_after_pulls -= 1
        if self.duplicate_next_to == path:
            self.duplicate_next_to = None
            body = await request.aread()
            twin = httpx.Request(request.method, request.url, headers=request.headers, content=body)
            first = await self.inner.handle_async_request(twin)
            await first.aread()
            await first.aclose()
        response = await self.inner.handle_async_request(request)
        if self.lose_next_answer_to == path:
            self.lose_next_answer_to = None
            await response.aread()
            await response.aclose()
            raise httpx.ReadError("connection lost before the answer", request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()
