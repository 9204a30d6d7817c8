"""Running a coroutine on the qasync loop to completion.

qasync's own run_until_complete processes Qt events once more after its loop stops,
with no asyncio loop running: coroutines woken then fail deep inside httpx/anyio
("not currently running on any asynchronous event loop"). This runs the loop until the
coroutine is done and stops there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_until_done(loop: asyncio.AbstractEventLoop, work: Coroutine[Any, Any, T]) -> T:
    future = asyncio.ensure_future(work, loop=loop)
    future.add_done_callback(lambda _f: loop.stop())
    loop.run_forever()
    if not future.done():
        future.cancel()
        raise RuntimeError("the event loop stopped before the work was done")
    return future.result()
