"""The setup client's own rules: what a PATCH carries, hours as typed, a refusal's
bookings. No server: these are the client's choices, not the server's."""

from __future__ import annotations

from datetime import date, time

import pytest

from app import setup_client as sc
from app.domain.errors import InvalidValueError
from app.sync.api import RefusedError


def test_a_tenant_change_carries_only_what_changed_with_branding_apart() -> None:
    assert sc.TenantChange().body() == {}
    body = sc.TenantChange(name="Clínica", slot_minutes=20, primary_colour="#112233").body()
    assert body == {
        "name": "Clínica",
        "slot_minutes": 20,
        "branding": {"primary_colour": "#112233"},
    }
    # "" removes the logo: it is sent, unlike None.
    assert sc.TenantChange(logo_base64="").body() == {"branding": {"logo_base64": ""}}


def test_hours_are_read_as_spans_in_order() -> None:
    assert sc.parse_intervals("14:30-18, 9-13", 2, "hours") == [
        sc.Interval(2, time(9), time(13)),
        sc.Interval(2, time(14, 30), time(18)),
    ]
    assert sc.parse_intervals(" ", 0, "hours") == []
    assert sc.intervals_text(sc.parse_intervals("9-13;14-18", 0, "hours")) == (
        "09:00-13:00, 14:00-18:00"
    )


@pytest.mark.parametrize("typed", ["9 to 13", "13-9", "25:00-26:00", "9:75-10"])
def test_a_span_that_is_not_one_is_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        sc.parse_intervals(typed, 0, "monday")
    assert (refused.value.field, refused.value.code) == ("monday", "invalid_interval")


def test_hours_go_to_the_server_as_wall_times() -> None:
    hours = sc.Hours(
        (sc.Interval(0, time(9), time(13)),), (sc.Interval(0, time(11), time(11, 15)),)
    )
    assert hours.wire() == {
        "hours": [{"weekday": 0, "start": "09:00", "end": "13:00"}],
        "breaks": [{"weekday": 0, "start": "11:00", "end": "11:15"}],
    }
    assert sc.Hours.of(hours.wire()) == hours


def test_a_dated_week_carries_its_day_and_the_weeks_come_in_order() -> None:
    dated = sc.Hours((sc.Interval(1, time(10), time(19)),), (), date(2027, 3, 1))
    assert dated.wire()["valid_from"] == "2027-03-01"
    assert "valid_from" not in sc.Hours(()).wire()  # the week in force since always
    weeks = sc.Weeks.of(
        {
            "hours": [],
            "breaks": [],
            "weeks": [
                {"valid_from": "2027-04-05", "hours": [], "breaks": []},
                {"valid_from": None, "hours": [], "breaks": []},
                dated.wire(),
            ],
        }
    )
    assert [w.valid_from for w in weeks.weeks] == [None, date(2027, 3, 1), date(2027, 4, 5)]
    assert weeks.week(date(2027, 3, 1)) == dated
    assert weeks.week(date(2027, 3, 2)) is None
    assert sc.parse_valid_from(" ") is None
    assert sc.parse_valid_from("01/03/2027") == date(2027, 3, 1)
    with pytest.raises(InvalidValueError) as refused:
        sc.parse_valid_from("31/02/2027")
    assert refused.value.field == "valid_from"


def test_a_refusal_names_the_bookings_that_keep_a_provider_active() -> None:
    booking = {
        "booking_id": "b1",
        "code": "ABC123",
        "start_at": "2026-11-30T13:00:00+00:00",
        "end_at": "2026-11-30T13:30:00+00:00",
        "provider_id": "p1",
        "provider_name": "Laura",
        "service_name": "Consulta",
        "customer_name": "Ana",
        "reason": "provider_inactive",
    }
    refusal = RefusedError(
        409, "provider_has_future_bookings", "no", "PATCH", {"bookings": [booking]}
    )
    [found] = sc.blocking_bookings(refusal)
    assert (found.code, found.customer_name, found.reason) == ("ABC123", "Ana", "provider_inactive")
    assert sc.blocking_bookings(RefusedError(409, "conflict", "no", "PATCH")) == []


def test_staff_from_a_server_without_last_sign_in_reads_as_never() -> None:
    person = sc.Staff.of(
        {
            "user_id": "u1",
            "email": "a@b.test",
            "display_name": "A",
            "role": "admin",
            "provider_id": None,
            "active": True,
        }
    )
    assert person.last_sign_in_at is None
