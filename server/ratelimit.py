"""Sign-in throttling, counted in the store: every server process (`--workers N`, or
several machines over one PostgreSQL) sees the same attempts, and a restart forgets
none of them.

Two limits per address: failed attempts per (address, email), which stops guessing
one account's password, and all attempts per address, which stops spraying many
accounts. The kiosk's enrollment and lookup count their guesses the same way.

And one per account, whatever the address, for sign-in: an attacker with many
addresses gets a few free failures, then a wait that doubles with each failure, then
a lock that lasts an hour or until an admin lifts it. It is kept for any email that is
tried, existing or not, so it tells nobody which accounts exist. The address is the
connection's peer, or, from a proxy named in TURNERO_TRUSTED_PROXIES, the client the
proxy names (server/cli.py hands that list to uvicorn).

A soft limit: two attempts at the same instant from two processes may both pass the
last free place. Guessing needs thousands; that is not one of them.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from server.db.base import utcnow
from server.errors import TooManyRequestsError
from server.models import SignInAttempt
from server.observability import metrics

ATTEMPTS_WINDOW = timedelta(minutes=1)
# The first wait after the free failures of an account, and the longest one.
FIRST_DELAY_S = 2
LONGEST_DELAY_S = 300


@dataclass(frozen=True)
class AccountPolicy:
    """Failures of one account (from any address): `free` of them cost nothing, then
    each makes the next attempt wait twice as long as the last; `lock` of them within
    `window_s` lock it for `lock_s` (or until an admin lifts the lock)."""

    free: int = 5
    lock: int = 20
    window_s: float = 3600
    lock_s: float = 3600

    def delay(self, failures: int) -> float:
        """Seconds the attempt after `failures` recent failures must wait."""
        if failures < self.free:
            return 0
        return min(LONGEST_DELAY_S, FIRST_DELAY_S << min(failures - self.free, 16))


@dataclass(frozen=True)
class AccountWait:
    seconds: int  # 0: go ahead
    locked: bool = False  # locked, not only slowed


class LoginRateLimiter:
    def __init__(
        self,
        failures_allowed: int,
        failure_window_s: float,
        attempts_per_minute: int,
        clock: Callable[[], datetime] = utcnow,
        account: AccountPolicy | None = None,
    ) -> None:
        self.failures_allowed = failures_allowed
        self.failure_window = timedelta(seconds=failure_window_s)
        self.attempts_per_minute = attempts_per_minute
        self.clock = clock
        self.account = account or AccountPolicy()

    def check(self, session: Session, address: str, email: str) -> int:
        """Count this attempt, unless it must wait; return the seconds to wait (0: go
        ahead). Commits: the attempt counts whatever happens next."""
        now = self.clock()
        # What no window needs any more, so that the table stays small.
        oldest = now - max(
            self.failure_window,
            ATTEMPTS_WINDOW,
            timedelta(seconds=self.account.window_s),
            timedelta(seconds=self.account.lock_s),
        )
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

    # -- per account (sign-in) ---------------------------------------------------------

    def check_account(self, session: Session, email: str) -> AccountWait:
        """Whether `email` may try a password now: locked, slowed down, or free to."""
        now = self.clock()
        locked = self._locked_until(session, [email], now).get(email)
        if locked is not None:
            return AccountWait(_seconds_until(locked, now), locked=True)
        failures = session.scalars(
            select(SignInAttempt.at)
            .where(
                SignInAttempt.key == _key("account-failure", email),
                SignInAttempt.at > now - timedelta(seconds=self.account.window_s),
            )
            .order_by(SignInAttempt.at.desc())
            .limit(self.account.lock)
        ).all()
        if not failures:
            return AccountWait(0)
        ready = failures[0] + timedelta(seconds=self.account.delay(len(failures)))
        return AccountWait(_seconds_until(ready, now) if ready > now else 0)

    def account_failed(self, session: Session, email: str) -> None:
        """Count a failure of `email` from wherever it came, and lock the account when
        these reach the policy's limit. Commits, like `failed`."""
        now = self.clock()
        key = _key("account-failure", email)
        session.add(SignInAttempt(key=key, at=now))
        session.flush()
        metrics.SIGN_IN_FAILURES.inc()
        recent = session.scalars(
            select(SignInAttempt.at)
            .where(
                SignInAttempt.key == key,
                SignInAttempt.at > now - timedelta(seconds=self.account.window_s),
            )
            .limit(self.account.lock)
        ).all()
        if len(recent) >= self.account.lock:
            # The lock stands for the failures that made it: after it, a fresh start.
            session.execute(delete(SignInAttempt).where(SignInAttempt.key == key))
            session.add(SignInAttempt(key=_key("account-lock", email), at=now))
            metrics.ACCOUNT_LOCKS.inc()
        session.commit()

    def account_succeeded(self, session: Session, email: str) -> None:
        """The right password: forget the account's failures (committed with the
        route's work)."""
        key = _key("account-failure", email)
        session.execute(delete(SignInAttempt).where(SignInAttempt.key == key))

    def locked_until(self, session: Session, emails: Iterable[str]) -> dict[str, datetime]:
        """The accounts among `emails` that are locked, and until when."""
        return self._locked_until(session, list(emails), self.clock())

    def unlock(self, session: Session, email: str) -> None:
        """An admin lifts the lock (and forgets the failures); with the route's work.
        The limit per address and account still runs its own short window."""
        keys = [_key("account-lock", email), _key("account-failure", email)]
        session.execute(delete(SignInAttempt).where(SignInAttempt.key.in_(keys)))

    def _locked_until(
        self, session: Session, emails: list[str], now: datetime
    ) -> dict[str, datetime]:
        if not emails:
            return {}
        by_key = {_key("account-lock", e): e for e in emails}
        lock = timedelta(seconds=self.account.lock_s)
        rows = session.execute(
            select(SignInAttempt.key, SignInAttempt.at).where(
                SignInAttempt.key.in_(list(by_key)), SignInAttempt.at > now - lock
            )
        ).all()
        until: dict[str, datetime] = {}
        for key, at in rows:
            email = by_key[key]
            until[email] = max(until.get(email, at + lock), at + lock)
        return until


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


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
    return _seconds_until(recent[-1] + window, now)


def enforce(limiter: LoginRateLimiter, session: Session, address: str, key: str) -> None:
    """Raise 429 with Retry-After when `address` (with `key`) must wait."""
    wait = limiter.check(session, address, key)
    if wait:
        raise TooManyRequestsError(
            f"too many attempts; try again in {wait} seconds",
            code="too_many_attempts",
            headers={"Retry-After": str(wait)},
        )


def enforce_account(limiter: LoginRateLimiter, session: Session, email: str) -> None:
    """Raise 429 with Retry-After while `email` must wait or is locked. The same for an
    email nobody has: the answer says nothing about who exists."""
    wait = limiter.check_account(session, email)
    if wait.locked:
        raise TooManyRequestsError(
            f"this account is locked after too many wrong passwords; try again in "
            f"{wait.seconds} seconds, or ask an admin to unlock it",
            code="account_locked",
            headers={"Retry-After": str(wait.seconds)},
        )
    if wait.seconds:
        raise TooManyRequestsError(
            f"too many wrong passwords for this account; try again in {wait.seconds} seconds",
            code="too_many_attempts",
            headers={"Retry-After": str(wait.seconds)},
        )
