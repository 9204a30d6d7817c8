"""Python's cycle collector, run on the GUI thread only.

The automatic collector runs in whichever thread happens to allocate when a threshold
is crossed: in the desk that is often a worker (the replica's reads, httpx), and a
cycle holding a Qt wrapper (a window and its slots) is then destroyed off the GUI
thread, which can crash Qt. So automatic collection is turned off and a timer on the
GUI thread collects instead, as Anki and qutebrowser do. Reference counting still frees
everything that is not in a cycle at once; only cycles wait for the timer.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """Collect each generation when its threshold has been passed, once a second.

    Create it on the GUI thread; `stop()` collects once more and gives collection back
    to Python as it found it."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect the oldest generation whose count has passed its threshold."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        self.timer.stop()
        gc.collect()
        if self.was_enabled:
            gc.enable()
