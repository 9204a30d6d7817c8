"""A payment taken offline at 23:50 and synced after midnight counts in the takings
of the day it was taken, on the desk that took it and on another desk alike."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app import takings
from app.domain.timezones import local_to_utc
from server.models import Payment
from tests.helpers.clock import Clock
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run

REFERENCE = "late-night 23:50"


def test_a_payment_taken_at_2350_offline_counts_in_its_own_day(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine, demo_instant: datetime
) -> None:
    a, wa = desks.open(demo_server, "a")
    assert a.desk is not None
    tz = wa.biz.time_zone
    day = demo_instant.astimezone(tz).date()
    booking = next(
        b
        for b in a.desk.replica.all("booking")
        if datetime.fromisoformat(b["start_at"]).astimezone(tz).date() == day
        and b["status"] != "cancelled"
    )
    # The desk's clock says 23:50 of the demo's day; the server is unreachable.
    taken = local_to_utc(day, time(23, 50), tz)
    a.desk.engine.clock = Clock(taken)
    demo_server.stop()
    run(wait_until(lambda: a.desk is not None and a.desk.status().state == "offline"))
    a.tasks.submit(
        a.desk,
        "payment.record",
        {
            "booking_id": booking["booking_id"],
            "amount_minor": 4321,
            "method": "cash",
            "reference": REFERENCE,
        },
    )
    run(settle(a))
    assert a.desk.status().pending == 1
    # It reaches the server at 00:10 of the next day.
    demo_server.clock.at = taken + timedelta(minutes=20)
    demo_server.start()
    run(synced(a, 30))
    with Session(demo_store) as s:
        stored = s.scalars(select(Payment).where(Payment.reference == REFERENCE)).one()
        assert stored.taken_at.astimezone(UTC) == taken
    b, _wb = desks.open(demo_server, "b")  # a desk that only ever saw the server's row
    for app in (a, b):
        assert app.desk is not None
        replica = app.desk.replica

        def pulled(r: Any = replica) -> list[takings.TakingsLine]:
            return _ours(takings.takings(r, day))

        run(wait_until(pulled, what="the payment pulled"))
        (line,) = pulled()
        assert line.time == taken
        assert line.amount_minor == 4321
        assert not _ours(takings.takings(replica, day + timedelta(days=1)))


def _ours(report: takings.Takings) -> list[takings.TakingsLine]:
    return [line for line in report.lines if line.reference == REFERENCE]
