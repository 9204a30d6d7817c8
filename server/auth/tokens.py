"""Access tokens (short-lived JWTs) and refresh tokens (opaque, stored hashed).

An access token names its session; every request checks the session is not revoked,
so sign-out takes effect at once rather than when the token expires.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

from app.domain.staff import Role

ALGORITHM = "HS256"


@dataclass(frozen=True, slots=True)
class AccessClaims:
    tenant_id: uuid.UUID
    user_id: uuid.UUID
    session_id: uuid.UUID
    role: Role


def issue_access_token(
    claims: AccessClaims, secret: str, now: datetime, lifetime: timedelta
) -> str:
    payload = {
        "sub": str(claims.user_id),
        "tid": str(claims.tenant_id),
        "sid": str(claims.session_id),
        "role": claims.role.value,
        "typ": "access",
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM)


def read_access_token(token: str, secret: str) -> AccessClaims | None:
    """The claims of a valid, unexpired access token, else None."""
    verified = _verified(token, secret)
    if verified is None or verified[1] <= time.time():
        return None
    return verified[0]


@functools.lru_cache(maxsize=4096)
def _verified(token: str, secret: str) -> tuple[AccessClaims, int] | None:
    """A token's claims and expiry if its signature and form are right. Cached: a desk
    sends the same token with every request for its lifetime, and checking the
    signature again costs more than the rest of authenticating; expiry is checked on
    every use by the caller."""
    try:
        payload = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub", "tid"], "verify_exp": False},
        )
        if payload.get("typ") != "access":
            return None
        claims = AccessClaims(
            tenant_id=uuid.UUID(payload["tid"]),
            user_id=uuid.UUID(payload["sub"]),
            session_id=uuid.UUID(payload["sid"]),
            role=Role(payload["role"]),
        )
        return claims, int(payload["exp"])
    except (jwt.PyJWTError, KeyError, ValueError, TypeError):
        return None


def new_refresh_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def compose_refresh_token(tenant_id: uuid.UUID, session_id: uuid.UUID, secret: str) -> str:
    return f"{tenant_id.hex}.{session_id.hex}.{secret}"


def parse_refresh_token(token: str) -> tuple[uuid.UUID, uuid.UUID, str] | None:
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        return uuid.UUID(parts[0]), uuid.UUID(parts[1]), parts[2]
    except ValueError:
        return None
