"""The demo clinic is complete and obeys every rule the server enforces, and whatever
the instant it is built at, it opens on a working day with people to check in.

Every test states the instant it builds the demo for: none reads the real clock.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.domain.availability import check_bookable
from app.domain.bookings import ACTIVE_STATUSES, BookingStatus
from app.domain.payments import PaymentStatus
from app.domain.timezones import zone
from app.domain.walkins import WalkinStatus
from server.catalogue import load
from server.db.engine import ALL_TENANTS, make_session_factory
from server.demo import DEMO_MORNING, DEMO_PASSWORD, RECEPTION_EMAIL, DemoSummary, build_demo
from server.models import Booking, Customer, Payment, Provider, Service, WalkinTicket
from server.setup import services
from tests.helpers.clinic import make_client

BA = zone("America/Argentina/Buenos_Aires")
S = BookingStatus
# A Tuesday at 11:00 in Buenos Aires: every provider but the nutritionist at work.
TUESDAY_MORNING = datetime(2026, 11, 24, 11, 0, tzinfo=BA)


def test_demo_clinic_is_complete_and_consistent(store: Engine) -> None:
    with make_session_factory(store, scope=ALL_TENANTS)() as s:
        summary = build_demo(s, now=TUESDAY_MORNING)
        s.commit()
        assert summary.as_of == TUESDAY_MORNING  # the clinic is busy: the real time is kept
        assert (summary.providers, summary.services, summary.customers) == (6, 12, 300)
        assert s.query(Provider).count() == 6
        assert s.query(Service).count() == 12
        assert s.query(Customer).count() == 300
        bookings = s.scalars(select(Booking)).all()
        assert set(Counter(b.status for b in bookings)) == {st.value for st in BookingStatus}
        assert len({b.series_id for b in bookings if b.series_id}) == 1
        assert s.query(WalkinTicket).count() > 0
        days = {b.start_at.astimezone(BA).date() for b in bookings}
        assert max(days) - min(days) >= timedelta(days=13)  # two weeks around today
        assert_rules_hold(s, summary)
        phones = [c.phone for c in s.scalars(select(Customer))]
        assert all(re.fullmatch(r"\+549\d{10}", p) for p in phones)
        assert len({c.national_id for c in s.scalars(select(Customer))}) == 300


@pytest.fixture
def machine_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test with the machine's local time zone set to `request.param`."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


# (label, the real instant the demo is started at, the machine's zone, the demo's "now")
INSTANTS = [
    ("weekday 11:00", TUESDAY_MORNING, "UTC", TUESDAY_MORNING),
    (
        "weekday 15:10",
        datetime(2026, 11, 26, 15, 10, tzinfo=BA),
        "UTC",
        datetime(2026, 11, 26, 15, 10, tzinfo=BA),
    ),
    (
        "Saturday 16:30",
        datetime(2026, 11, 28, 16, 30, tzinfo=BA),
        "UTC",
        datetime(2026, 11, 28, 11, 0, tzinfo=BA),
    ),
    (
        "Sunday 23:50",
        datetime(2026, 11, 29, 23, 50, tzinfo=BA),
        "Asia/Tokyo",
        datetime(2026, 11, 29, 11, 0, tzinfo=BA),
    ),
    (
        "Monday 00:05",
        datetime(2026, 11, 30, 0, 5, tzinfo=BA),
        "Pacific/Kiritimati",
        datetime(2026, 11, 30, 11, 0, tzinfo=BA),
    ),
    # The machine's clocks go forward in New York that Sunday morning, back in Berlin.
    (
        "US DST start",
        datetime(2026, 3, 8, 6, 45, tzinfo=UTC),
        "America/New_York",
        datetime(2026, 3, 8, 11, 0, tzinfo=BA),
    ),
    (
        "EU DST end",
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
        "Europe/Berlin",
        datetime(2026, 10, 24, 11, 0, tzinfo=BA),
    ),
]


@pytest.mark.parametrize(
    ("started", "machine_zone", "as_of"),
    [pytest.param(started, tz, as_of, id=label) for label, started, tz, as_of in INSTANTS],
    indirect=["machine_zone"],
)
def test_the_demo_opens_on_a_working_day_at_any_instant(
    sqlite_store: Engine, started: datetime, machine_zone: str, as_of: datetime
) -> None:
    with make_session_factory(sqlite_store, scope=ALL_TENANTS)() as s:
        summary = build_demo(s, now=started)
        s.commit()
        # The day the desk opens on (today, where the clinic is) is the day shown.
        assert summary.as_of.astimezone(BA).date() == started.astimezone(BA).date()
        assert summary.as_of == as_of
        assert as_of == started or as_of.astimezone(BA).time() == DEMO_MORNING
        assert_rules_hold(s, summary)


def assert_rules_hold(s: Session, summary: DemoSummary) -> None:
    """What holds at every instant: the rules, statuses that agree with the demo's
    "now", and a day in progress that the user can work on."""
    now = summary.as_of
    today = now.astimezone(BA).date()
    bookings = s.scalars(select(Booking)).all()
    active = [b for b in bookings if S(b.status) in ACTIVE_STATUSES]
    schedules = load(s, summary.tenant_id, -1).schedules
    for b in active:  # each fits its provider's hours and overlaps no other
        others = [
            (o.busy_from, o.busy_until)
            for o in active
            if o.provider_id == b.provider_id and o.booking_id != b.booking_id
        ]
        service = s.get_one(Service, (b.tenant_id, b.service_id))
        check_bookable(
            b.start_at, services.service_spec(service), schedules[b.provider_id], others, BA
        )
    for b in bookings:  # nothing has happened after "now", everything before it has
        start, end, status = b.start_at, b.end_at, S(b.status)
        if status in (S.COMPLETED, S.NO_SHOW):
            assert end <= now, (status, start)
        elif status is S.IN_SERVICE:
            assert start <= now < end
        elif status is not S.CANCELLED:
            assert start > now, (status, start)
    todays = [b for b in bookings if b.start_at.astimezone(BA).date() == today]
    statuses = Counter(S(b.status) for b in todays)
    assert statuses[S.IN_SERVICE] >= 1, statuses  # someone with a doctor
    assert statuses[S.CHECKED_IN] >= 1, statuses  # someone in the waiting room
    assert statuses[S.CONFIRMED] >= 3, statuses  # people still to check in today
    assert statuses[S.COMPLETED] >= 1, statuses  # a morning already worked
    providers_today = {b.provider_id for b in todays if S(b.status) in ACTIVE_STATUSES}
    assert len(providers_today) >= 2
    done = {b.booking_id for b in bookings if S(b.status) is S.COMPLETED}
    payments = s.scalars(select(Payment)).all()
    assert payments
    assert all(p.booking_id in done for p in payments)
    assert all(p.created_at <= now for p in payments if p.status == PaymentStatus.COMPLETED)
    tickets = s.scalars(select(WalkinTicket)).all()
    assert {t.day for t in tickets} == {today}
    assert any(t.status == WalkinStatus.WAITING for t in tickets)
    assert all(t.issued_at <= now for t in tickets)


def test_demo_login_signs_in(sqlite_store: Engine) -> None:
    with make_session_factory(sqlite_store, scope=ALL_TENANTS)() as s:
        build_demo(s, now=TUESDAY_MORNING)
        s.commit()
    with make_client(sqlite_store) as client:
        response = client.post(
            "/auth/sign-in", json={"email": RECEPTION_EMAIL, "password": DEMO_PASSWORD}
        )
    assert response.status_code == 200
    assert response.json()["tenant"]["name"] == "Clínica San Martín"
