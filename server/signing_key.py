"""Where the server's signing key for access tokens comes from, and whether it
outlives a restart (a key that does not makes every desk refresh its token)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url

KEY_FILE = "signing.key"


def signing_key(configured: str, database_url: str) -> tuple[str, str]:
    """The key to sign with, and a line for the log saying where it comes from.

    In order: TURNERO_SECRET_KEY; for a SQLite store (one site), a key made once and
    kept beside the database, readable by the server's user only; else a key for this
    run alone (PostgreSQL: several processes or machines must share a key, which only
    the operator can give them all).
    """
    if configured:
        return configured, "signing key: from TURNERO_SECRET_KEY (survives restarts)"
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database).resolve().parent / KEY_FILE
        return _kept(path), f"signing key: {path} (made once, survives restarts)"
    return secrets.token_urlsafe(48), (
        "signing key: made for this run only; access tokens end when the server stops "
        "(desks and kiosks then refresh them). Set TURNERO_SECRET_KEY (32 bytes or more, "
        "the same on every server of this store) to keep it"
    )


def _kept(path: Path) -> str:
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    # Created 0600 from the start (never readable by others, even for a moment); if
    # another process made it meanwhile, its key wins.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as out:
        out.write(key + "\n")
    return key
