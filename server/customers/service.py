from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.customers import (
    check_birth_date,
    normalise_national_id,
    normalise_phone,
    search_key,
    search_needles,
)
from app.domain.staff import check_email
from app.domain.tenants import DEFAULT_COUNTRY, check_name, country_of
from app.sync.scope import DESK_DAYS_BACK
from server.customers import schemas
from server.db.base import session_now
from server.db.versioning import touch
from server.errors import NotFoundError
from server.models import Booking, Customer, Tenant


def _search_text(c: Customer) -> str:
    return search_key(f"{c.first_name} {c.last_name} {c.phone} {c.national_id} {c.email}")


def country(session: Session, tenant_id: uuid.UUID) -> str:
    """The business's country: how the phones its staff type are read."""
    tenant = session.get(Tenant, tenant_id)
    return country_of(tenant.time_zone, tenant.locale) if tenant else DEFAULT_COUNTRY


def _check_birth(value: date | None) -> date | None:
    return check_birth_date(value, date.today())


def create(session: Session, tenant_id: uuid.UUID, body: schemas.CustomerIn) -> Customer:
    customer = Customer(
        tenant_id=tenant_id,
        customer_id=body.customer_id or uuid.uuid4(),
        first_name=check_name(body.first_name, "first_name", 100),
        last_name=check_name(body.last_name, "last_name", 100),
        phone=normalise_phone(body.phone, country(session, tenant_id)),
        email=check_email(body.email) if body.email.strip() else "",
        national_id=normalise_national_id(body.national_id),
        date_of_birth=_check_birth(body.date_of_birth),
        notes=body.notes.strip(),
    )
    customer.search = _search_text(customer)
    session.add(customer)
    session.flush()  # a national ID already on file fails here
    return customer


def get(
    session: Session, tenant_id: uuid.UUID, customer_id: uuid.UUID, field: str = "customer_id"
) -> Customer:
    customer = session.get(Customer, (tenant_id, customer_id))
    if customer is None:
        raise NotFoundError("no such customer", field=field)
    return customer


def ensure_exists(
    session: Session, tenant_id: uuid.UUID, customer_id: uuid.UUID, field: str = "customer_id"
) -> None:
    """Like get, for when only existence matters (a booking names its customer): a
    plain query, without loading the row into the session (half the cost per push)."""
    found = session.connection().scalar(
        select(Customer.customer_id).where(
            Customer.tenant_id == tenant_id, Customer.customer_id == customer_id
        )
    )
    if found is None:
        raise NotFoundError("no such customer", field=field)


def update(
    session: Session, tenant_id: uuid.UUID, customer_id: uuid.UUID, body: schemas.CustomerUpdate
) -> Customer:
    c = get(session, tenant_id, customer_id)
    shown = _shown_with_bookings(c)
    if body.first_name is not None:
        c.first_name = check_name(body.first_name, "first_name", 100)
    if body.last_name is not None:
        c.last_name = check_name(body.last_name, "last_name", 100)
    if body.phone is not None:
        c.phone = normalise_phone(body.phone, country(session, tenant_id))
    if body.email is not None:
        c.email = check_email(body.email) if body.email.strip() else ""
    if body.national_id is not None:
        c.national_id = normalise_national_id(body.national_id)
    if "date_of_birth" in body.model_fields_set:
        c.date_of_birth = _check_birth(body.date_of_birth)
    if body.notes is not None:
        c.notes = body.notes.strip()
    c.search = _search_text(c)
    if _shown_with_bookings(c) != shown:
        # Providers' replicas read these on the customer's bookings: send them again.
        since = session_now(session) - timedelta(days=DESK_DAYS_BACK + 1)
        touch(
            session,
            session.scalars(
                select(Booking).where(
                    Booking.tenant_id == tenant_id,
                    Booking.customer_id == customer_id,
                    Booking.start_at >= since,
                )
            ),
        )
    session.flush()
    return c


def _shown_with_bookings(c: Customer) -> tuple[object, ...]:
    return (c.first_name, c.last_name, c.notes, c.date_of_birth)


def search(session: Session, tenant_id: uuid.UUID, text: str, limit: int) -> Sequence[Customer]:
    """Every word must appear in the name, phone, ID or email (accents ignored); a
    phone number in any form finds it however it was stored."""
    query = select(Customer).where(Customer.tenant_id == tenant_id)
    for needle in search_needles(text, country(session, tenant_id)):
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Customer.search.like(f"%{escaped}%", escape="\\"))
    query = query.order_by(Customer.last_name, Customer.first_name).limit(limit)
    return session.scalars(query).all()
