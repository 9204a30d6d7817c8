"""Booking rules on the store. The domain decides; this module fetches what it needs."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, TextClause, func, select, text, union_all
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.domain import bookings as rules
from app.domain.availability import Interval, Slot, day_range, free_slots, starts_touching
from app.domain.booking_plan import (
    BookingMove,
    BookingPlan,
    BookingRequest,
    ProviderFacts,
    Refusal,
    plan_booking,
    plan_move,
)
from app.domain.errors import InvalidValueError
from app.domain.services import ServiceSpec
from app.domain.staff import Role
from app.domain.timezones import ensure_utc
from server.bookings import schemas
from server.catalogue import Catalogue, CatalogueCache, ProviderInfo, catalogue
from server.customers import service as customers
from server.db import versioning
from server.db.base import session_now
from server.deps import Principal
from server.errors import ForbiddenError, NotFoundError, is_overlap
from server.models import Booking, Customer, Payment
from server.models.bookings import ACTIVE_SQL

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: a code read over the phone or typed at a kiosk survives.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
MAX_LIST_RANGE = timedelta(days=62)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def get(
    session: Session, principal: Principal, booking_id: uuid.UUID, catalogues: CatalogueCache | None
) -> Booking:
    """The booking as `principal` may see it. `catalogues` (the process's cache) gives a
    kiosk its location's zone, to tell today's bookings."""
    booking = session.get(Booking, (principal.tenant_id, booking_id))
    # A provider sees only their own bookings, a kiosk only today's at its location; to
    # them others do not exist.
    if (
        booking is None
        or (principal.role is Role.PROVIDER and booking.provider_id != principal.provider_id)
        or (
            principal.role is Role.KIOSK
            and not _kiosk_can_see(session, principal, booking, catalogues)
        )
    ):
        raise NotFoundError("no such booking", field="booking_id")
    return booking


def _kiosk_can_see(
    session: Session, principal: Principal, booking: Booking, catalogues: CatalogueCache | None
) -> bool:
    if booking.location_id != principal.location_id:
        return False
    tz = _booking_zone(session, booking, catalogues)
    start, end = day_range(session_now(session).astimezone(tz).date(), tz)
    return start <= booking.start_at < end


def _booking_zone(
    session: Session, booking: Booking, catalogues: CatalogueCache | None
) -> ZoneInfo:
    """Where the booking's "today" is: its location's zone, else the business's."""
    cat = catalogue(session, booking.tenant_id, catalogues)
    return cat.location_zones.get(booking.location_id, cat.tenant_zone)


def busy_of(
    session: Session,
    tenant_id: uuid.UUID,
    provider_id: uuid.UUID,
    around: Interval,
    exclude: uuid.UUID | None = None,
) -> list[Interval]:
    """Busy ranges of the provider's active bookings that touch `around`.

    On PostgreSQL it is asked by provider and a window of starts (the index of
    migration 0024), and the tenant is checked on the rows found, not in the WHERE.
    Given the tenant there, PostgreSQL trusts its statistics about it, and for a tenant
    they have not seen yet (new since the last ANALYZE) it guesses one row and walks
    all of the tenant's bookings by another index: milliseconds per check, growing with
    every booking. And row-level security keeps the overlap test (&&, not leakproof) out
    of every index: by provider alone, it read the provider's whole history.
    """
    query = _busy_query(session, tenant_id, provider_id, around)
    if exclude is not None:
        query = query.where(Booking.booking_id != exclude)
    rows = session.execute(query).all()
    return [(a, b) for tenant, _provider, a, b in rows if tenant == tenant_id]


def _busy_query(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID, around: Interval
) -> Select[uuid.UUID, uuid.UUID, datetime, datetime]:
    where: list[ColumnElement[bool] | TextClause] = [Booking.provider_id == provider_id, _ACTIVE]
    if session.get_bind().dialect.name == "postgresql":
        low, high = starts_touching(around)
        where += [
            Booking.start_at > low,
            Booking.start_at < high,
            func.tstzrange(Booking.busy_from, Booking.busy_until).op("&&")(
                func.tstzrange(around[0], around[1])
            ),
        ]
    else:  # SQLite has one index for this, led by the tenant
        where += [
            Booking.tenant_id == tenant_id,
            Booking.busy_from < around[1],
            Booking.busy_until > around[0],
        ]
    return select(
        Booking.tenant_id, Booking.provider_id, Booking.busy_from, Booking.busy_until
    ).where(*where)


def busy_of_each(
    session: Session, tenant_id: uuid.UUID, provider_ids: Sequence[uuid.UUID], around: Interval
) -> dict[uuid.UUID, list[Interval]]:
    """busy_of for several providers in one round trip: one branch per provider, each
    asked as busy_of asks (a GiST index cannot take `provider_id = ANY(...)`)."""
    busy: dict[uuid.UUID, list[Interval]] = {p: [] for p in provider_ids}
    if not provider_ids:
        return busy
    branches = [_busy_query(session, tenant_id, p, around) for p in provider_ids]
    query = branches[0] if len(branches) == 1 else union_all(*branches)
    for tenant, provider, a, b in session.execute(query).all():
        if tenant == tenant_id:
            busy[provider].append((a, b))
    return busy


# Written as the constraint's own predicate, so that PostgreSQL may use its index.
_ACTIVE = text(f"bookings.status IN ({ACTIVE_SQL})")


@dataclass(frozen=True)
class StoreReader:
    """What a booking plan needs, read from the catalogue and the store (the ORM way)."""

    session: Session
    tenant_id: uuid.UUID
    cat: Catalogue

    def service(self, service_id: uuid.UUID) -> ServiceSpec:
        return self.cat.service(service_id).spec

    def check_customer(self, customer_id: uuid.UUID) -> None:
        customers.ensure_exists(self.session, self.tenant_id, customer_id)

    def provider(self, provider_id: uuid.UUID) -> ProviderFacts:
        return provider_facts(self.cat, self.cat.provider(provider_id))

    def offered_by(self, service_id: uuid.UUID) -> Sequence[uuid.UUID]:
        return self.cat.offered_by.get(service_id, ())

    def busy(
        self, provider_id: uuid.UUID, around: Interval, exclude: uuid.UUID | None = None
    ) -> Sequence[Interval]:
        return busy_of(self.session, self.tenant_id, provider_id, around, exclude)


def provider_facts(cat: Catalogue, provider: ProviderInfo) -> ProviderFacts:
    return ProviderFacts(
        provider.provider_id,
        provider.location_id,
        cat.schedules[provider.provider_id],
        cat.zone_of(provider),
    )


def create(
    session: Session,
    principal: Principal,
    body: schemas.BookingIn,
    catalogues: CatalogueCache | None,
    code: str | None = None,
) -> list[Booking]:
    """One booking, or a weekly series stored as separate linked bookings, all or nothing.
    `code`: the first booking's, as a site hub gave it (else a new one)."""
    tid = principal.tenant_id
    reader = StoreReader(session, tid, catalogue(session, tid, catalogues))
    request = BookingRequest(
        service_id=body.service_id,
        customer_id=body.customer_id,
        start_at=body.start_at,
        provider_id=body.provider_id,
        status=body.status,
        repeat=None if body.repeat is None else (body.repeat.every_weeks, body.repeat.count),
    )
    while True:
        plan = plan_booking(request, reader)
        if isinstance(plan, Refusal):
            raise plan.error()
        if not plan.any_provider:
            return write(session, principal, body, plan, code)
        # "Any provider": the one chosen may be taken by a concurrent booking between the
        # check and the insert (the database refuses the overlap). Then the next free one
        # is tried, in the same request: nobody is refused while a provider is free.
        try:
            with session.begin_nested():
                return write(session, principal, body, plan, code)
        except (IntegrityError, OperationalError) as exc:
            if not is_overlap(exc):
                raise
        request = replace(request, skip=request.skip | {plan.provider.provider_id})


def write(
    session: Session,
    principal: Principal,
    body: schemas.BookingIn,
    plan: BookingPlan,
    code: str | None = None,
) -> list[Booking]:
    """The plan's bookings, through the ORM (versioned and announced at commit)."""
    series_id = uuid.uuid4() if len(plan.occurrences) > 1 else None
    created = []
    for i, o in enumerate(plan.occurrences):
        booking = Booking(
            tenant_id=principal.tenant_id,
            booking_id=(body.booking_id if i == 0 and body.booking_id else uuid.uuid4()),
            code=(code if i == 0 and code else new_code()),
            location_id=plan.provider.location_id,
            provider_id=plan.provider.provider_id,
            service_id=body.service_id,
            customer_id=body.customer_id,
            start_at=o.start_at,
            end_at=o.end_at,
            busy_from=o.busy_from,
            busy_until=o.busy_until,
            status=plan.status.value,
            series_id=series_id,
            price_minor=plan.service.price_minor,
            notes=body.notes.strip(),
            created_by=principal.user_id,
        )
        session.add(booking)
        session.flush()  # the next occurrence must see this one; PostgreSQL checks overlap
        created.append(booking)
    return created


def change_status(
    session: Session,
    principal: Principal,
    booking_id: uuid.UUID,
    body: schemas.StatusIn,
    catalogues: CatalogueCache | None,
    arrived_at: datetime | None = None,
) -> Booking:
    """Move a booking on; a check-in keeps when the customer arrived (`arrived_at`, by
    the clock of the desk or kiosk that checked them in, else now)."""
    booking = get(session, principal, booking_id, catalogues)
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
        now, tz = session_now(session), _booking_zone(session, booking, catalogues)
        rules.check_arrival_day(booking.start_at, now, tz)
        booking.checked_in_at = rules.arrival_time(arrived_at, booking.start_at, now, tz)
    if target is rules.BookingStatus.CANCELLED:
        reason = body.reason.strip()
        if not reason:
            raise InvalidValueError("reason", "required", "say why the booking is cancelled")
        booking.cancel_reason = reason
    booking.status = target.value
    session.flush()
    return booking


def reschedule(
    session: Session,
    principal: Principal,
    booking_id: uuid.UUID,
    body: schemas.RescheduleIn,
    catalogues: CatalogueCache | None,
) -> Booking:
    booking = get(session, principal, booking_id, catalogues)
    move = BookingMove(
        booking_id=booking.booking_id,
        status=booking.status,
        service_id=booking.service_id,
        customer_id=booking.customer_id,
        provider_id=body.provider_id or booking.provider_id,
        start_at=body.start_at,
    )
    cat = catalogue(session, principal.tenant_id, catalogues)
    plan = plan_move(move, StoreReader(session, principal.tenant_id, cat))
    if isinstance(plan, Refusal):
        raise plan.error()
    when = plan.occurrence
    moved_away = booking.location_id != plan.provider.location_id
    booking.provider_id = plan.provider.provider_id
    assert plan.provider.location_id is not None  # a provider works at a location
    booking.location_id = plan.provider.location_id
    booking.start_at = when.start_at
    booking.end_at = when.end_at
    booking.busy_from, booking.busy_until = when.busy_from, when.busy_until
    if moved_away:
        # Its payments go with it to the other location's site hub (which holds its
        # location's bookings and their payments): they are sent again. (Read after
        # the booking has all its new values: the read writes it first.)
        for payment_id in session.scalars(
            select(Payment.payment_id).where(
                Payment.tenant_id == principal.tenant_id, Payment.booking_id == booking.booking_id
            )
        ):
            versioning.mark_written(session, principal.tenant_id, "payment", str(payment_id), False)
    session.flush()
    return booking


def set_reminded(
    session: Session,
    principal: Principal,
    booking_id: uuid.UUID,
    reminded: bool,
    at: datetime | None,
    catalogues: CatalogueCache | None,
) -> Booking:
    """Mark that staff reminded the customer (when, and who: the caller), or take the
    mark back."""
    booking = get(session, principal, booking_id, catalogues)
    rules.check_remindable(rules.BookingStatus(booking.status))
    if reminded:
        now = session_now(session)
        booking.reminded_at = rules.reminded_at(at or now, now)
        booking.reminded_by = principal.user_id
    else:
        booking.reminded_at = None
        booking.reminded_by = None
    session.flush()
    return booking


def set_notes(
    session: Session,
    principal: Principal,
    booking_id: uuid.UUID,
    notes: str,
    catalogues: CatalogueCache | None,
) -> Booking:
    booking = get(session, principal, booking_id, catalogues)
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
    series_id: uuid.UUID | None = None,
) -> Sequence[Booking]:
    query = select(Booking).where(Booking.tenant_id == principal.tenant_id)
    whole = customer_id is not None or series_id is not None  # a bounded set by itself
    if not whole or start is not None or end is not None:
        if start is None or end is None:
            field = "start" if start is None else "end"
            raise InvalidValueError(
                field, "required", "give start and end, or a customer_id or series_id"
            )
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
    if series_id is not None:
        query = query.where(Booking.series_id == series_id)
    if status is not None:
        query = query.where(Booking.status == rules.parse_status(status).value)
    return session.scalars(query.order_by(Booking.start_at).limit(5000)).all()


