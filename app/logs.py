"""Log files for the desk and the kiosk: rotating, in the platform's log folder, and
the last errors kept in memory for the diagnostics staff can copy."""

from __future__ import annotations

import logging
import logging.handlers
from collections import deque
from pathlib import Path

import platformdirs

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RecentErrors(logging.Handler):
    """The last warnings and errors, for "copy diagnostics"."""

    def __init__(self, size: int = 20) -> None:
        super().__init__(logging.WARNING)
        self.records: deque[str] = deque(maxlen=size)
        self.setFormatter(logging.Formatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(self.format(record).splitlines()[0][:500])


RECENT = RecentErrors()


def log_folder() -> Path:
    return Path(platformdirs.user_log_dir("turnero", appauthor=False))


def configure(app: str, folder: Path | None = None) -> Path:
    """Log `app` ("desk" or "kiosk") to a rotating file; return its path."""
    folder = folder or log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{app}.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    if RECENT not in root.handlers:
        root.addHandler(RECENT)
    return path
