import itertools
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.bookings import (
    ACTIVE_STATUSES,
    TRANSITIONS,
    BookingStatus,
    check_arrival_day,
    check_transition,
    parse_status,
    weekly_series,
)
from app.domain.errors import ConflictError, InvalidValueError

S = BookingStatus


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.REQUESTED, S.CONFIRMED),
        (S.CONFIRMED, S.CHECKED_IN),
        (S.CHECKED_IN, S.IN_SERVICE),
        (S.IN_SERVICE, S.COMPLETED),
        (S.CONFIRMED, S.NO_SHOW),
        (S.CONFIRMED, S.CANCELLED),
    ],
)
def test_the_day_of_a_booking_is_allowed(current: S, target: S) -> None:
    check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.COMPLETED, S.CANCELLED),
        (S.CANCELLED, S.CONFIRMED),
        (S.NO_SHOW, S.CHECKED_IN),
        (S.IN_SERVICE, S.NO_SHOW),
        (S.CHECKED_IN, S.NO_SHOW),
        (S.REQUESTED, S.COMPLETED),
        (S.CONFIRMED, S.CONFIRMED),
    ],
)
def test_forbidden_transitions_name_the_status_field(current: S, target: S) -> None:
    with pytest.raises(ConflictError) as err:
        check_transition(current, target)
    assert err.value.field == "status"
    assert err.value.code == "transition_not_allowed"
    assert current.value in err.value.message


@given(st.sampled_from(list(S)), st.sampled_from(list(S)))
def test_transition_check_agrees_with_the_table(current: S, target: S) -> None:
    allowed = target in TRANSITIONS[current]
    try:
        check_transition(current, target)
        accepted = True
    except ConflictError:
        accepted = False
    assert accepted == allowed


def test_final_statuses_lead_nowhere_and_free_the_slot_when_they_should() -> None:
    for final in (S.COMPLETED, S.CANCELLED, S.NO_SHOW):
        assert not TRANSITIONS[final]
    assert S.CANCELLED not in ACTIVE_STATUSES
    assert S.NO_SHOW not in ACTIVE_STATUSES
    assert S.COMPLETED in ACTIVE_STATUSES


def test_unknown_status_is_an_invalid_value() -> None:
    with pytest.raises(InvalidValueError) as err:
        parse_status("arrived")
    assert err.value.field == "status"


def test_weekly_series_keeps_local_time_across_dst() -> None:
    madrid = ZoneInfo("Europe/Madrid")
    # 10:00 CET on 2026-03-22; DST starts 2026-03-29 in Madrid.
    first = datetime(2026, 3, 22, 9, 0, tzinfo=UTC)
    starts = weekly_series(first, madrid, every_weeks=1, count=3)
    assert [s.astimezone(madrid).hour for s in starts] == [10, 10, 10]
    assert [s.hour for s in starts] == [9, 8, 8]  # the UTC hour moves instead


def test_series_every_two_weeks_and_its_limits() -> None:
    tz = ZoneInfo("America/Argentina/Buenos_Aires")
    first = datetime(2026, 12, 1, 13, 0, tzinfo=UTC)
    starts = weekly_series(first, tz, every_weeks=2, count=4)
    assert [(b - a).days for a, b in itertools.pairwise(starts)] == [14, 14, 14]
    with pytest.raises(InvalidValueError) as err:
        weekly_series(first, tz, every_weeks=1, count=0)
    assert err.value.field == "repeat.count"


def test_only_a_booking_of_the_local_day_can_arrive() -> None:
    """Today is the business's day: at 22:30 in Buenos Aires (01:30 UTC next day) the
    evening's bookings still arrive, and tomorrow's do not."""
    ba = ZoneInfo("America/Argentina/Buenos_Aires")
    evening = datetime(2026, 11, 20, 21, 0, tzinfo=ba)
    now = datetime(2026, 11, 20, 22, 30, tzinfo=ba)
    check_arrival_day(evening, now, ba)
    check_arrival_day(datetime(2026, 11, 20, 0, 0, tzinfo=ba), now, ba)
    for other in (datetime(2026, 11, 21, 9, 0, tzinfo=ba), datetime(2026, 11, 17, 9, 0, tzinfo=ba)):
        with pytest.raises(ConflictError) as refused:
            check_arrival_day(other, now, ba)
        assert (refused.value.field, refused.value.code) == ("status", "not_today")
        assert other.date().isoformat() in refused.value.message
    # The same instants judged in Madrid: it is already the 21st there at `now`.
    morning = datetime(2026, 11, 20, 10, 0, tzinfo=ba)
    check_arrival_day(morning, now, ba)
    with pytest.raises(ConflictError):
        check_arrival_day(morning, now, ZoneInfo("Europe/Madrid"))
