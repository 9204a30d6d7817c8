"""Stopping a server process gracefully: SIGTERM (or Ctrl+C) ends its event streams at
once, with a cue to reconnect, while uvicorn lets requests in flight finish.

uvicorn alone would wait out its grace period and then cut the streams (which never
end by themselves), so a desk would only notice a restart when its read timed out. A
worker of `turnero server --workers N` is a plain uvicorn server, so the hook is chained
onto the signal handlers uvicorn installs, from the app's startup (which runs while
they are in place), rather than by a server subclass.
"""

from __future__ import annotations

import gc
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

# How long a stopping process lets requests in flight finish (a push waiting on a lock,
# a first sync's large page) before it cuts them. Streams end at once, not after this.
DRAIN_SECONDS = 10
# How long a rolling restart waits for each new worker to be up (see server/cli.py).
WORKER_START_SECONDS = 60

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGBREAK") if hasattr(signal, name)
)


def on_stop_signal(hook: Callable[[], None]) -> Callable[[], None]:
    """Call `hook` (thread-safe, quick) when the process is asked to stop, then the
    handler in place before. Returns what puts the previous handlers back.

    Only the main thread may set signal handlers: a server on another thread (the desk's
    bundled one, tests) is stopped by its owner, who ends the streams itself."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous: dict[int, Any] = {}

    def handler(sig: int, frame: FrameType | None) -> None:
        off_the_signal(hook)
        previous[sig](sig, frame)

    for sig in STOP_SIGNALS:
        before = signal.getsignal(sig)
        if not callable(before):
            continue  # ignored, default (the process just ends) or set outside Python
        previous[sig] = before
        signal.signal(sig, handler)

    def restore() -> None:
        for sig, before in previous.items():
            if signal.getsignal(sig) is handler:
                signal.signal(sig, before)

    return restore


def off_the_signal(hook: Callable[[], None]) -> None:
    """Run `hook` from a signal handler without blocking it: on a thread of its own.

    A handler runs on the main thread between two of its steps, maybe while that thread
    holds the very lock the hook takes (a stream's end giving its subscription back to
    the hint broker as SIGTERM came): run there, the hook waited for itself for ever,
    and the server never stopped."""
    threading.Thread(target=hook, name="stop-hook", daemon=True).start()


def raise_open_files_limit() -> int | None:
    """Raise the soft limit on open files to the hard limit; the new limit, or None
    where there is none to raise (Windows). Every event stream holds a descriptor for
    hours, one per desk and kiosk, and systemd starts a service with a soft limit of
    1,024 (hard 524,288): a process would refuse streams long before it is busy. Go's
    runtime does the same at start. Worker processes inherit it."""
    try:
        import resource
    except ImportError:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


# The collector's first generation is collected every this many new objects (Python's
# default is 700): a push alone makes a few thousand.
GC_FIRST_GENERATION = 10_000


def settle_memory() -> None:
    """For a server process, once its app is built: what it built to start (modules, the
    app, the ORM's metadata) lives as long as it does, so it is kept out of the cyclic
    collector's passes (gc.freeze), and collections come less often.

    A full pass walked all of it and paused every request in flight: under 50 desks
    pushing at once, the slowest hundredth of pushes waited 180-220 ms with the
    defaults and 120-130 ms with these (`make bench`, paired runs)."""
    gc.freeze()
    gc.set_threshold(GC_FIRST_GENERATION, 20, 50)
