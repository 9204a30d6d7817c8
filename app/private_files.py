"""Files for this user's eyes only: a desk's replica holds customers' names, phones and
national IDs, its logs may name them, a kiosk's settings hold its PIN's hash. Each is
created 0600 in a 0700 folder, whatever the process's umask would let through (the
usual 022 makes new files readable by every account on the machine), and one an older
version left readable is closed when it is next opened.

No umask changes: the umask is the whole process's, and the desk's threads create
files of their own meanwhile.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(path: Path) -> Path:
    """Make `path` (and any missing parent) a folder only its owner may open."""
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    _restrict(path, FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """Make `path` exist as a file only its owner may read or write, its contents kept."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    _restrict(path, FILE_MODE)
    return path


def restrict_existing(*paths: Path) -> None:
    """Close those of `paths` that exist (files an older version left readable)."""
    for path in paths:
        if path.exists():
            _restrict(path, FOLDER_MODE if path.is_dir() else FILE_MODE)


def write_private_text(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (a crash mid-write leaves the old file) as a
    private file."""
    private_folder(path.parent)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        _restrict(tmp, FILE_MODE)  # a .tmp a crash left behind may have had another mode
        f.write(text)
    tmp.replace(path)


def _restrict(path: Path, mode: int) -> None:
    try:
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError as exc:  # not ours (a shared folder someone chose): say so, go on
        log.warning("cannot make %s private: %s", path, exc)
