"""The real desk application, signed in to a live server, driven from tests (and
from `make screenshots`). Async work runs on a qasync loop; wait with `settle`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.credentials import Preferences, RunOnlyTokens
from app.signin import sign_in
from ui.desk.main import DeskApp
from ui.desk.window import DeskWindow


async def wait_until(
    condition: Callable[[], Any], timeout: float = 15.0, what: str = "condition"
) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def settle(app: DeskApp, pause: float = 0.15) -> None:
    """Let queued work finish and the debounced reload run and finish too."""
    await app.tasks.drain()
    await asyncio.sleep(pause)
    await app.tasks.drain()


async def open_desk_app(
    base_url: str,
    email: str,
    password: str,
    folder: Path,
    *,
    language: str = "en",
) -> tuple[DeskApp, DeskWindow]:
    folder.mkdir(parents=True, exist_ok=True)
    prefs = Preferences(server=base_url, email=email, language=language)
    app = DeskApp(prefs, prefs_path=folder / "prefs.json", data_dir=folder)
    account, tokens = await sign_in(base_url, email, password)
    store = RunOnlyTokens()
    store.save(tokens)
    window = app.open(account, store)
    await wait_until(lambda: app.desk and app.desk.status().last_sync_at, what="first sync")
    await wait_until(lambda: window.model.columns, what="the day view")
    await settle(app)
    return app, window


async def synced(app: DeskApp, timeout: float = 15.0) -> None:
    """Until nothing waits to be pushed and the loop is idle online."""
    assert app.desk is not None
    desk = app.desk
    await settle(app)
    try:
        await wait_until(
            lambda: desk.status().pending == 0 and desk.status().state == "online",
            timeout,
            "the desk to sync",
        )
    except AssertionError as exc:
        raise AssertionError(f"{exc}: {desk.status()}, outbox {desk.replica.pending()}") from None
    await settle(app)
