"""What the queue board shows and announces, from rows as its replica holds them, at
fixed instants (Buenos Aires, Tuesday 2026-12-01)."""

from __future__ import annotations

import io
import wave
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.board import (
    ANNOUNCE_WITHIN,
    NEXT_SHOWN,
    Announcer,
    arrange,
    newly_called,
    offline_since,
)
from app.chime import RATE, chime_wav

TZ = ZoneInfo("America/Argentina/Buenos_Aires")
TODAY = date(2026, 12, 1)
NOON = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 12:00 in Buenos Aires
LOPEZ, GOMEZ = "p-lopez", "p-gomez"
PROVIDERS = [
    {"provider_id": LOPEZ, "display_name": "Dr. López", "active": True},
    {"provider_id": GOMEZ, "display_name": "Dra. Gómez", "active": True},
    {"provider_id": "p-gone", "display_name": "Dr. Ido", "active": False},
]


def ticket(
    n: int, status: str, provider: str | None = None, called: datetime | None = None, **kw: Any
) -> dict[str, Any]:
    return {
        "ticket_id": f"t{n}",
        "day": kw.get("day", TODAY.isoformat()),
        "number": n,
        "label": f"M{n:03d}",
        "provider_id": provider,
        "status": status,
        "issued_at": (NOON - timedelta(minutes=60 - n)).isoformat(),
        "called_at": called.isoformat() if called else None,
    }


def booking(code: str, status: str, provider: str, minutes: int) -> dict[str, Any]:
    return {
        "booking_id": f"b-{code}",
        "code": code,
        "provider_id": provider,
        "start_at": (NOON + timedelta(minutes=minutes)).isoformat(),
        "status": status,
    }


def test_each_provider_card_shows_who_is_served_and_the_next_in_order() -> None:
    tickets = [
        ticket(1, "called", LOPEZ, NOON - timedelta(minutes=1)),
        ticket(2, "waiting", LOPEZ),
        ticket(3, "waiting"),  # for whoever is free: the common line
        ticket(4, "served", GOMEZ),
        ticket(5, "waiting"),
    ]
    bookings = [
        booking("ZZZ999", "checked_in", LOPEZ, 30),
        booking("AAA111", "checked_in", LOPEZ, -10),  # earlier start: seen first
        booking("GGG222", "in_service", GOMEZ, 0),
        booking("CCC333", "completed", GOMEZ, -30),
    ]
    view = arrange(tickets, bookings, PROVIDERS, TODAY, TZ)
    assert [(lane.name, [e.label for e in lane.now], lane.next) for lane in view.lanes] == [
        ("Dr. López", ["M001"], ("M002", "AAA111", "ZZZ999")),
        ("Dra. Gómez", ["GGG222"], ()),
    ]
    assert view.waiting == ("M003", "M005")
    assert {e.label for e in view.called} == {"M001", "GGG222"}


def test_a_called_ticket_with_no_provider_goes_to_the_counter_card_first() -> None:
    view = arrange(
        [ticket(7, "called", None, NOON), ticket(8, "serving", None, NOON - timedelta(minutes=3))],
        [],
        PROVIDERS,
        TODAY,
        TZ,
    )
    counter = view.lanes[0]
    assert counter.provider_id is None
    assert counter.name == ""
    assert [e.label for e in counter.now] == ["M007", "M008"]  # the latest call first


def test_with_nothing_going_on_every_active_provider_has_a_card() -> None:
    view = arrange([], [], PROVIDERS, TODAY, TZ)
    assert [lane.name for lane in view.lanes] == ["Dr. López", "Dra. Gómez"]
    assert all(not lane.now and not lane.next for lane in view.lanes)


def test_yesterdays_rows_and_bookings_without_a_code_stay_off() -> None:
    view = arrange(
        [ticket(1, "called", LOPEZ, NOON, day="2026-11-30")],
        [
            booking("", "in_service", LOPEZ, 0),  # made offline: no code yet
            {**booking("OLD000", "in_service", LOPEZ, 0), "start_at": "2026-11-30T15:00:00+00:00"},
        ],
        PROVIDERS,
        TODAY,
        TZ,
    )
    assert view.called == ()


