from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidValueError
from app.domain.timezones import DEFAULT_TIME_ZONE, day_bounds, local_to_utc, zone

MADRID = ZoneInfo("Europe/Madrid")
SANTIAGO = ZoneInfo("America/Santiago")


def test_default_zone_is_buenos_aires() -> None:
    assert zone(DEFAULT_TIME_ZONE).key == "America/Argentina/Buenos_Aires"


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../etc/passwd", "America/Buenos Aires"])
def test_unknown_zones_are_refused_with_the_field_named(name: str) -> None:
    with pytest.raises(InvalidValueError) as err:
        zone(name)
    assert err.value.field == "time_zone"
    assert err.value.code == "unknown_time_zone"


def test_a_skipped_wall_time_resolves_to_the_jump() -> None:
    # Madrid, 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    assert local_to_utc(date(2026, 3, 29), time(2, 30), MADRID) == datetime(
        2026, 3, 29, 1, 0, tzinfo=UTC
    )


def test_a_repeated_wall_time_gives_first_or_last_occurrence() -> None:
    # Madrid, 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice.
    day = date(2026, 10, 25)
    assert local_to_utc(day, time(2, 30), MADRID) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert local_to_utc(day, time(2, 30), MADRID, latest=True) == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )


def test_santiago_day_that_starts_at_one() -> None:
    # Chile moves its clocks at 24:00: on 2026-09-06, midnight does not exist.
    start, end = day_bounds(date(2026, 9, 6), SANTIAGO)
    assert start.astimezone(SANTIAGO).time() == time(1, 0)
    assert end - start == timedelta(hours=23)


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.times(),
    st.sampled_from([MADRID, SANTIAGO, ZoneInfo(DEFAULT_TIME_ZONE)]),
)
def test_local_to_utc_lands_on_a_real_instant_not_before_the_wall_time(
    day: date, wall: time, tz: ZoneInfo
) -> None:
    instant = local_to_utc(day, wall, tz)
    assert instant.tzinfo is UTC
    shown = instant.astimezone(tz).replace(tzinfo=None)
    wanted = datetime.combine(day, wall)
    # Either the wall time exists and is shown exactly, or it was skipped and we are at
    # the first instant after the gap (never more than the gap, an hour or less, away).
    assert shown == wanted or timedelta(0) < shown - wanted <= timedelta(hours=1)
