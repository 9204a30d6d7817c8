import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.availability import (
    Blocked,
    Held,
    Hindrance,
    Slot,
    busy_range,
    check_bookable,
    free_slots,
    next_free_slots,
    why_not_bookable,
)
from app.domain.errors import ConflictError
from app.domain.schedules import ProviderSchedule, TimeOff, WeeklyInterval
from app.domain.services import ServiceSpec

BA = ZoneInfo("America/Argentina/Buenos_Aires")
MADRID = ZoneInfo("Europe/Madrid")
SANTIAGO = ZoneInfo("America/Santiago")
MONDAY = date(2026, 11, 30)


def weekdays(start: time, end: time) -> list[WeeklyInterval]:
    return [WeeklyInterval(d, start, end) for d in range(7)]


def local(day: date, hh: int, mm: int = 0, tz: ZoneInfo = BA) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=tz).astimezone(UTC)


def labels(slots: list[Slot], tz: ZoneInfo = BA) -> list[str]:
    return [s.start_at.astimezone(tz).strftime("%H:%M") for s in slots]


ANA = ProviderSchedule("ana", weekdays(time(9), time(12)))
SERVICE_30 = ServiceSpec(duration_minutes=30)


def test_slots_cover_working_hours_at_the_granularity() -> None:
    slots = free_slots(MONDAY, BA, SERVICE_30, [ANA], {}, 30)
    assert labels(slots) == ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]
    assert all(s.provider_ids == ("ana",) for s in slots)


def test_buffers_hold_the_provider_before_and_after() -> None:
    service = ServiceSpec(duration_minutes=30, buffer_before_minutes=10, buffer_after_minutes=15)
    booked = busy_range(local(MONDAY, 10), service)  # 09:50 to 10:45
    slots = free_slots(MONDAY, BA, service, [ANA], {"ana": [booked]}, 15)
    # 09:00 would need 08:50 (before opening); 09:15 needs until 09:55 (clashes with 09:50);
    # after the booking the earliest is 10:55, so the grid gives 11:00; the last must end
    # its cleanup by 12:00, so 11:15 is the last start.
    assert labels(slots) == ["11:00", "11:15"]


def test_breaks_and_time_off_are_not_offered() -> None:
    schedule = ProviderSchedule(
        "ana",
        weekdays(time(9), time(13)),
        breaks=[WeeklyInterval(MONDAY.weekday(), time(10), time(11))],
        time_off=[TimeOff(local(MONDAY, 12), local(MONDAY, 13), "dentist")],
    )
    slots = free_slots(MONDAY, BA, SERVICE_30, [schedule], {}, 30)
    assert labels(slots) == ["09:00", "09:30", "11:00", "11:30"]


def test_any_provider_merges_and_names_who_is_free() -> None:
    bruno = ProviderSchedule("bruno", weekdays(time(11), time(13)))
    busy = {"ana": [busy_range(local(MONDAY, 11), SERVICE_30)]}
    slots = free_slots(MONDAY, BA, SERVICE_30, [ANA, bruno], busy, 30)
    by_label = dict(zip(labels(slots), [s.provider_ids for s in slots], strict=True))
    assert by_label["09:00"] == ("ana",)
    assert by_label["11:00"] == ("bruno",)
    assert by_label["11:30"] == ("ana", "bruno")
    assert by_label["12:30"] == ("bruno",)


def test_not_before_hides_past_slots() -> None:
    slots = free_slots(MONDAY, BA, SERVICE_30, [ANA], {}, 30, not_before=local(MONDAY, 10, 10))
    assert labels(slots)[0] == "10:30"


def test_a_day_off_has_no_slots() -> None:
    weekdays_only = ProviderSchedule(
        "ana", [WeeklyInterval(d, time(9), time(12)) for d in range(5)]
    )
    assert free_slots(date(2026, 12, 5), BA, SERVICE_30, [weekdays_only], {}, 30) == []


def test_madrid_spring_forward_offers_no_slot_in_the_missing_hour() -> None:
    day = date(2026, 3, 29)  # 02:00 -> 03:00
    night = ProviderSchedule("ana", weekdays(time(0, 0), time(5, 0)))
    slots = free_slots(day, MADRID, SERVICE_30, [night], {}, 30)
    shown = labels(slots, MADRID)
    assert not any(label.startswith("02:") for label in shown)
    assert shown[:4] == ["00:00", "00:30", "01:00", "01:30"]
    assert shown[4] == "03:00"
    # Four hours of real time from 00:00 to 05:00 local, less the slot that must end by 05:00.
    assert len(slots) == 4 * 2 - 0


