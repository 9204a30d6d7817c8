"""`booking.create` pushed alone, the commonest push, applied with plain statements.

Through the ORM a push of one booking cost several times its database work in Python
(building statements, the unit of work), and that capped a server's pushes per second.
This path asks the same plan (app/domain/booking_plan.py), fed by one query, and
writes the same row with its version (the ORM path's stamping statement), in two
round trips on the session's own connection.

What the plan refuses it refuses on current data before writing anything, and the
push records that refusal as the general path would. Whatever else it would not
accept (a customer not found, a catalogue changed since it was cached, a database
error) it declines, and the push redoes the change the general way.
tests/server/test_express.py holds both ways to the same answers and the same rows.
PostgreSQL only: on SQLite (one site, little load) the general path does it all. Most
such pushes do not even come here: server/sync/grouped.py applies them in groups,
with this module's reader (`Looked`) and row (`new_row`), and leaves the rest to the
route, which comes here.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg.types.json import Json
from sqlalchemy.orm import Session

from app.domain.availability import Interval, starts_touching
from app.domain.booking_plan import (
    BookingPlan,
    BookingRequest,
    ProviderFacts,
    Refusal,
    plan_booking,
    window,
)
from app.domain.errors import DomainError
from app.domain.services import ServiceSpec
from app.sync.protocol import BookingCreate
from server.bookings.service import new_code, provider_facts
from server.catalogue import Catalogue, CatalogueCache
from server.db import audit, versioning
from server.db.base import session_now, utcnow
from server.deps import Principal
from server.errors import ApiError
from server.models.bookings import ACTIVE_SQL

# The catalogue's version (is the one held still current?), whether the customer
# exists, and the provider's active busy ranges near the slot: asked as
# bookings.busy_of asks it (see there why by provider and starts, and why the tenant is
# checked in the FILTER).
_LOOK = f"""
SELECT (SELECT reference_version FROM tenant_versions WHERE tenant_id = %(tenant)s),
       EXISTS (SELECT 1 FROM customers
               WHERE tenant_id = %(tenant)s AND customer_id = %(customer)s),
       b.froms, b.untils
FROM (SELECT array_agg(busy_from) FILTER (WHERE tenant_id = %(tenant)s) AS froms,
             array_agg(busy_until) FILTER (WHERE tenant_id = %(tenant)s) AS untils
      FROM bookings
      WHERE provider_id = %(provider)s AND start_at > %(low)s AND start_at < %(high)s
        AND status IN ({ACTIVE_SQL})
        AND tstzrange(busy_from, busy_until) && tstzrange(%(since)s, %(until)s)) AS b
