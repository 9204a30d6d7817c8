"""Sign-in, refresh and sign-out against the store."""

from __future__ import annotations

import hmac
import uuid
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.domain.staff import Role, check_email
from server.auth import tokens
from server.auth.passwords import verify_password
from server.auth.schemas import TenantBrief, Tokens, UserOut
from server.db.base import utcnow
from server.db.engine import ALL_TENANTS, bind_tenant
from server.errors import ApiError, UnauthorizedError
from server.models import AuthSession, RotatedRefreshToken, StaffUser, Tenant
from server.runtime import Runtime

WRONG_CREDENTIALS = "wrong email or password"


def _issue(runtime: Runtime, session: Session, user: StaffUser, auth: AuthSession) -> Tokens:
    now = utcnow()
    secret = tokens.new_refresh_secret()
    if auth.refresh_hash:
        # Kept so that its coming back is recognised as a copy (see refresh).
        session.add(
            RotatedRefreshToken(
                tenant_id=auth.tenant_id,
                session_id=auth.session_id,
                refresh_hash=auth.refresh_hash,
                expires_at=auth.expires_at,
            )
        )
    auth.refresh_hash = tokens.hash_secret(secret)
    auth.refreshed_at = now
    lifetime = timedelta(minutes=runtime.settings.access_token_minutes)
    claims = tokens.AccessClaims(user.tenant_id, user.user_id, auth.session_id, Role(user.role))
    tenant = session.get_one(Tenant, user.tenant_id)
    return Tokens(
        access_token=tokens.issue_access_token(claims, runtime.secret_key, now, lifetime),
        refresh_token=tokens.compose_refresh_token(user.tenant_id, auth.session_id, secret),
        expires_in=int(lifetime.total_seconds()),
        user=UserOut.model_validate(user, from_attributes=True),
        tenant=TenantBrief.model_validate(tenant, from_attributes=True),
    )


def sign_in(
    runtime: Runtime, session: Session, email: str, password: str, tenant_id: uuid.UUID | None
) -> Tokens:
    email = check_email(email)
    # An email may belong to staff of several businesses: look in all of them (or in
    # the one named), then act only for the one signed in to.
    bind_tenant(session, ALL_TENANTS if tenant_id is None else tenant_id)
    query = select(StaffUser).where(StaffUser.email == email, StaffUser.active.is_(True))
    if tenant_id is not None:
        query = query.where(StaffUser.tenant_id == tenant_id)
    candidates = session.scalars(query).all()
    if tenant_id is not None and session.get(Tenant, tenant_id) is None:
        raise ApiError("no such business", field="tenant_id", code="unknown_tenant")
    matches = [u for u in candidates if verify_password(u.password_hash, password)]
    if not candidates:
        verify_password(None, password)  # same cost as a wrong password
    if not matches:
        raise UnauthorizedError(WRONG_CREDENTIALS, code="wrong_credentials")
    if len(matches) > 1:
        raise ApiError(
            "this email signs in to several businesses; choose one",
            field="tenant_id",
            code="tenant_required",
        )
    user = matches[0]
    bind_tenant(session, user.tenant_id)
    now = utcnow()
    # What no expired session needs any more, so that the history stays small: this
    # business's (bound to it, row-level security hides the others'; each business's
    # own sign-ins clear its history).
    session.execute(
        delete(RotatedRefreshToken).where(
            RotatedRefreshToken.tenant_id == user.tenant_id,
            RotatedRefreshToken.expires_at <= now,
        )
    )
    auth = AuthSession(
        tenant_id=user.tenant_id,
        session_id=uuid.uuid4(),
        user_id=user.user_id,
        refresh_hash="",
        created_at=now,
        expires_at=now + timedelta(days=runtime.settings.refresh_token_days),
    )
    session.add(auth)
    return _issue(runtime, session, user, auth)


def refresh(runtime: Runtime, session: Session, refresh_token: str) -> Tokens:
    parsed = tokens.parse_refresh_token(refresh_token)
    invalid = UnauthorizedError(
        "the refresh token is not valid; sign in again", field="refresh_token", code="invalid_token"
    )
    if parsed is None:
        raise invalid
    tenant_id, session_id, secret = parsed
    bind_tenant(session, tenant_id)
    auth = session.get(AuthSession, (tenant_id, session_id))
    if auth is None or auth.revoked_at is not None or auth.expires_at <= utcnow():
        raise invalid
    presented = tokens.hash_secret(secret)
    if not hmac.compare_digest(presented, auth.refresh_hash):
        rotated = session.get(RotatedRefreshToken, (tenant_id, session_id, presented))
        if rotated is not None:
            # A token this session already rotated out came back: someone kept a copy.
            # End the session for all.
            auth.revoked_at = utcnow()
            session.commit()
        # Anything else is a guess: refused, and the session lives on.
        raise invalid
    user = session.get_one(StaffUser, (tenant_id, auth.user_id))
    if not user.active:
        raise invalid
    return _issue(runtime, session, user, auth)


def end_sessions(
    session: Session, tenant_id: uuid.UUID, user_id: uuid.UUID, keep: uuid.UUID | None = None
) -> None:
    """Sign `user_id` out everywhere but the session `keep` (the caller's own, when they
    change their own password): their access tokens stop at once, their refresh
    tokens no longer refresh."""
    query = update(AuthSession).where(
        AuthSession.tenant_id == tenant_id,
        AuthSession.user_id == user_id,
        AuthSession.revoked_at.is_(None),
    )
    if keep is not None:
        query = query.where(AuthSession.session_id != keep)
    session.execute(
        query.values(revoked_at=utcnow()), execution_options={"synchronize_session": False}
    )


def sign_out(session: Session, tenant_id: uuid.UUID, session_id: uuid.UUID) -> None:
    auth = session.get_one(AuthSession, (tenant_id, session_id))
    auth.revoked_at = utcnow()