def test_madrid_fall_back_offers_each_instant_once() -> None:
    day = date(2026, 10, 25)  # 03:00 -> 02:00
    night = ProviderSchedule("ana", weekdays(time(1, 0), time(4, 0)))
    slots = free_slots(day, MADRID, SERVICE_30, [night], {}, 30)
    starts = [s.start_at for s in slots]
    assert len(starts) == len(set(starts))
    # 01:00 local to 04:00 local is four real hours on this day.
    assert len(slots) == 8
    assert all((b - a) == timedelta(minutes=30) for a, b in itertools.pairwise(starts))


def test_santiago_midnight_that_does_not_exist() -> None:
    day = date(2026, 9, 6)  # 00:00 -> 01:00
    early = ProviderSchedule("ana", weekdays(time(0, 0), time(3, 0)))
    slots = free_slots(day, SANTIAGO, SERVICE_30, [early], {}, 30)
    assert labels(slots, SANTIAGO) == ["01:00", "01:30", "02:00", "02:30"]


def test_check_bookable_explains_why_not() -> None:
    busy = [busy_range(local(MONDAY, 10), SERVICE_30)]
    with pytest.raises(ConflictError) as err:
        check_bookable(local(MONDAY, 10, 15), SERVICE_30, ANA, busy, BA)
    assert (err.value.field, err.value.code) == ("start_at", "slot_taken")
    with pytest.raises(ConflictError) as err:
        check_bookable(local(MONDAY, 11, 45), SERVICE_30, ANA, busy, BA)
    assert err.value.code == "outside_working_hours"
    with_break = ProviderSchedule(
        "ana", ANA.hours, breaks=[WeeklyInterval(MONDAY.weekday(), time(11), time(11, 30))]
    )
    with pytest.raises(ConflictError) as err:
        check_bookable(local(MONDAY, 11), SERVICE_30, with_break, [], BA)
    assert err.value.code == "provider_unavailable"
    # Off-grid but free is fine.
    check_bookable(local(MONDAY, 10, 35), SERVICE_30, ANA, busy, BA)


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
    tz=st.sampled_from([BA, MADRID, SANTIAGO]),
    start_hour=st.integers(0, 20),
    length=st.integers(1, 8),
    duration=st.sampled_from([15, 20, 30, 45, 60]),
    before=st.sampled_from([0, 5, 10]),
    after=st.sampled_from([0, 5, 15]),
    granularity=st.sampled_from([10, 15, 30]),
    taken=st.lists(st.integers(0, 40), max_size=4),
)
def test_every_offered_slot_is_bookable_and_unique(
    day: date,
    tz: ZoneInfo,
    start_hour: int,
    length: int,
    duration: int,
    before: int,
    after: int,
    granularity: int,
    taken: list[int],
) -> None:
    end_hour = min(start_hour + length, 23)
    schedule = ProviderSchedule("p", weekdays(time(start_hour), time(end_hour)))
    service = ServiceSpec(duration, before, after)
    base = datetime.combine(day, time(start_hour), tzinfo=tz).astimezone(UTC)
    busy = [busy_range(base + timedelta(minutes=15 * k), service) for k in taken]
    slots = free_slots(day, tz, service, [schedule], {"p": busy}, granularity)
    starts = [s.start_at for s in slots]
    assert len(starts) == len(set(starts))
    for slot in slots:
        # Each slot exists on the wall clock (round trip) and belongs to that local day.
        shown = slot.start_at.astimezone(tz)
        assert shown.date() == day
        assert shown.astimezone(UTC) == slot.start_at
        check_bookable(slot.start_at, service, schedule, busy, tz)


def held_at(start: datetime, service: ServiceSpec) -> Held:
    busy = busy_range(start, service)
    return Held(start, start + service.duration, *busy)