"""
# The row, its audit event, and in the same statement its version: the ORM path's own
# stamping (versioning.stamp_sql), with the booking and its event written first as
# CTEs. The commit follows directly, so the version row stays locked no longer.
_INSERT = versioning.stamp_sql(
    "%(tenant)s",
    "%(channel)s",
    "(SELECT 'booking', b.booking_id::text, false FROM b) AS x (entity, entity_id, deleted)",
    before="""b AS (
    INSERT INTO bookings (tenant_id, booking_id, code, location_id, provider_id, service_id,
        customer_id, start_at, end_at, busy_from, busy_until, status, series_id, price_minor,
        notes, cancel_reason, created_by, created_at, updated_at)
    VALUES (%(tenant)s, %(booking)s, %(code)s, %(location)s, %(provider)s, %(service)s,
        %(customer)s, %(start)s, %(end)s, %(busy_from)s, %(busy_until)s, %(status)s,
        %(series)s, %(price)s, %(notes)s, '', %(by)s, %(now)s, %(now)s)
    RETURNING booking_id
), a AS (
    INSERT INTO audit_events (tenant_id, event_id, at, actor_id, actor_kind, actor_role,
        source, client_id, client_seq, hub_id, action, entity, entity_id, changes, outcome)
    SELECT %(tenant)s, %(event)s, %(at)s, %(by)s, %(actor_kind)s, %(actor_role)s,
        %(source)s, %(client)s, %(seq)s, %(hub)s, %(action)s, 'booking', b.booking_id::text,
        %(changes)s, 'applied'
    FROM b
),""",
)


class DeclinedError(Exception):
    """Not for this path: redo the push the general way."""


class RefusedError(Exception):
    """The rules refuse the booking, judged on current data before anything was
    written: the transaction is intact, and the refusal can be recorded in it."""

    def __init__(self, cause: DomainError) -> None:
        super().__init__(cause.message)
        self.cause = cause


@dataclass(frozen=True)
class Looked:
    """What the one query read, as the plan asks it (bookings.StoreReader's questions,
    answered from the catalogue held and that query)."""

    cat: Catalogue
    customer_exists: bool
    provider_id: uuid.UUID
    around: Interval
    busy_ranges: list[Interval]

    def service(self, service_id: uuid.UUID) -> ServiceSpec:
        return self.cat.service(service_id).spec

    def check_customer(self, customer_id: uuid.UUID) -> None:
        if not self.customer_exists:
            raise DeclinedError("no such customer")

    def provider(self, provider_id: uuid.UUID) -> ProviderFacts:
        return provider_facts(self.cat, self.cat.provider(provider_id))

    def offered_by(self, service_id: uuid.UUID) -> Sequence[uuid.UUID]:
        return self.cat.offered_by.get(service_id, ())

    def busy(
        self, provider_id: uuid.UUID, around: Interval, exclude: uuid.UUID | None = None
    ) -> Sequence[Interval]:
        if (provider_id, around, exclude) != (self.provider_id, self.around, None):
            raise DeclinedError("the plan asks what the query did not read")
        return self.busy_ranges


def create_booking(
    session: Session,
    principal: Principal,
    name: str,
    args: Any,
    cache: CatalogueCache | None,
    origin: tuple[audit.Actor, audit.Via] | None = None,
) -> bool:
    """Apply `args` if this is a booking.create this path takes; False if it is not
    (nothing done). Raises RefusedError when the plan refuses it, DeclinedError for
    anything else it won't accept. `cache` is the process's catalogue cache: without
    a catalogue held there, the general path loads one. `origin`: who made the change
    and from where, for its audit event (by default `principal`, with no client)."""
    if name != "booking.create" or not isinstance(args, BookingCreate):
        return False
    if args.provider_id is None or session.get_bind().dialect.name != "postgresql":
        return False  # "any provider" picks one the general way
    tid = principal.tenant_id
    cat = cache.peek(tid) if cache is not None else None
    if cat is None:
        return False  # the general path loads it for the next time
    service = cat.services.get(args.service_id)
    if service is None:  # maybe only in a catalogue not yet known to be current
        raise DeclinedError("no such service here: the general path says why")
    around = window(args.start_at, service.spec)
    starts = starts_touching(around)
    db = session.connection().connection.driver_connection
    assert isinstance(db, psycopg.Connection)
    try:
        version, customer_exists, froms, untils = db.execute(
            _LOOK,
            {
                "tenant": tid,
                "customer": args.customer_id,
                "provider": args.provider_id,
                "since": around[0],
                "until": around[1],
                "low": starts[0],
                "high": starts[1],
            },
        ).fetchone() or (None, False, None, None)
        if version != cat.reference_version:
            raise DeclinedError("the catalogue changed: the general path reloads it")
        looked = Looked(
            cat,
            customer_exists,
            args.provider_id,
            around,
            list(zip(froms or (), untils or (), strict=True)),
        )
        try:
            plan = plan_booking(request_of(args), looked)
        except ApiError as exc:  # not found in the catalogue: the general path's answer
            raise DeclinedError(str(exc)) from exc
        if isinstance(plan, Refusal):
            raise RefusedError(plan.error())
        now = utcnow()
        row = new_row(tid, args, plan, principal.user_id, now)
        actor, how = origin or (
            audit.Actor(tid, principal.user_id, principal.role.value),
            audit.Via(name, "sync"),
        )
        change = audit.created("booking", str(args.booking_id), row)
        stamped = db.execute(
            _INSERT,
            {
                "tenant": tid,
                "booking": row["booking_id"],
                "code": row["code"],
                "location": row["location_id"],
                "provider": row["provider_id"],
                "service": row["service_id"],
                "customer": row["customer_id"],
                "start": row["start_at"],
                "end": row["end_at"],
                "busy_from": row["busy_from"],
                "busy_until": row["busy_until"],
                "status": row["status"],
                "series": row["series_id"],
                "price": row["price_minor"],
                "notes": row["notes"],
                "by": principal.user_id,
                "now": now,
                "channel": versioning.NOTIFY_CHANNEL,
                "event": audit.new_event_id(),
                "at": session_now(session),  # the server's clock, as the general path's
                "actor_kind": actor.kind,
                "actor_role": actor.role,
                "source": how.source,
                "client": how.client_id,
                "seq": how.client_seq,
                "hub": how.hub_id,
                "action": how.action,
                "changes": Json([change]),
            },
        ).fetchone()
    except psycopg.Error as exc:  # e.g. the slot taken a moment ago: the database says
        raise DeclinedError(str(exc)) from exc
    if stamped is None:
        raise DeclinedError("a tenant without a version row: the general path makes it")
    return True


def new_row(
    tenant_id: uuid.UUID, args: BookingCreate, plan: BookingPlan, by: uuid.UUID, now: datetime
) -> dict[str, Any]:
    """The booking's columns as planned, as the ORM path's audit reads them off a new
    Booking (a new code each time it is asked)."""
    [when] = plan.occurrences  # booking.create plans one occurrence
    return {
        "tenant_id": tenant_id,
        "booking_id": args.booking_id,
        "code": new_code(),
        "location_id": plan.provider.location_id,
        "provider_id": plan.provider.provider_id,
        "service_id": args.service_id,
        "customer_id": args.customer_id,
        "start_at": when.start_at,
        "end_at": when.end_at,
        "busy_from": when.busy_from,
        "busy_until": when.busy_until,
        "status": plan.status.value,
        "series_id": args.series_id,
        "price_minor": plan.service.price_minor,
        "notes": args.notes.strip(),
        "cancel_reason": "",
        "created_by": by,
        "created_at": now,
        "updated_at": now,
    }


def request_of(args: BookingCreate) -> BookingRequest:
    return BookingRequest(
        service_id=args.service_id,
        customer_id=args.customer_id,
        start_at=args.start_at,
        provider_id=args.provider_id,
        status=args.status,
    )
