"""Log files for the desk and the kiosk: rotating, in the platform's log folder, and
the last errors kept in memory for the diagnostics staff can copy."""

from __future__ import annotations

import logging
import logging.handlers
from collections import deque
from io import TextIOWrapper
from pathlib import Path

import platformdirs

from app.private_files import private_file, private_folder, restrict_existing

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


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files readable by this user only (0600), the rotated ones too: a log line
    may name a customer."""

    def _open(self) -> TextIOWrapper:
        private_file(Path(self.baseFilename))
        return super()._open()


def configure(app: str, folder: Path | None = None) -> Path:
    """Log `app` ("desk" or "kiosk") to a rotating file; return its path."""
    folder = private_folder(folder or log_folder())
    path = folder / f"{app}.log"
    restrict_existing(*folder.glob(f"{app}.log*"))  # what an older version left readable
    handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    # Our line per call (app/request_ids.py) says it all, with the request id; httpx's
    # own would add the whole URL, query and all.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if RECENT not in root.handlers:
        root.addHandler(RECENT)
    return path
