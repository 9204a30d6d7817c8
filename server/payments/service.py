from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidValueError
from app.domain.payments import (
    NEEDS_REASON,
    PaymentMethod,
    PaymentStatus,
    check_payment_amount,
    check_payment_transition,
    check_reversal_reason,
)
from server.bookings import service as bookings
from server.catalogue import CatalogueCache
from server.db.base import session_now
from server.deps import Principal
from server.errors import NotFoundError
from server.models import Payment
from server.payments import schemas
from server.setup import lookups

E = TypeVar("E", PaymentMethod, PaymentStatus)


def _parse(kind: type[E], value: str, field: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise InvalidValueError(field, f"unknown_{field}", f"must be one of {allowed}") from None


# How far a desk's clock may run ahead of the server's: PCs drift by seconds to a
# minute or two; more means a wrong clock, whose payments would land in a day to come.
AHEAD = timedelta(minutes=5)
# How long a payment may wait offline before it syncs: a desk cut off over a long
# closure still hands in its takings; older means a wrong clock (a PC whose date reset),
# whose payments would reopen a month long since counted.
BEHIND = timedelta(days=31)


def check_taken_at(taken_at: datetime, now: datetime, field: str = "taken_at") -> datetime:
    """The desk's instant of a payment (or its refund), refused when no clock that is
    merely offline could have given it."""
    if taken_at > now + AHEAD:
        raise InvalidValueError(field, "in_the_future", "is ahead of the server's clock")
    if taken_at < now - BEHIND:
        raise InvalidValueError(field, "too_old", "is more than 31 days before the server's clock")
    return taken_at


def record(
    session: Session,
    principal: Principal,
    booking_id: uuid.UUID,
    body: schemas.PaymentIn,
    catalogues: CatalogueCache | None,
) -> Payment:
    booking = bookings.get(session, principal, booking_id, catalogues)
    tenant = lookups.get_tenant(session, principal.tenant_id)
    currency = body.currency or tenant.currency
    check_payment_amount(body.amount_minor, currency, tenant.currency)
    method = _parse(PaymentMethod, body.method, "method")
    now = session_now(session)
    status = _parse(PaymentStatus, body.status, "status")
    if status not in (PaymentStatus.COMPLETED, PaymentStatus.PENDING):
        raise InvalidValueError(
            "status", "invalid_initial_status", "a new payment is completed or pending"
        )
    payment = Payment(
        tenant_id=principal.tenant_id,
        payment_id=body.payment_id or uuid.uuid4(),
        booking_id=booking.booking_id,
        amount_minor=body.amount_minor,
        currency=currency,
        method=method.value,
        status=status.value,
        reference=body.reference.strip(),
        recorded_by=principal.user_id,
        taken_at=check_taken_at(body.taken_at, now) if body.taken_at else now,
        till_id=body.till_id,
    )
    session.add(payment)
    session.flush()
    return payment


def of_booking(
    session: Session, principal: Principal, booking_id: uuid.UUID, catalogues: CatalogueCache | None
) -> Sequence[Payment]:
    bookings.get(session, principal, booking_id, catalogues)
    query = (
        select(Payment)
        .where(Payment.tenant_id == principal.tenant_id, Payment.booking_id == booking_id)
        .order_by(Payment.created_at)
    )
    return session.scalars(query).all()


def change_status(
    session: Session,
    principal: Principal,
    payment_id: uuid.UUID,
    body: schemas.PaymentStatusIn,
    till_id: uuid.UUID | None = None,
) -> Payment:
    payment = session.get(Payment, (principal.tenant_id, payment_id))
    if payment is None:
        raise NotFoundError("no such payment", field="payment_id")
    target = _parse(PaymentStatus, body.status, "status")
    check_payment_transition(PaymentStatus(payment.status), target)
    reason = check_reversal_reason(target, body.reason)
    if target in NEEDS_REASON:
        now = session_now(session)
        payment.reason = reason
        payment.reversed_at = check_taken_at(body.at, now, "at") if body.at else now
        payment.reversed_till_id = till_id
    payment.status = target.value
    session.flush()
    return payment
