"""The reminders' call list without Qt: which bookings, in what order, what "tomorrow"
is in the business's zone, and a mark made offline shown at once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.errors import ConflictError
from app.reminders import call_list, tomorrow
from app.sync import effects
from app.sync.replica import Replica
from tests.app.test_desk_reads import booking
from tests.app.test_slip import TZ, at, small_clinic

FRIDAY = date(2026, 12, 4)
# Ids as the desk makes them (a change's args are checked as the server would).
LATE = "0c7d3a52-0000-4000-8000-000000000001"
GONE = "0c7d3a52-0000-4000-8000-000000000002"


@pytest.fixture
def clinic(tmp_path: Path) -> Replica:
    return small_clinic(
        tmp_path / "desk.db",
        [
            booking(LATE, "ana", at(FRIDAY, "17:30")),
            booking("early", "beto", at(FRIDAY, "08:00"), customer="c2"),
            booking(GONE, "ana", at(FRIDAY, "09:00"), status="cancelled"),
            booking("asked", "ana", at(FRIDAY, "10:00"), status="requested"),
            # The night before and the next day, in Buenos Aires: not Friday's.
            booking("thu", "ana", at(FRIDAY - timedelta(days=1), "23:30")),
            booking("sat", "ana", at(FRIDAY + timedelta(days=1), "00:00")),
        ],
    )


def test_the_call_list_is_the_days_bookings_still_to_come_by_time(clinic: Replica) -> None:
    listed = call_list(clinic, FRIDAY, TZ)
    assert [r.slip.booking_id for r in listed] == ["early", "asked", LATE]
    early = listed[0]
    assert (early.slip.customer, early.slip.phone, early.slip.provider) == (
        "Lucía García",
        "",
        "Dr. Beto",
    )
    assert listed[2].slip.phone == "+541155550001"
    assert all(r.reminded_at is None for r in listed)


def test_tomorrow_is_the_businesss_not_the_machines() -> None:
    # 22:30 on Thursday in Buenos Aires is already Friday in UTC: tomorrow is Friday.
    thursday_night = datetime(2026, 12, 4, 1, 30, tzinfo=UTC)
    assert tomorrow(thursday_night, TZ) == FRIDAY


def test_a_reminder_marked_offline_shows_at_once_and_keeps_its_hour(clinic: Replica) -> None:
    called = at(FRIDAY - timedelta(days=1), "18:05")
    mutation, effect = effects.prepare(clinic, "booking.remind", {"booking_id": LATE}, called)
    assert mutation.wire() == {"booking_id": LATE, "reminded": True, "at": called.isoformat()}
    clinic.enqueue(mutation, effect)
    [late] = [r for r in call_list(clinic, FRIDAY, TZ) if r.slip.booking_id == LATE]
    assert (late.reminded_at, late.pending) == (called, True)
    # Taken back, offline too.
    mutation, effect = effects.prepare(
        clinic, "booking.remind", {"booking_id": LATE, "reminded": False}, called
    )
    clinic.enqueue(mutation, effect)
    [late] = [r for r in call_list(clinic, FRIDAY, TZ) if r.slip.booking_id == LATE]
    assert late.reminded_at is None
    # Nobody to remind for a cancelled booking: refused before anything is queued.
    with pytest.raises(ConflictError) as refused:
        effects.prepare(clinic, "booking.remind", {"booking_id": GONE}, called)
    assert (refused.value.field, refused.value.code) == ("booking_id", "not_remindable")
