"""What the kiosk answers for a booking code, by the booking's status and the time,
from its replica alone (no Qt, no server)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.domain.timezones import local_to_utc, zone
from app.kiosk import Outcome, find_by_code
from app.sync.replica import Replica

TZ = zone("America/Argentina/Buenos_Aires")
TEN = local_to_utc(date(2026, 12, 7), time(10), TZ)  # a Monday, 10:00 at the clinic


def row(entity: str, key: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"entity": entity, "id": key, "version": 1, "data": data}


def booking(code: str, status: str, start: datetime = TEN) -> dict[str, Any]:
    return row(
        "booking",
        code.lower(),
        {
            "booking_id": code.lower(),
            "code": code,
            "location_id": "loc",
            "provider_id": "ana",
            "service_id": "consult",
            "start_at": start.isoformat(),
            "end_at": (start + timedelta(minutes=30)).isoformat(),
            "busy_from": start.isoformat(),
            "busy_until": (start + timedelta(minutes=30)).isoformat(),
            "status": status,
            "customer_label": "María G.",
        },
    )


@pytest.fixture
def replica(tmp_path: Path) -> Replica:
    r = Replica(tmp_path / "kiosk.db")
    statuses = ("requested", "confirmed", "checked_in", "in_service", "completed")
    r.apply_changes(
        [
            row("provider", "ana", {"provider_id": "ana", "display_name": "Dra. Ana"}),
            row("service", "consult", {"service_id": "consult", "name": "Consulta"}),
            *[booking(s.upper().replace("_", ""), s) for s in statuses],
            booking("NOSHOW", "no_show"),
            booking("CANCELLED", "cancelled"),
        ],
        "1",
    )
    return r


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        ("CONFIRMED", Outcome.FOUND),
        ("REQUESTED", Outcome.FOUND),  # arriving confirms it
        ("CHECKEDIN", Outcome.ALREADY),  # "take a seat, you will be called" holds
        ("INSERVICE", Outcome.IN_SERVICE),
        ("COMPLETED", Outcome.COMPLETED),  # was ALREADY: "you will be called", wrongly
        ("NOSHOW", Outcome.NO_SHOW),  # was NOT_FOUND: "check your details"
        ("CANCELLED", Outcome.CANCELLED),
        ("NOPE42", Outcome.NOT_FOUND),
    ],
)
def test_each_status_gets_its_own_answer(replica: Replica, code: str, outcome: Outcome) -> None:
    match = find_by_code(replica, code.lower(), TEN - timedelta(minutes=10))
    assert match.outcome is outcome
    if outcome is not Outcome.NOT_FOUND:  # what the words on the screen are made of
        assert (match.label, match.start, match.provider) == ("María G.", TEN, "Dra. Ana")


def test_a_visit_over_is_over_at_any_hour(replica: Replica) -> None:
    """Its status decides, not the check-in window: no "too late" for a visit done."""
    for now in (TEN - timedelta(hours=3), TEN + timedelta(hours=5)):
        assert find_by_code(replica, "COMPLETED", now).outcome is Outcome.COMPLETED
        assert find_by_code(replica, "CONFIRMED", now).outcome in (
            Outcome.TOO_EARLY,
            Outcome.TOO_LATE,
        )
