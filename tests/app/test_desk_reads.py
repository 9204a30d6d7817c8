"""What the desk reads from its replica, without Qt: the day plan, free slots, the
walk-in queue's waits, the day's takings, customer search, the .ics of a booking."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest

from app import customer_records, schedule, takings, walkin_queue
from app.domain.availability import Blocked, Hindrance
from app.domain.customers import search_key
from app.domain.errors import InvalidValueError
from app.domain.timezones import local_to_utc, zone
from app.icalendar import booking_ics
from app.sync import effects
from app.sync.replica import Replica

TZ = zone("America/Argentina/Buenos_Aires")
MONDAY = date(2026, 12, 7)


def at(day: date, hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return local_to_utc(day, time(h, m), TZ)


def row(entity: str, key: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"entity": entity, "id": key, "version": 1, "data": data}


def booking(bid: str, provider: str, start: datetime, minutes: int = 30, **extra: Any) -> Any:
    data = {
        "booking_id": bid,
        "code": bid.upper(),
        "location_id": "loc",
        "provider_id": provider,
        "service_id": "consult",
        "customer_id": extra.pop("customer", "c1"),
        "start_at": start.isoformat(),
        "end_at": (start + timedelta(minutes=minutes)).isoformat(),
        "busy_from": start.isoformat(),
        "busy_until": (start + timedelta(minutes=minutes)).isoformat(),
        "status": extra.pop("status", "confirmed"),
        "series_id": None,
        "price_minor": 1_500_000,
        "notes": "",
    }
    return row("booking", bid, {**data, **extra})


@pytest.fixture
def replica(tmp_path: Path) -> Replica:
    r = Replica(tmp_path / "desk.db")
    hours = [
        (kind, weekday, start, end)
        for weekday in range(5)
        for kind, start, end in (
            ("work", "09:00:00", "17:00:00"),
            ("break", "13:00:00", "14:00:00"),
        )
    ]
    changes = [
        row(
            "tenant",
            "t",
            {
                "name": "Clínica Sur",
                "vertical": "clinic",
                "time_zone": "America/Argentina/Buenos_Aires",
                "locale": "es-AR",
                "currency": "ARS",
                "slot_minutes": 30,
                "display_name": "Clínica Sur",
                "primary_colour": "#112233",
                "accent_colour": "#445566",
                "logo": None,
            },
        ),
        row("location", "loc", {"location_id": "loc", "name": "Centro", "time_zone": None}),
        *[
            row(
                "provider",
                p,
                {"provider_id": p, "location_id": "loc", "display_name": n, "colour": "#4e79a7"},
            )
            for p, n in (("ana", "Dra. Ana"), ("beto", "Dr. Beto"))
        ],
        row(
            "service",
            "consult",
            {
                "service_id": "consult",
                "name": "Consulta",
                "duration_minutes": 30,
                "buffer_before_minutes": 0,
                "buffer_after_minutes": 0,
                "price_minor": 1_500_000,
                "active": True,
            },
        ),
        *[
            row(
                "provider_service",
                f"{p}:consult",
                {"provider_id": p, "service_id": "consult"},
            )
            for p in ("ana", "beto")
        ],
        *[
            row(
                "provider_hours",
                f"{p}-{i}",
                {
                    "hours_id": f"{p}-{i}",
                    "provider_id": p,
                    "kind": k,
                    "weekday": w,
                    "start_time": s,
                    "end_time": e,
                },
            )
            for p in ("ana", "beto")
            for i, (k, w, s, e) in enumerate(hours)
        ],
        row(
            "time_off",
            "off",
            {
                "time_off_id": "off",
                "provider_id": "beto",
                "start_at": at(MONDAY, "15:00").isoformat(),
                "end_at": at(MONDAY, "17:00").isoformat(),
                "reason": "Congreso",
            },
        ),
        *[
            row(
                "customer",
                cid,
                {
                    "customer_id": cid,
                    "first_name": f,
                    "last_name": last,
                    "phone": ph,
                    "national_id": dni,
                    "email": "",
                    "notes": "",
                    "search": search_key(f"{f} {last} {ph} {dni}"),
                },
            )
            for cid, f, last, ph, dni in (
                ("c1", "María", "Núñez", "+5491155550001", "30111222"),
                ("c2", "Lucía", "García", "+5491155550002", "31222333"),
            )
        ],
        booking("b1", "ana", at(MONDAY, "09:00"), status="completed"),
        booking("b2", "ana", at(MONDAY, "10:00"), customer="c2", status="checked_in"),
        booking("b3", "ana", at(MONDAY, "11:00"), status="cancelled"),
        booking("b4", "beto", at(MONDAY, "09:00"), status="no_show"),
        booking("b5", "ana", at(MONDAY + timedelta(days=1), "09:00")),
        row(
            "payment",
            "p1",
            {
                "payment_id": "p1",
                "booking_id": "b1",
                "amount_minor": 1_500_000,
                "currency": "ARS",
                "method": "cash",
                "status": "completed",
                "created_at": at(MONDAY, "09:40").isoformat(),
            },
        ),
        row(
            "payment",
            "p2",
            {
                "payment_id": "p2",
                "booking_id": "b2",
                "amount_minor": 500_000,
                "currency": "ARS",
                "method": "card",
                "status": "completed",
                "reference": "Voucher 004471",
                "created_at": at(MONDAY, "10:40").isoformat(),
            },
        ),
        row(
            "payment",
            "p3",
            {
                "payment_id": "p3",
                "booking_id": "b2",
                "amount_minor": 900_000,
                "currency": "ARS",
                "method": "card",
                "status": "refunded",
                "created_at": at(MONDAY, "10:45").isoformat(),
                "reason": "charged twice",
                "reversed_at": at(MONDAY, "11:05").isoformat(),
            },
        ),
        row(
            "payment",
            "p4",
            {
                "payment_id": "p4",
                "booking_id": "b5",
                "amount_minor": 700_000,
                "currency": "ARS",
                "method": "transfer",
                "status": "completed",
                "created_at": at(MONDAY + timedelta(days=1), "09:40").isoformat(),
            },
        ),
    ]
    r.apply_changes(changes, "1")
    return r


def test_the_day_plan_has_a_column_per_provider_with_hours_breaks_time_off_and_bookings(
    replica: Replica,
) -> None:
    plan = schedule.day_plan(replica, MONDAY)
    assert [c.name for c in plan.columns] == ["Dr. Beto", "Dra. Ana"]
    beto, ana = plan.columns
    assert ana.work == [(at(MONDAY, "09:00"), at(MONDAY, "17:00"))]
    assert ana.breaks == [(at(MONDAY, "13:00"), at(MONDAY, "14:00"))]
    assert beto.away == [(at(MONDAY, "15:00"), at(MONDAY, "17:00"))]
    # Cancelled bookings leave the grid; other days stay out.
    assert [b.booking_id for b in ana.blocks] == ["b1", "b2"]
    assert ana.blocks[1].customer == "Lucía García"
    assert ana.blocks[1].service == "Consulta"
    assert plan.granularity == 30
    assert (plan.first, plan.last) == (at(MONDAY, "09:00"), at(MONDAY, "17:00"))


def test_free_slots_skip_bookings_breaks_and_time_off_for_one_or_any_provider(
    replica: Replica,
) -> None:
    early = at(MONDAY, "00:00")
    ana = schedule.suggest_slots(replica, "consult", MONDAY, "ana", now=early, limit=100)
    starts = [s.start_at for s in ana]
    assert at(MONDAY, "09:00") not in starts  # completed still holds the time
    assert at(MONDAY, "10:00") not in starts
    assert at(MONDAY, "11:00") in starts  # the cancelled one freed it
    assert at(MONDAY, "13:00") not in starts  # break
    beto = schedule.suggest_slots(replica, "consult", MONDAY, "beto", now=early, limit=100)
    assert at(MONDAY, "09:00") in [s.start_at for s in beto]  # a no-show frees the time
    assert at(MONDAY, "15:00") not in [s.start_at for s in beto]  # time off
    anyone = schedule.suggest_slots(replica, "consult", MONDAY, now=early, limit=100)
    at_ten = next(s for s in anyone if s.start_at == at(MONDAY, "10:00"))
    assert at_ten.provider_ids == ("beto",)
    later = schedule.suggest_slots(replica, "consult", MONDAY, "ana", now=at(MONDAY, "15:10"))
    assert all(s.start_at >= at(MONDAY, "15:10") for s in later)


def test_advice_says_why_a_time_cannot_be_booked_and_offers_the_next_free_times(
    replica: Replica,
) -> None:
    early = at(MONDAY, "08:00")
    # 10:00 with Ana: her booking; with anyone: Beto is free, so nothing to explain.
    ana = schedule.advise(replica, "consult", MONDAY, "ana", wanted=at(MONDAY, "10:00"), now=early)
    assert ana.requested == at(MONDAY, "10:00")
    assert ana.blocked == [
        ("ana", Blocked(Hindrance.OVERLAP, (at(MONDAY, "10:00"), at(MONDAY, "10:30"))))
    ]
    assert [s.start_at for s in ana.next_free] == [
        at(MONDAY, t) for t in ("10:30", "11:00", "11:30", "12:00", "12:30", "14:00")
    ]
    anyone = schedule.advise(replica, "consult", MONDAY, wanted=at(MONDAY, "10:00"), now=early)
    assert anyone.blocked == []
    assert anyone.next_free == []  # the day has free times and the one asked for is free
    # 15:00 with anyone: Ana is free then. 13:00: both on their break, each said.
    lunch = schedule.advise(replica, "consult", MONDAY, wanted=at(MONDAY, "13:00"), now=early)
    assert sorted(lunch.blocked) == [
        ("ana", Blocked(Hindrance.BREAK, (at(MONDAY, "13:00"), at(MONDAY, "14:00")))),
        ("beto", Blocked(Hindrance.BREAK, (at(MONDAY, "13:00"), at(MONDAY, "14:00")))),
    ]
    assert lunch.next_free[0].start_at == at(MONDAY, "14:00")
    # Late on Friday with Beto: the next free times are next week's.
    friday = MONDAY + timedelta(days=4)
    late = schedule.advise(replica, "consult", friday, "beto", now=at(friday, "16:50"), count=2)
    assert late.slots == []
    assert [s.start_at for s in late.next_free] == [
        at(MONDAY + timedelta(days=7), "09:00"),
        at(MONDAY + timedelta(days=7), "09:30"),
    ]


def test_a_week_plan_is_seven_days_of_one_provider(replica: Replica) -> None:
    week = schedule.week_plan(replica, "ana", MONDAY)
    assert [p.day for p in week] == [MONDAY + timedelta(days=i) for i in range(7)]
    assert [len(p.columns[0].blocks) for p in week] == [2, 1, 0, 0, 0, 0, 0]
    assert week[5].columns[0].work == []  # Saturday: closed


def test_walk_in_waits_follow_the_calendars_and_the_queue(replica: Replica) -> None:
    now = at(MONDAY, "09:00")
    changes = [
        row(
            "walkin_ticket",
            f"w{i}",
            {
                "ticket_id": f"w{i}",
                "location_id": "loc",
                "day": MONDAY.isoformat(),
                "number": i,
                "label": f"00{i}",
                "service_id": "consult",
                "provider_id": None,
                "customer_name": n,
                "status": "waiting",
                "issued_at": (now - timedelta(minutes=30 - i)).isoformat(),
            },
        )
        for i, n in ((1, "Uno"), (2, "Dos"), (3, "Tres"))
    ]
    replica.apply_changes(changes, "2")
    tickets = walkin_queue.queue(replica, now)
    assert [t.label for t in tickets] == ["001", "002", "003"]
    waits = [t.wait for t in tickets]
    # Ana is busy 9-10 and 10-10:30; Beto is free at 9 (his 9:00 was a no-show).
    assert waits[0] == timedelta(0)
    assert waits[1] is not None
    assert waits[2] is not None
    assert waits[1] > waits[0]
    assert waits[2] >= waits[1]
    assert tickets[0].waited == timedelta(minutes=29)


def test_takings_sum_completed_payments_of_the_day_per_method(replica: Replica) -> None:
    report = takings.takings(replica, MONDAY)
    # The refunded 9,000.00 was taken at 10:45 and given back at 11:05: in, then out.
    assert report.by_method == {"cash": 1_500_000, "card": 500_000, "transfer": 0, "other": 0}
    assert report.total_minor == 2_000_000
    assert [line.customer for line in report.lines] == [
        "María Núñez",
        "Lucía García",
        "Lucía García",
        "Lucía García",
    ]
    assert [line.reference for line in report.lines] == ["", "Voucher 004471", "", ""]
    assert [line.amount_minor for line in report.lines][2:] == [900_000, -900_000]
    assert [(line.refund, line.reason) for line in report.lines][2:] == [
        (False, ""),
        (True, "charged twice"),
    ]
    assert takings.paid_minor(replica, "b2") == 500_000
    b2 = replica.get("booking", "b2")
    assert b2 is not None
    # 15,000.00: 5,000.00 paid by card; the refunded 9,000.00 does not count.
    assert takings.balance(replica, b2) == takings.Balance(1_500_000, 500_000)
    assert takings.balance(replica, b2).due_minor == 1_000_000
    assert not takings.balance(replica, b2).settled
    assert takings.Balance(0, 0).settled  # a free booking owes nothing
    assert takings.money(report.total_minor, "ARS") == "$20.000,00"  # es-AR unless told
    assert takings.money(report.total_minor, "ARS", "en") == "ARS\u00a020,000.00"


def test_customer_search_ignores_accents_and_matches_phone_or_dni(replica: Replica) -> None:
    assert [c["customer_id"] for c in customer_records.search(replica, "nuñez")] == ["c1"]
    assert [c["customer_id"] for c in customer_records.search(replica, "maria nu")] == ["c1"]
    assert [c["customer_id"] for c in customer_records.search(replica, "55550002")] == ["c2"]
    assert [c["customer_id"] for c in customer_records.search(replica, "31222333")] == ["c2"]
    for phone in ("11 5555-0002", "1155550002", "+5491155550002", "+54 11 5555-0002"):
        assert [c["customer_id"] for c in customer_records.search(replica, phone)] == ["c2"]
    assert customer_records.search(replica, "   ") == []
    history = customer_records.history(replica, "c1")
    assert history is not None
    ids = [b.booking_id for b in history.bookings]
    assert ids[:2] == ["b5", "b3"]  # newest first
    assert set(ids[2:]) == {"b1", "b4"}
    assert (history.completed, history.no_shows) == (1, 1)


def test_a_booking_exports_as_an_ics_event(replica: Replica) -> None:
    block = schedule.day_plan(replica, MONDAY).columns[1].blocks[1]
    made = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    business = "Clínica Sur; Centro, la sede con el nombre más largo de toda la ciudad"
    text = booking_ics(block, business, "Dra. Ana", "Av. Siempre Viva 742, CABA", stamped=made)
    # Read back by the library, as a calendar program would read it.
    calendar = icalendar.Calendar.from_ical(text)
    assert (str(calendar["version"]), str(calendar["method"])) == ("2.0", "PUBLISH")
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == "b2@turnero"
    assert event.decoded("dtstart") == at(MONDAY, "10:00")
    assert event.decoded("dtend") == at(MONDAY, "10:30")
    assert event.decoded("dtstamp") == made
    assert str(event["summary"]) == f"Consulta — {business}"
    assert str(event["location"]) == "Av. Siempre Viva 742, CABA"
    assert str(event["description"]) == f"Dra. Ana. Code {block.code}"
    assert str(event["status"]) == "CONFIRMED"
    spanish = booking_ics(block, "Clínica Sur", "Dra. Ana", code_label="Código", stamped=made)
    [event] = icalendar.Calendar.from_ical(spanish).walk("VEVENT")
    assert str(event["description"]) == f"Dra. Ana. Código {block.code}"
    assert "location" not in event
    # RFC 5545 on the wire: CRLF lines of at most 75 octets, special characters escaped.
    lines = text.split("\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert all(len(x.encode()) <= 75 for x in lines)
    assert "LOCATION:Av. Siempre Viva 742\\, CABA" in lines
    assert any(line.startswith(" ") for line in lines)  # the long summary was folded


def test_a_customer_made_at_the_desk_shows_its_phone_as_the_server_keeps_it(
    replica: Replica,
) -> None:
    final, effect = effects.prepare(
        replica,
        "customer.create",
        {"first_name": "Ana", "last_name": "Sosa", "phone": "11 4567-8901"},
    )
    assert final.wire()["phone"] == "+541145678901"
    [(entity, _id, shown)] = effect
    assert (entity, shown["phone"] if shown else None) == ("customer", "+541145678901")
    with pytest.raises(InvalidValueError) as err:
        effects.prepare(replica, "customer.update", {"customer_id": "c1", "phone": "4567-8901"})
    assert (err.value.field, err.value.code) == ("phone", "invalid_phone")
