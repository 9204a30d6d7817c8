"""`turnero admin backup` while a real server serves and desks write, then `turnero
admin restore` into a fresh folder, served: a desk that synced after the backup pulls
the restored store anew, and what waits in its outbox reaches it."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import uuid
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from app.sync.engine import SyncEngine
from server.db.engine import ALL_TENANTS, make_engine, make_session_factory
from server.db.migrate import upgrade
from server.models import Customer, TenantVersion
from tests.helpers.clinic import Clinic, make_clinic
from tests.helpers.desks import make_desk
from tests.helpers.served import TURNERO, ServerProcess

LAST = "Respaldo"


def admin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TURNERO, "admin", *args], capture_output=True, text=True, timeout=60, check=False
    )


def new_store(folder: Path) -> Clinic:
    folder.mkdir()
    engine = make_engine(f"sqlite:///{folder / 'turnero.db'}")
    upgrade(engine)
    clinic = make_clinic(engine)
    engine.dispose()
    return clinic


def store_state(folder: Path) -> tuple[Counter[str], set[uuid.UUID | None]]:
    """The customers this test made, and the businesses' lineages."""
    engine = make_engine(f"sqlite:///{folder / 'turnero.db'}")
    try:
        with make_session_factory(engine, scope=ALL_TENANTS)() as s:
            names = s.scalars(select(Customer.first_name).where(Customer.last_name == LAST))
            lineages = set(s.scalars(select(TenantVersion.lineage)))
            return Counter(names), lineages
    finally:
        engine.dispose()


def backup_names(path: Path) -> Counter[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT first_name FROM customers WHERE last_name = ?", (LAST,))
        return Counter(r[0] for r in rows)


def add(desk: SyncEngine, prefix: str, count: int) -> list[str]:
    names = [f"{prefix}{i}" for i in range(count)]
    for name in names:
        desk.submit(
            "customer.create",
            {"customer_id": str(uuid.uuid4()), "first_name": name, "last_name": LAST},
        )
    return names


def replica_names(desk: SyncEngine) -> Counter[str]:
    return Counter(c["first_name"] for c in desk.replica.all("customer") if c["last_name"] == LAST)


def test_backup_while_serving_then_restore_and_serve(tmp_path: Path) -> None:
    first, fresh, saved = tmp_path / "site", tmp_path / "restored", tmp_path / "backup.db"
    clinic = new_store(first)
    _, (lineage_before,) = store_state(first)
    server = ServerProcess(["--data-dir", str(first), "--no-tls"], tmp_path / "server.log")
    server.start()
    again = ServerProcess(
        ["--data-dir", str(fresh), "--no-tls"], tmp_path / "again.log", port=server.port
    )
    outcome: dict[str, Counter[str]] = {}

    async def scenario() -> None:
        email = clinic.reception_email
        desk = make_desk(server.base_url, email, tmp_path, "desk")
        busy = make_desk(server.base_url, email, tmp_path, "busy")
        add(desk, "early", 3)
        await desk.sync_once()
        stop = asyncio.Event()

        async def keep_writing() -> None:  # another desk, busy during the backup
            n = 0
            while not stop.is_set():
                add(busy, f"busy{n}-", 1)
                await busy.sync_once()
                n += 1

        writing = asyncio.create_task(keep_writing())
        await asyncio.sleep(0.2)
        made = await asyncio.to_thread(
            admin, "backup", "--data-dir", str(first), "--to", str(saved)
        )
        assert made.returncode == 0, made.stderr
        await asyncio.sleep(0.2)
        stop.set()
        await writing

        add(desk, "after", 4)  # synced after the backup: its cursor is past the backup's
        await desk.sync_once()
        refused = await asyncio.to_thread(
            admin, "restore", "--data-dir", str(first), "--from", str(saved)
        )
        assert refused.returncode == 2
        assert "stop it first" in refused.stderr, refused.stderr

        server.stop()
        outbox = add(desk, "outbox", 2)  # made while the server is down
        done = await asyncio.to_thread(
            admin, "restore", "--data-dir", str(fresh), "--from", str(saved)
        )
        assert done.returncode == 0, done.stderr
        assert "marked as restored" in done.stdout, done.stdout
        await asyncio.to_thread(again.start)
        await desk.sync_once()
        await desk.sync_once()
        assert desk.status().pending == 0
        outcome["outbox"] = Counter(outbox)
        outcome["desk"] = replica_names(desk)
        for d in (desk, busy):
            await d.api.aclose()
            d.replica.close()

    try:
        asyncio.run(scenario())
    finally:
        server.stop()
        again.stop()
    names, (lineage_after,) = store_state(fresh)
    in_backup = backup_names(saved)
    assert in_backup["early0"] == 1
    assert any(n.startswith("busy") for n in in_backup)  # taken while they wrote
    assert max(in_backup.values()) == 1
    # The restored store: the backup's rows, and the desk's outbox sent again to it.
    assert names == in_backup + outcome["outbox"]
    # The desk pulled it anew: it shows what the store has, not what the store lost.
    assert outcome["desk"] == names
    assert lineage_after not in (None, lineage_before)
    assert "Traceback" not in (tmp_path / "again.log").read_text()
