"""The sync routes keep their statements prepared on PostgreSQL from one request to the next.

psycopg prepares a statement on a connection after its fifth run, and forgets all of
them on ROLLBACK. A pull only reads, and closing its session used to roll back: every
pull planned its page statement anew (1.5 ms of the database's time each), and so did
the next push on that connection. Found profiling the propagation benchmark.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from server.config import Settings
from server.db.engine import make_engine
from server.main import create_app
from server.runtime import Runtime
from tests.helpers.clinic import make_clinic, sign_in
from tests.helpers.clock import Clock


def test_pulls_and_pushes_keep_their_statements_prepared(pg_store: Engine) -> None:
    clinic = make_clinic(pg_store)
    # One connection, so every request meets the statements the earlier ones prepared.
    engine = make_engine(pg_store.url, pool_size=1, max_overflow=0)
    runtime = Runtime.build(
        Settings(migrate_on_start=False, secret_key="test-secret-" + "x" * 32),
        engine=engine,
        clock=Clock(),
    )
    try:
        with TestClient(create_app(runtime=runtime)) as client:
            headers = sign_in(client, clinic.reception_email)
            cursor = "0"
            for _ in range(8):
                answer = client.get("/sync/pull", params={"cursor": cursor}, headers=headers)
                assert answer.status_code == 200, answer.text
                cursor = answer.json()["cursor"]
            with engine.connect() as conn:
                prepared = conn.execute(
                    text("SELECT statement FROM pg_prepared_statements")
                ).scalars()
                statements = list(prepared)
    finally:
        engine.dispose()
    assert any("row_to_json" in s for s in statements), statements  # the page
    assert any("staff_users" in s for s in statements), statements  # the caller's check
