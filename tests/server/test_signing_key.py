"""The server says where its signing key comes from, and a one-site server keeps it
across restarts (so desks are not made to refresh after every restart)."""

from __future__ import annotations

import stat
from pathlib import Path

from server.signing_key import signing_key


def test_a_configured_key_is_used_as_given() -> None:
    key, origin = signing_key("k" * 40, "sqlite:////nowhere/turnero.db")
    assert key == "k" * 40
    assert "TURNERO_SECRET_KEY" in origin


def test_a_sqlite_store_keeps_its_key_beside_it_for_its_user_only(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'site' / 'turnero.db'}"
    first, origin = signing_key("", url)
    again, _ = signing_key("", url)  # the next start
    path = tmp_path / "site" / "signing.key"
    assert first == again
    assert len(first) >= 32
    assert str(path) in origin
    assert "survives restarts" in origin
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_without_a_key_a_postgresql_store_says_it_lasts_one_run() -> None:
    first, origin = signing_key("", "postgresql://turnero@db/turnero")
    second, _ = signing_key("", "postgresql://turnero@db/turnero")
    assert first != second
    assert "this run only" in origin
    assert "TURNERO_SECRET_KEY" in origin