def with_customers(
    session: Session, tenant_id: uuid.UUID, bookings: Sequence[Booking]
) -> list[schemas.BookingListed]:
    """Each booking with its customer's name, notes and date of birth (one query)."""
    ids = {b.customer_id for b in bookings}
    query = select(Customer).where(Customer.tenant_id == tenant_id, Customer.customer_id.in_(ids))
    people = {c.customer_id: c for c in session.scalars(query)} if ids else {}
    listed = []
    for b in bookings:
        c = people.get(b.customer_id)
        listed.append(
            schemas.BookingListed.model_validate(
                {
                    **schemas.BookingOut.model_validate(b, from_attributes=True).model_dump(),
                    "customer_label": f"{c.first_name} {c.last_name}".strip() if c else "",
                    "customer_notes": c.notes if c else "",
                    "customer_date_of_birth": c.date_of_birth if c else None,
                }
            )
        )
    return listed


def availability(
    session: Session,
    principal: Principal,
    service_id: uuid.UUID,
    day: date,
    provider_id: uuid.UUID | None,
    catalogues: CatalogueCache | None,
    now: datetime | None = None,
    limit: int | None = None,
    cat: Catalogue | None = None,
) -> schemas.AvailabilityOut:
    """Free slots on the local `day`; with `limit`, only the first ones. `cat`: the
    catalogue, if the caller has just read it in this transaction."""
    tid = principal.tenant_id
    cat = cat or catalogue(session, tid, catalogues)
    providers, around = slots_asked(cat, service_id, day, provider_id)
    busy = busy_of_each(session, tid, [p.provider_id for p in providers], around)
    return slots_free(cat, service_id, day, providers, busy, now or session_now(session), limit)


