"""The local replica: the server's rows, the pull cursor, and an outbox of changes.

A user action writes its outbox entry and its optimistic effect in one transaction,
with synchronous=FULL, before the UI confirms it: a confirmed change survives a crash
or a power cut. What the UI reads is the server's rows with the pending changes laid
over them (the overlay), rebuilt whenever either moves.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from app.private_files import private_file, private_folder, restrict_existing
from app.sync.protocol import Mutation

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4
# How to bring a replica from each older version to the next. A version not listed
# (too old, or written by a newer Turnero) is rebuilt from the server instead, keeping
# every pending change in the outbox.
MIGRATIONS: dict[int, str] = {
    1: """CREATE INDEX IF NOT EXISTS rows_booking_customer
          ON rows (json_extract(data, '$.customer_id')) WHERE entity = 'booking';""",
    # Rows in a rowid table with a unique key instead of WITHOUT ROWID: a row is most of
    # a kilobyte, and a first sync brings keys in version order, which is no key order;
    # SQLite's b-tree keyed by the key itself then splits pages all over (61,000 rows:
    # 1.24 s against 0.39 s with 16 kB pages). Its indexes are made again after.
    2: """CREATE TABLE rows_v3 (
              entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
              gen INTEGER NOT NULL, data TEXT NOT NULL, UNIQUE (entity, id));
          INSERT INTO rows_v3 (entity, id, version, gen, data)
              SELECT entity, id, version, gen, data FROM rows;
          DROP TABLE rows;
          ALTER TABLE rows_v3 RENAME TO rows;""",
    # A change a site hub refused, sent again (its hub lost it) only to take its seq.
    3: "ALTER TABLE outbox ADD COLUMN refusal TEXT",
}
Row = dict[str, Any]

_BASE_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rows (
    entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
    gen INTEGER NOT NULL, data TEXT NOT NULL,
    UNIQUE (entity, id)
);
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY, name TEXT NOT NULL, args TEXT NOT NULL, created_at TEXT NOT NULL,
    refusal TEXT  -- JSON: refused already (by a site hub since lost); never applied
);
-- Changes a site hub answered that central has yet to confirm: sent again should the
-- hub lose its store before forwarding them (those it refused, only to take their seqs).
CREATE TABLE IF NOT EXISTS forwarded (
    seq INTEGER PRIMARY KEY, name TEXT NOT NULL, args TEXT NOT NULL, created_at TEXT NOT NULL,
    refusal TEXT
);
CREATE TABLE IF NOT EXISTS overlay (
    entity TEXT NOT NULL, id TEXT NOT NULL, data TEXT,  -- NULL: deleted locally
    PRIMARY KEY (entity, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS conflicts (
    seq INTEGER PRIMARY KEY, name TEXT NOT NULL, args TEXT NOT NULL, code TEXT NOT NULL,
    field TEXT, message TEXT NOT NULL, details TEXT NOT NULL, created_at TEXT NOT NULL,
    resolved_at TEXT
);
"""
# Indexes come after any upgrade: an older file gets them through MIGRATIONS.
_INDEXES = """
CREATE INDEX IF NOT EXISTS rows_booking_start
    ON rows (json_extract(data, '$.start_at')) WHERE entity = 'booking';
CREATE INDEX IF NOT EXISTS rows_booking_customer
    ON rows (json_extract(data, '$.customer_id')) WHERE entity = 'booking';
-- A provider's bookings around a time (rows.held: slot checks, the walk-in queue's
-- wait for every provider): 1 ms a provider instead of 240 ms over 50,000 bookings.
CREATE INDEX IF NOT EXISTS rows_booking_provider
    ON rows (json_extract(data, '$.provider_id'), json_extract(data, '$.busy_until'))
    WHERE entity = 'booking';
"""


_DROP_INDEXES = """
DROP INDEX IF EXISTS rows_booking_start;
DROP INDEX IF EXISTS rows_booking_customer;
DROP INDEX IF EXISTS rows_booking_provider;
"""


@dataclass(frozen=True)
class Pending:
    """A change in the outbox, its args as they go on the wire: written from a typed
    change (protocol.Mutation), read back as JSON, so that one an older Turnero
    queued still goes, for the server to judge."""

    seq: int
    name: str
    args: dict[str, Any]
    # Refused already, by a site hub that then lost it: sent again only to take its seq,
    # with this reason; never applied, never shown.
    refusal: dict[str, Any] | None = None


