"""Sign-in throttling, counted in the store: every server process (`--workers N`, or
several machines over one PostgreSQL) sees the same attempts, and a restart forgets
none of them.

Two limits: failed attempts per (address, email), which stops guessing one account's
password, and all attempts per address, which stops spraying many accounts. The
kiosk's enrollment and lookup count their guesses the same way.

A soft limit: two attempts at the same instant from two processes may both pass the
last free place. Guessing needs thousands; that is not one of them.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from server.db.base import utcnow
from server.errors import TooManyRequestsError
from server.models import SignInAttempt

ATTEMPTS_WINDOW = timedelta(minutes=1)


class LoginRateLimiter:
    def __init__(
        self,
        failures_allowed: int,
        failure_window_s: float,
        attempts_per_minute: int,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.failures_allowed = failures_allowed
        self.failure_window = timedelta(seconds=failure_window_s)
        self.attempts_per_minute = attempts_per_minute
        self.clock = clock

    def check(self, session: Session, address: str, email: str) -> int:
        """Count this attempt, unless it must wait; return the seconds to wait (0: go
        ahead). Commits: the attempt counts whatever happens next."""
        now = self.clock()
        # What no window needs any more, so that the table stays small.
        oldest = now - max(self.failure_window, ATTEMPTS_WINDOW)
        session.execute(delete(SignInAttempt).where(SignInAttempt.at < oldest))
        attempts = _key("attempt", address)
        wait = max(
            _wait(session, attempts, self.attempts_per_minute, ATTEMPTS_WINDOW, now),
            _wait(
                session,
                _key("failure", address, email),
                self.failures_allowed,
                self.failure_window,
                now,
            ),
        )
        if wait == 0:
            session.add(SignInAttempt(key=attempts, at=now))
        session.commit()
        return wait

    def failed(self, session: Session, address: str, email: str) -> None:
        """Count a failure: the route's own work is undone, the failure committed, so
        it counts though the route answers with an error."""
        session.rollback()
        session.add(SignInAttempt(key=_key("failure", address, email), at=self.clock()))
        session.commit()

    def succeeded(self, session: Session, address: str, email: str) -> None:
        """Forget the failures; committed with the route's work."""
        key = _key("failure", address, email)
        session.execute(delete(SignInAttempt).where(SignInAttempt.key == key))


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _wait(session: Session, key: str, limit: int, window: timedelta, now: datetime) -> int:
    """Seconds until `key` has fewer than `limit` attempts in the window; 0 if it has."""
    recent = session.scalars(
        select(SignInAttempt.at)
        .where(SignInAttempt.key == key, SignInAttempt.at > now - window)
        .order_by(SignInAttempt.at.desc())
        .limit(limit)
    ).all()
    if len(recent) < limit:
        return 0
    # When the limit-th latest leaves the window, fewer than `limit` remain.
    return max(1, math.ceil((recent[-1] + window - now).total_seconds()))


def enforce(limiter: LoginRateLimiter, session: Session, address: str, key: str) -> None:
    """Raise 429 with Retry-After when `address` (with `key`) must wait."""
    wait = limiter.check(session, address, key)
    if wait:
        raise TooManyRequestsError(
            f"too many attempts; try again in {wait} seconds",
            code="too_many_attempts",
            headers={"Retry-After": str(wait)},
        )
