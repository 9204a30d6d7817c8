"""Dependencies the routes declare: the transaction, the caller, role guards."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.domain.staff import DESK_ROLES, DEVICE_ROLES, STAFF_ROLES, Role
from server.audit import refusals
from server.auth.tokens import read_access_token
from server.db import audit
from server.db.engine import bind_tenant
from server.errors import ForbiddenError, UnauthorizedError
from server.models import AuthSession, KioskDevice, StaffUser
from server.observability.logs import note_caller
from server.runtime import Runtime


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
T = TypeVar("T")


async def get_session(runtime: RuntimeDep, request: Request) -> AsyncIterator[Session]:
    """One session per request. Routes commit once at the end; anything else rolls back.

    Async, so that making it takes no worker thread (the session connects on first
    use, in the route's thread). A session left in a transaction is rolled back on a
    thread outside the pool's limit, as FastAPI closes its own: closing must never wait
    for a free worker while it holds a connection.
    """
    session = runtime.sessions()
    route = route_path(request)
    audit.via(session, audit.Via(f"{request.method} {route}"))
    try:
        yield session
    except Exception as exc:
        # A refused write rolled back whole; its refusal is kept in a transaction of
        # its own, before the answer goes (it never changes the answer).
        refused = refusals.refused_write(request, route, exc)
        if refused is not None:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(
                    audit.record_refusal, session, *refused, limiter=anyio.CapacityLimiter(1)
                )
        raise
    finally:
        with anyio.CancelScope(shield=True):
            if session.in_transaction():
                await anyio.to_thread.run_sync(session.close, limiter=anyio.CapacityLimiter(1))
            else:
                session.close()


SessionDep = Annotated[Session, Depends(get_session)]


def route_path(request: Request) -> str:
    """The route's template ("/bookings/{booking_id}"), as the audit trail names it."""
    route = request.scope.get("route")
    return str(getattr(route, "path", request.url.path))


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling. Every query a route makes is bound to `tenant_id`."""

    tenant_id: uuid.UUID
    user_id: uuid.UUID
    session_id: uuid.UUID
    role: Role
    provider_id: uuid.UUID | None
    location_id: uuid.UUID | None = None  # a device's location (kiosk or site hub)
    via_hub: uuid.UUID | None = None  # acting for its origin: the site hub forwarding


_bearer = HTTPBearer(auto_error=False, description="Access token from /auth/sign-in")


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def get_principal(runtime: RuntimeDep, session: SessionDep, credentials: Credentials) -> Principal:
    return authenticate(runtime, session, credentials)


def as_caller(
    runtime: Runtime,
    credentials: HTTPAuthorizationCredentials | None,
    work: Callable[[Session, Principal], T],
) -> T:
    """Authenticate and do `work` in one session, on the one worker thread this runs on:
    the sync routes, which every desk and kiosk calls all day, skip the separate
    check's round trips and thread hops."""
    with runtime.sessions() as session:
        result = work(session, authenticate(runtime, session, credentials))
        end_reading(session)
        return result


def end_reading(session: Session) -> None:
    """End a transaction that only read (or was committed already) with COMMIT.

    Closing it would send ROLLBACK, and on ROLLBACK psycopg forgets every statement it
    has prepared on the connection: each pull then parsed and planned its page query
    anew (1.5 ms of the database's time), and so did the next push on that connection.
    A COMMIT of a transaction that wrote nothing costs no more than a ROLLBACK."""
    session.commit()


# Built once: this runs for every request, and building the statement cost as much
# as running it.
_LIVE_SESSION = (
    select(StaffUser.role, StaffUser.provider_id)
    .join(
        AuthSession,
        (AuthSession.tenant_id == StaffUser.tenant_id) & (AuthSession.user_id == StaffUser.user_id),
    )
    .where(
        AuthSession.tenant_id == bindparam("tenant"),
        AuthSession.session_id == bindparam("session"),
        AuthSession.user_id == bindparam("user"),
        AuthSession.revoked_at.is_(None),
        StaffUser.active.is_(True),
    )
)


def authenticate(
    runtime: Runtime, session: Session, credentials: HTTPAuthorizationCredentials | None
) -> Principal:
    """The caller behind a bearer token, checked against the store (revocation is immediate)."""
    if credentials is None:
        raise UnauthorizedError(
            "sign in first: send Authorization: Bearer <access token>",
            code="not_signed_in",
            headers={"WWW-Authenticate": "Bearer"},
        )
    claims = read_access_token(credentials.credentials, runtime.secret_key)
    if claims is None:
        raise UnauthorizedError(
            "the access token is invalid or expired; refresh it or sign in again",
            code="invalid_token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    # The token is signed: its tenant is the only one this request may touch.
    bind_tenant(session, claims.tenant_id)
    if claims.role in DEVICE_ROLES:
        device = session.get(KioskDevice, (claims.tenant_id, claims.user_id))
        # A device's kind ("kiosk", "hub", "board") is its role's name.
        if device is None or device.revoked_at is not None or device.kind != claims.role.value:
            what = {Role.HUB: "site hub", Role.BOARD: "queue board"}.get(claims.role, "kiosk")
            raise UnauthorizedError(
                f"this {what} was revoked; it needs to be enrolled again",
                code="device_revoked",
                headers={"WWW-Authenticate": "Bearer"},
            )
        audit.attribute(session, audit.Actor(claims.tenant_id, device.device_id, claims.role.value))
        note_caller(claims.tenant_id, device.device_id, claims.role.value)
        return Principal(
            claims.tenant_id,
            device.device_id,
            device.device_id,
            claims.role,
            None,
            device.location_id,
        )
    # Every request asks the store, so sign-out and deactivation take effect at once: one
    # read of the session and its user together.
    found = (
        session.connection()
        .execute(
            _LIVE_SESSION,
            {"tenant": claims.tenant_id, "session": claims.session_id, "user": claims.user_id},
        )
        .one_or_none()
    )
    if found is None:
        raise UnauthorizedError(
            "this session has ended; sign in again",
            code="session_revoked",
            headers={"WWW-Authenticate": "Bearer"},
        )
    role = Role(found.role)
    audit.attribute(session, audit.Actor(claims.tenant_id, claims.user_id, role.value))
    note_caller(claims.tenant_id, claims.user_id, role.value)
    return Principal(claims.tenant_id, claims.user_id, claims.session_id, role, found.provider_id)


def get_principal_briefly(runtime: RuntimeDep, credentials: Credentials) -> Principal:
    """For long-lived responses (event streams): checks the token with a session of its
    own and gives its database connection back before the response starts."""
    with runtime.sessions() as session:
        principal = authenticate(runtime, session, credentials)
        end_reading(session)
        return principal


# Every route says who may call it, in one place the access matrix test reads
# (tests/server/test_access_matrix.py): the `require` guard it depends on, or
# `authenticates_itself` / `public` in its dependencies. ACCESS is the attribute.
ACCESS = "turnero_access"
PUBLIC = "public"
Access = frozenset[Role] | str


def require(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    async def guard(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        # Async: a role check needs no worker thread.
        if principal.role not in roles:
            allowed = ", ".join(r.value for r in roles)
            raise ForbiddenError(f"this needs the role {allowed}", code="forbidden_role")
        return principal

    setattr(guard, ACCESS, frozenset(roles))
    return guard


def _declaration(access: Access) -> Any:
    async def declared() -> None:
        """Declares who may call the route; checks nothing by itself."""

    setattr(declared, ACCESS, access)
    return Depends(declared)


def public() -> Any:
    """For a route anyone may call before signing in (sign-in, enrollment, health)."""
    return _declaration(PUBLIC)


def authenticates_itself(*roles: Role) -> Any:
    """For a route that authenticates in its own session (`as_caller`,
    `get_principal_briefly`): `authenticate` accepts a principal of any role, so
    `roles` must be every role; the matrix test holds the route to it."""
    if frozenset(roles) != ALL_ROLES:
        raise ValueError("a route that authenticates itself admits every role")
    return _declaration(frozenset(roles))


def route_access(dependant: Any) -> Access | None:
    """What a route declared (searched through its dependencies), or None."""
    for sub in dependant.dependencies:
        found = getattr(sub.call, ACCESS, None)
        if found is None:
            found = route_access(sub)
        if found is not None:
            return found
    return None


ALL_ROLES = frozenset((*STAFF_ROLES, *DEVICE_ROLES))
CurrentUser = Annotated[Principal, Depends(require(*STAFF_ROLES))]
AnyCaller = Annotated[Principal, Depends(require(*STAFF_ROLES, Role.KIOSK))]
DeskUser = Annotated[Principal, Depends(require(*DESK_ROLES))]
AdminUser = Annotated[Principal, Depends(require(Role.ADMIN))]
KioskCaller = Annotated[Principal, Depends(require(Role.KIOSK))]
HubCaller = Annotated[Principal, Depends(require(Role.HUB))]
