"""A background result whose view went meanwhile (the window rebuilt in another
language, a dialog closed) is dropped quietly; any other error in a callback is not."""

from __future__ import annotations

import asyncio
from typing import Any

import shiboken6
from PySide6.QtWidgets import QLabel

from tests.ui.conftest import Run
from ui.common.tasks import Tasks


def callback_errors(run: Run[Any], on_done: Any) -> list[dict[str, Any]]:
    tasks = Tasks()

    async def scenario() -> list[dict[str, Any]]:
        loop = asyncio.get_running_loop()
        seen: list[dict[str, Any]] = []
        before = loop.get_exception_handler()
        loop.set_exception_handler(lambda _loop, context: seen.append(context))
        try:

            async def work() -> str:
                return "Norma Russo"

            tasks.run(work(), on_done)
            await tasks.drain()
            await asyncio.sleep(0.01)  # the done callbacks run after
        finally:
            loop.set_exception_handler(before)
        return seen

    try:
        found: list[dict[str, Any]] = run(scenario())
        return found
    finally:
        tasks.shutdown()


def test_a_result_for_a_deleted_label_is_dropped(run: Run[Any]) -> None:
    label = QLabel()
    shiboken6.delete(label)
    assert callback_errors(run, label.setText) == []


def test_another_error_in_a_callback_still_surfaces(run: Run[Any]) -> None:
    def broken(_result: str) -> None:
        raise RuntimeError("a bug of ours")

    [context] = callback_errors(run, broken)
    assert str(context["exception"]) == "a bug of ours"
