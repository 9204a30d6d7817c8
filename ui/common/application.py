"""The process's QApplication, made the same way by the desk, the kiosk and the board."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication


def paint_on_this_thread() -> None:
    """Keep Qt's raster painting on the GUI thread. Qt 6 hands every fill taller than
    about 96 lines to a pool thread and waits for it; on the two-core machines of a
    front desk, loaded with the sync, the hand-off costs far more than the fill. Under
    Xvfb a 14 × 744 px scroll bar took 4.4-4.9 ms to repaint with the pool, 0.6 without,
    and the day view scrolled and refreshed in 9.5 ms, 4-5 without (offscreen alike).
    Qt reads the variable once, when it first paints: call this before any QApplication."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def gui_application() -> QApplication:
    """This process's QApplication, made now if there is none yet."""
    paint_on_this_thread()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    return app
