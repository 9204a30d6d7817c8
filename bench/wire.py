"""Bare HTTP/1.1 over asyncio streams, for load that must cost little CPU: keep-alive
requests (RawHttp) and the event stream's hints (read_hints).

The load runs on the same two cores as the server and PostgreSQL; httpx spent about
3 ms of CPU per request there (a quarter of what the server spends on a push), this
about 0.3 ms, so a figure measures the server rather than its load."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx


class RawHttp:
    """One keep-alive connection; the caller reconnects after an OSError."""

    def __init__(self, host: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                 token: str) -> None:  # fmt: skip
        self.host = host
        self.reader, self.writer = reader, writer
        self.token = token

    @classmethod
    async def open(cls, base: str, token: str) -> RawHttp:
        url = httpx.URL(base)
        reader, writer = await asyncio.open_connection(url.host, url.port)
        return cls(f"{url.host}:{url.port}", reader, writer, token)

    async def request(
        self, method: str, path: str, body: bytes = b"", accept: str = "application/json"
    ) -> tuple[int, dict[str, str], bytes]:
        """Status, headers (lower-case names) and body of one request."""
        self.writer.write(
            f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n"
            f"Authorization: Bearer {self.token}\r\nAccept: {accept}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        status, headers = await read_head(self.reader)
        return status, headers, await self.reader.readexactly(int(headers["content-length"]))

    async def post_json(self, path: str, body: Any) -> tuple[int, Any]:
        status, _, data = await self.request("POST", path, json.dumps(body).encode())
        return status, json.loads(data)

    def close(self) -> None:
        self.writer.close()


async def read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    line = await reader.readline()
    if not line:
        raise ConnectionResetError("the server closed the connection")
    status = int(line.split()[1])
    headers = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers


async def read_hints(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, token: str
) -> AsyncIterator[int]:
    """The versions `GET /sync/events` announces on an open connection, as they come;
    ends when the server ends the stream. Raises PermissionError on a 401 (a token to
    renew) and ConnectionError on any other refusal."""
    writer.write(
        f"GET /sync/events HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    status, headers = await read_head(reader)
    if status == 401:
        raise PermissionError("the stream's token expired")
    if status != 200 or headers.get("transfer-encoding") != "chunked":
        raise ConnectionError(f"event stream refused: {status}")
    pending = b""
    while True:
        size = int((await reader.readline()).strip() or b"0", 16)
        if size == 0:
            return  # the last chunk: the server ended the stream
        pending += await reader.readexactly(size)
        await reader.readexactly(2)  # the chunk's CRLF
        *events, pending = pending.replace(b"\r\n", b"\n").split(b"\n\n")
        for event in events:
            version = hint_version(event)
            if version is not None:
                yield version


def hint_version(event: bytes) -> int | None:
    """The version of one SSE event of kind `version`; None for any other (a ping, a
    reconnect)."""
    kind, data = b"", b""
    for line in event.split(b"\n"):
        if line.startswith(b"event:"):
            kind = line[6:].strip()
        elif line.startswith(b"data:"):
            data = line[5:].strip()
    if kind != b"version":
        return None
    return int(json.loads(data)["version"])
