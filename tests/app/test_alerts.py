"""Alerts on the clinic's Monday 2026-12-07 in Buenos Aires, at stated instants: never
the real clock."""

from __future__ import annotations

from datetime import timedelta

from app import alerts
from app.sync.replica import Replica
from tests.app.test_desk_reads import MONDAY, at, booking, row
from tests.app.test_desk_reads import replica as replica  # the clinic's replica, a fixture


def morning(replica: Replica, **tenant: int) -> None:
    """Beto's 11:00 not yet arrived; Lucía (Ana's 10:00) arrived at 10:05; a walk-in
    waiting since 10:30; the business's thresholds as given."""
    t = replica.all("tenant")[0]
    replica.apply_changes(
        [
            row("tenant", "t", {**t, **tenant}),
            booking("b6", "beto", at(MONDAY, "11:00")),
            booking(
                "b2",
                "ana",
                at(MONDAY, "10:00"),
                customer="c2",
                status="checked_in",
                checked_in_at=at(MONDAY, "10:05").isoformat(),
            ),
            row(
                "walkin_ticket",
                "w1",
                {
                    "ticket_id": "w1",
                    "location_id": "loc",
                    "day": MONDAY.isoformat(),
                    "number": 1,
                    "label": "M001",
                    "status": "waiting",
                    "issued_at": at(MONDAY, "10:30").isoformat(),
                },
            ),
        ],
        "2",
    )


def test_nothing_is_alerted_before_its_threshold(replica: Replica) -> None:
    morning(replica)
    quiet = alerts.alerts(replica, at(MONDAY, "10:15"))
    assert quiet.total == 0  # Lucía has waited 10 min of 15; Beto's 11:00 is ahead


def test_late_waiting_and_walk_in_alerts_with_the_businesss_thresholds(replica: Replica) -> None:
    morning(replica)
    now = at(MONDAY, "11:10")
    found = alerts.alerts(replica, now)
    assert found.late == {"b6": timedelta(minutes=10)}
    assert found.waiting == {"b2": timedelta(minutes=65)}
    assert found.walkins == {"w1": timedelta(minutes=40)}
    assert found.of_booking("b6") == "late"
    assert found.of_booking("b2") == "waiting"
    assert found.of_booking("b1") is None  # completed
    assert found.total == 3
    # A business that waits longer before it calls it late, and less for walk-ins.
    morning(replica, alert_late_minutes=20, alert_walkin_minutes=45)
    relaxed = alerts.alerts(replica, now)
    assert relaxed.late == {}
    assert relaxed.walkins == {}
    assert relaxed.waiting == {"b2": timedelta(minutes=65)}


def test_a_providers_desk_sees_only_its_own_bookings_and_no_queue(replica: Replica) -> None:
    morning(replica)
    mine = alerts.alerts(replica, at(MONDAY, "11:10"), provider_ids=["ana"])
    assert mine.late == {}
    assert set(mine.waiting) == {"b2"}
    assert mine.walkins == {}


def test_an_arrival_without_a_time_is_not_timed_and_tomorrow_is_not_today(
    replica: Replica,
) -> None:
    # The fixture's b2 arrived before arrival times were kept: no waiting alert for it.
    found = alerts.alerts(replica, at(MONDAY, "16:00"))
    assert "b2" not in found.waiting
    # Tuesday's 9:00 is tomorrow's: late only once it is Tuesday.
    assert "b5" not in found.late
    assert "b5" in alerts.alerts(replica, at(MONDAY + timedelta(days=1), "9:30")).late
