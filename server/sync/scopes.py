"""What each role's replica holds, and the shape of each row on the wire.

A desk gets the tenant's reference data, its customers, the bookings in a window (30
days back to 90 ahead), the walk-in tickets of those 30 days and the waitlist entries
whose days are not over by more than those 30. A site hub gets what a desk gets of its
own location: its bookings, their payments and its walk-ins (reference data, customers
and the waitlist whole: a customer may come to any location). A kiosk
gets today's bookings of its location with only what check-in needs: a first name and
last initial, the time, the provider. Never a phone number, an email or a national ID.
A queue board gets less: today's bookings of its location from check-in on (code,
provider, status, times) and today's walk-in tickets there (label, status, provider,
when called), the providers' names and the business's branding; no customer field.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from app.domain.availability import day_range
from app.domain.staff import Role
from app.sync.scope import DESK_DAYS_AHEAD, DESK_DAYS_BACK
from server.db.base import session_now
from server.deps import Principal
from server.setup import lookups, tenants

# Hours and time off let a kiosk estimate a walk-in's wait from the calendars.
KIOSK_ENTITIES = frozenset(
    {
        "tenant",
        "location",
        "provider",
        "service",
        "provider_service",
        "provider_hours",
        "time_off",
        "booking",
        "walkin_ticket",
    }
)


# A waiting room's screen: who is being served and who is next, and the business's look.
BOARD_ENTITIES = frozenset({"tenant", "location", "provider", "booking", "walkin_ticket"})
# The bookings a board shows: arrived, being seen, or seen (the last "now serving").
BOARD_BOOKING_STATUSES = frozenset({"checked_in", "in_service", "completed"})
BOARD_FIELDS: dict[str, tuple[str, ...]] = {
    "booking": ("booking_id", "code", "location_id", "provider_id", "start_at", "status"),
    "walkin_ticket": (
        "ticket_id",
        "location_id",
        "day",
        "number",
        "label",
        "provider_id",
        "service_id",
        "status",
        "issued_at",
        "called_at",
    ),
    "provider": ("provider_id", "location_id", "display_name", "active", "colour"),
    "location": ("location_id", "name", "time_zone"),
}


@dataclass(frozen=True)
class Scope:
    role: Role
    start: datetime  # bookings starting in [start, end)
    end: datetime
    today: date
    location_id: uuid.UUID | None  # kiosk, site hub: its location
    provider_id: uuid.UUID | None  # provider: their own bookings only


def scope_for(session: Session, principal: Principal, now: datetime | None = None) -> Scope:
    """The scope of `principal` as of `now` (the present unless a test states one)."""
    tenant = lookups.get_tenant(session, principal.tenant_id)
    location = (
        lookups.get_location(session, principal.tenant_id, principal.location_id)
        if principal.location_id
        else None
    )
    tz = tenants.location_zone(tenant, location)
    # The server's clock (session_now): a test that fixes it fixes what "today" is.
    today = (now or session_now(session)).astimezone(tz).date()
    if principal.role in (Role.KIOSK, Role.BOARD):
        start, end = day_range(today, tz)
    else:
        start = day_range(today - timedelta(days=DESK_DAYS_BACK), tz)[0]
        end = day_range(today + timedelta(days=DESK_DAYS_AHEAD), tz)[1]
    # Only the provider role is kept to its own bookings: an admin who also sees
    # patients reads everything, as through REST.
    own = principal.provider_id if principal.role is Role.PROVIDER else None
    return Scope(principal.role, start, end, today, principal.location_id, own)


def jsonable(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


# The same rules as in_desk_scope below, for PostgreSQL to apply to table `t` (see
# desk_page.py; a provider's own bookings are added there). Entities not listed are
# taken whole. tests/server/test_sync_json.py holds the two to the same answers.
DESK_SCOPE_SQL: dict[str, str] = {
    "booking": "t.start_at >= :start AND t.start_at < :end",
    "payment": "t.created_at >= :start",
    "time_off": "t.end_at >= :start",
    "walkin_ticket": "t.day >= :since",
    "waitlist_entry": "t.latest_day >= :since",
    "cash_close": "t.day >= :since",
}


# A site hub's own location, on top of the desk's rules (payments: of its bookings).
HUB_SCOPE_SQL: dict[str, str] = {
    "booking": "t.location_id = :location",
    "walkin_ticket": "t.location_id = :location",
    "payment": "EXISTS (SELECT 1 FROM bookings AS b WHERE b.tenant_id = t.tenant_id"
    " AND b.booking_id = t.booking_id AND b.location_id = :location)",
}


def in_desk_scope(entity: str, row: Any, scope: Scope) -> bool:
    """Whether a staff member's (or a site hub's) replica holds this row; a hub's
    payments are judged by their booking's location too (pull._rows_as_json)."""
    here = entity not in ("booking", "walkin_ticket") or row.location_id == scope.location_id
    if scope.role is Role.HUB and not here:
        return False
    if entity == "booking":
        if not scope.start <= row.start_at < scope.end:
            return False
        return scope.role is not Role.PROVIDER or row.provider_id == scope.provider_id
    if entity == "payment":
        return bool(row.created_at >= scope.start)
    if entity == "time_off":
        return bool(row.end_at >= scope.start)
    if entity == "walkin_ticket":
        # As many days back as bookings: the day report counts walk-ins too.
        return bool(row.day >= scope.today - timedelta(days=DESK_DAYS_BACK))
    if entity == "waitlist_entry":
        # Requests whose days are long over would only fill the replica.
        return bool(row.latest_day >= scope.today - timedelta(days=DESK_DAYS_BACK))
    if entity == "cash_close":  # the days a desk shows payments of, to look back and reprint
        return bool(row.day >= scope.today - timedelta(days=DESK_DAYS_BACK))
    return True


