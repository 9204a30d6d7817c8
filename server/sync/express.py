"""`booking.create` pushed alone, the commonest push, applied with plain statements.

Through the ORM a push of one booking cost several times its database work in Python
(building statements, the unit of work), and that capped a server's pushes per second.
This path runs the same checks with the same code (the catalogue, the availability
rules) and writes the same row with its version, in two round trips on the session's
own connection.

A slot that cannot be had (taken, outside hours, time off) it judges with the same
availability code on current data before writing anything, and the push records that
refusal as the general path would. Whatever else it would not accept (a customer not
found, a catalogue changed since it was cached, a database error) it declines, and the
push redoes the change the general way. tests/server/test_express.py holds both ways to
the same answers and the same rows.
PostgreSQL only: on SQLite (one site, little load) the general path does it all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import psycopg
from sqlalchemy.orm import Session

from app.domain import bookings as rules
from app.domain.availability import check_bookable
from app.domain.errors import DomainError
from app.domain.timezones import ensure_utc
from server.bookings.service import new_code
from server.catalogue import CatalogueCache
from server.db.base import utcnow
from server.deps import Principal
from server.errors import ApiError
from server.models.bookings import ACTIVE_SQL
from server.sync import versioning
from server.sync.mutations import BookingCreate

# The catalogue's version (is the one held still current?), whether the customer
# exists, and the provider's active busy ranges near the slot: asked as
# bookings.busy_of asks it (see there why the tenant is checked in the FILTER).
_LOOK = f"""
SELECT (SELECT reference_version FROM tenant_versions WHERE tenant_id = %(tenant)s),
       EXISTS (SELECT 1 FROM customers
               WHERE tenant_id = %(tenant)s AND customer_id = %(customer)s),
       b.froms, b.untils
FROM (SELECT array_agg(busy_from) FILTER (WHERE tenant_id = %(tenant)s) AS froms,
             array_agg(busy_until) FILTER (WHERE tenant_id = %(tenant)s) AS untils
      FROM bookings
      WHERE provider_id = %(provider)s AND status IN ({ACTIVE_SQL})
        AND tstzrange(busy_from, busy_until) && tstzrange(%(since)s, %(until)s)) AS b
"""
# The row, and at once its version: what versioning.py does just before a commit
# (bump the tenant's version, stamp the row, NOTIFY), done by the same statement. The
# commit follows this statement directly, so the version row stays locked no longer.
_INSERT = """
WITH b AS (
    INSERT INTO bookings (tenant_id, booking_id, code, location_id, provider_id, service_id,
        customer_id, start_at, end_at, busy_from, busy_until, status, series_id, price_minor,
        notes, cancel_reason, created_by, created_at, updated_at)
    VALUES (%(tenant)s, %(booking)s, %(code)s, %(location)s, %(provider)s, %(service)s,
        %(customer)s, %(start)s, %(end)s, %(busy_from)s, %(busy_until)s, %(status)s,
        %(series)s, %(price)s, %(notes)s, '', %(by)s, %(now)s, %(now)s)
    RETURNING tenant_id, booking_id
), v AS (
    UPDATE tenant_versions SET version = version + 1
    WHERE tenant_id = %(tenant)s
    RETURNING version, pg_notify(%(channel)s, tenant_id::text || ':' || version::text)
)
INSERT INTO sync_rows (tenant_id, entity, entity_id, version, deleted)
SELECT b.tenant_id, 'booking', b.booking_id::text, v.version, false FROM b, v
ON CONFLICT (tenant_id, entity, entity_id)
DO UPDATE SET version = excluded.version, deleted = excluded.deleted
RETURNING version
"""


class DeclinedError(Exception):
    """Not for this path: redo the push the general way."""


class RefusedError(Exception):
    """The rules refuse the booking, judged on current data before anything was
    written: the transaction is intact, and the refusal can be recorded in it."""

    def __init__(self, cause: DomainError) -> None:
        super().__init__(cause.message)
        self.cause = cause


def create_booking(session: Session, principal: Principal, name: str, args: Any) -> bool:
    """Apply `args` if this is a booking.create this path takes; False if it is not
    (nothing done). Raises RefusedError when the slot cannot be had, DeclinedError for
    anything else it won't accept."""
    if name != "booking.create" or not isinstance(args, BookingCreate):
        return False
    if args.provider_id is None or session.get_bind().dialect.name != "postgresql":
        return False  # "any provider" picks one the general way
    tid = principal.tenant_id
    cache: CatalogueCache | None = session.info.get("catalogues")
    cat = cache.peek(tid) if cache is not None else None
    if cat is None:
        return False  # the general path loads it for the next time
    try:  # judged on a catalogue not yet known to be current: the general path decides
        status = rules.parse_status(args.status)
        service = cat.service(args.service_id)
        provider = cat.provider(args.provider_id)
        start: datetime = ensure_utc(args.start_at, "start_at")
    except (DomainError, ApiError) as exc:
        raise DeclinedError(str(exc)) from exc
    if status not in rules.INITIAL_STATUSES or not cat.offers(
        provider.provider_id, service.service_id
    ):
        raise DeclinedError("the general path says why")
    spec = service.spec
    db = session.connection().connection.driver_connection
    assert isinstance(db, psycopg.Connection)
    try:
        version, customer_exists, froms, untils = db.execute(
            _LOOK,
            {
                "tenant": tid,
                "customer": args.customer_id,
                "provider": provider.provider_id,
                "since": start - spec.before,
                "until": start + spec.duration + spec.after,
            },
        ).fetchone() or (None, False, None, None)
        if version != cat.reference_version:
            raise DeclinedError("the catalogue changed: the general path reloads it")
        if not customer_exists:
            raise DeclinedError("no such customer")
        try:  # the slot: what the general path would say, on the same data
            busy = check_bookable(
                start,
                spec,
                cat.schedules[provider.provider_id],
                list(zip(froms or (), untils or (), strict=True)),
                cat.zone_of(provider),
            )
        except DomainError as exc:
            raise RefusedError(exc) from exc
        stamped = db.execute(
            _INSERT,
            {
                "tenant": tid,
                "booking": args.booking_id,
                "code": new_code(),
                "location": provider.location_id,
                "provider": provider.provider_id,
                "service": service.service_id,
                "customer": args.customer_id,
                "start": start,
                "end": start + spec.duration,
                "busy_from": busy[0],
                "busy_until": busy[1],
                "status": status.value,
                "series": args.series_id,
                "price": spec.price_minor,
                "notes": args.notes.strip(),
                "by": principal.user_id,
                "now": utcnow(),
                "channel": versioning.NOTIFY_CHANNEL,
            },
        ).fetchone()
    except psycopg.Error as exc:  # e.g. the slot taken a moment ago: the database says
        raise DeclinedError(str(exc)) from exc
    if stamped is None:
        raise DeclinedError("a tenant without a version row: the general path makes it")
    return True
