"""Alerts at the desk, at the demo's instant (9:00 on its day) and later that morning: a
customer checked in and still waiting, a booking past its start with nobody arrived,
both marked in the schedule and counted in the status bar; the thresholds are the
business's, set once for every desk."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx

from app import schedule
from app.domain.availability import day_range
from server.demo import ADMIN_EMAIL, DEMO_PASSWORD
from tests.helpers.deskui import settle, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run


def test_waits_and_lateness_are_marked_and_counted_by_the_businesss_thresholds(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    desk = app.desk
    tz = window.biz.time_zone
    window.go_to(demo_instant.astimezone(tz).date())
    today = schedule.bookings_between(
        desk.replica, *day_range(demo_instant.astimezone(tz).date(), tz)
    )
    coming = [r for r in today if r["status"] == "confirmed"]
    coming.sort(key=lambda r: r["start_at"])
    assert len(coming) >= 2, "the demo has people still to come at 9:00"
    arriving, late = coming[0], coming[1]
    # Arrives at 9:00 by the desk's clock; nobody comes for the other.
    app.tasks.submit(desk, "booking.check_in", {"booking_id": arriving["booking_id"]})

    def arrived() -> dict[str, Any] | None:
        row = desk.replica.get("booking", arriving["booking_id"])
        return row if row and row["status"] == "checked_in" and not row.get("pending") else None

    run(wait_until(arrived, 20, "the check-in to come back from the server"))
    row = arrived()
    assert row is not None
    assert datetime.fromisoformat(row["checked_in_at"]) == demo_instant  # the server kept it

    # A quarter of an hour past the second one's start (the late threshold is 10).
    later = datetime.fromisoformat(late["start_at"]) + timedelta(minutes=15)
    demo_server.clock.at = later  # the desk's clock is the server's
    window.check_alerts()
    # Answers asked before (by the desk's clock before the test set it, or before the
    # clock moved) may come first: wait for the one asked at `later`.
    waiting = ("waiting", later - demo_instant)
    run(wait_until(lambda: window.view.alerts.get(arriving["booking_id"]) == waiting))
    assert window.view.alerts[late["booking_id"]][0] == "late"
    assert window.alert_label.isVisibleTo(window)
    assert "waiting long" in window.alert_label.text()
    assert "late" in window.alert_label.text()
    window.resize(1366, 768)
    run(settle(app))
    assert not window.view.grab().isNull()

    # The business waits longer before it calls a wait long: every desk follows.
    token = httpx.post(
        f"{demo_server.base_url}/auth/sign-in",
        json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD},
    ).json()["access_token"]
    httpx.patch(
        f"{demo_server.base_url}/setup/tenant",
        json={"alerts": {"waiting_minutes": 480}},
        headers={"Authorization": f"Bearer {token}"},
    ).raise_for_status()
    run(
        wait_until(
            lambda: arriving["booking_id"] not in window.view.alerts,
            30,
            "the new threshold to reach the desk",
        )
    )
    assert window.view.alerts[late["booking_id"]][0] == "late"