def slots_asked(
    cat: Catalogue, service_id: uuid.UUID, day: date, provider_id: uuid.UUID | None
) -> tuple[Sequence[ProviderInfo], Interval]:
    """Whose free slots a day's availability looks at, and around which instants their
    busy ranges are to be read (the local day, and six hours each side)."""
    cat.service(service_id)  # a service of this business
    if provider_id is not None:
        provider = cat.provider(provider_id)
        if not cat.offers(provider_id, service_id):
            raise InvalidValueError(
                "provider_id", "does_not_offer_service", "this provider does not offer this service"
            )
        providers: Sequence[ProviderInfo] = [provider]
    else:
        providers = [cat.providers[p] for p in cat.offered_by.get(service_id, ())]
    start, end = day_range(day, cat.tenant_zone)
    return providers, (start - timedelta(hours=6), end + timedelta(hours=6))


def slots_free(
    cat: Catalogue,
    service_id: uuid.UUID,
    day: date,
    providers: Sequence[ProviderInfo],
    busy: dict[uuid.UUID, list[Interval]],
    now: datetime,
    limit: int | None,
) -> schemas.AvailabilityOut:
    """The free slots of `providers` on the local `day`, given their `busy` ranges
    around it (as slots_asked says) and the present `now`."""
    tz = cat.tenant_zone
    granularity = cat.slot_minutes
    slots: list[Slot] = free_slots(
        day,
        tz,
        cat.service(service_id).spec,
        [cat.schedules[p.provider_id] for p in providers],
        busy,
        granularity,
        not_before=now,
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
