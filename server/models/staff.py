from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKeyConstraint, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, utcnow


class StaffUser(Base):
    """A person who signs in: admin, reception or provider."""

    __tablename__ = "staff_users"
    __table_args__ = (
        ForeignKeyConstraint(["tenant_id"], ["tenants.tenant_id"]),
        ForeignKeyConstraint(
            ["tenant_id", "provider_id"], ["providers.tenant_id", "providers.provider_id"]
        ),
        UniqueConstraint("tenant_id", "email"),
        # Sign-in looks a user up by email before the tenant is known.
        Index("ix_staff_users_email", "email"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    provider_id: Mapped[uuid.UUID | None]  # the provider this person is, for role provider
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuthSession(Base):
    """One signed-in device. Its refresh token is stored hashed; sign-out revokes it."""

    __tablename__ = "auth_sessions"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "user_id"], ["staff_users.tenant_id", "staff_users.user_id"]
        ),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    user_id: Mapped[uuid.UUID]
    refresh_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    refreshed_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class RotatedRefreshToken(Base):
    """A refresh token its session has rotated out, kept hashed until the session
    expires: if one comes back, someone kept a copy, and the session ends (reuse
    detection). Any other wrong secret is only refused, so knowing a session's ids is
    not enough to end it."""

    __tablename__ = "rotated_refresh_tokens"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "session_id"], ["auth_sessions.tenant_id", "auth_sessions.session_id"]
        ),
        Index("ix_rotated_refresh_tokens_expires_at", "expires_at"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    refresh_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime]  # the session's: no use keeping it longer


class SignInAttempt(Base):
    """An attempt the sign-in rate limit counts (server/ratelimit.py), kept for
    its window. In the store, so that every server process counts the same attempts.

    No tenant: who is trying is not known yet. The key (an address, an email) is kept
    hashed: the table says how often, not who.
    """

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_key_at", "key", "at"),
        Index("ix_sign_in_attempts_at", "at"),
    )

    attempt_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
