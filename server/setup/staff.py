"""Staff accounts: adding, changing, listing, and lifting a sign-in lock.
Every function takes the caller's tenant and touches only it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidValueError
from app.domain.staff import Role, check_email, check_password, check_staff_role
from app.domain.tenants import (
    check_name,
)
from server.auth.passwords import hash_password
from server.auth.service import end_sessions
from server.errors import NotFoundError
from server.models import (
    AuthSession,
    StaffUser,
)
from server.ratelimit import LoginRateLimiter
from server.setup import schemas
from server.setup.lookups import get_provider


def add_staff(session: Session, tenant_id: uuid.UUID, body: schemas.StaffIn) -> StaffUser:
    role = check_staff_role(body.role)
    if body.provider_id is not None:
        get_provider(session, tenant_id, body.provider_id)
    elif role is Role.PROVIDER:
        raise InvalidValueError(
            "provider_id", "required", "a provider account must name its provider"
        )
    user = StaffUser(
        tenant_id=tenant_id,
        user_id=uuid.uuid4(),
        email=check_email(body.email),
        display_name=check_name(body.display_name, "display_name"),
        role=role.value,
        password_hash=hash_password(check_password(body.password)),
        provider_id=body.provider_id,
    )
    session.add(user)
    session.flush()  # a duplicate email fails here, inside the request's transaction
    return user


def update_staff(
    session: Session,
    tenant_id: uuid.UUID,
    user_id: uuid.UUID,
    body: schemas.StaffUpdate,
    *,
    caller: uuid.UUID,
    caller_session: uuid.UUID,
) -> StaffUser:
    """Change a staff member, as the admin `caller` signed in with `caller_session`. A
    new password signs them out on every device (someone else may know the old one),
    except this very session when the admin changes their own."""
    user = get_staff(session, tenant_id, user_id)
    if body.display_name is not None:
        user.display_name = check_name(body.display_name, "display_name")
    if body.role is not None:
        user.role = check_staff_role(body.role).value
    if body.password is not None:
        user.password_hash = hash_password(check_password(body.password))
        keep = caller_session if caller == user_id else None
        end_sessions(session, tenant_id, user_id, keep=keep)
    if body.active is not None:
        user.active = body.active
    return user


def list_staff(session: Session, tenant_id: uuid.UUID) -> Sequence[StaffUser]:
    query = select(StaffUser).where(StaffUser.tenant_id == tenant_id).order_by(StaffUser.email)
    return session.scalars(query).all()


def get_staff(session: Session, tenant_id: uuid.UUID, user_id: uuid.UUID) -> StaffUser:
    user = session.get(StaffUser, (tenant_id, user_id))
    if user is None:
        raise NotFoundError("no such staff member", field="user_id")
    return user


def staff_out(
    session: Session, limiter: LoginRateLimiter, users: Sequence[StaffUser]
) -> list[schemas.StaffOut]:
    """Staff as an admin sees them, with any lock on their sign-in and when they last
    signed in."""
    locks = limiter.locked_until(session, [u.email for u in users])
    last = last_sign_ins(session, users)
    return [
        schemas.StaffOut(
            user_id=u.user_id,
            email=u.email,
            display_name=u.display_name,
            role=u.role,
            provider_id=u.provider_id,
            active=u.active,
            locked_until=locks.get(u.email),
            last_sign_in_at=last.get((u.tenant_id, u.user_id)),
        )
        for u in users
    ]


def last_sign_ins(
    session: Session, users: Sequence[StaffUser]
) -> dict[tuple[uuid.UUID, uuid.UUID], datetime]:
    """(tenant, user) -> their last successful sign-in. Every sign-in starts a session
    and sessions are kept (revoked, never deleted), so the newest one tells; a refresh
    is not a sign-in and does not count."""
    found: dict[tuple[uuid.UUID, uuid.UUID], datetime] = {}
    for tenant_id in {u.tenant_id for u in users}:
        ids = [u.user_id for u in users if u.tenant_id == tenant_id]
        query = (
            select(AuthSession.user_id, func.max(AuthSession.created_at))
            .where(AuthSession.tenant_id == tenant_id, AuthSession.user_id.in_(ids))
            .group_by(AuthSession.user_id)
        )
        for user_id, at in session.execute(query):
            found[(tenant_id, user_id)] = at
    return found


def unlock_staff(
    session: Session, limiter: LoginRateLimiter, tenant_id: uuid.UUID, user_id: uuid.UUID
) -> StaffUser:
    """Lift the lock that too many wrong passwords put on a staff member's sign-in. The
    lock is on the email, so it lifts for every business the email signs in to."""
    user = get_staff(session, tenant_id, user_id)
    limiter.unlock(session, user.email)
    return user
