"""The demo clinic is complete and obeys every rule the server enforces."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

from sqlalchemy import Engine, select

from app.domain.availability import check_bookable
from app.domain.bookings import ACTIVE_STATUSES, BookingStatus
from app.domain.timezones import zone
from server.catalogue import load
from server.db.engine import make_session_factory
from server.demo import DEMO_PASSWORD, RECEPTION_EMAIL, build_demo
from server.models import Booking, Customer, Provider, Service, WalkinTicket
from server.setup import service as setup
from tests.helpers.clinic import make_client


def test_demo_clinic_is_complete_and_consistent(store: Engine) -> None:
    with make_session_factory(store)() as s:
        summary = build_demo(s)
        s.commit()
        assert (summary.providers, summary.services, summary.customers) == (6, 12, 300)
        assert s.query(Provider).count() == 6
        assert s.query(Service).count() == 12
        assert s.query(Customer).count() == 300
        bookings = s.scalars(select(Booking)).all()
        assert set(Counter(b.status for b in bookings)) == {st.value for st in BookingStatus}
        assert len({b.series_id for b in bookings if b.series_id}) == 1
        assert s.query(WalkinTicket).count() > 0
        tz = zone("America/Argentina/Buenos_Aires")
        days = {b.start_at.astimezone(tz).date() for b in bookings}
        assert max(days) - min(days) >= timedelta(days=13)  # two weeks around today
        # Every active booking fits its provider's hours and overlaps no other.
        active = [b for b in bookings if BookingStatus(b.status) in ACTIVE_STATUSES]
        schedules = load(s, summary.tenant_id, -1).schedules
        for b in active:
            schedule = schedules[b.provider_id]
            others = [
                (o.busy_from, o.busy_until)
                for o in active
                if o.provider_id == b.provider_id and o.booking_id != b.booking_id
            ]
            service = s.get_one(Service, (b.tenant_id, b.service_id))
            check_bookable(b.start_at, setup.service_spec(service), schedule, others, tz)
        phones = [c.phone for c in s.scalars(select(Customer))]
        assert all(re.fullmatch(r"\+549\d{10}", p) for p in phones)
        assert len({c.national_id for c in s.scalars(select(Customer))}) == 300


def test_demo_login_signs_in(sqlite_store: Engine) -> None:
    with make_session_factory(sqlite_store)() as s:
        build_demo(s)
        s.commit()
    with make_client(sqlite_store) as client:
        response = client.post(
            "/auth/sign-in", json={"email": RECEPTION_EMAIL, "password": DEMO_PASSWORD}
        )
    assert response.status_code == 200
    assert response.json()["tenant"]["name"] == "Clínica San Martín"
