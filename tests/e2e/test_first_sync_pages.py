"""A first sync asks for several pages at once (the first page says where each begins)
and stores them in order: the replica ends as the server's, also when other desks
change rows meanwhile, moving them past the pages already marked out."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import pytest

from app.sync.engine import SyncEngine
from tests.e2e.test_convergence import full_view, replica_view
from tests.helpers.clinic import Clinic, make_clinic
from tests.helpers.desks import make_desk
from tests.helpers.live import LiveServer

CUSTOMERS = 120


def add_customers(desk: SyncEngine, count: int) -> list[str]:
    made = [str(uuid.uuid4()) for _ in range(count)]
    for i, customer_id in enumerate(made):
        desk.submit(
            "customer.create",
            {"customer_id": customer_id, "first_name": f"C{i}", "last_name": "Paginada"},
        )
    return made


def test_a_first_sync_in_parallel_pages_ends_as_the_server_with_writes_meanwhile(
    live_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic: Clinic = make_clinic(live_server.engine)
    base, email = live_server.base_url, clinic.reception_email

    async def scenario() -> None:
        writer = make_desk(base, email, tmp_path, "writer")
        made = add_customers(writer, CUSTOMERS)
        await writer.sync_once()
        reader = make_desk(base, email, tmp_path, "reader")
        reader.pull_limit = 10
        asked: list[str] = []
        splits: list[list[str]] = []
        pull = reader.api.pull

        async def watched(cursor: str, limit: int, **kwargs: Any) -> dict[str, Any]:
            asked.append(cursor)
            if len(asked) == 4:
                # Meanwhile another desk changes rows of the first pages and adds more.
                for customer_id in made[:15]:
                    writer.submit("customer.update", {"customer_id": customer_id, "notes": "x"})
                add_customers(writer, 5)
                await writer.sync_once()
            page = await pull(cursor, limit, **kwargs)
            splits.append(page["splits"])
            return page

        monkeypatch.setattr(reader.api, "pull", watched)
        await reader.sync_once()
        assert len(splits[0]) >= 5  # the first page marked the following ones out
        assert set(splits[0]) <= set(asked)  # and they were asked for
        assert replica_view(reader) == {
            key: data for key, data in (await full_view(writer)).items() if data is not None
        }
        for desk in (writer, reader):
            await desk.api.aclose()
            desk.replica.close()

    asyncio.run(scenario())
