"""Booking rules on the store. The domain decides; this module fetches what it needs."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, TextClause, func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.domain import bookings as rules
from app.domain.availability import Interval, Slot, check_bookable, day_range, free_slots
from app.domain.errors import ConflictError, DomainError, InvalidValueError
from app.domain.staff import Role
from app.domain.timezones import ensure_utc
from server.bookings import schemas
from server.catalogue import Catalogue, ProviderInfo, ServiceInfo, catalogue
from server.customers import service as customers
from server.db.base import session_now, utcnow
from server.deps import Principal
from server.errors import ForbiddenError, NotFoundError, is_overlap
from server.models import Booking
from server.models.bookings import ACTIVE_SQL

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: a code read over the phone or typed at a kiosk survives.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
MAX_LIST_RANGE = timedelta(days=62)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def get(session: Session, principal: Principal, booking_id: uuid.UUID) -> Booking:
    booking = session.get(Booking, (principal.tenant_id, booking_id))
    # A provider sees only their own bookings, a kiosk only today's at its location; to
    # them others do not exist.
    if (
        booking is None
        or (principal.role is Role.PROVIDER and booking.provider_id != principal.provider_id)
        or (principal.role is Role.KIOSK and not _kiosk_can_see(session, principal, booking))
    ):
        raise NotFoundError("no such booking", field="booking_id")
    return booking


def _kiosk_can_see(session: Session, principal: Principal, booking: Booking) -> bool:
    if booking.location_id != principal.location_id:
        return False
    tz = _booking_zone(session, booking)
    start, end = day_range(session_now(session).astimezone(tz).date(), tz)
    return start <= booking.start_at < end


def _booking_zone(session: Session, booking: Booking) -> ZoneInfo:
    """Where the booking's "today" is: its location's zone, else the business's."""
    cat = catalogue(session, booking.tenant_id)
    return cat.location_zones.get(booking.location_id, cat.tenant_zone)


def busy_of(
    session: Session,
    tenant_id: uuid.UUID,
    provider_id: uuid.UUID,
    around: Interval,
    exclude: uuid.UUID | None = None,
) -> list[Interval]:
    """Busy ranges of the provider's active bookings that touch `around`.

    On PostgreSQL it is asked by provider and time, the question the overlap
    constraint's index answers, and the tenant is checked on the rows found, not in
    the WHERE. Given the tenant there, PostgreSQL trusts its statistics about it, and
    for a tenant they have not seen yet (new since the last ANALYZE) it guesses one row
    and walks all of the tenant's bookings by another index: milliseconds per check,
    growing with every booking.
    """
    where: list[ColumnElement[bool] | TextClause] = [Booking.provider_id == provider_id, _ACTIVE]
    if session.get_bind().dialect.name == "postgresql":
        where.append(
            func.tstzrange(Booking.busy_from, Booking.busy_until).op("&&")(
                func.tstzrange(around[0], around[1])
            )
        )
    else:  # SQLite has one index for this, led by the tenant
        where += [
            Booking.tenant_id == tenant_id,
            Booking.busy_from < around[1],
            Booking.busy_until > around[0],
        ]
    query = select(Booking.tenant_id, Booking.busy_from, Booking.busy_until).where(*where)
    if exclude is not None:
        query = query.where(Booking.booking_id != exclude)
    return [(a, b) for tenant, a, b in session.execute(query).all() if tenant == tenant_id]


# Written as the constraint's own predicate, so that PostgreSQL may use its index.
_ACTIVE = text(f"bookings.status IN ({ACTIVE_SQL})")


def _check_provider_time(
    session: Session,
    tenant_id: uuid.UUID,
    cat: Catalogue,
    provider: ProviderInfo,
    service: ServiceInfo,
    start_at: datetime,
    exclude: uuid.UUID | None = None,
) -> Interval:
    """Raise unless `provider` can take `service` at `start_at`; return the busy range."""
    spec = service.spec
    around = (start_at - spec.before, start_at + spec.duration + spec.after)
    busy = busy_of(session, tenant_id, provider.provider_id, around, exclude)
    return check_bookable(
        start_at, spec, cat.schedules[provider.provider_id], busy, cat.zone_of(provider)
    )


