"""The sync lag figure: each business's newest version against the oldest cursor of
its clients seen lately, merged over the server's processes; the worst one reported."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from sqlalchemy import Engine, update

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import TenantVersion
from server.observability import lag
from tests.helpers.clinic import Clinic, make_clinic

NOW = 1_900_000_000.0  # a fixed instant (Unix time)


def set_version(engine: Engine, tenant_id: uuid.UUID, version: int) -> None:
    """As if the business had made that many changes."""
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        row = TenantVersion.tenant_id == tenant_id
        s.execute(update(TenantVersion).where(row).values(version=version))
        s.commit()


def test_the_lag_is_the_worst_business_behind_its_oldest_recent_cursor(
    store: Engine, tmp_path: Path
) -> None:
    a: Clinic = make_clinic(store, "a")
    b: Clinic = make_clinic(store, "b")
    va, vb = 100, 200
    set_version(store, a.tenant_id, va)
    set_version(store, b.tenant_id, vb)

    book = lag.CursorBook()
    book.note(a.tenant_id, "desk-1", va, NOW - 5)  # current
    book.note(a.tenant_id, "desk-2", va - 3, NOW - 10)  # 3 behind
    book.note(a.tenant_id, "gone", va - 9, NOW - lag.RECENT_S - 1)  # not seen lately
    book.note(b.tenant_id, "kiosk", vb - 2, NOW - 1)  # 2 behind
    book.publish(str(tmp_path), NOW)
    # Another process served desk-2's later pull: its latest pull wins, wherever it was.
    (tmp_path / "cursors-99999.json").write_text(
        json.dumps(
            [
                [str(a.tenant_id), "desk-2", va - 1, NOW - 2],
                [str(b.tenant_id), "kiosk", vb - 7, NOW - 30],  # older than this process's
            ]
        )
    )
    notes = lag.read_notes(str(tmp_path))
    assert notes[(str(a.tenant_id), "desk-2")] == (va - 1, NOW - 2)
    assert "gone" not in {client for _tenant, client in notes}  # forgotten when published

    figure = lag.sync_lag(store, notes, NOW)
    assert figure == lag.Lag(versions=2, clients=3)  # b's kiosk, 2 behind, is the worst
    # Later, a's desks have gone quiet and the kiosk has caught up: nobody lags.
    later = NOW + lag.RECENT_S
    caught_up = {**notes, (str(b.tenant_id), "kiosk"): (vb, later)}
    assert lag.sync_lag(store, caught_up, later) == lag.Lag(versions=0, clients=1)
    assert lag.sync_lag(store, {}, NOW) == lag.Lag(0, 0)


def test_a_pull_brings_its_client_to_the_version_when_nothing_more_is_to_come() -> None:
    assert lag.pulled_to("40|bookings|x", 55, more=True) == 40
    assert lag.pulled_to("40|bookings|x", 55, more=False) == 55
    assert lag.pulled_to("0", 0, more=False) == 0
