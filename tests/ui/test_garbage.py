"""Cycles die on the GUI thread: a worker that allocates never runs the collector, so
it never destroys a Qt object (which crashes Qt off its thread)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from ui.common.garbage import GuiThreadCollector


class Cycle:
    """An object in a reference cycle that notes which thread finally frees it."""

    freed_in: list[int] = []  # noqa: RUF012 - shared by design: the test reads it

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_in.append(threading.get_ident())


@pytest.fixture
def collector(qtbot: QtBot) -> Iterator[GuiThreadCollector]:
    # Automatic collection on first, as in a fresh process, to show the collector stops it.
    was_enabled = gc.isenabled()
    gc.enable()
    gc.collect()
    made = GuiThreadCollector(interval_ms=20)
    yield made
    made.stop()
    if not was_enabled:
        gc.disable()


def test_cycles_made_by_a_worker_are_freed_on_the_gui_thread(
    qtbot: QtBot, collector: GuiThreadCollector
) -> None:
    Cycle.freed_in.clear()

    def worker() -> None:
        # Far past every threshold: with automatic collection on, the worker would
        # collect (and free cycles) many times over.
        for _ in range(50_000):
            Cycle()
            _ = [[] for _ in range(3)]

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert Cycle.freed_in == []  # nothing collected in the worker
    qtbot.waitUntil(lambda: len(Cycle.freed_in) > 0, timeout=5000)
    gui = threading.get_ident()
    assert set(Cycle.freed_in) == {gui}
