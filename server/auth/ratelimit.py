"""Sign-in throttling, in memory: enough for one server process.

Two limits: failed attempts per (address, email), which stops guessing one account's
password, and all attempts per address, which stops spraying many accounts. Several
processes behind a balancer each keep their own counts (a shared store such as Redis
would be the next step).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from server.errors import TooManyRequestsError


class SlidingWindow:
    def __init__(self, limit: int, window_s: float, clock: Callable[[], float]) -> None:
        self.limit, self.window_s, self.clock = limit, window_s, clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float]:
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        return hits

    def retry_after(self, key: str) -> int:
        """Seconds until `key` may try again; 0 when it may now."""
        with self._lock:
            now = self.clock()
            hits = self._prune(key, now)
            if len(hits) < self.limit:
                return 0
            return max(1, math.ceil(hits[0] + self.window_s - now))

    def hit(self, key: str) -> None:
        with self._lock:
            self._prune(key, self.clock()).append(self.clock())
            if len(self._hits) > 100_000:  # bound memory under a flood of addresses
                self._hits = {k: v for k, v in self._hits.items() if v}

    def clear(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)


class LoginRateLimiter:
    def __init__(
        self,
        failures_allowed: int,
        failure_window_s: float,
        attempts_per_minute: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failures = SlidingWindow(failures_allowed, failure_window_s, clock)
        self.attempts = SlidingWindow(attempts_per_minute, 60, clock)

    def check(self, address: str, email: str) -> int:
        """Record an attempt; return seconds to wait (0: go ahead)."""
        wait = max(
            self.attempts.retry_after(address),
            self.failures.retry_after(f"{address}|{email}"),
        )
        if wait == 0:
            self.attempts.hit(address)
        return wait

    def failed(self, address: str, email: str) -> None:
        self.failures.hit(f"{address}|{email}")

    def succeeded(self, address: str, email: str) -> None:
        self.failures.clear(f"{address}|{email}")


def enforce(limiter: LoginRateLimiter, address: str, key: str) -> None:
    """Raise 429 with Retry-After when `address` (with `key`) must wait."""
    wait = limiter.check(address, key)
    if wait:
        raise TooManyRequestsError(
            f"too many attempts; try again in {wait} seconds",
            code="too_many_attempts",
            headers={"Retry-After": str(wait)},
        )
