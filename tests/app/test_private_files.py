"""Desk and kiosk files are for this user's eyes only: a desk replica holds customers'
names, phones and national IDs. Each is created 0600 in a 0700 folder, whatever the
process's umask lets through, and files an older version left readable are closed."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app import logs
from app.credentials import Preferences
from app.desk import replica_path
from app.kiosk import KioskSettings
from app.signin import Account
from app.sync.replica import Replica
from tests.helpers.files import mode

pytestmark = pytest.mark.usefixtures("usual_umask")
ACCOUNT = Account("http://127.0.0.1:8765", "r@a.test", "u1", "Recepción", "reception", "t1", "A")


def test_a_desk_replica_and_its_journal_files_are_private(tmp_path: Path) -> None:
    path = replica_path(ACCOUNT, tmp_path)
    replica = Replica(path)
    try:
        replica.set_meta("probe", "1")  # a write: the WAL and its index exist now
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert all(f.exists() for f in files)
        assert {f.name: mode(f) for f in files} == {f.name: "0o600" for f in files}
        assert mode(path.parent) == "0o700"
    finally:
        replica.close()


def test_a_replica_an_older_version_left_readable_is_closed_when_opened(tmp_path: Path) -> None:
    folder = tmp_path / "replicas"
    folder.mkdir(mode=0o755)
    path = folder / "kiosk-1.db"
    Replica(path).close()
    for f in (folder, *folder.iterdir()):
        f.chmod(0o755 if f.is_dir() else 0o644)
    Replica(path).close()
    assert mode(folder) == "0o700"
    assert {f.name: mode(f) for f in folder.iterdir()} == {
        f.name: "0o600" for f in folder.iterdir()
    }


@pytest.mark.parametrize("kind", [Preferences, KioskSettings])
def test_settings_files_are_private(tmp_path: Path, kind: type[Preferences]) -> None:
    path = tmp_path / "config" / "settings.json"
    kind().save(path)
    assert mode(path) == "0o600"
    assert mode(path.parent) == "0o700"
    path.chmod(0o644)  # as an older version wrote it
    kind().save(path)
    assert mode(path) == "0o600"
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_log_files_are_private_and_stay_so_when_they_rotate(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = logs.configure("desk", tmp_path / "logs")
        logging.getLogger("probe").warning("written")
        handler = next(h for h in root.handlers if h not in before)
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        handler.doRollover()
        logging.getLogger("probe").warning("after the rotation")
        rotated = path.with_name(path.name + ".1")
        assert rotated.exists()
        assert (mode(path), mode(rotated), mode(path.parent)) == ("0o600", "0o600", "0o700")
    finally:
        for h in list(root.handlers):
            if h not in before:
                root.removeHandler(h)
                h.close()
