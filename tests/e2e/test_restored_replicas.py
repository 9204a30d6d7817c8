"""A replica restored from a backup, a replica copied to a second PC, a server restored
from a backup: no change is lost, none is applied twice, and every copy ends up with
what the server has (on both stores)."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from app.sync.engine import SyncEngine
from server.db.engine import ALL_TENANTS, make_session_factory
from server.db.lineage import mark_restored
from server.models import Customer
from tests.helpers.clinic import Clinic, make_clinic
from tests.helpers.desks import make_desk
from tests.helpers.live import LiveServer


@pytest.fixture
def clinic(live_server: LiveServer) -> Clinic:
    return make_clinic(live_server.engine)


LAST = "Prueba"  # the customers these tests make


def add_customers(desk: SyncEngine, prefix: str, count: int) -> list[str]:
    names = [f"{prefix}{i}" for i in range(count)]
    for name in names:
        desk.submit(
            "customer.create",
            {"customer_id": str(uuid.uuid4()), "first_name": name, "last_name": LAST},
        )
    return names


def server_names(engine: Engine) -> Counter[str]:
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        return Counter(s.scalars(select(Customer.first_name).where(Customer.last_name == LAST)))


def replica_names(desk: SyncEngine) -> Counter[str]:
    return Counter(c["first_name"] for c in desk.replica.all("customer") if c["last_name"] == LAST)


def copy_replica(desk: SyncEngine, folder: Path, name: str) -> None:
    """A file copy of the desk's replica, as a backup or a copy to another PC makes."""
    desk.replica.checkpoint()
    shutil.copy(desk.replica.path, folder / f"{name}.db")


