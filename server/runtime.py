"""What the running server holds: settings, the store, the sign-in limiter."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from server.catalogue import CatalogueCache
from server.config import Settings
from server.db.base import utcnow
from server.db.engine import make_engine, make_session_factory
from server.hints import HintBroker, PostgresListener
from server.ratelimit import AccountPolicy, LoginRateLimiter

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    secret_key: str
    limiter: LoginRateLimiter
    hints: HintBroker
    listener: PostgresListener | None
    # Reference data per tenant, shared by every request of this process: routes pass
    # it to what plans bookings (server/catalogue.py).
    catalogues: CatalogueCache
    # The time for the rules that ask what day it is: the real one but in tests.
    clock: Callable[[], datetime] = utcnow

    @classmethod
    def build(
        cls,
        settings: Settings,
        engine: Engine | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> Runtime:
        """`clock` replaces the real time for the rules that ask what day it is (tests)."""
        # A connection for every worker thread, and some for what runs beside them
        # (closing sessions, event streams' checks, the hint listener).
        engine = engine or make_engine(
            settings.database_url, pool_size=settings.worker_threads, max_overflow=10
        )
        secret = settings.secret_key
        if not secret:
            secret = secrets.token_urlsafe(48)
            log.info("no TURNERO_SECRET_KEY set; access tokens last until this process stops")
        limiter = LoginRateLimiter(
            settings.login_failures_allowed,
            settings.login_failure_window_s,
            settings.login_attempts_per_minute,
            account=AccountPolicy(
                free=settings.login_account_free_failures,
                lock=settings.login_account_lock_failures,
                window_s=settings.login_account_window_s,
                lock_s=settings.login_account_lock_s,
            ),
            clock=clock or utcnow,
        )
        hints = HintBroker()
        if engine.dialect.name == "postgresql":
            # Commits NOTIFY; every process (this one too) hears it through LISTEN.
            listener = PostgresListener(engine.url, hints)
            sessions = make_session_factory(engine, clock=clock)
        else:
            listener = None
            sessions = make_session_factory(engine, on_versions=hints.publish, clock=clock)
        return cls(
            settings,
            engine,
            sessions,
            secret,
            limiter,
            hints,
            listener,
            CatalogueCache(),
            clock or utcnow,
        )
