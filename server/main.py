"""The FastAPI application: routers, error format, the runtime it serves from."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI

from app import __version__
from server.admission import Admission, capacity
from server.audit.endpoints import router as audit_router
from server.auth.endpoints import router as auth_router
from server.body_limit import BodyLimit
from server.bookings.endpoints import router as bookings_router
from server.config import Settings
from server.customers.endpoints import router as customers_router
from server.db.migrate import upgrade
from server.errors import ERROR_RESPONSES, install_error_handlers
from server.health import router as health_router
from server.hub.central_only import CentralOnly
from server.hub.credential import HubCredential
from server.hub.uplink import Uplink
from server.kiosks.endpoints import router as kiosks_router
from server.lifecycle import on_stop_signal, settle_memory
from server.observability.logs import RequestLog
from server.observability.logs import configure as configure_logging
from server.observability.metrics import install as install_metrics
from server.payments.endpoints import router as payments_router
from server.runtime import Runtime
from server.setup.endpoints import router as setup_router
from server.sqlite_gate import SqliteGate
from server.sync.endpoints import router as sync_router
from server.sync.grouped import GroupedPush, PushGroups
from server.walkins.endpoints import router as walkins_router


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    runtime = runtime or Runtime.build(settings or Settings())
    if runtime.settings.migrate_on_start:
        upgrade(runtime.engine)

    uplink = _uplink(runtime)
    groups = _push_groups(runtime, uplink)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if runtime.listener is not None:
            runtime.listener.start()
        if uplink is not None:
            uplink.start()
        anyio.to_thread.current_default_thread_limiter().total_tokens = (
            runtime.settings.worker_threads
        )
        unhook = on_stop_signal(runtime.hints.close)  # streams told to reconnect at once
        if groups is not None:
            await groups.open()
        try:
            yield
        finally:
            unhook()
            if groups is not None:
                await groups.close()
            if uplink is not None:
                await anyio.to_thread.run_sync(uplink.stop)
            if runtime.listener is not None:
                runtime.listener.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="Turnero sync server",
        version=__version__,
        description="Bookings, check-in, walk-ins and payments for appointment businesses.",
    )
    app.state.runtime = runtime
    app.state.uplink = uplink
    install_error_handlers(app)
    limit = capacity(runtime.engine)
    if limit is not None:
        app.add_middleware(Admission, limit=limit)
    if runtime.engine.dialect.name == "sqlite":
        app.add_middleware(SqliteGate)  # outside Admission: a writer waiting holds no seat
    if uplink is not None:  # a site hub passes on only sync changes: the rest is central's
        app.add_middleware(CentralOnly, central=uplink.credential.upstream)
    if groups is not None:  # outside Admission: a push waiting for its group holds no seat
        app.add_middleware(GroupedPush, groups=groups)
    # Outermost: a body too large is refused before it waits for its turn or a seat.
    app.add_middleware(BodyLimit)
    app.add_middleware(RequestLog)  # around everything: every answer gets its line
    install_metrics(app, runtime.engine)  # outermost of all: times what clients wait
    # Routes are matched in order: sync first, as every desk and kiosk calls it all day
    # (no path of one router is a path of another, so the order changes nothing else).
    for router in (
        sync_router,
        health_router,
        auth_router,
        setup_router,
        customers_router,
        bookings_router,
        payments_router,
        walkins_router,
        kiosks_router,
        audit_router,
    ):
        # Every route may refuse with the one error format: the OpenAPI says so.
        app.include_router(router, responses=ERROR_RESPONSES)
    return app


def app_from_env() -> FastAPI:
    """For `uvicorn --factory` with several worker processes: settings from TURNERO_*."""
    configure_logging()  # a worker process starts afresh: its logs as its parent's
    app = create_app(Settings())
    settle_memory()
    return app


def _push_groups(runtime: Runtime, uplink: Uplink | None) -> PushGroups | None:
    """Pushes of one new booking applied in groups (server/sync/grouped.py), where they
    can be: on PostgreSQL, at central or a single site's own server, not a site hub."""
    settings = runtime.settings
    if runtime.engine.dialect.name != "postgresql" or uplink is not None:
        return None
    if not settings.group_pushes:
        return None
    return PushGroups(
        runtime.engine,
        runtime.catalogues,
        runtime.secret_key,
        runtime.clock,
        pool_size=settings.worker_threads,
    )


def _uplink(runtime: Runtime) -> Uplink | None:
    """A site hub's link to central, if this server is one (settings.hub_folder)."""
    if not runtime.settings.hub_folder:
        return None
    folder = Path(runtime.settings.hub_folder)
    credential = HubCredential.load(folder)
    if credential is None:
        raise RuntimeError(f"no hub credential in {folder}: enrol this hub first (--enroll CODE)")
    return Uplink(credential, folder, runtime.sessions)
