"""The apps paint on the GUI thread alone (ui/common/application.py): Qt's pool thread
for tall fills cost a front desk's two cores more than the fills themselves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A tall scroll bar painted, then the names of the process's threads: Qt names its
# pool's "Thread (pooled)".
PAINT = """
import os
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollBar
from ui.common.application import gui_application
app = gui_application()
bar = QScrollBar(Qt.Orientation.Vertical)
bar.resize(14, 900)
bar.grab()
print(sorted(p.read_text().strip() for p in Path("/proc/self/task").glob("*/comm")))
"""


def threads_after_painting(made_by_the_apps: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    code = PAINT if made_by_the_apps else PAINT.replace("gui_application()", "QApplication([])")
    if not made_by_the_apps:
        code = "from PySide6.QtWidgets import QApplication\n" + code
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env | {"QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_the_apps_paint_a_tall_widget_without_qts_pool_thread() -> None:
    assert "Thread (pooled)" in threads_after_painting(made_by_the_apps=False)  # Qt's default
    assert "Thread (pooled)" not in threads_after_painting(made_by_the_apps=True)