@dataclass(frozen=True)
class ConflictRecord:
    seq: int
    name: str
    args: dict[str, Any]
    code: str
    field: str | None
    message: str
    details: dict[str, Any]
    created_at: str


def _keep_conflict(
    db: sqlite3.Connection, c: ConflictRecord, verb: Literal["OR REPLACE", "OR IGNORE"]
) -> bool:
    """Store a refused change; `verb` says what a conflict already kept under its seq
    does ("OR REPLACE": gives way, "OR IGNORE": stays). Whether a row was written."""
    written = db.execute(
        f"INSERT {verb} INTO conflicts (seq, name, args, code, field, message, details,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            c.seq,
            c.name,
            json.dumps(c.args),
            c.code,
            c.field,
            c.message,
            json.dumps(c.details),
            c.created_at,
        ),
    )
    return written.rowcount > 0


def _now() -> str:
    return datetime.now(UTC).isoformat()


class Replica:
    """One SQLite file. Thread-safe: writes go through one connection under a lock;
    reads through a second, read-only one, so the window reading a row never waits
    for a sync's write transaction (WAL lets it read the last commit meanwhile). A
    thread inside a write transaction reads through the writer, seeing its own work."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        # A desk's replica holds customers' data: 0600 in a 0700 folder. SQLite gives
        # the -wal and -shm files it creates the database file's mode.
        private_folder(self.path.parent)
        restrict_existing(*self.journal_files())
        private_file(self.path)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._lock = threading.RLock()
        self._writing = threading.local()
        # Larger pages for a new file (an existing one keeps its own): rows are most of a
        # kilobyte, and a first sync fills tens of megabytes (a third less time to fill).
        self._db.execute("PRAGMA page_size = 16384")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.executescript(_BASE_TABLES)  # idempotent; executescript commits itself
        with self.transaction():
            if self._meta("schema_version") is None:
                self._set_meta("schema_version", str(SCHEMA_VERSION))
                self._set_meta("client_id", str(uuid.uuid4()))
                self._set_meta("cursor", "0")
                self._set_meta("last_seq", "0")
                self._set_meta("gen", "1")
        self.upgraded_from = self._upgrade()
        self._db.executescript(_INDEXES)
        self._reader = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._reader.execute("PRAGMA query_only = ON")
        self._read_lock = threading.Lock()

    def journal_files(self) -> tuple[Path, Path]:
        return self.path.with_name(self.path.name + "-wal"), self.path.with_name(
            self.path.name + "-shm"
        )

    def _upgrade(self) -> int | None:
        """Bring an older file to this version; return the version it had, if older.

        Each step runs with the version bump in one transaction, so a crash midway
        leaves a file at a version this code still knows how to take forward.
        """
        found = int(self._meta("schema_version") or SCHEMA_VERSION)
        if found == SCHEMA_VERSION:
            return None
        version = found
        while version < SCHEMA_VERSION and version in MIGRATIONS:
            with self.transaction() as db:
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        db.execute(statement)
                version += 1
                self._set_meta("schema_version", str(version))
        if version != SCHEMA_VERSION:
            self._rebuild()
        return found

    def _rebuild(self) -> None:
        """Start the server's rows afresh (a full pull fills them again); the outbox,
        the conflicts and this client's identity and sequence stay as they are."""
        with self.transaction() as db:
            db.execute("DROP TABLE IF EXISTS rows")
            db.execute("DROP TABLE IF EXISTS overlay")
            # Kept: who this client is, its change sequence, and a kiosk's ticket numbers
            # (a number must never be handed out twice in a day).
            db.execute(
                "DELETE FROM meta WHERE key NOT IN ('client_id', 'seq_base', 'last_seq', 'gen',"
                " 'ticket_prefix') AND key NOT LIKE 'ticket_seq:%'"
            )
            self._set_meta("schema_version", str(SCHEMA_VERSION))
            self._set_meta("cursor", "0")
            self._set_meta("full_sync", "1")
            columns = {r[1] for r in db.execute("PRAGMA table_info(outbox)")}
            if "refusal" not in columns:
                db.execute(MIGRATIONS[3])
        self._db.executescript(_BASE_TABLES)

    def checkpoint(self) -> None:
        """Write the WAL into the main file, so that the file alone holds everything (a
        backup tool that copies it copies all)."""
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock, self._read_lock:
            self._reader.close()
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; inside another of this thread, part of it (several
        changes recorded together commit together, or not at all)."""
        with self._lock:
            if getattr(self._writing, "active", False):
                yield self._db
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._writing.active = True
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            finally:
                self._writing.active = False
            self._db.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        if getattr(self._writing, "active", False):
            yield self._db  # this thread holds the write transaction: see its own work
            return
        with self._read_lock:
            yield self._reader

    # -- meta --------------------------------------------------------------------------

    def _meta(self, key: str, db: sqlite3.Connection | None = None) -> str | None:
        row = (db or self._db).execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def meta(self, key: str, default: str = "") -> str:
        with self._reading() as db:
            value = self._meta(key, db)
        return default if value is None else value

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._set_meta(key, value)

    @property
    def client_id(self) -> str:
        return self.meta("client_id")

    @property
    def seq_base(self) -> int:
        """Local seqs run on across client ids; the server numbers each id's changes
        from 1: a change's seq there is its local seq minus this."""
        return int(self.meta("seq_base", "0"))

    def new_identity(self) -> str:
        """Take a new client id (this file was restored from a backup or copied, or the
        server forgot the old one): what waits in the outbox goes again under it, from
        seq 1 there. Returns the new id."""
        with self.transaction() as db:
            first = db.execute("SELECT min(seq) FROM outbox").fetchone()[0]
            base = int(first) - 1 if first is not None else int(self._meta("last_seq") or 0)
            client_id = str(uuid.uuid4())
            # What a hub took under the old id reaches central under it, or not at all.
            dropped = db.execute("DELETE FROM forwarded").rowcount
            if dropped:
                log.warning(
                    "a new client id: %d change(s) a site hub took under the old one are "
                    "no longer kept to send again",
                    dropped,
                )
            self._set_meta("client_id", client_id)
            self._set_meta("seq_base", str(base))
        return client_id

    @property
    def cursor(self) -> str:
        return self.meta("cursor", "0")

    # -- reading (server rows with pending changes laid over) --------------------------

    def get(self, entity: str, entity_id: str) -> Row | None:
        with self._reading() as db:
            row = db.execute(
                "SELECT data FROM overlay WHERE entity = ? AND id = ?", (entity, entity_id)
            ).fetchone()
            if row is None:
                row = db.execute(
                    "SELECT data FROM rows WHERE entity = ? AND id = ?", (entity, entity_id)
                ).fetchone()
        return None if row is None or row[0] is None else dict(json.loads(row[0]))

    def all(self, entity: str, where: str = "", params: Sequence[Any] = ()) -> list[Row]:
        """Rows of `entity` as the UI should see them. `where` filters on `data` with
        json_extract, e.g. "json_extract(data, '$.provider_id') = ?"."""
        extra = f" AND ({where})" if where else ""
        sql = f"""
            SELECT data FROM overlay WHERE entity = ? AND data IS NOT NULL{extra}
            UNION ALL
            SELECT data FROM rows r WHERE entity = ?{extra} AND NOT EXISTS (
                SELECT 1 FROM overlay o WHERE o.entity = r.entity AND o.id = r.id)
        """  # `where` is ours, never user text; values go through params
        with self._reading() as db:
            found = db.execute(sql, (entity, *params, entity, *params)).fetchall()
        return [dict(json.loads(r[0])) for r in found]

    def server_row(self, entity: str, entity_id: str) -> Row | None:
        """The row as the server last said, without pending changes."""
        with self._reading() as db:
            row = db.execute(
                "SELECT data FROM rows WHERE entity = ? AND id = ?", (entity, entity_id)
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def count(self, entity: str | None = None) -> int:
        with self._reading() as db:
            if entity is None:
                return int(db.execute("SELECT count(*) FROM rows").fetchone()[0])
            return int(
                db.execute("SELECT count(*) FROM rows WHERE entity = ?", (entity,)).fetchone()[0]
            )

    # -- the outbox --------------------------------------------------------------------

    def enqueue(self, change: Mutation, effect: Iterable[tuple[str, str, Row | None]]) -> int:
        """Record a user's change and its optimistic effect, durably, in one go."""
        with self.transaction() as db:
            seq = int(self._meta("last_seq") or 0) + 1
            self._set_meta("last_seq", str(seq))
            db.execute(
                "INSERT INTO outbox (seq, name, args, created_at) VALUES (?, ?, ?, ?)",
                (seq, change.name, json.dumps(change.wire()), _now()),
            )
            self._write_overlay(effect)
        return seq

    def pending(self, limit: int = 10_000) -> list[Pending]:
        with self._reading() as db:
            rows = db.execute(
                "SELECT seq, name, args, refusal FROM outbox ORDER BY seq LIMIT ?", (limit,)
            ).fetchall()
        return [Pending(r[0], r[1], json.loads(r[2]), r[3] and json.loads(r[3])) for r in rows]

    def pending_count(self) -> int:
        with self._reading() as db:
            return int(db.execute("SELECT count(*) FROM outbox").fetchone()[0])

    def settle(
        self, up_to_seq: int, rejected: Sequence[ConflictRecord], by_hub: bool = False
    ) -> None:
        """The server answered for every seq up to `up_to_seq`: drop them from the
        outbox, and keep the refused ones as conflicts for staff to see. `by_hub`: a
        site hub answered, and the accepted ones are kept until central has them."""
        with self.transaction() as db:
            if by_hub:
                why = {c.seq: json.dumps(_reason(c)) for c in rejected}
                answered = db.execute(
                    "SELECT seq, name, args, created_at, refusal FROM outbox WHERE seq <= ?",
                    (up_to_seq,),
                ).fetchall()
                db.executemany(
                    "INSERT OR REPLACE INTO forwarded (seq, name, args, created_at, refusal) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [(*row[:4], why.get(row[0], row[4])) for row in answered],
                )
            db.execute("DELETE FROM outbox WHERE seq <= ?", (up_to_seq,))
            for c in rejected:
                _keep_conflict(db, c, "OR REPLACE")

    def confirm(self, up_to_seq: int) -> None:
        """Central has every change up to `up_to_seq`: no need to keep them."""
        with self.transaction() as db:
            db.execute("DELETE FROM forwarded WHERE seq <= ?", (up_to_seq,))

    def forwarded_count(self) -> int:
        with self._reading() as db:
            return int(db.execute("SELECT count(*) FROM forwarded").fetchone()[0])

    def send_again(self, first: int = 0, last: int | None = None) -> bool:
        """The changes a site hub answered from `first` to `last` (all, by default) go
        back in the outbox, ahead of what waits: the hub lost them, or the server has
        our changes before `first` and none from it. Returns whether every one of them
        was kept (else nothing moves); those before `first` are confirmed."""
        with self.transaction() as db:
            if last is None:
                last = int(db.execute("SELECT coalesce(max(seq), 0) FROM forwarded").fetchone()[0])
            if first:
                kept = db.execute(
                    "SELECT count(*) FROM forwarded WHERE seq BETWEEN ? AND ?", (first, last)
                ).fetchone()[0]
                if kept != last - first + 1:
                    return False
            db.execute(
                "INSERT INTO outbox (seq, name, args, created_at, refusal) "
                "SELECT seq, name, args, created_at, refusal FROM forwarded "
                "WHERE seq BETWEEN ? AND ?",
                (first, last),
            )
            db.execute("DELETE FROM forwarded WHERE seq <= ?", (last,))
        return True

    def add_conflicts(self, records: Sequence[ConflictRecord]) -> set[int]:
        """Refusals heard of later (a site hub's central said no after the hub said
        yes): kept like any other, unless already kept (or already settled by staff).
        Returns the seqs that are new."""
        with self.transaction() as db:
            return {c.seq for c in records if _keep_conflict(db, c, "OR IGNORE")}

    def conflicts(self, include_resolved: bool = False) -> list[ConflictRecord]:
        where = "" if include_resolved else "WHERE resolved_at IS NULL"
        with self._reading() as db:
            rows = db.execute(
                "SELECT seq, name, args, code, field, message, details, created_at "
                f"FROM conflicts {where} ORDER BY seq"
            ).fetchall()
        return [
            ConflictRecord(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], json.loads(r[6]), r[7])
            for r in rows
        ]

    def resolve_conflict(self, seq: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE conflicts SET resolved_at = ? WHERE seq = ?", (_now(), seq))

    # -- applying what the server sent -------------------------------------------------

    def apply_changes(
        self, changes: Sequence[dict[str, Any]], cursor: str, done: int | None = None
    ) -> None:
        """Store a pulled batch and its cursor together: an interrupted first sync
        resumes from the last batch it stored (`done`: its rows so far, for progress).
        A change's data is the row, as its JSON text (as pulled) or as a dict."""
        with self.transaction() as db:
            if done is not None:
                self._set_meta("full_done", str(done))
            gen = int(self._meta("gen") or 1)
            upserts = [
                (c["entity"], c["id"], c["version"], gen, _json_text(c["data"]))
                for c in changes
                if c["data"] is not None
            ]
            deletes = [(c["entity"], c["id"]) for c in changes if c["data"] is None]
            db.executemany(
                "INSERT INTO rows (entity, id, version, gen, data) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, "
                "gen = excluded.gen, data = excluded.data",
                upserts,
            )
            db.executemany("DELETE FROM rows WHERE entity = ? AND id = ?", deletes)
            self._set_meta("cursor", cursor)

    def start_full_resync(self) -> None:
        """Pull everything again from the start (a new day moves the desk's window);
        rows not sent again are swept when it completes."""
        with self.transaction():
            self._set_meta("gen", str(int(self._meta("gen") or 1) + 1))
            self._set_meta("cursor", "0")
            self._set_meta("full_sync", "1")

    def defer_indexes(self) -> None:
        """About to fill an empty replica: build its indexes once at the end (in
        finish_full_resync) rather than row by row, a fifth of a first sync's time.
        A replica that holds rows keeps them: the screens read it meanwhile."""
        with self._lock:
            if self._db.execute("SELECT 1 FROM rows LIMIT 1").fetchone() is None:
                self._db.executescript(_DROP_INDEXES)

    def finish_full_resync(self) -> int:
        """Drop rows the full pull did not send again; return how many."""
        with self.transaction() as db:
            gen = int(self._meta("gen") or 1)
            swept = db.execute("DELETE FROM rows WHERE gen < ?", (gen,)).rowcount
            self._set_meta("full_sync", "0")
            self._set_meta("full_done", "0")
        with self._lock:
            self._db.executescript(_INDEXES)
            # Statistics for the planner: without them it scans every booking for a
            # day instead of using the start index (90 ms -> 2 ms with 50,000 rows).
            self._db.execute("ANALYZE")
        return int(swept)

    # -- the overlay -------------------------------------------------------------------

    def _write_overlay(self, effect: Iterable[tuple[str, str, Row | None]]) -> None:
        for entity, entity_id, data in effect:
            self._db.execute(
                "INSERT INTO overlay (entity, id, data) VALUES (?, ?, ?) "
                "ON CONFLICT (entity, id) DO UPDATE SET data = excluded.data",
                (entity, entity_id, None if data is None else json.dumps(data)),
            )

    def rebuild_overlay(self, effects: Any, accepted: Sequence[Pending] = ()) -> None:
        """Lay the pending changes over fresh server rows again, in order.

        `effects(replica, pending)` gives a pending change's effect without judging it:
        the user was told it was saved, so it shows until the server says otherwise.
        `accepted` are changes the server applied whose rows have not been pulled yet:
        they stay laid over, or the screen would show the old state until the pull.
        """
        with self.transaction() as db:
            db.execute("DELETE FROM overlay")
            for p in [*accepted, *self.pending()]:
                if p.refusal is None:
                    self._write_overlay(effects(self, p))


def _reason(c: ConflictRecord) -> dict[str, Any]:
    """A refusal as a push sends it again (server/sync/schemas.RefusalIn)."""
    return {"code": c.code, "field": c.field, "message": c.message, "details": c.details}


def _json_text(data: str | Row) -> str:
    return data if isinstance(data, str) else json.dumps(data)