def test_the_next_few_are_only_a_few() -> None:
    tickets = [ticket(n, "waiting", LOPEZ) for n in range(1, 10)]
    (lane, *_) = arrange(tickets, [], PROVIDERS, TODAY, TZ).lanes
    assert lane.next == tuple(f"M{n:03d}" for n in range(1, NEXT_SHOWN + 1))


def test_calls_stamped_the_same_instant_go_by_their_numbers() -> None:
    """A server whose clock stands still stamps every call alike: the desk calls the
    line in order, so the higher number is the later call, shown and announced last."""
    tickets = [ticket(n, "called", None, NOON) for n in (7, 9, 8)]
    view = arrange(tickets, [], PROVIDERS, TODAY, TZ)
    assert [e.label for e in view.lanes[0].now] == ["M009", "M008", "M007"]
    calls = newly_called(frozenset(), view, {})
    assert [c.label for c in calls] == ["M007", "M008", "M009"]


def test_a_call_is_announced_once_and_a_call_again_is_announced_again() -> None:
    names = {LOPEZ: "Dr. López"}
    announcer = Announcer()
    waiting = arrange([ticket(5, "waiting", LOPEZ)], [], PROVIDERS, TODAY, TZ)
    assert announcer.update(waiting, names) == []  # the first read: nothing new
    called = arrange([ticket(5, "called", LOPEZ, NOON)], [], PROVIDERS, TODAY, TZ)
    (call,) = announcer.update(called, names)
    assert (call.label, call.provider) == ("M005", "Dr. López")
    assert announcer.update(called, names) == []
    again = NOON + timedelta(minutes=1)
    recalled = arrange([ticket(5, "called", LOPEZ, again)], [], PROVIDERS, TODAY, TZ)
    assert [c.label for c in announcer.update(recalled, names)] == ["M005"]


def test_a_booking_going_in_service_is_announced_with_its_code() -> None:
    before = arrange([], [booking("ABC123", "checked_in", GOMEZ, 0)], PROVIDERS, TODAY, TZ)
    after = arrange([], [booking("ABC123", "in_service", GOMEZ, 0)], PROVIDERS, TODAY, TZ)
    seen = frozenset(e.key for e in before.called)
    (call,) = newly_called(seen, after, {GOMEZ: "Dra. Gómez"})
    assert (call.label, call.provider) == ("ABC123", "Dra. Gómez")


def test_of_calls_seen_together_only_the_latest_few_are_announced() -> None:
    """A board back from an hour offline does not replay the hour's calls; judged by
    the calls' instants, not the board's own clock."""
    old = NOON - ANNOUNCE_WITHIN - timedelta(seconds=1)
    recent = NOON - ANNOUNCE_WITHIN
    view = arrange(
        [
            ticket(1, "called", None, old),
            ticket(2, "called", None, NOON),
            ticket(3, "called", None, recent),
        ],
        [booking("ABC123", "in_service", GOMEZ, 0)],
        PROVIDERS,
        TODAY,
        TZ,
    )
    calls = newly_called(frozenset(), view, {GOMEZ: "Dra. Gómez"})
    assert [c.label for c in calls] == ["M003", "M002", "ABC123"]
    assert {e.label for e in view.lanes[0].now} == {"M001", "M002", "M003"}


def test_offline_since_is_the_last_sync_only_while_offline() -> None:
    last = "2026-12-01T13:42:00+00:00"
    assert offline_since("offline", last) == datetime(2026, 12, 1, 13, 42, tzinfo=UTC)
    assert offline_since("online", last) is None
    assert offline_since("offline", None) is None


def test_the_chime_is_a_short_wav_that_rings_and_fades() -> None:
    data = chime_wav()
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE)
        frames = w.readframes(w.getnframes())
        seconds = w.getnframes() / RATE
    assert 0.5 < seconds < 1.5
    samples = memoryview(frames).cast("h")
    loud = max(abs(s) for s in samples[: RATE // 10])
    tail = max(abs(s) for s in samples[-RATE // 20 :])
    assert loud > 5000
    assert tail < loud / 4
