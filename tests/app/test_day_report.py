"""The day and week report, read from a replica holding a known Monday (2026-12-07) and
Tuesday of a clinic in Buenos Aires: never the real clock."""

from __future__ import annotations

from datetime import date, timedelta

from app import day_report
from app.sync.replica import Replica
from tests.app.test_desk_reads import MONDAY, at, row
from tests.app.test_desk_reads import replica as replica  # the clinic's replica, a fixture


def ticket(tid: str, issued: str, status: str, called: str | None = None) -> dict[str, object]:
    return row(
        "walkin_ticket",
        tid,
        {
            "ticket_id": tid,
            "location_id": "loc",
            "day": MONDAY.isoformat(),
            "number": 1,
            "label": tid,
            "service_id": "consult",
            "provider_id": "beto",
            "customer_name": "",
            "status": status,
            "issued_at": at(MONDAY, issued).isoformat(),
            "called_at": at(MONDAY, called).isoformat() if called else None,
        },
    )


def test_a_day_counts_bookings_by_outcome_walk_ins_takings_and_hours(replica: Replica) -> None:
    replica.apply_changes(
        [
            ticket("A1", "09:00", "served", called="09:20"),
            ticket("A2", "09:10", "served", called="09:50"),
            ticket("A3", "09:30", "cancelled"),
            ticket("A4", "11:00", "waiting"),
        ],
        "2",
    )
    r = day_report.report(replica, MONDAY, MONDAY)
    assert r.by_status["completed"] == 1
    assert r.by_status["checked_in"] == 1
    assert r.by_status["cancelled"] == 1
    assert r.by_status["no_show"] == 1
    assert r.booked == 3  # the cancelled one is not a booking kept
    assert r.walkins.issued == 4
    assert r.walkins.served == 2
    assert r.walkins.cancelled == 1
    assert r.walkins.average_wait == timedelta(minutes=30)  # 20 and 40 minutes
    assert r.walkins.longest_wait == timedelta(minutes=40)
    # Completed payments only: the refunded one and Tuesday's stay out.
    assert r.takings_by_method == {"cash": 1_500_000, "card": 500_000, "transfer": 0, "other": 0}
    assert r.takings_total == 2_000_000
    hours = {p.name: p for p in r.providers}
    # 09-17 less the 13-14 break; Beto's Monday also loses his 15-17 time off.
    assert hours["Dra. Ana"].open == timedelta(hours=7)
    assert hours["Dr. Beto"].open == timedelta(hours=5)
    assert hours["Dra. Ana"].booked == timedelta(minutes=60)  # the cancelled 11:00 left out
    assert hours["Dr. Beto"].booked == timedelta(minutes=30)  # a no-show was booked time
    assert hours["Dra. Ana"].share == 1 / 7


def test_a_week_runs_monday_to_sunday_and_adds_up_its_days(replica: Replica) -> None:
    first, last = day_report.week_of(MONDAY + timedelta(days=3))
    assert (first, last) == (MONDAY, date(2026, 12, 13))
    r = day_report.report(replica, first, last)
    assert r.booked == 4  # Tuesday's 9:00 too
    assert r.takings_by_method["transfer"] == 700_000
    assert r.takings_total == 2_700_000
    hours = {p.name: p for p in r.providers}
    assert hours["Dra. Ana"].open == timedelta(hours=35)  # five working days, none on the weekend
    assert hours["Dra. Ana"].booked == timedelta(minutes=90)


def test_a_day_with_nothing_says_nothing_rather_than_dividing_by_zero(replica: Replica) -> None:
    sunday = MONDAY - timedelta(days=1)
    r = day_report.report(replica, sunday, sunday)
    assert r.booked == 0
    assert r.walkins.average_wait is None
    assert r.providers == []  # closed on Sundays, and nothing booked
    assert r.takings_total == 0