def test_a_replica_restored_from_a_backup_loses_none_of_its_new_changes(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    base, email = live_server.base_url, clinic.reception_email

    async def scenario() -> None:
        desk = make_desk(base, email, tmp_path, "desk")
        add_customers(desk, "early", 2)
        await desk.sync_once()
        copy_replica(desk, tmp_path, "backup")  # last night's backup
        add_customers(desk, "lost", 10)  # made and synced after the backup
        await desk.sync_once()
        await desk.api.aclose()
        desk.replica.close()
        # The disk fails; the backup is restored, and the day goes on.
        restored = make_desk(base, email, tmp_path, "backup")
        old_id = restored.replica.client_id
        add_customers(restored, "after", 10)
        await restored.sync_once()
        assert restored.status().pending == 0
        assert restored.replica.client_id != old_id
        await restored.sync_once()  # and it holds what the server holds
        assert replica_names(restored) == server_names(live_server.engine)
        await restored.api.aclose()
        restored.replica.close()

    asyncio.run(scenario())
    names = server_names(live_server.engine)
    expected = [f"{p}{i}" for p, n in (("early", 2), ("lost", 10), ("after", 10)) for i in range(n)]
    assert names == Counter(expected)  # each exactly once


def test_a_copied_replica_and_its_original_both_get_every_change_through_once(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    base, email = live_server.base_url, clinic.reception_email

    async def scenario() -> None:
        first = make_desk(base, email, tmp_path, "first")
        await first.sync_once()
        add_customers(first, "shared", 3)  # waiting in the outbox when the file is copied
        copy_replica(first, tmp_path, "second")
        second = make_desk(base, email, tmp_path, "second")
        assert second.replica.client_id == first.replica.client_id
        add_customers(first, "first", 5)
        add_customers(second, "second", 5)
        # The copy pushes first this time; whichever does, the other moves to a new id.
        await second.sync_once()
        await first.sync_once()
        for desk in (first, second):
            await desk.sync_once()
            assert desk.status().pending == 0
        assert first.replica.client_id != second.replica.client_id
        assert replica_names(first) == replica_names(second) == server_names(live_server.engine)
        # From now on each pushes under its own id.
        add_customers(first, "later-first", 2)
        add_customers(second, "later-second", 2)
        await first.sync_once()
        await second.sync_once()
        for desk in (first, second):
            await desk.api.aclose()
            desk.replica.close()

    asyncio.run(scenario())
    expected = {
        **{f"shared{i}": 1 for i in range(3)},
        **{f"{who}{i}": 1 for who in ("first", "second") for i in range(5)},
        **{f"later-{who}{i}": 1 for who in ("first", "second") for i in range(2)},
    }
    assert server_names(live_server.engine) == Counter(expected)


def test_a_server_restored_from_a_backup_never_strands_a_desk(
    sqlite_store: Engine, tmp_path: Path
) -> None:
    """SQLite, whose store is a file a site restores: the desk's cursor and seqs are
    ahead of the restored store."""
    clinic = make_clinic(sqlite_store)
    server = LiveServer(sqlite_store)
    server.start()
    store_file = Path(str(sqlite_store.url.database))

    async def scenario() -> None:
        desk = make_desk(server.base_url, clinic.reception_email, tmp_path, "desk")
        add_customers(desk, "kept", 3)
        await desk.sync_once()
        server.stop()
        sqlite_store.dispose()
        shutil.copy(store_file, tmp_path / "backup.db")  # the night's backup
        server.start()
        add_customers(desk, "gone", 4)  # reach the server, which then loses them
        await desk.sync_once()
        server.stop()
        sqlite_store.dispose()
        shutil.copy(tmp_path / "backup.db", store_file)  # the store is restored
        server.start()
        add_customers(desk, "new", 2)
        await desk.sync_once()
        assert desk.status().pending == 0
        # The desk shows what the restored server has, and the server has every change
        # made since the restore: the desk is not stranded.
        assert replica_names(desk) == server_names(sqlite_store)
        await desk.api.aclose()
        desk.replica.close()

    try:
        asyncio.run(scenario())
    finally:
        server.stop()
    assert server_names(sqlite_store) == Counter(
        [f"kept{i}" for i in range(3)] + [f"new{i}" for i in range(2)]
    )


def test_a_desk_whose_cursor_a_restored_store_passes_again_pulls_everything_anew(
    sqlite_store: Engine, tmp_path: Path
) -> None:
    """The restored store has since given again the versions the desk had pulled, even
    to the very row its cursor names: only its new lineage (`turnero admin restored`)
    tells the desk that its cursor counts another history."""
    clinic = make_clinic(sqlite_store)
    server = LiveServer(sqlite_store)
    server.start()
    store_file = Path(str(sqlite_store.url.database))

    async def scenario() -> None:
        email = clinic.reception_email
        writer = make_desk(server.base_url, email, tmp_path, "writer")
        reader = make_desk(server.base_url, email, tmp_path, "reader")
        [kept] = add_customers(writer, "kept", 1)
        await writer.sync_once()
        await reader.sync_once()
        kept_id = next(
            c["customer_id"] for c in reader.replica.all("customer") if c["first_name"] == kept
        )
        server.stop()
        sqlite_store.dispose()
        shutil.copy(store_file, tmp_path / "backup.db")  # the night's backup
        server.start()
        add_customers(writer, "gone", 4)
        writer.submit("customer.update", {"customer_id": kept_id, "notes": "before"})
        await writer.sync_once()
        await reader.sync_once()  # its cursor names `kept`, at the version of that update
        server.stop()
        sqlite_store.dispose()
        shutil.copy(tmp_path / "backup.db", store_file)  # the store is restored
        mark_restored(sqlite_store)
        server.start()
        # Another desk writes more than was lost, then changes `kept` again.
        other = make_desk(server.base_url, email, tmp_path, "other")
        await other.sync_once()
        add_customers(other, "new", 6)
        other.submit("customer.update", {"customer_id": kept_id, "notes": "after"})
        await other.sync_once()
        await reader.sync_once()
        assert replica_names(reader) == server_names(sqlite_store)
        for desk in (writer, reader, other):
            await desk.api.aclose()
            desk.replica.close()

    try:
        asyncio.run(scenario())
    finally:
        server.stop()
