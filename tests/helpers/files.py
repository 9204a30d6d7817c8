"""File permissions as a test reads them."""

from __future__ import annotations

import stat
from pathlib import Path


def mode(path: Path) -> str:
    """A file's permission bits, as "0o600": readable in an assertion's diff."""
    return oct(stat.S_IMODE(path.stat().st_mode))
