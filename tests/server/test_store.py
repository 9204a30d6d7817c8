"""The central store itself: migrations, keys, and the database refusing overlaps."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError, OperationalError

import server.models  # noqa: F401
from server.db.base import Base
from server.db.engine import ALL_TENANTS, make_engine, make_session_factory
from server.db.migrate import downgrade, upgrade
from server.models import Booking
from server.setup import providers, schemas
from tests.helpers.clinic import Clinic, make_clinic


def test_migrations_build_the_schema_from_empty_and_downgrade_back(pg_database: str) -> None:
    # A database of its own: the shared one stays at head for the other tests.
    scratch = pg_database + "_mig"
    admin = make_engine(pg_database.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    name = scratch.rsplit("/", 1)[1]
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(scratch)
    try:
        upgrade(engine)
        tables = set(inspect(engine).get_table_names())
        assert {t.name for t in Base.metadata.sorted_tables} <= tables
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diffs == [], "models and migrations disagree"
        downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        upgrade(engine)  # and up again, as an upgrade after a rollback would
        assert {t.name for t in Base.metadata.sorted_tables} <= set(
            inspect(engine).get_table_names()
        )
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_sqlite_store_migrates_up_and_down(tmp_path: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/m.db")
    upgrade(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}


def _dated_hours_survive_migrations(engine: Engine) -> None:
    """0015 up and down with data: existing hours become the week in force since
    always; going down drops the dated weeks (the week before them stays)."""
    upgrade(engine, "0014")
    engine.dispose()
    upgrade(engine)  # the clinic is made at head, then taken down and up again
    clinic = make_clinic(engine)
    factory = make_session_factory(engine, scope=ALL_TENANTS)
    with factory() as s:
        providers.set_hours(
            s,
            clinic.tenant_id,
            clinic.ana,
            schemas.HoursIn(
                hours=[schemas.IntervalIn(weekday=1, start=dtime(10), end=dtime(19))],
                valid_from=date(2027, 3, 1),
            ),
        )
        s.commit()

    def days() -> list[object]:
        with make_session_factory(engine, scope=ALL_TENANTS)() as s:
            rows = s.execute(text("SELECT valid_from FROM provider_hours")).scalars().all()
        return sorted(rows, key=str)

    assert days().count(None) == 28  # two providers: 7 hours and 7 breaks each
    assert len(days()) == 29
    engine.dispose()
    downgrade(engine, "0014")
    assert "valid_from" not in {c["name"] for c in inspect(engine).get_columns("provider_hours")}
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        assert s.execute(text("SELECT count(*) FROM provider_hours")).scalar_one() == 28
    engine.dispose()
    upgrade(engine)
    assert days() == [None] * 28


def test_dated_hours_migrate_up_and_down_on_sqlite(tmp_path: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/h.db")
    try:
        _dated_hours_survive_migrations(engine)
    finally:
        engine.dispose()


def test_dated_hours_migrate_up_and_down_on_postgres(pg_database: str) -> None:
    scratch = pg_database + "_hours"
    admin = make_engine(pg_database.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    name = scratch.rsplit("/", 1)[1]
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(scratch)
    try:
        _dated_hours_survive_migrations(engine)
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# Tables of no tenant: sign-in attempts are counted before anyone is known. (Under a
# distributed PostgreSQL such a table stays local or becomes a reference table.)
NO_TENANT = {"sign_in_attempts"}


def test_tenant_id_leads_every_primary_and_unique_key(pg_store: Engine) -> None:
    insp = inspect(pg_store)
    for table in Base.metadata.sorted_tables:
        if table.name in NO_TENANT:
            assert "tenant_id" not in table.c, "a tenant's table must lead with tenant_id"
            continue
        pk = insp.get_pk_constraint(table.name)["constrained_columns"]
        assert pk[0] == "tenant_id", table.name
        for unique in insp.get_unique_constraints(table.name):
            assert "tenant_id" in unique["column_names"], (table.name, unique)
        for index in insp.get_indexes(table.name):
            if index["unique"]:
                assert "tenant_id" in index["column_names"], (table.name, index)


def _booking(clinic: Clinic, start: datetime, minutes: int = 30) -> Booking:
    return Booking(
        tenant_id=clinic.tenant_id,
        booking_id=uuid.uuid4(),
        code=uuid.uuid4().hex[:6],
        location_id=clinic.location_id,
        provider_id=clinic.ana,
        service_id=clinic.consult,
        customer_id=clinic.customer,
        start_at=start,
        end_at=start + timedelta(minutes=minutes),
        busy_from=start,
        busy_until=start + timedelta(minutes=minutes),
        status="confirmed",
    )


def _race(engine: Engine, clinic: Clinic, starts: list[datetime]) -> list[str]:
    """Insert one booking per start, each on its own connection, all committing at once."""
    barrier = threading.Barrier(len(starts))
    outcomes: list[str] = []
    lock = threading.Lock()

    def insert(start: datetime) -> None:
        with make_session_factory(engine, scope=ALL_TENANTS)() as s:
            s.add(_booking(clinic, start))
            s.connection()  # each transaction is open before the race starts
            barrier.wait(timeout=10)
            try:
                s.commit()
                result = "ok"
            except (IntegrityError, OperationalError) as exc:
                result = type(exc.orig).__name__
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=insert, args=(s,)) for s in starts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return sorted(outcomes)


def test_postgres_refuses_overlapping_bookings_from_two_connections(pg_store: Engine) -> None:
    clinic = make_clinic(pg_store)
    start = datetime(2030, 3, 4, 13, 0, tzinfo=UTC)
    outcomes = _race(pg_store, clinic, [start, start + timedelta(minutes=10)])
    # Exactly one wins. The other fails on the constraint, or, when both inserted at the
    # same instant and each waited for the other, PostgreSQL breaks the tie as a deadlock.
    assert outcomes[1] == "ok"
    assert outcomes[0] in ("ExclusionViolation", "DeadlockDetected")
    with make_session_factory(pg_store, scope=ALL_TENANTS)() as s:
        assert s.query(Booking).count() == 1


def test_postgres_allows_back_to_back_and_cancelled_overlaps(pg_store: Engine) -> None:
    clinic = make_clinic(pg_store)
    start = datetime(2030, 3, 4, 13, 0, tzinfo=UTC)
    with make_session_factory(pg_store, scope=ALL_TENANTS)() as s:
        first = _booking(clinic, start)
        s.add_all([first, _booking(clinic, start + timedelta(minutes=30))])
        s.commit()
        first.status = "cancelled"
        s.commit()
        s.add(_booking(clinic, start))  # the cancelled one no longer holds the time
        s.commit()
        s.add(_booking(clinic, start + timedelta(minutes=45)))
        with pytest.raises(IntegrityError) as err:
            s.commit()
        assert isinstance(err.value.orig, psycopg.errors.ExclusionViolation)


def _post_concurrently(requests: list[Callable[[], int]]) -> list[int]:
    barrier = threading.Barrier(len(requests))
    codes: list[int] = []
    lock = threading.Lock()

    def run(call: Callable[[], int]) -> None:
        barrier.wait(timeout=10)
        code = call()
        with lock:
            codes.append(code)

    threads = [threading.Thread(target=run, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return sorted(codes)


def test_concurrent_requests_for_one_slot_book_it_once(store: Engine) -> None:
    """Through the API, on both stores: several desks press "book" at the same moment."""
    from tests.helpers.clinic import at, future_day, make_client, sign_in

    clinic = make_clinic(store)
    day = future_day()
    with make_client(store) as client:
        headers = sign_in(client, clinic.reception_email)
        body = {
            "customer_id": str(clinic.customer),
            "service_id": str(clinic.consult),
            "provider_id": str(clinic.ana),
            "start_at": at(day, "10:00"),
        }

        def attempt() -> int:
            return int(client.post("/bookings", json=body, headers=headers).status_code)

        codes = _post_concurrently([attempt] * 4)
    assert codes == [201, 409, 409, 409]
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        assert s.query(Booking).count() == 1


def terminate(admin_engine: Engine, pid: int) -> None:
    """End a backend and wait until it is gone (the signal is not instant)."""
    with admin_engine.connect() as admin:
        admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        for _ in range(500):
            alive = admin.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
            ).scalar_one()
            admin.rollback()  # a fresh snapshot of pg_stat_activity each time
            if not alive:
                return
            time.sleep(0.01)
    raise AssertionError(f"backend {pid} did not end")


def test_a_pooled_connection_the_database_dropped_is_replaced(
    pg_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After PostgreSQL drops an idle pooled connection (a restart, a failover), the
    next request gets a live one instead of an error."""
    engine = make_engine(pg_engine.url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        terminate(pg_engine, pid)
        monkeypatch.setattr("server.db.engine.IDLE_PING_S", 0.0)  # idle long enough
        with engine.connect() as conn:
            assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() != pid
        # In steady use no check is made: the dead connection would surface as an error.
        monkeypatch.setattr("server.db.engine.IDLE_PING_S", 3600.0)
        with engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        terminate(pg_engine, pid)
        with pytest.raises(OperationalError), engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()
