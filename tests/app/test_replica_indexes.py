"""A first sync fills an empty replica without its JSON indexes and builds them once at
the end; a replica that already holds rows keeps its indexes while it re-pulls."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.sync.replica import Replica

INDEXES = {"rows_booking_start", "rows_booking_customer", "rows_booking_provider"}


def indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def a_booking(n: int) -> dict[str, object]:
    data = {"booking_id": f"b{n}", "customer_id": "c1", "start_at": f"2026-12-0{n}T13:00:00Z"}
    return {"entity": "booking", "id": f"b{n}", "version": n, "data": data}


def test_a_first_sync_builds_the_indexes_once_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    replica = Replica(path)
    replica.defer_indexes()
    assert not INDEXES & indexes(path)
    replica.apply_changes([a_booking(1), a_booking(2)], "2", done=2)
    assert replica.meta("full_done") == "2"
    replica.finish_full_resync()
    assert indexes(path) >= INDEXES
    assert replica.meta("full_done") == "0"
    replica.close()


def test_a_replica_with_rows_keeps_its_indexes_while_it_pulls_again(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    replica = Replica(path)
    replica.apply_changes([a_booking(1)], "1")
    replica.start_full_resync()
    replica.defer_indexes()  # the screens read it meanwhile
    assert indexes(path) >= INDEXES
    replica.close()


def test_a_first_sync_cut_short_has_its_indexes_again_when_reopened(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    replica = Replica(path)
    replica.defer_indexes()
    replica.apply_changes([a_booking(1)], "1", done=1)
    replica.close()  # the desk stops before the first sync ends
    Replica(path).close()
    assert indexes(path) >= INDEXES


def test_a_providers_bookings_around_a_time_come_by_their_index(tmp_path: Path) -> None:
    """rows.held runs for every provider when the walk-in queue estimates its wait: over
    a whole clinic's bookings without an index it took 240 ms a provider (100 providers:
    the desk's first screen waited 28 s behind it)."""
    from datetime import UTC, datetime

    from app.sync.rows import held

    replica = Replica(tmp_path / "desk.db")
    replica.apply_changes([a_booking(1)], "1")
    statements: list[str] = []
    replica._reader.set_trace_callback(statements.append)
    around = (datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 2, tzinfo=UTC))
    held(replica, "p1", around)
    replica._reader.set_trace_callback(None)
    [statement] = [s for s in statements if "provider_id" in s]
    with sqlite3.connect(tmp_path / "desk.db") as db:
        plan = " ".join(r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {statement}"))
    assert "rows_booking_provider" in plan, plan
    replica.close()
