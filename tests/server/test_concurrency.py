"""Many requests at once against few worker threads and few connections: each is
answered. A request must never hold a connection while it waits for a worker thread,
or every thread can end up waiting for a connection that such a request holds."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from sqlalchemy import Engine

from server.db.engine import make_engine
from tests.helpers.clinic import make_clinic
from tests.helpers.desks import sign_in_tokens
from tests.helpers.live import LiveServer


def test_few_threads_and_connections_answer_many_requests_at_once(pg_store: Engine) -> None:
    clinic = make_clinic(pg_store)
    # Three connections for one worker thread; a wait for one gives up after 3 s with
    # an error, so a stall shows as failed requests instead of a hung test.
    engine = make_engine(pg_store.url, pool_size=1, max_overflow=2, pool_timeout=3)
    server = LiveServer(engine, worker_threads=1)
    server.start()
    try:
        tokens = sign_in_tokens(server.base_url, clinic.reception_email)

        async def burst() -> list[int]:
            headers = {"Authorization": f"Bearer {tokens.access_token}"}
            async with httpx.AsyncClient(
                base_url=server.base_url, headers=headers, timeout=30
            ) as http:
                calls = []
                for i in range(15):
                    calls.append(http.get("/setup/locations"))  # checks the caller apart
                    calls.append(http.get("/sync/pull", params={"cursor": "0"}))
                    calls.append(
                        http.post(
                            "/sync/push",
                            json={"client_id": str(uuid.uuid4()), "mutations": []},
                        )
                    )
                    if i % 5 == 0:
                        calls.append(http.get("/customers", params={"q": "a"}))
                answers = await asyncio.gather(*calls)
                return [a.status_code for a in answers]

        codes = asyncio.run(burst())
        assert codes.count(200) == len(codes), sorted(set(codes))
    finally:
        server.stop()
        engine.dispose()
