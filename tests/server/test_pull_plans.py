"""A desk's pull plans its page statement once per connection, not at every pull.

Found by the propagation benchmark: with a large tenant in the store, PostgreSQL planned
the desk's page statement (a branch per synced entity, desk_page.py) anew at every pull,
as it estimated the generic plan (the same index walk) the dearer: 1.1 ms of planning
for an empty page that ran in 0.3 ms, on every desk's pull after every change.
"""

from __future__ import annotations

from sqlalchemy import Engine

from app.domain.staff import Role
from server.db.engine import make_engine, make_session_factory
from server.deps import Principal, end_reading
from server.sync import pull as pull_pages
from tests.helpers.clinic import make_clinic


def test_a_desks_pulls_keep_one_plan_of_the_page(pg_store: Engine) -> None:
    clinic = make_clinic(pg_store)
    tid = clinic.tenant_id
    principal = Principal(tid, tid, tid, Role.RECEPTION, None)
    # One connection: psycopg prepares a statement after its fifth run on a connection,
    # and PostgreSQL counts each prepared statement's plans there.
    engine = make_engine(pg_store.url, pool_size=1, max_overflow=0)
    try:
        sessions = make_session_factory(engine, scope=tid)
        cursor = "0"
        for _ in range(12):
            with sessions() as session:  # as the server's pull route does (deps.as_caller)
                cursor = pull_pages.pull(session, principal, cursor, 1000, False, False).cursor
                end_reading(session)
        with engine.connect() as conn:
            [(generic, custom)] = conn.exec_driver_sql(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                " WHERE strpos(statement, 'CASE WHEN s.deleted') > 0"
            ).all()
    finally:
        engine.dispose()
    # Seven runs prepared: each took the plan made once, none was planned for its values.
    assert (generic, custom) == (7, 0)