# What no desk reads, left off a desk's rows: a fifth of a first sync's bytes (50,000
# bookings). A site hub gets whole rows: it is a store of its own, and serves REST.
DESK_OMITTED: dict[str, frozenset[str]] = {
    "booking": frozenset({"created_by", "created_at", "updated_at"}),
    "customer": frozenset({"created_at", "updated_at"}),
}


def omitted(entity: str, role: Role) -> frozenset[str]:
    """The columns left off `entity`'s rows for `role` (kiosks: see _kiosk)."""
    return frozenset() if role is Role.HUB else DESK_OMITTED.get(entity, frozenset())


# A provider reads through REST neither customers, nor payments, nor walk-ins, nor a
# waitlist (customers' requests), nor the tills' closes: their replica holds none.
# Each of their bookings carries what care needs of its customer.
PROVIDER_HIDDEN = frozenset(
    {"customer", "payment", "walkin_ticket", "waitlist_entry", "cash_close"}
)
# For each booking a provider sees: the customer's name, notes and date of birth.
PROVIDER_CUSTOMER_FIELDS = ("customer_label", "customer_notes", "customer_date_of_birth")


def project(
    entity: str, row: Row[Any], scope: Scope, customers: dict[uuid.UUID, dict[str, Any]]
) -> dict[str, Any] | None:
    """The row as this scope may see it, or None when it is outside the scope.
    `customers`: for kiosks and providers, what their bookings show of each customer."""
    left_off = omitted(entity, scope.role)
    data = {
        k: jsonable(v) for k, v in row._mapping.items() if k != "tenant_id" and k not in left_off
    }
    if scope.role is Role.KIOSK:
        return _kiosk(entity, row, data, scope, customers)
    if scope.role is Role.BOARD:
        return _board(entity, row, data, scope)
    if scope.role is Role.PROVIDER:
        if entity in PROVIDER_HIDDEN or not in_desk_scope(entity, row, scope):
            return None
        if entity == "booking":
            return {**data, **customers.get(row.customer_id, {})}
        return data
    return data if in_desk_scope(entity, row, scope) else None


def _kiosk(
    entity: str,
    row: Row[Any],
    data: dict[str, Any],
    scope: Scope,
    customers: dict[uuid.UUID, dict[str, Any]],
) -> dict[str, Any] | None:
    if entity not in KIOSK_ENTITIES:
        return None
    if entity == "location" and row.location_id != scope.location_id:
        return None
    if entity == "provider" and row.location_id != scope.location_id:
        return None
    if entity == "booking":
        if row.location_id != scope.location_id or not scope.start <= row.start_at < scope.end:
            return None
        keep = (
            "booking_id",
            "code",
            "location_id",
            "provider_id",
            "service_id",
            "start_at",
            "end_at",
            "busy_from",
            "busy_until",
            "status",
        )
        label = customers.get(row.customer_id, {}).get("customer_label", "")
        return {**{k: data[k] for k in keep}, "customer_label": label}
    if entity == "walkin_ticket":
        if row.location_id != scope.location_id or row.day != scope.today:
            return None
        data.pop("customer_name", None)
    if entity == "time_off":
        data.pop("reason", None)  # when a provider is away is enough; why is theirs
    return data


def _board(entity: str, row: Row[Any], data: dict[str, Any], scope: Scope) -> dict[str, Any] | None:
    """A board's rows: named fields only, so a column added later stays off the wall."""
    if entity not in BOARD_ENTITIES:
        return None
    if entity != "tenant" and row.location_id != scope.location_id:
        return None
    if entity == "booking" and (
        row.status not in BOARD_BOOKING_STATUSES or not scope.start <= row.start_at < scope.end
    ):
        return None
    if entity == "walkin_ticket" and row.day != scope.today:
        return None
    fields = BOARD_FIELDS.get(entity)
    return data if fields is None else {k: data[k] for k in fields if k in data}


def booking_customer(role: Role, customer: Any) -> dict[str, Any]:
    """What a kiosk's or a provider's booking rows say of their customer."""
    if role is Role.KIOSK:
        return {"customer_label": customer_label(customer.first_name, customer.last_name)}
    return {
        "customer_label": f"{customer.first_name} {customer.last_name}".strip(),
        "customer_notes": customer.notes,
        "customer_date_of_birth": jsonable(customer.date_of_birth),
    }


def customer_label(first_name: str, last_name: str) -> str:
    """ "María José Núñez" -> "María José N." : enough to recognise oneself, no more."""
    initial = last_name.strip()[:1]
    return f"{first_name.strip()} {initial}." if initial else first_name.strip()
