"""A desk's sync page finds each row by its key's index under row-level security.

Found by the first-sync benchmark after row-level security came in: the page matched
`t.booking_id = s.entity_id::uuid`, and a cast is not leakproof, so PostgreSQL would not
use it as an index condition below the tenant's policy. Every row of a 5,000-row page
scanned its whole table: 31 s a page for 50,000 bookings, against 0.05-0.1 s.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from bench.seed import seed_tenant
from server.db.engine import make_session_factory
from server.sync.desk_page import _statement


@pytest.mark.parametrize("hub", [False, True], ids=["desk", "site hub"])
def test_each_row_of_a_desk_page_comes_by_its_index(pg_store: Engine, hub: bool) -> None:
    big = seed_tenant(pg_store, name="grande", providers=10, customers=2000, bookings=6000)
    tid = big["tenant_id"]
    statement = _statement(False, hub).compile(dialect=pg_store.dialect)
    params = {
        "tid": tid,
        "version": 0,
        "entity": "",
        "entity_id": "",
        "limit": 500,
        "start": datetime(2000, 1, 1, tzinfo=UTC),
        "end": datetime(2100, 1, 1, tzinfo=UTC),
        "since": datetime(2000, 1, 1, tzinfo=UTC).date(),
        "days_back": datetime(2000, 1, 1, tzinfo=UTC).date(),
        "location": big["location_id"],
    }
    # Bound to the tenant as the server's sessions are.
    with make_session_factory(pg_store, scope=tid)() as session:
        connection = session.connection()
        plan = "\n".join(
            r[0]
            for r in connection.exec_driver_sql(
                f"EXPLAIN (ANALYZE, COSTS OFF) {statement}",
                statement.construct_params(params),
            )
        )
    for table in ("bookings", "customers"):
        assert not re.search(rf"Seq Scan on {table}\b", plan), plan
        assert re.search(rf"Index \w* ?Scan using \w+ on {table}\b", plan), plan
