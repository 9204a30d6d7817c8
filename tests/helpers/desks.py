"""Desks for tests: a replica, a sync engine, signed in to a live server."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import httpx

from app.sync.api import MemoryTokens, SyncApi, Tokens
from app.sync.engine import Backoff, SyncEngine
from app.sync.replica import Replica
from tests.helpers.clinic import PASSWORD

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


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
) -> SyncEngine:
    replica = Replica(folder / f"{name}.db")
    api = SyncApi(
        base_url, MemoryTokens(sign_in_tokens(base_url, email)), timeout=5, transport=transport
    )
    return SyncEngine(replica, api, backoff=Backoff(base=0.05, cap=0.2), idle_s=5)
