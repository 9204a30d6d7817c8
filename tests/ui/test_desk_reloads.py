"""Views reload for what moved (Tasks.changed says which rows), not for a status tick."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app import schedule
from app.changes import Changes
from tests.helpers.deskui import settle
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run


def test_a_status_tick_does_not_reload_the_day_view_a_booking_change_does(
    run: Run[Any], desks: Desks, demo_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    run(settle(app))
    planned: list[date] = []
    original = schedule.day_plan

    def spy(replica: Any, day: date, *rest: Any) -> schedule.DayPlan:
        planned.append(day)
        return original(replica, day, *rest)

    monkeypatch.setattr(schedule, "day_plan", spy)

    app.tasks.status_changed.emit(app.desk.status())
    app.tasks.changed.emit(Changes(walkins=True, conflicts=True))
    run(settle(app))
    assert planned == []

    app.tasks.changed.emit(Changes(bookings=True))
    run(settle(app))
    assert planned == [window.day]
