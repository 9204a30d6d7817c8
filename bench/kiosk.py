"""kiosk_checkin_ms: from Enter on a booking code to the confirmation on screen, with
the kiosk offline (its server unreachable), over a kiosk replica of a big tenant's
day. Measured in a child process with Qt offscreen, like the desk's figures.

`python -m bench.kiosk REPLICA IDENTITY_JSON` is the child; `measure` the parent.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def measure(replica: Path, identity: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.kiosk", str(replica), json.dumps(identity)],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return dict(json.loads(next(x for x in out.stdout.splitlines() if x.startswith("{"))))


def frozen(at: Any) -> Any:
    """A clock stopped at `at`: check-in is judged as if it were then."""
    return lambda: at


def child(replica_path: str, identity_json: str, rounds: int = 40) -> None:
    import asyncio
    from datetime import datetime, timedelta

    import qasync
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.credentials import RunOnlyTokens
    from app.kiosk import ExitPin, KioskIdentity, KioskService, KioskSettings
    from app.sync.api import SyncApi, Tokens
    from app.sync.engine import SyncEngine
    from app.sync.replica import Replica
    from ui.common import i18n
    from ui.common.application import paint_on_this_thread
    from ui.common.loop import run_until_done
    from ui.common.tasks import Tasks
    from ui.kiosk.window import KioskWindow

    paint_on_this_thread()  # as the desk, kiosk and board run
    qt = QApplication([])
    loop = qasync.QEventLoop(qt)
    asyncio.set_event_loop(loop)
    i18n.install("es-AR")
    identity = KioskIdentity(**json.loads(identity_json))
    tokens = RunOnlyTokens()
    tokens.save(Tokens("offline", device_token="offline"))
    replica = Replica(replica_path)
    api = SyncApi("http://127.0.0.1:9", tokens, timeout=1)  # nothing listens: offline
    service = KioskService(identity, replica, api, SyncEngine(replica, api))
    tasks = Tasks()
    pin = ExitPin(KioskSettings(), lambda: None)
    window = KioskWindow(tasks, exit_pin=pin, tickets_dir=Path(replica_path).parent)
    window.resize(1280, 800)
    window.show()
    window.start(service)
    rows = [r for r in replica.all("booking") if r["status"] == "confirmed"][:rounds]
    times: list[float] = []

    async def run() -> None:
        for row in rows:
            window.reset()
            window.welcome.check_in_button.click()
            service.now = frozen(datetime.fromisoformat(row["start_at"]) - timedelta(minutes=5))
            window.checkin.code.setText(row["code"])
            began = time.perf_counter()
            QTest.keyClick(window.checkin.code, Qt.Key.Key_Return)
            while window.stack.currentWidget() is not window.confirm:
                await asyncio.sleep(0)
            window.confirm.repaint()  # shown, not merely chosen
            times.append((time.perf_counter() - began) * 1000)
        await tasks.drain()
        await api.aclose()

    with loop:
        run_until_done(loop, run())
    tasks.shutdown()
    times.sort()
    print(
        json.dumps(
            {
                "kiosk_checkin_ms": round(statistics.median(times), 1),
                "kiosk_checkin_p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
                "kiosk_checkin_rounds": len(times),
                "kiosk_replica_bookings": replica.count("booking"),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
