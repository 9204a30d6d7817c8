"""The waitlist's changes as the server applies them: the rules of app/domain/waitlist,
checked against the central store (the desk checked them on its replica already)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import ConflictError, InvalidValueError
from app.domain.waitlist import WaitlistStatus, check_not_over, check_request, check_waiting
from app.sync.protocol import WaitlistAdd, WaitlistBook, WaitlistRef
from server.customers import service as customers
from server.db.base import session_now
from server.deps import Principal
from server.errors import NotFoundError
from server.models import Booking, ProviderService, WaitlistEntry
from server.setup import lookups, tenants


def add(session: Session, principal: Principal, a: WaitlistAdd) -> WaitlistEntry:
    tid = principal.tenant_id
    check_request(a.earliest_day, a.latest_day, a.from_time, a.until_time)
    tenant = lookups.get_tenant(session, tid)
    now = session_now(session)
    today = now.astimezone(tenants.location_zone(tenant, None)).date()
    check_not_over(a.latest_day, today)
    customers.ensure_exists(session, tid, a.customer_id)
    service = lookups.get_service(session, tid, a.service_id)
    if not service.active:
        raise InvalidValueError("service_id", "inactive", "the service is no longer offered")
    offered = select(ProviderService.provider_id).where(
        ProviderService.tenant_id == tid, ProviderService.service_id == a.service_id
    )
    if a.provider_id is not None:
        lookups.get_provider(session, tid, a.provider_id)
        if session.scalar(offered.where(ProviderService.provider_id == a.provider_id)) is None:
            raise InvalidValueError(
                "provider_id", "service_not_offered", "the provider does not give this service"
            )
    entry = WaitlistEntry(
        tenant_id=tid,
        entry_id=a.entry_id,
        customer_id=a.customer_id,
        service_id=a.service_id,
        provider_id=a.provider_id,
        earliest_day=a.earliest_day,
        latest_day=a.latest_day,
        from_time=a.from_time,
        until_time=a.until_time,
        notes=a.notes.strip(),
        status=WaitlistStatus.WAITING.value,
        # When the desk took it (a desk offline, or a site hub's, pushes it later), but
        # never later than now: a desk's clock ahead does not move it down the line.
        created_at=min(a.at, now) if a.at is not None else now,
    )
    session.add(entry)
    session.flush()
    return entry


def _entry(session: Session, principal: Principal, a: WaitlistRef) -> WaitlistEntry:
    entry = session.get(WaitlistEntry, (principal.tenant_id, a.entry_id))
    if entry is None:
        raise NotFoundError("no such waitlist entry", field="entry_id")
    return entry


def withdraw(session: Session, principal: Principal, a: WaitlistRef) -> WaitlistEntry:
    entry = _entry(session, principal, a)
    check_waiting(WaitlistStatus(entry.status))
    entry.status = WaitlistStatus.WITHDRAWN.value
    session.flush()
    return entry


def book(session: Session, principal: Principal, a: WaitlistBook) -> WaitlistEntry:
    """The entry was met by `a.booking_id`, made for its customer by a booking.create
    pushed just before (in the same batch): a booking refused means no booking here."""
    entry = _entry(session, principal, a)
    check_waiting(WaitlistStatus(entry.status))
    booking = session.get(Booking, (principal.tenant_id, a.booking_id))
    if booking is None:
        raise NotFoundError("no such booking", field="booking_id")
    if booking.customer_id != entry.customer_id:
        raise ConflictError("booking_id", "other_customer", "the booking is another customer's")
    entry.status = WaitlistStatus.BOOKED.value
    entry.booking_id = booking.booking_id
    session.flush()
    return entry
