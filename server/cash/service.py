"""Opening and closing a till's day. The expected amounts are worked out here from the
central store's payments (the desk's are its own view until then), with the rule in
app/domain/cash.py that the desk uses offline."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import cash
from app.domain.availability import day_range
from app.domain.timezones import zone
from app.sync.protocol import CashClose as CloseArgs
from app.sync.protocol import CashOpen
from server.db.base import session_now
from server.deps import Principal
from server.errors import NotFoundError
from server.models import CashClose, Payment
from server.payments.service import check_taken_at
from server.setup import lookups


def open_day(session: Session, principal: Principal, a: CashOpen) -> CashClose:
    tid = principal.tenant_id
    tenant = lookups.get_tenant(session, tid)
    taken = session.scalar(
        select(CashClose.close_id).where(
            CashClose.tenant_id == tid, CashClose.till_id == a.till_id, CashClose.day == a.day
        )
    )
    if taken is not None or session.get(CashClose, (tid, a.close_id)) is not None:
        raise cash.already_open()
    now = session_now(session)
    row = CashClose(
        tenant_id=tid,
        close_id=a.close_id,
        till_id=a.till_id,
        day=a.day,
        currency=tenant.currency,
        float_minor=cash.check_float(a.float_minor),
        opened_at=check_taken_at(a.at, now, "at") if a.at else now,
        opened_by=principal.user_id,
        note="",
    )
    session.add(row)
    session.flush()
    return row


def close_day(session: Session, principal: Principal, a: CloseArgs) -> CashClose:
    row = session.get(CashClose, (principal.tenant_id, a.close_id))
    if row is None:
        raise NotFoundError("no such cash day: open it first", field="close_id")
    cash.check_not_closed(row.closed_at is not None)
    counted = cash.check_counted(a.counted)
    expect = cash.expected(row.float_minor, movements(session, principal.tenant_id, row))
    row.note = cash.check_close(counted, expect, a.note)
    now = session_now(session)
    row.expected, row.counted = expect, counted
    row.closed_at = check_taken_at(a.at, now, "at") if a.at else now
    row.closed_by = principal.user_id
    session.flush()
    return row


def movements(session: Session, tenant_id: uuid.UUID, row: CashClose) -> list[cash.Movement]:
    """Payments taken at this till on its day, and refunds made there on it."""
    lo, hi = _bounds(session, tenant_id, row.day)
    mine = (Payment.tenant_id == tenant_id,)
    taken = session.scalars(
        select(Payment).where(
            *mine,
            Payment.till_id == row.till_id,
            Payment.taken_at >= lo,
            Payment.taken_at < hi,
            Payment.status.in_(cash.TAKEN),
        )
    ).all()
    refunded = session.scalars(
        select(Payment).where(
            *mine,
            Payment.reversed_till_id == row.till_id,
            Payment.status == "refunded",
            Payment.reversed_at >= lo,
            Payment.reversed_at < hi,
        )
    ).all()
    return [cash.Movement(p.method, p.amount_minor) for p in taken] + [
        cash.Movement(p.method, -p.amount_minor) for p in refunded
    ]


def _bounds(session: Session, tenant_id: uuid.UUID, day: date) -> tuple[datetime, datetime]:
    tz = zone(lookups.get_tenant(session, tenant_id).time_zone)
    lo, hi = day_range(day, tz)
    return lo.astimezone(UTC), hi.astimezone(UTC)