def create(session: Session, principal: Principal, body: schemas.BookingIn) -> list[Booking]:
    """One booking, or a weekly series stored as separate linked bookings, all or nothing."""
    tid = principal.tenant_id
    cat = catalogue(session, tid)
    status = rules.parse_status(body.status)
    if status not in rules.INITIAL_STATUSES:
        raise InvalidValueError(
            "status", "invalid_initial_status", "a new booking is requested or confirmed"
        )
    service = cat.service(body.service_id)
    customers.ensure_exists(session, tid, body.customer_id)
    if body.provider_id is not None:
        provider = cat.provider(body.provider_id)
        if not cat.offers(provider.provider_id, service.service_id):
            raise InvalidValueError(
                "provider_id", "does_not_offer_service", "this provider does not offer this service"
            )
        candidates: Sequence[ProviderInfo] = [provider]
    else:
        candidates = [cat.providers[p] for p in cat.offered_by.get(service.service_id, ())]
        if not candidates:
            raise ConflictError("service_id", "no_provider", "no provider offers this service")

    start_at = ensure_utc(body.start_at, "start_at")
    if body.repeat is None:
        starts = [start_at]
    else:
        starts = rules.weekly_series(
            start_at,
            cat.zone_of(candidates[0]),
            every_weeks=body.repeat.every_weeks,
            count=body.repeat.count,
        )

    series_id = uuid.uuid4() if len(starts) > 1 else None

    def book(chosen: ProviderInfo, ranges: list[Interval]) -> list[Booking]:
        created = []
        for i, (start, busy) in enumerate(zip(starts, ranges, strict=True)):
            booking = Booking(
                tenant_id=tid,
                booking_id=(body.booking_id if i == 0 and body.booking_id else uuid.uuid4()),
                code=new_code(),
                location_id=chosen.location_id,
                provider_id=chosen.provider_id,
                service_id=service.service_id,
                customer_id=body.customer_id,
                start_at=start,
                end_at=start + service.spec.duration,
                busy_from=busy[0],
                busy_until=busy[1],
                status=status.value,
                series_id=series_id,
                price_minor=service.spec.price_minor,
                notes=body.notes.strip(),
                created_by=principal.user_id,
            )
            session.add(booking)
            session.flush()  # the next occurrence must see this one; PostgreSQL checks overlap
            created.append(booking)
        return created

    if len(candidates) == 1:
        return book(*_first_provider_free_for_all(session, tid, cat, candidates, service, starts))
    # "Any provider": the one chosen may be taken by a concurrent booking between the
    # check and the insert (the database refuses the overlap). Then the next free one
    # is tried, in the same request: nobody is refused while a provider is free.
    left = list(candidates)
    while left:
        chosen, ranges = _first_provider_free_for_all(session, tid, cat, left, service, starts)
        try:
            with session.begin_nested():
                return book(chosen, ranges)
        except (IntegrityError, OperationalError) as exc:
            if not is_overlap(exc):
                raise
        left.remove(chosen)
    raise ConflictError("start_at", "no_provider_free", "no provider is free at that time")


def _first_provider_free_for_all(
    session: Session,
    tenant_id: uuid.UUID,
    cat: Catalogue,
    candidates: Sequence[ProviderInfo],
    service: ServiceInfo,
    starts: list[datetime],
) -> tuple[ProviderInfo, list[Interval]]:
    first_error: DomainError | None = None
    for provider in candidates:
        try:
            ranges = []
            for i, start in enumerate(starts):
                try:
                    ranges.append(
                        _check_provider_time(session, tenant_id, cat, provider, service, start)
                    )
                except DomainError as exc:
                    if len(starts) > 1:
                        exc.message = f"occurrence {i + 1} ({start.isoformat()}): {exc.message}"
                    raise
            return provider, ranges
        except DomainError as exc:
            first_error = first_error or exc
    if len(candidates) > 1:
        raise ConflictError("start_at", "no_provider_free", "no provider is free at that time")
    assert first_error is not None
    raise first_error


def change_status(
    session: Session,
    principal: Principal,
    booking_id: uuid.UUID,
    body: schemas.StatusIn,
) -> Booking:
    booking = get(session, principal, booking_id)
    target = rules.parse_status(body.status)
    if principal.role is Role.PROVIDER and target not in (
        rules.BookingStatus.IN_SERVICE,
        rules.BookingStatus.COMPLETED,
    ):
        raise ForbiddenError("a provider may only start and complete bookings", field="status")
    if principal.role is Role.KIOSK and target is not rules.BookingStatus.CHECKED_IN:
        raise ForbiddenError("a kiosk may only check people in", field="status")
    rules.check_transition(rules.BookingStatus(booking.status), target)
    if target is rules.BookingStatus.CHECKED_IN:
        rules.check_arrival_day(
            booking.start_at, session_now(session), _booking_zone(session, booking)
        )
    if target is rules.BookingStatus.CANCELLED:
        reason = body.reason.strip()
        if not reason:
            raise InvalidValueError("reason", "required", "say why the booking is cancelled")
        booking.cancel_reason = reason
    booking.status = target.value
    session.flush()
    return booking


