"""One helper for work the GUI must not wait on (Anki's CollectionOp, in small).

Blocking work (SQLite with fsync, building a day plan) runs on one worker thread, so
the replica sees one writer in order; coroutines (httpx) run on the Qt loop through
qasync. Results come back on the GUI thread; every error lands in one place.

Signals:
    failed(str): a change or a read went wrong; the text is for the user.
    changed(Changes): rows the views show moved (a change, a pulled page, a refusal);
        it says which kinds, so each view reloads only for its own.
    status_changed(object): the sync status (SyncStatus) moved.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal

from app.changes import Changes
from app.domain.errors import DomainError

log = logging.getLogger(__name__)
T = TypeVar("T")
P = ParamSpec("P")


def describe(exc: BaseException) -> str:
    from ui.common.labels import error_text

    return error_text(exc)


class Tasks(QObject):
    failed = Signal(str)
    changed = Signal(object)  # a Changes
    status_changed = Signal(object)  # a SyncStatus; emitted from any thread, received on the GUI's

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="desk-worker")
        self._running: set[asyncio.Future[Any]] = set()
        self._closed = False

    async def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run blocking `fn(*args, **kwargs)` on the worker thread; await its result here."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, partial(fn, *args, **kwargs))

    def run(
        self,
        work: Awaitable[T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> asyncio.Future[T]:
        """Start `work` on the loop; `on_done(result)` runs on the GUI thread after."""
        if self._closed:  # a timer firing while the window closes: nothing to do
            if inspect.iscoroutine(work):
                work.close()
            cancelled: asyncio.Future[T] = asyncio.get_event_loop().create_future()
            cancelled.cancel()
            return cancelled
        future = asyncio.ensure_future(work)
        self._running.add(future)

        def finished(f: asyncio.Future[T]) -> None:
            self._running.discard(f)
            if f.cancelled():
                return
            exc = f.exception()
            try:
                if exc is None:
                    if on_done is not None:
                        on_done(f.result())
                    return
                if not isinstance(exc, DomainError):
                    log.error("background work failed", exc_info=exc)
                if on_error is not None:
                    on_error(exc)
                else:
                    self.failed.emit(describe(exc))
            except RuntimeError as gone:
                # The view it was for went meanwhile (a language switch rebuilds the
                # window; a dialog closed): its successor reads afresh. Anything else
                # is a real error.
                if not _widget_gone(gone):
                    raise
                log.debug("a background result for a view now gone: %s", gone)

        future.add_done_callback(finished)
        return future

    def submit(
        self,
        desk: Any,
        name: str,
        args: dict[str, Any],
        on_done: Callable[[dict[str, Any]], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> asyncio.Future[dict[str, Any]]:
        """Record a change through the desk on the worker, then tell the views."""

        async def go() -> dict[str, Any]:
            final: dict[str, Any] = await self.call(desk.submit, name, args)
            self.changed.emit(Changes.of_change(name))
            return final

        return self.run(go(), on_done, on_error)

    async def drain(self) -> None:
        """Wait for everything started so far (tests, and closing the window)."""
        while self._running:
            await asyncio.gather(*list(self._running), return_exceptions=True)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True)


def _widget_gone(exc: RuntimeError) -> bool:
    """Whether `exc` is PySide's word that a Qt object was deleted under Python's feet."""
    text = str(exc)
    return "already deleted" in text or "has been deleted" in text
