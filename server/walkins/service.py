from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.domain.errors import InvalidValueError
from app.domain.staff import Role
from app.domain.walkins import (
    DESK_TICKET_PREFIX,
    WalkinStatus,
    check_walkin_transition,
    sequence_day,
    ticket_label,
)
from server.db.base import session_now
from server.deps import Principal
from server.errors import NotFoundError
from server.models import KioskDevice, WalkinCounter, WalkinTicket
from server.setup import lookups, tenants
from server.walkins import schemas


def next_number(session: Session, tenant_id: uuid.UUID, location_id: uuid.UUID, day: date) -> int:
    """Take the next number of the day atomically: an upsert that returns the new value.

    Two desks asking at once get different numbers; the row lock is held until commit.
    """
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = insert(WalkinCounter).values(
        tenant_id=tenant_id, location_id=location_id, day=day, last_number=1
    )
    upsert = stmt.on_conflict_do_update(
        index_elements=["tenant_id", "location_id", "day"],
        set_={"last_number": WalkinCounter.last_number + 1},
    ).returning(WalkinCounter.last_number)
    return int(session.execute(upsert).scalar_one())


@dataclass(frozen=True)
class Issued:
    """A desk's ticket as a site hub issued it, during an outage perhaps: its number,
    its day and when. Central keeps them, so the customer's ticket keeps its label."""

    number: int
    day: date
    issued_at: datetime


def issue(
    session: Session,
    principal: Principal,
    body: schemas.WalkinIn,
    number: int | None = None,
    issued: Issued | None = None,
) -> WalkinTicket:
    """A ticket with the next number of the location's day, labelled with the desk's
    prefix; or, from a kiosk, the number it gave out itself (offline too), labelled
    with the kiosk's own prefix, so two kiosks and the desk never share a label; or, a
    desk's forwarded by a site hub, as the hub `issued` it (the next free number if
    central gave that one meanwhile)."""
    tenant = lookups.get_tenant(session, principal.tenant_id)
    location = lookups.get_location(session, tenant.tenant_id, body.location_id)
    if body.service_id is not None:
        lookups.get_service(session, tenant.tenant_id, body.service_id)
    now = issued.issued_at if issued is not None else session_now(session)
    day = (
        issued.day
        if issued is not None
        else sequence_day(now, tenants.location_zone(tenant, location))
    )
    prefix = DESK_TICKET_PREFIX
    device = (
        session.get(KioskDevice, (tenant.tenant_id, principal.user_id))
        if principal.role is Role.KIOSK
        else None
    )
    if device is not None and number is not None:
        prefix = device.ticket_prefix
    else:
        number = _desk_number(session, tenant.tenant_id, location.location_id, day, issued)
    ticket = WalkinTicket(
        tenant_id=tenant.tenant_id,
        ticket_id=body.ticket_id or uuid.uuid4(),
        location_id=location.location_id,
        day=day,
        number=number,
        label=ticket_label(number, prefix),
        service_id=body.service_id,
        customer_name=" ".join(body.customer_name.split()),
        status=WalkinStatus.WAITING.value,
        issued_at=now,
    )
    session.add(ticket)
    session.flush()
    return ticket


def _desk_number(
    session: Session,
    tenant_id: uuid.UUID,
    location_id: uuid.UUID,
    day: date,
    issued: Issued | None,
) -> int:
    """The desk's next number of the day: past every desk ticket the store holds (a
    site hub holds central's too, which its own counter never counted), or the one a
    hub gave, unless taken. The counter moves past the number taken."""
    taken = {
        n
        for n, label in session.execute(
            select(WalkinTicket.number, WalkinTicket.label).where(
                WalkinTicket.tenant_id == tenant_id,
                WalkinTicket.location_id == location_id,
                WalkinTicket.day == day,
            )
        )
        if label == ticket_label(n, DESK_TICKET_PREFIX)
    }
    if issued is not None and issued.number not in taken:
        number = issued.number
    else:
        number = next_number(session, tenant_id, location_id, day)
        if number <= max(taken, default=0):
            number = max(taken) + 1
        else:
            return number
    # SQLite's two-argument max() is PostgreSQL's greatest().
    larger = func.greatest if session.get_bind().dialect.name == "postgresql" else func.max
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = insert(WalkinCounter).values(
        tenant_id=tenant_id, location_id=location_id, day=day, last_number=number
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["tenant_id", "location_id", "day"],
            set_={"last_number": larger(WalkinCounter.last_number, stmt.excluded.last_number)},
        )
    )
    return number


def listing(
    session: Session, principal: Principal, location_id: uuid.UUID, day: date
) -> Sequence[WalkinTicket]:
    lookups.get_location(session, principal.tenant_id, location_id)
    query = (
        select(WalkinTicket)
        .where(
            WalkinTicket.tenant_id == principal.tenant_id,
            WalkinTicket.location_id == location_id,
            WalkinTicket.day == day,
        )
        .order_by(WalkinTicket.number)
    )
    return session.scalars(query).all()


def change_status(
    session: Session, principal: Principal, ticket_id: uuid.UUID, body: schemas.WalkinStatusIn
) -> WalkinTicket:
    ticket = session.get(WalkinTicket, (principal.tenant_id, ticket_id))
    if ticket is None:
        raise NotFoundError("no such ticket", field="ticket_id")
    try:
        target = WalkinStatus(body.status)
    except ValueError:
        allowed = ", ".join(s.value for s in WalkinStatus)
        raise InvalidValueError("status", "unknown_status", f"must be one of {allowed}") from None
    check_walkin_transition(WalkinStatus(ticket.status), target)
    if body.provider_id is not None:
        ticket.provider_id = lookups.get_provider(
            session, principal.tenant_id, body.provider_id
        ).provider_id
    now = session_now(session)
    if target is WalkinStatus.CALLED:
        ticket.called_at = now
    elif target in (WalkinStatus.SERVED, WalkinStatus.CANCELLED):
        ticket.finished_at = now
    ticket.status = target.value
    session.flush()
    return ticket
