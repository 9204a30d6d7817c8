"""A stop signal that comes while the main thread holds the hint broker's lock (a
stream giving its subscription back as SIGTERM arrives) must still stop the server."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# In a process of its own: the handler chains to a harmless previous one, and a
# regression (the hook waiting for the lock its own thread holds) is a timeout here,
# not a hung test run.
SCRIPT = textwrap.dedent(
    """
    import signal, time
    from server.hints import HintBroker
    from server.lifecycle import on_stop_signal

    signal.signal(signal.SIGTERM, lambda sig, frame: print("previous handler"))
    broker = HintBroker()
    on_stop_signal(broker.close)
    with broker._lock:  # as HintBroker.unsubscribe holds it
        signal.raise_signal(signal.SIGTERM)
        print("handler returned")
    deadline = time.monotonic() + 5
    while not broker._closed and time.monotonic() < deadline:
        time.sleep(0.01)
    print("closed" if broker._closed else "never closed")
    """
)


def test_a_stop_signal_while_the_broker_is_locked_ends_the_streams_all_the_same() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=20
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:3] == ["previous handler", "handler returned", "closed"]
