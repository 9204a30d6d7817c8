import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.availability import Slot, busy_range, check_bookable, free_slots
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
