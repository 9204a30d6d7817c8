"""The offline check the desk keeps for its last user: a salted Argon2id hash in a
file only this user reads, never the password; only that user, with that password."""

from __future__ import annotations

import stat
from pathlib import Path

from app.offline_unlock import FILE, OfflineUnlock
from app.signin import Account

ANA = Account("http://10.0.0.5:8765", "ana@clinica.ar", "u1", "Ana", "reception", "t1", "Sur")


def test_the_last_user_unlocks_with_their_password_only(tmp_path: Path) -> None:
    check = OfflineUnlock(tmp_path)
    check.remember(ANA, "s3creto largo")
    assert check.unlock("http://10.0.0.5:8765/", " ANA@clinica.ar ", "s3creto largo") == ANA
    assert check.unlock("http://10.0.0.5:8765", "ana@clinica.ar", "s3creto") is None
    assert check.unlock("http://10.0.0.5:8765", "beto@clinica.ar", "s3creto largo") is None
    assert check.unlock("http://10.0.0.9:8765", "ana@clinica.ar", "s3creto largo") is None


def test_the_file_is_private_and_holds_no_password(tmp_path: Path) -> None:
    OfflineUnlock(tmp_path).remember(ANA, "s3creto largo")
    path = tmp_path / FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert "s3creto" not in text
    assert "$argon2id$" in text
    assert [p.name for p in tmp_path.iterdir()] == [FILE]  # no temporary file left


def test_each_sign_in_replaces_the_last_user_and_salts_anew(tmp_path: Path) -> None:
    check = OfflineUnlock(tmp_path)
    check.remember(ANA, "uno")
    first = (tmp_path / FILE).read_text(encoding="utf-8")
    check.remember(ANA, "uno")
    assert (tmp_path / FILE).read_text(encoding="utf-8") != first  # a new salt
    beto = Account(ANA.server, "beto@clinica.ar", "u2", "Beto", "reception", "t1", "Sur")
    check.remember(beto, "dos")
    assert check.unlock(ANA.server, ANA.email, "uno") is None
    assert check.unlock(beto.server, beto.email, "dos") == beto


def test_no_file_or_a_damaged_one_unlocks_nothing(tmp_path: Path) -> None:
    check = OfflineUnlock(tmp_path)
    assert check.unlock(ANA.server, ANA.email, "uno") is None
    (tmp_path / FILE).write_text("{not json", encoding="utf-8")
    assert check.unlock(ANA.server, ANA.email, "uno") is None
