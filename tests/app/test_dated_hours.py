"""Weeks of hours that take over from a date: which week a local day keeps, and the
bookability rule, slots and impact that follow from it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.domain.availability import Hindrance, free_slots, why_not_bookable
from app.domain.impact import ImpactReason, Kept, schedule_impact
from app.domain.schedules import HoursRow, WeeklyInterval, WeekSet, schedule_from_rows
from app.domain.services import ServiceSpec

BA = ZoneInfo("America/Argentina/Buenos_Aires")
MARCH_1 = date(2027, 3, 1)  # a Monday
TUESDAY_BEFORE = date(2027, 2, 23)
TUESDAY_AFTER = date(2027, 3, 2)
SERVICE = ServiceSpec(duration_minutes=30)


def local(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=BA).astimezone(UTC)


def rows(valid_from: date | None, start: int, end: int, lunch: int | None = None) -> list[HoursRow]:
    """Every day from `start` to `end` o'clock, a break at `lunch`, from `valid_from`."""
    found = [HoursRow("work", d, time(start), time(end), valid_from) for d in range(7)]
    if lunch is not None:
        found += [HoursRow("break", d, time(lunch), time(lunch + 1), valid_from) for d in range(7)]
    return found


# Dr. López: 9-18 with lunch at 13 since always; from 1 March 10-19 without a break.
LOPEZ = schedule_from_rows("lopez", [*rows(None, 9, 18, lunch=13), *rows(MARCH_1, 10, 19)])


def test_a_day_keeps_the_week_that_started_last_on_or_before_it() -> None:
    day_before, day_of, day_after = MARCH_1 - timedelta(days=1), MARCH_1, MARCH_1 + timedelta(1)
    assert LOPEZ.week_on(day_before).valid_from is None
    assert LOPEZ.hours_on(day_before) == [WeeklyInterval(6, time(9), time(18))]
    assert LOPEZ.breaks_on(day_before) == [WeeklyInterval(6, time(13), time(14))]
    assert LOPEZ.week_on(day_of).valid_from == MARCH_1
    assert LOPEZ.hours_on(day_of) == [WeeklyInterval(0, time(10), time(19))]
    assert LOPEZ.breaks_on(day_of) == []  # the new week's breaks, not the old week's
    assert LOPEZ.hours_on(day_after) == [WeeklyInterval(1, time(10), time(19))]


def test_of_two_future_weeks_each_holds_until_the_next_takes_over() -> None:
    april = date(2027, 4, 5)
    schedule = schedule_from_rows(
        "lopez", [*rows(None, 9, 18), *rows(april, 8, 12), *rows(MARCH_1, 10, 19)]
    )
    assert [w.valid_from for w in schedule.weeks()] == [None, MARCH_1, april]
    assert schedule.hours_on(date(2027, 2, 28))[0].start == time(9)
    assert schedule.hours_on(MARCH_1)[0].start == time(10)
    assert schedule.hours_on(april - timedelta(days=1))[0].start == time(10)
    assert schedule.hours_on(april)[0].start == time(8)
    assert schedule.hours_on(date(2030, 1, 1))[0].start == time(8)


def test_without_an_undated_week_a_provider_works_only_from_the_first_date() -> None:
    schedule = schedule_from_rows("new", rows(MARCH_1, 9, 18))
    assert schedule.hours_on(MARCH_1 - timedelta(days=1)) == []
    assert schedule.hours_on(MARCH_1) != []


def test_bookability_and_slots_follow_the_week_of_the_day() -> None:
    # 09:00 on a Tuesday: under the old week before 1 March, outside the new one after.
    assert why_not_bookable(local(TUESDAY_BEFORE, 9), SERVICE, LOPEZ, [], BA) is None
    blocked = why_not_bookable(local(TUESDAY_AFTER, 9), SERVICE, LOPEZ, [], BA)
    assert blocked is not None
    assert blocked.reason is Hindrance.OUTSIDE_HOURS
    # 13:00: the old week's lunch, free in the new week; 18:30 only in the new week.
    blocked = why_not_bookable(local(TUESDAY_BEFORE, 13), SERVICE, LOPEZ, [], BA)
    assert blocked is not None
    assert blocked.reason is Hindrance.BREAK
    assert why_not_bookable(local(TUESDAY_AFTER, 13), SERVICE, LOPEZ, [], BA) is None
    assert why_not_bookable(local(TUESDAY_AFTER, 18, 30), SERVICE, LOPEZ, [], BA) is None
    before = free_slots(TUESDAY_BEFORE, BA, SERVICE, [LOPEZ], {}, 60)
    after = free_slots(TUESDAY_AFTER, BA, SERVICE, [LOPEZ], {}, 60)
    assert [s.start_at for s in before][:1] == [local(TUESDAY_BEFORE, 9)]
    assert local(TUESDAY_BEFORE, 13) not in [s.start_at for s in before]
    assert next(s.start_at for s in after) == local(TUESDAY_AFTER, 10)
    assert local(TUESDAY_AFTER, 13) in [s.start_at for s in after]


def test_a_dated_week_breaks_only_the_bookings_from_its_day_on() -> None:
    old = schedule_from_rows("lopez", rows(None, 9, 18))
    new = old.with_week(WeekSet(MARCH_1, [WeeklyInterval(d, time(10), time(19)) for d in range(7)]))

    def kept(booking_id: str, day: date) -> Kept:
        start = local(day, 9)
        end = start + timedelta(minutes=30)
        return Kept(booking_id, "lopez", "consult", start, end, start, end)

    found = schedule_impact(
        [kept("before", TUESDAY_BEFORE), kept("on", MARCH_1), kept("after", TUESDAY_AFTER)],
        {"lopez": old},
        {"lopez": new},
        {"lopez": BA},
    )
    assert found == {"on": ImpactReason.OUTSIDE_HOURS, "after": ImpactReason.OUTSIDE_HOURS}


def test_an_empty_dated_week_is_removed_and_the_week_before_stays_in_force() -> None:
    removed = LOPEZ.with_week(WeekSet(MARCH_1, [], []))
    assert removed.dated == ()
    assert removed.hours_on(TUESDAY_AFTER) == [WeeklyInterval(1, time(9), time(18))]
    replaced = LOPEZ.with_week(WeekSet(MARCH_1, [WeeklyInterval(1, time(7), time(8))]))
    assert replaced.hours_on(TUESDAY_AFTER) == [WeeklyInterval(1, time(7), time(8))]
    assert len(replaced.dated) == 1
