"""Which failed REST requests are refused writes the audit trail keeps, and what they name.

A refusal is the domain's (a rule broken: 409 or 422 from app/domain, a constraint of
the store, a conflict a route raises), never a request that could not be read, a caller
not signed in or not allowed, or a row not found: those changed nothing anyone asked.
"""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.exc import IntegrityError, OperationalError

from app.domain.errors import DomainError
from server.errors import ConflictApiError, is_overlap_deadlock, store_refusal

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# POSTed but only read: a preview of a change, a kiosk's look-up.
READS_SUFFIX = "/preview"
READ_ROUTES = frozenset({"/kiosk/lookup"})
# The row a route's path names, by its parameter (the audit trail's entity names).
ENTITY_OF_PARAM = {
    "booking_id": "booking",
    "customer_id": "customer",
    "payment_id": "payment",
    "ticket_id": "walkin_ticket",
    "provider_id": "provider",
    "service_id": "service",
    "user_id": "staff_user",
    "location_id": "location",
    "time_off_id": "time_off",
}
# A route that names no row (a creation): what it would have made, by its last word.
ENTITY_OF_RESOURCE = {
    "bookings": "booking",
    "customers": "customer",
    "payments": "payment",
    "walkins": "walkin_ticket",
    "providers": "provider",
    "services": "service",
    "staff": "staff_user",
    "locations": "location",
    "tenant": "tenant",
    "time-off": "time_off",
}


def refusal_code(exc: BaseException) -> str | None:
    """The stable code of a domain refusal, or None for any other failure."""
    if isinstance(exc, DomainError | ConflictApiError):
        return exc.code
    if isinstance(exc, IntegrityError) or (
        isinstance(exc, OperationalError) and is_overlap_deadlock(exc)
    ):
        return store_refusal(exc).code
    return None


def refused_write(request: Request, route: str, exc: BaseException) -> tuple[str, str, str] | None:
    """(entity, id, code) of a refused write to record, or None. `route` is the route's
    template ("/bookings/{booking_id}/reschedule")."""
    if request.method not in WRITES or route.endswith(READS_SUFFIX) or route in READ_ROUTES:
        return None
    code = refusal_code(exc)
    if code is None:
        return None
    entity, entity_id = target(route, request.path_params)
    return entity, entity_id, code


def target(route: str, params: dict[str, str]) -> tuple[str, str]:
    """The row the route names (its last known id parameter), else what it creates."""
    parts = route.strip("/").split("/")
    for part in reversed(parts):
        name = part.strip("{}")
        if part.startswith("{") and name in ENTITY_OF_PARAM and name in params:
            return ENTITY_OF_PARAM[name], str(params[name])
    for part in reversed(parts):
        if part in ENTITY_OF_RESOURCE:
            return ENTITY_OF_RESOURCE[part], ""
    return "unknown", ""
