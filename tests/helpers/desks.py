"""Desks for tests: a replica, a sync engine, signed in to a live server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from app.sync.api import MemoryTokens, SyncApi, Tokens
from app.sync.engine import Backoff, SyncEngine
from app.sync.replica import Replica
from tests.helpers.clinic import PASSWORD


def sign_in_tokens(base_url: str, email: str) -> Tokens:
    body = httpx.post(
        f"{base_url}/auth/sign-in", json={"email": email, "password": PASSWORD}, timeout=10
    ).json()
    return Tokens(body["access_token"], body["refresh_token"])


def make_desk(
    base_url: str,
    email: str,
    folder: Path,
    name: str,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Callable[[], datetime] | None = None,
    tokens: MemoryTokens | None = None,
) -> SyncEngine:
    """`clock`: what "now" is for the desk's rules; give the server's, so both agree.
    `tokens`: the session it resumes (a desk reopened on the same PC); else it signs in."""
    replica = Replica(folder / f"{name}.db")
    tokens = tokens or MemoryTokens(sign_in_tokens(base_url, email))
    api = SyncApi(base_url, tokens, timeout=5, transport=transport)
    return SyncEngine(replica, api, backoff=Backoff(base=0.05, cap=0.2), idle_s=5, clock=clock)


@asynccontextmanager
async def open_desks(
    server: Any, clinic: Any, folder: Path, count: int = 2, *, synced: bool = True
) -> AsyncIterator[tuple[SyncEngine, ...]]:
    """`count` reception desks of `clinic` on `server`, after their first sync if
    `synced`; closed afterwards."""
    desks = tuple(
        make_desk(
            server.base_url,
            clinic.reception_email,
            folder,
            f"desk{i}",
            clock=getattr(server, "clock", None),
        )
        for i in range(count)
    )
    try:
        if synced:
            for desk in desks:
                await desk.sync_once()
        yield desks
    finally:
        for desk in desks:
            await desk.api.aclose()
            desk.replica.close()