def test_why_a_time_cannot_be_booked_names_what_is_in_the_way() -> None:
    """The desk's "no free time" becomes a reason: hours, break, time off, another
    booking, the buffer kept around another booking, or this service's own buffer."""
    clean_up = ServiceSpec(duration_minutes=30, buffer_after_minutes=10)
    prep = ServiceSpec(duration_minutes=30, buffer_before_minutes=15)
    schedule = ProviderSchedule(
        "ana",
        weekdays(time(9), time(14)),
        breaks=[WeeklyInterval(MONDAY.weekday(), time(12), time(12, 30))],
        time_off=[TimeOff(local(MONDAY, 13), local(MONDAY, 14), "dentist")],
    )
    booked = [held_at(local(MONDAY, 10), clean_up)]  # 10:00-10:30, held until 10:40

    def why(hh: int, mm: int, service: ServiceSpec = SERVICE_30) -> Blocked | None:
        return why_not_bookable(
            local(MONDAY, hh, mm), service, schedule, booked, BA, now=local(MONDAY, 9, 10)
        )

    assert why(9, 0) == Blocked(Hindrance.PAST)
    assert why(8, 30) == Blocked(Hindrance.PAST)  # before opening, and gone by anyway
    assert why(11, 0) is None
    assert why(10, 15) == Blocked(Hindrance.OVERLAP, (local(MONDAY, 10), local(MONDAY, 10, 30)))
    # The gap that looks free: 10:30 is inside the booking's 10 minutes of clean-up.
    assert why(10, 30) == Blocked(
        Hindrance.NEIGHBOUR_BUFFER, (local(MONDAY, 10), local(MONDAY, 10, 30))
    )
    assert why(10, 40) is None
    # A service that needs 15 minutes before: at 10:45 its preparation reaches back into
    # the 10:00 booking's clean-up.
    assert why(10, 45, prep) == Blocked(
        Hindrance.OWN_BUFFER, (local(MONDAY, 10), local(MONDAY, 10, 30))
    )
    assert why(10, 55, prep) is None
    assert why(11, 45) == Blocked(Hindrance.BREAK, (local(MONDAY, 12), local(MONDAY, 12, 30)))
    assert why(13, 30) == Blocked(Hindrance.TIME_OFF, (local(MONDAY, 13), local(MONDAY, 14)))
    assert why(13, 45, clean_up) == Blocked(Hindrance.OUTSIDE_HOURS)
    assert why(14, 0) == Blocked(Hindrance.OUTSIDE_HOURS)


def test_next_free_slots_go_on_to_the_next_days() -> None:
    day_full = [busy_range(local(MONDAY, 9), ServiceSpec(duration_minutes=180))]
    found = next_free_slots(local(MONDAY, 9), BA, SERVICE_30, [ANA], {"ana": day_full}, 30, count=4)
    tuesday = MONDAY + timedelta(days=1)
    assert [s.start_at for s in found] == [
        local(tuesday, 9),
        local(tuesday, 9, 30),
        local(tuesday, 10),
        local(tuesday, 10, 30),
    ]
    later = next_free_slots(local(MONDAY, 10, 40), BA, SERVICE_30, [ANA], {}, 30, count=2)
    assert [s.start_at for s in later] == [local(MONDAY, 11), local(MONDAY, 11, 30)]


@settings(max_examples=60, deadline=None)
@given(
    tz=st.sampled_from([BA, MADRID]),
    duration=st.sampled_from([15, 30, 45]),
    before=st.sampled_from([0, 5, 15]),
    after=st.sampled_from([0, 10]),
    others=st.lists(
        st.tuples(st.integers(0, 30), st.sampled_from([0, 5, 15]), st.sampled_from([0, 10])),
        max_size=4,
    ),
    break_at=st.integers(9, 12),
    off_at=st.integers(9, 12),
)
def test_a_time_is_offered_exactly_when_nothing_is_in_its_way(
    tz: ZoneInfo,
    duration: int,
    before: int,
    after: int,
    others: list[tuple[int, int, int]],
    break_at: int,
    off_at: int,
) -> None:
    """free_slots (the fast path) and why_not_bookable (the told rule) agree, and
    check_bookable refuses exactly what why_not_bookable explains."""
    schedule = ProviderSchedule(
        "p",
        weekdays(time(9), time(13)),
        breaks=[WeeklyInterval(MONDAY.weekday(), time(break_at), time(break_at, 20))],
        time_off=[TimeOff(local(MONDAY, off_at, 40, tz), local(MONDAY, off_at + 1, tz=tz))],
    )
    service = ServiceSpec(duration, before, after)
    booked = [
        held_at(local(MONDAY, 9, tz=tz) + timedelta(minutes=10 * k), ServiceSpec(20, b, a))
        for k, b, a in others
    ]
    busy = [(h.busy_from, h.busy_until) for h in booked]
    offered = {s.start_at for s in free_slots(MONDAY, tz, service, [schedule], {"p": busy}, 5)}
    candidate = local(MONDAY, 8, tz=tz)
    while candidate < local(MONDAY, 14, tz=tz):
        blocked = why_not_bookable(candidate, service, schedule, booked, tz)
        assert (blocked is None) == (candidate in offered), (candidate, blocked)
        if blocked is None:
            check_bookable(candidate, service, schedule, busy, tz)
        else:
            with pytest.raises(ConflictError):
                check_bookable(candidate, service, schedule, busy, tz)
        candidate += timedelta(minutes=5)