RESCHEDULABLE = frozenset(
    {rules.BookingStatus.REQUESTED, rules.BookingStatus.CONFIRMED, rules.BookingStatus.CHECKED_IN}
)


def reschedule(
    session: Session, principal: Principal, booking_id: uuid.UUID, body: schemas.RescheduleIn
) -> Booking:
    booking = get(session, principal, booking_id)
    if rules.BookingStatus(booking.status) not in RESCHEDULABLE:
        raise ConflictError(
            "status", "not_reschedulable", f"a {booking.status} booking cannot be moved"
        )
    cat = catalogue(session, principal.tenant_id)
    service = cat.service(booking.service_id)
    provider = cat.provider(body.provider_id or booking.provider_id)
    if not cat.offers(provider.provider_id, service.service_id):
        raise InvalidValueError(
            "provider_id", "does_not_offer_service", "this provider does not offer this service"
        )
    start_at = ensure_utc(body.start_at, "start_at")
    busy = _check_provider_time(
        session, principal.tenant_id, cat, provider, service, start_at, booking.booking_id
    )
    booking.provider_id = provider.provider_id
    booking.location_id = provider.location_id
    booking.start_at = start_at
    booking.end_at = start_at + service.spec.duration
    booking.busy_from, booking.busy_until = busy
    session.flush()
    return booking


def set_notes(session: Session, principal: Principal, booking_id: uuid.UUID, notes: str) -> Booking:
    booking = get(session, principal, booking_id)
    booking.notes = notes.strip()
    session.flush()
    return booking


def listing(
    session: Session,
    principal: Principal,
    start: datetime | None,
    end: datetime | None,
    provider_id: uuid.UUID | None,
    customer_id: uuid.UUID | None,
    status: str | None,
) -> Sequence[Booking]:
    query = select(Booking).where(Booking.tenant_id == principal.tenant_id)
    if customer_id is None or start is not None or end is not None:
        if start is None or end is None:
            field = "start" if start is None else "end"
            raise InvalidValueError(field, "required", "give start and end, or a customer_id")
        start, end = ensure_utc(start, "start"), ensure_utc(end, "end")
        if end <= start:
            raise InvalidValueError("end", "end_before_start", "must be after start")
        if end - start > MAX_LIST_RANGE:
            raise InvalidValueError("end", "range_too_long", "ask for at most 62 days at once")
        query = query.where(Booking.start_at < end, Booking.end_at > start)
    if principal.role is Role.PROVIDER:
        provider_id = principal.provider_id
    if provider_id is not None:
        query = query.where(Booking.provider_id == provider_id)
    if customer_id is not None:
        query = query.where(Booking.customer_id == customer_id)
    if status is not None:
        query = query.where(Booking.status == rules.parse_status(status).value)
    return session.scalars(query.order_by(Booking.start_at).limit(5000)).all()


def availability(
    session: Session,
    principal: Principal,
    service_id: uuid.UUID,
    day: date,
    provider_id: uuid.UUID | None,
    now: datetime | None = None,
    limit: int | None = None,
) -> schemas.AvailabilityOut:
    """Free slots on the local `day`; with `limit`, only the first ones."""
    tid = principal.tenant_id
    cat = catalogue(session, tid)
    service = cat.service(service_id)
    if provider_id is not None:
        provider = cat.provider(provider_id)
        if not cat.offers(provider_id, service_id):
            raise InvalidValueError(
                "provider_id", "does_not_offer_service", "this provider does not offer this service"
            )
        providers: Sequence[ProviderInfo] = [provider]
    else:
        providers = [cat.providers[p] for p in cat.offered_by.get(service_id, ())]
    tz = cat.tenant_zone
    start, end = day_range(day, tz)
    around = (start - timedelta(hours=6), end + timedelta(hours=6))
    busy = {p.provider_id: busy_of(session, tid, p.provider_id, around) for p in providers}
    granularity = cat.slot_minutes
    slots: list[Slot] = free_slots(
        day,
        tz,
        service.spec,
        [cat.schedules[p.provider_id] for p in providers],
        busy,
        granularity,
        not_before=now or utcnow(),
    )
    return schemas.AvailabilityOut(
        day=day,
        time_zone=tz.key,
        slot_minutes=granularity,
        slots=[
            schemas.SlotOut(
                start_at=s.start_at,
                end_at=s.end_at,
                provider_ids=[uuid.UUID(str(p)) for p in s.provider_ids],
            )
            for s in slots[:limit]
        ],
    )
