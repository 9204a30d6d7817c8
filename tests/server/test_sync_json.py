"""On PostgreSQL a desk's page is made by the database (rows as JSON, the scope's rules
in SQL); it must say the same as the page the Python path projects (used for kiosks
and on SQLite), rows outside the scope included."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import ColumnElement, Engine, literal_column, select, update

from app.domain.staff import Role
from app.domain.timezones import zone
from app.sync.scope import DESK_DAYS_BACK
from server.db.engine import ALL_TENANTS, make_session_factory
from server.demo import build_demo
from server.deps import Principal
from server.models import (
    Booking,
    Customer,
    Location,
    Payment,
    Provider,
    Service,
    Tenant,
    TimeOff,
    WaitlistEntry,
    WalkinTicket,
)
from server.sync import pull
from server.sync.desk_page import desk_page
from server.sync.scopes import scope_for

# The demo and the scope as of a weekday morning: a Sunday's demo has fewer rows.
A_TUESDAY = datetime(2026, 11, 24, 11, 0, tzinfo=zone("America/Argentina/Buenos_Aires"))


def _normalise(value: Any) -> Any:
    """Instants may differ only in how many zeros end their fraction of a second."""
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _as_dict(data: str | None) -> dict[str, Any] | None:
    return None if data is None else {k: _normalise(v) for k, v in json.loads(data).items()}


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.PROVIDER, Role.HUB])
def test_database_made_page_matches_the_python_projection(pg_store: Engine, role: Role) -> None:
    with make_session_factory(pg_store, scope=ALL_TENANTS)() as s:
        summary = build_demo(s, now=A_TUESDAY)
        tid = summary.tenant_id
        # A logo long enough that PostgreSQL's base64 would wrap its lines.
        s.get_one(Tenant, tid).logo = b"<svg>" + bytes(range(256)) * 4
        # Rows on both sides of every scope rule: one provider's bookings moved past the
        # window, payments and time off long gone, walk-in tickets of days ago.
        providers = s.scalars(select(Provider.provider_id).where(Provider.tenant_id == tid)).all()
        later: ColumnElement[Any] = literal_column("interval '200 days'")
        gone: ColumnElement[Any] = literal_column("interval '90 days'")
        s.execute(
            update(Booking)
            .where(Booking.tenant_id == tid, Booking.provider_id == providers[0])
            .values(
                start_at=Booking.start_at + later,
                end_at=Booking.end_at + later,
                busy_from=Booking.busy_from + later,
                busy_until=Booking.busy_until + later,
            )
        )
        s.execute(
            update(Payment)
            .where(Payment.tenant_id == tid, Payment.amount_minor % 2 == 0)
            .values(created_at=Payment.created_at - gone)
        )
        s.execute(update(TimeOff).where(TimeOff.tenant_id == tid).values(
            start_at=TimeOff.start_at - gone,
            end_at=TimeOff.end_at - gone,
        ))  # fmt: skip
        s.execute(
            update(WalkinTicket)
            .where(WalkinTicket.tenant_id == tid, WalkinTicket.number % 2 == 0)
            .values(day=WalkinTicket.day - timedelta(days=DESK_DAYS_BACK + 5))
        )
        # A second location with a third of the bookings (and so of the payments) and of
        # the walk-ins: a site hub holds only its own location's.
        site = s.scalars(select(Location.location_id).where(Location.tenant_id == tid)).first()
        other = Location(tenant_id=tid, location_id=uuid.uuid4(), name="Sede Norte")
        s.add(other)
        s.flush()
        s.execute(
            update(Booking)
            .where(Booking.tenant_id == tid, Booking.provider_id == providers[2])
            .values(location_id=other.location_id)
        )
        s.execute(
            update(WalkinTicket)
            .where(WalkinTicket.tenant_id == tid, WalkinTicket.number % 3 == 0)
            .values(location_id=other.location_id)
        )
        # Waitlist entries: one still waiting, one whose days are long over.
        customer = s.scalars(select(Customer.customer_id).where(Customer.tenant_id == tid)).first()
        service = s.scalars(select(Service.service_id).where(Service.tenant_id == tid)).first()
        today = A_TUESDAY.date()
        for first, last in (
            (today, today + timedelta(days=7)),
            (today - timedelta(days=60), today - timedelta(days=DESK_DAYS_BACK + 1)),
        ):
            s.add(WaitlistEntry(
                tenant_id=tid, entry_id=uuid.uuid4(), customer_id=customer, service_id=service,
                provider_id=providers[1], earliest_day=first, latest_day=last,
                from_time=time(9), until_time=None, notes="", status="waiting",
            ))  # fmt: skip
        s.commit()
    with make_session_factory(pg_store, scope=ALL_TENANTS)() as s:
        provider = providers[1] if role is Role.PROVIDER else None
        location = site if role is Role.HUB else None
        principal = Principal(tid, tid, tid, role, provider, location)
        scope = scope_for(s, principal, now=A_TUESDAY)
        by_db = desk_page(s, tid, pull.START, 10**6, scope)
        by_python = pull._projected_page(s, principal, pull.START, 10**6, scope)
    assert [r[:3] for r in by_db] == [r[:3] for r in by_python]
    assert len(by_db) > 1000
    outside = [r for r in by_python if r[3] is None]
    assert {r[0] for r in outside} >= {
        "booking", "payment", "time_off", "walkin_ticket", "waitlist_entry",
    }  # fmt: skip
    held_entries = [r for r in by_python if r[0] == "waitlist_entry" and r[3] is not None]
    assert len(held_entries) == (0 if role is Role.PROVIDER else 1)
    for db_row, py_row in zip(by_db, by_python, strict=True):
        assert _as_dict(db_row[3]) == _as_dict(py_row[3]), db_row[:2]
    if role is Role.HUB:
        held = [(r[0], json.loads(r[3])) for r in by_db if r[3] is not None]
        for entity in ("booking", "walkin_ticket"):
            assert {d["location_id"] for e, d in held if e == entity} == {str(site)}, entity
