"""Backing up and restoring a server's SQLite store (`turnero admin backup|restore`).

A backup is taken with SQLite's online backup API: one read transaction copies a
consistent snapshot while the server goes on serving (in WAL mode, readers never block
its writers). A restore replaces the store only while no server has it open, and gives
the restored store a new lineage, so that every desk and hub pulls it anew instead of
trusting cursors that count the lost history (see server/db/lineage.py).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

STORE_NAME = "turnero.db"  # what `turnero server --data-dir` keeps there
# SQLite's unix VFS: each connection holds a shared lock on this byte of the `-shm`
# file for as long as it has the store open (the "dead man switch" of WAL mode).
_SHM_DMS_BYTE = 128


class BackupError(Exception):
    """What went wrong, for the administrator: printed as it is."""


@dataclass(frozen=True)
class Restored:
    store: Path
    kept_aside: Path | None  # the store it replaced, moved aside


def store_of(data_dir: Path) -> Path:
    return data_dir / STORE_NAME


def backup(data_dir: Path, to: Path) -> int:
    """Copy the store of `data_dir` into `to` (written whole, then moved in place);
    returns its size in bytes."""
    source = store_of(data_dir)
    if not source.is_file():
        raise BackupError(f"--data-dir: no store in {data_dir} (no {STORE_NAME})")
    to = to.resolve()
    if to == source.resolve():
        raise BackupError("--to: that is the store itself")
    to.parent.mkdir(parents=True, exist_ok=True)
    partial = to.with_name(to.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)  # all pages in one step: one consistent snapshot
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            _check(dst, "the copy")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"the backup failed: {exc}") from exc
    finally:
        src.close()
    os.replace(partial, to)
    return to.stat().st_size


def restore(data_dir: Path, source: Path, now: datetime | None = None) -> Restored:
    """Put the backup `source` in place as the store of `data_dir`; the store there
    before, if any, is kept aside. The caller marks the result restored (new lineage)."""
    if not source.is_file():
        raise BackupError(f"--from: no such file: {source}")
    _check_backup(source)
    data_dir.mkdir(parents=True, exist_ok=True)
    store = store_of(data_dir)
    if server_has_open(store):
        raise BackupError(
            f"a server has {store} open: stop it first (Ctrl+C where it runs, or "
            "`kill -TERM` its process, or stop its service), then restore again"
        )
    partial = store.with_name(STORE_NAME + ".partial")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"--from: cannot read {source}: {exc}") from exc
    kept_aside = None
    if store.exists():
        # Its WAL folded in first: moved aside, it is a whole store of its own.
        old = sqlite3.connect(store)
        try:
            old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            old.close()
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
        kept_aside = store.with_name(f"turnero-before-restore-{stamp}.db")
        os.replace(store, kept_aside)
    # A WAL left by the old store would be replayed onto the new one.
    for leftover in (Path(f"{store}-wal"), Path(f"{store}-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(partial, store)
    return Restored(store, kept_aside)


def server_has_open(store: Path) -> bool:
    """Whether another process has the store open (a server serving it).

    POSIX: such a process holds a shared lock on a byte of the `-shm` file; the lock
    is refused to us while it does. Windows: an open store cannot be moved, which a
    restore does, so it fails there with the reason said."""
    shm = Path(f"{store}-shm")
    if os.name == "nt" or not shm.exists():
        return False
    import fcntl

    with shm.open("rb+") as f:
        try:
            fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE)
        except OSError:
            return True
        fcntl.lockf(f, fcntl.LOCK_UN, 1, _SHM_DMS_BYTE)
    return False


def _check_backup(path: Path) -> None:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"--from: cannot open {path}: {exc}") from exc
    try:
        _check(db, str(path))
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"--from: {path} is not a SQLite store: {exc}") from exc
    finally:
        db.close()
    if not {"alembic_version", "tenant_versions"} <= tables:
        raise BackupError(f"--from: {path} is not a Turnero store")


def _check(db: sqlite3.Connection, what: str) -> None:
    result = db.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{what} is damaged: {result}")


# -- `turnero admin backup` and `turnero admin restore` ---------------------------------


def add_backup_commands(admin: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = admin.add_parser(
        "backup",
        help="copy a server's SQLite store to a file, consistently, even while it serves",
    )
    p.add_argument("--data-dir", required=True, help="the server's data folder")
    p.add_argument("--to", required=True, metavar="FILE", help="the backup file to write")
    p.set_defaults(func=cmd_admin_backup)

    p = admin.add_parser(
        "restore",
        help="put a backup in place as a server's SQLite store (the server stopped)",
        description="Replaces the store of --data-dir with the backup (the old one is kept "
        "aside) and marks it restored, so that desks, kiosks and hubs pull everything anew; "
        "what waits in their outboxes goes again.",
    )
    p.add_argument("--data-dir", required=True, help="the server's data folder")
    p.add_argument("--from", dest="source", required=True, metavar="FILE", help="the backup")
    p.set_defaults(func=cmd_admin_restore)


def cmd_admin_backup(args: argparse.Namespace) -> int:
    try:
        size = backup(Path(args.data_dir), Path(args.to))
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"backed up to {args.to} ({size:,} bytes); restore with: turnero admin restore")
    return 0


def cmd_admin_restore(args: argparse.Namespace) -> int:
    from server.cli import cmd_admin_restored

    try:
        done = restore(Path(args.data_dir), Path(args.source))
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if done.kept_aside is not None:
        print(f"the store it replaces is kept as {done.kept_aside}")
    args.database = f"sqlite:///{done.store.resolve()}"
    print(f"restored {args.source} into {done.store}")
    return cmd_admin_restored(args)
