"""The waitlist without Qt, at fixed instants: who waits, the first free slot that fits
each (their provider or any, their days, their hours), which slots a cancellation
frees for whom in the order they asked, and the changes checked and recorded offline
(booking from the list is all or nothing)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest

from app import waitlist
from app.domain.errors import ConflictError, DomainError, InvalidValueError
from app.sync import effects
from app.sync.engine import SyncEngine
from app.sync.replica import Replica
from tests.app.test_desk_reads import at, booking, row

MONDAY = date(2026, 12, 7)
TUESDAY = MONDAY + timedelta(days=1)
NOW = at(MONDAY, "08:00")  # the desk's clock in these tests
# Ids as the desk makes them (a change's args are checked as the server would).
LUCIA, MARIA, PEDRO = (f"0c7d3a52-0000-4000-8000-00000000000{i}" for i in (1, 2, 3))
C_LUCIA, C_MARIA, C_PEDRO = (f"5e1f0000-0000-4000-8000-00000000000{i}" for i in (1, 2, 3))
CONSULT, ANA, BETO, LOC = (f"9a000000-0000-4000-8000-00000000000{i}" for i in (1, 2, 3, 4))


def entry(entry_id: str, customer: str, asked: datetime, **extra: Any) -> dict[str, Any]:
    data = {
        "entry_id": entry_id,
        "customer_id": customer,
        "service_id": CONSULT,
        "provider_id": None,
        "earliest_day": TUESDAY.isoformat(),
        "latest_day": TUESDAY.isoformat(),
        "from_time": None,
        "until_time": None,
        "notes": "",
        "status": "waiting",
        "created_at": asked.isoformat(),
        "booking_id": None,
        **extra,
    }
    return row("waitlist_entry", entry_id, data)


@pytest.fixture
def replica(tmp_path: Path) -> Replica:
    """Ana and Beto give 30-minute consults Monday to Friday 9 to 13; on Tuesday Ana is
    booked full and Beto is away. Three people wait for Tuesday, asked in this order:
    Pedro (Ana, 12 to 13), Lucía (Ana, 9 to 12), María (anyone, 9 to 12)."""
    r = Replica(tmp_path / "desk.db")
    rows = [
        row("tenant", "t", {"name": "Clínica Sur", "vertical": "clinic", "slot_minutes": 30,
                            "time_zone": "America/Argentina/Buenos_Aires", "locale": "es-AR"}),
        row("location", LOC, {"location_id": LOC, "name": "Centro"}),
        *[row("provider", p, {"provider_id": p, "location_id": LOC, "display_name": n})
          for p, n in ((ANA, "Dra. Ana"), (BETO, "Dr. Beto"))],
        row("service", CONSULT, {"service_id": CONSULT, "name": "Consulta", "active": True,
                                 "duration_minutes": 30, "buffer_before_minutes": 0,
                                 "buffer_after_minutes": 0, "price_minor": 1_500_000}),
        *[row("provider_service", f"{p}:{CONSULT}", {"provider_id": p, "service_id": CONSULT})
          for p in (ANA, BETO)],
        *[row("provider_hours", f"{p}-{d}", {"hours_id": f"{p}-{d}", "provider_id": p,
                                             "kind": "work", "weekday": d,
                                             "start_time": "09:00:00", "end_time": "13:00:00"})
          for p in (ANA, BETO) for d in range(5)],
        row("time_off", "away", {"time_off_id": "away", "provider_id": BETO,
                                 "start_at": at(TUESDAY, "00:00").isoformat(),
                                 "end_at": at(TUESDAY + timedelta(days=1), "00:00").isoformat()}),
        *[row("customer", c, {"customer_id": c, "first_name": f, "last_name": "García",
                              "phone": ""})
          for c, f in ((C_LUCIA, "Lucía"), (C_MARIA, "María"), (C_PEDRO, "Pedro"))],
        *[booking(f"full-{h}", ANA, at(TUESDAY, f"{h}"), customer="other", service_id=CONSULT,
                  location_id=LOC)
          for h in ("09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30")],
        entry(PEDRO, C_PEDRO, at(MONDAY, "07:00"), provider_id=ANA, from_time="12:00:00",
              until_time="13:00:00"),
        entry(LUCIA, C_LUCIA, at(MONDAY, "07:10"), provider_id=ANA, from_time="09:00:00",
              until_time="12:00:00"),
        entry(MARIA, C_MARIA, at(MONDAY, "07:20"), from_time="09:00:00", until_time="12:00:00"),
    ]  # fmt: skip
    r.apply_changes(rows, "1")
    return r


def cancel(replica: Replica, booking_id: str, version: str) -> None:
    """Another desk cancelled it: the row as a pull brings it."""
    found = replica.get("booking", booking_id)
    assert found is not None
    replica.apply_changes([row("booking", booking_id, {**found, "status": "cancelled"})], version)


def test_everyone_waiting_in_the_order_they_asked_and_nothing_fits_a_full_day(
    replica: Replica,
) -> None:
    read = waitlist.read(replica, NOW)
    assert [f.entry.customer for f in read.fits] == ["Pedro García", "Lucía García", "María García"]
    assert [f.first for f in read.fits] == [None, None, None]
    assert read.names[ANA] == "Dra. Ana"


def test_a_cancellation_frees_a_slot_for_the_earliest_who_fits_it(replica: Replica) -> None:
    before = waitlist.read(replica, NOW)
    cancel(replica, "full-10:00", "2")
    after = waitlist.read(replica, NOW)
    first = {f.entry.entry_id: f.first for f in after.fits}
    ten = waitlist.Offer(at(TUESDAY, "10:00"), at(TUESDAY, "10:30"), ANA)
    # Pedro asked first but only from noon: not him. Lucía, then María (anyone).
    assert first == {PEDRO: None, LUCIA: ten, MARIA: ten}
    [freed] = waitlist.freed(before, after)
    assert freed.offer == ten
    assert [e.entry_id for e in freed.entries] == [LUCIA, MARIA]
    # Read again with nothing changed: nothing newly freed.
    assert waitlist.freed(after, waitlist.read(replica, NOW)) == []


def test_a_slot_freed_outside_someones_hours_or_provider_is_not_theirs(replica: Replica) -> None:
    before = waitlist.read(replica, NOW)
    cancel(replica, "full-12:30", "2")
    after = waitlist.read(replica, NOW)
    [freed] = waitlist.freed(before, after)
    assert [e.entry_id for e in freed.entries] == [PEDRO]  # 12:30-13:00 is within his hours
    # A visit that would end after the hours asked does not fit: 11:30 ends at 12:00 (in),
    # Lucía's until 12:00 keeps 12:00 itself out.
    cancel(replica, "full-12:00", "3")
    lucia = next(f for f in waitlist.read(replica, NOW).fits if f.entry.entry_id == LUCIA)
    assert lucia.first is None


def test_days_passed_and_past_times_are_not_offered(replica: Replica) -> None:
    cancel(replica, "full-09:00", "2")
    on_tuesday = at(TUESDAY, "09:10")  # 09:00 has begun
    assert all(f.first is None for f in waitlist.read(replica, on_tuesday).fits)
    assert waitlist.read(replica, NOW).fits[1].first is not None


def test_a_new_request_is_not_news_of_a_freed_slot(replica: Replica) -> None:
    cancel(replica, "full-10:00", "2")
    before = waitlist.read(replica, NOW)
    extra = {"customer_id": C_PEDRO, "service_id": CONSULT, "earliest_day": TUESDAY.isoformat(),
             "latest_day": TUESDAY.isoformat()}  # fmt: skip
    mutation, effect = effects.prepare(replica, "waitlist.add", extra, NOW)
    replica.enqueue(mutation, effect)
    after = waitlist.read(replica, NOW)
    assert len(after.fits) == 4
    assert after.fits[-1].entry.pending
    assert waitlist.freed(before, after) == []


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"latest_day": (MONDAY - timedelta(days=1)).isoformat()}, "latest_day"),
        ({"earliest_day": "2026-12-01", "latest_day": "2026-12-04"}, "latest_day"),  # over
        ({"from_time": "12:00", "until_time": "11:00"}, "until_time"),
        ({"from_time": "noon"}, "from_time"),
        ({"customer_id": "5e1f0000-0000-4000-8000-000000000009"}, "customer_id"),
        ({"provider_id": "9a000000-0000-4000-8000-000000000009"}, "provider_id"),
    ],
)
def test_a_request_is_checked_offline_naming_the_field(
    replica: Replica, args: dict[str, Any], field: str
) -> None:
    base = {"customer_id": C_LUCIA, "service_id": CONSULT, "earliest_day": MONDAY.isoformat(),
            "latest_day": TUESDAY.isoformat()}  # fmt: skip
    with pytest.raises(InvalidValueError) as refused:
        effects.prepare(replica, "waitlist.add", {**base, **args}, NOW)
    assert refused.value.field == field


def test_booking_from_the_list_is_recorded_whole_or_not_at_all(replica: Replica) -> None:
    cancel(replica, "full-10:00", "2")
    engine = SyncEngine(replica, cast(Any, None), clock=lambda: NOW)
    made = "7a000000-0000-4000-8000-000000000001"
    create = {"booking_id": made, "customer_id": C_LUCIA, "service_id": CONSULT,
              "provider_id": ANA, "start_at": at(TUESDAY, "10:00").isoformat()}  # fmt: skip
    # For another customer's entry: refused, and the booking is not queued either.
    with pytest.raises(ConflictError) as refused:
        engine.submit_together(
            [("booking.create", create), ("waitlist.book", {"entry_id": MARIA, "booking_id": made})]
        )
    assert (refused.value.field, refused.value.code) == ("booking_id", "other_customer")
    assert replica.pending_count() == 0
    assert replica.get("booking", made) is None
    engine.submit_together(
        [("booking.create", create), ("waitlist.book", {"entry_id": LUCIA, "booking_id": made})]
    )
    assert [p.name for p in replica.pending()] == ["booking.create", "waitlist.book"]
    booked = replica.get("waitlist_entry", LUCIA)
    assert booked is not None
    assert (booked["status"], booked["booking_id"]) == ("booked", made)
    assert [f.entry.entry_id for f in waitlist.read(replica, NOW).fits] == [PEDRO, MARIA]
    # The slot is taken now: María, who fitted it too, has nothing free any more.
    assert waitlist.read(replica, NOW).fits[1].first is None
    with pytest.raises(DomainError) as again:
        effects.prepare(replica, "waitlist.withdraw", {"entry_id": LUCIA}, NOW)
    assert (again.value.field, again.value.code) == ("status", "not_waiting")
