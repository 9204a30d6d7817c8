"""A newer Turnero opens a replica an older one wrote: it migrates it, or (a version
it cannot take forward) rebuilds it from the server, and no pending change is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.sync.protocol import build
from app.sync.replica import SCHEMA_VERSION, Replica

# The pending changes' ids (the rows' own do not matter here).
B1 = "6a1f6c52-0f4e-4f43-9d1b-3c1d8f0b2a01"
C1 = "6a1f6c52-0f4e-4f43-9d1b-3c1d8f0b2a02"


def written_by_the_previous_version(path: Path) -> tuple[str, list[int]]:
    """A replica as version 1 left it: rows, two pending changes, no customer index."""
    replica = Replica(path)
    replica.apply_changes(
        [
            {
                "entity": "booking",
                "id": "b1",
                "version": 3,
                "data": {
                    "booking_id": "b1",
                    "customer_id": "c1",
                    "start_at": "2026-12-07T13:00:00+00:00",
                    "status": "confirmed",
                },
            },
            {
                "entity": "customer",
                "id": "c1",
                "version": 2,
                "data": {"customer_id": "c1", "first_name": "Ana", "last_name": "Sosa"},
            },
        ],
        "3",
    )
    seqs = [
        replica.enqueue(build("booking.check_in", {"booking_id": B1}), []),
        replica.enqueue(build("customer.update", {"customer_id": C1, "notes": "x"}), []),
    ]
    replica.set_meta("ticket_seq:2026-12-07", "4")
    client = replica.client_id
    replica.close()
    db = sqlite3.connect(path)
    db.execute("DROP INDEX rows_booking_customer")
    db.execute("ALTER TABLE outbox DROP COLUMN refusal")  # version 4's
    db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    return client, seqs


def indexes(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    db.close()
    return names


def test_a_previous_version_replica_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    client, seqs = written_by_the_previous_version(path)
    assert "rows_booking_customer" not in indexes(path)
    replica = Replica(path)
    assert replica.upgraded_from == 1
    assert replica.meta("schema_version") == str(SCHEMA_VERSION)
    assert "rows_booking_customer" in indexes(path)
    assert replica.client_id == client
    assert replica.cursor == "3"  # nothing to pull again
    assert [p.seq for p in replica.pending()] == seqs
    assert replica.get("customer", "c1") == {
        "customer_id": "c1",
        "first_name": "Ana",
        "last_name": "Sosa",
    }
    replica.close()
    assert Replica(path).upgraded_from is None  # once is enough


def test_a_replica_it_cannot_migrate_is_rebuilt_keeping_the_outbox(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    client, seqs = written_by_the_previous_version(path)
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")  # unknown to us
    db.commit()
    db.close()
    replica = Replica(path)
    assert replica.upgraded_from == 0
    assert replica.meta("schema_version") == str(SCHEMA_VERSION)
    assert replica.count() == 0  # the server's rows come again with a full pull
    assert replica.cursor == "0"
    assert replica.meta("full_sync") == "1"
    assert [p.seq for p in replica.pending()] == seqs  # every pending change kept
    assert replica.client_id == client  # so the server still knows its sequence
    assert replica.meta("ticket_seq:2026-12-07") == "4"  # no ticket number twice
    seq = replica.enqueue(build("booking.no_show", {"booking_id": B1}), [])
    assert seq == seqs[-1] + 1
    replica.close()


def test_a_version_2_replica_gets_its_rows_in_a_rowid_table_and_keeps_them(
    tmp_path: Path,
) -> None:
    """Version 2 kept rows in a WITHOUT ROWID table (slow to fill in version order)."""
    path = tmp_path / "desk.db"
    client, seqs = written_by_the_previous_version(path)
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE rows_v2 (
            entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
            gen INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (entity, id)
        ) WITHOUT ROWID;
        INSERT INTO rows_v2 SELECT entity, id, version, gen, data FROM rows;
        DROP TABLE rows;
        ALTER TABLE rows_v2 RENAME TO rows;
        UPDATE meta SET value = '2' WHERE key = 'schema_version';
        """
    )
    db.close()
    replica = Replica(path)
    assert replica.upgraded_from == 2
    assert replica.meta("schema_version") == str(SCHEMA_VERSION)
    db = sqlite3.connect(path)
    [ddl] = db.execute("SELECT sql FROM sqlite_master WHERE name = 'rows'").fetchone()
    db.close()
    assert "WITHOUT ROWID" not in ddl
    assert {"rows_booking_start", "rows_booking_customer"} <= indexes(path)
    assert replica.client_id == client
    assert replica.cursor == "3"  # kept: nothing to pull again
    assert [p.seq for p in replica.pending()] == seqs
    assert replica.get("customer", "c1") == {
        "customer_id": "c1",
        "first_name": "Ana",
        "last_name": "Sosa",
    }
    # Upserts still find the key (the unique constraint stands in for the primary key).
    replica.apply_changes(
        [{"entity": "customer", "id": "c1", "version": 4, "data": {"customer_id": "c1"}}], "4"
    )
    assert replica.count() == 2
    replica.close()
