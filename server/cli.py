"""The server-side commands: `turnero server`, `turnero demo`, `turnero admin ...`."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import secrets
import socket
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import platformdirs
import uvicorn

from app.domain.errors import DomainError
from server.config import Settings, proxy_list
from server.db.engine import make_engine, make_session_factory
from server.db.migrate import upgrade
from server.signing_key import signing_key

DEFAULT_PORT = 8765


def default_database_url() -> str:
    folder = Path(platformdirs.user_data_dir("turnero", appauthor=False))
    return f"sqlite:///{folder / 'turnero.db'}"


def database_url(value: str) -> str:
    """argparse type: a URL SQLAlchemy can open on one of our two stores."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        backend = make_url(value).get_backend_name()
    except ArgumentError:
        backend = ""
    if backend not in ("postgresql", "sqlite"):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a database URL; use postgresql://user@host/db or sqlite:///path"
        )
    return value


def port_or_free(host: str, port: int) -> int:
    """`port` if nobody listens there, else one the system picks."""
    with socket.socket() as s:
        try:
            s.bind((host, port))
            return port
        except OSError:
            s.bind((host, 0))
            return int(s.getsockname()[1])


def add_server_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="port to listen on")


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options for reverse proxies: it believes X-Forwarded-For only from the
    proxies TURNERO_TRUSTED_PROXIES names. Left to itself it trusts 127.0.0.1, so a
    proxy on the same machine would let anyone name any address and slip past the
    sign-in limits per address."""
    proxies = proxy_list(settings.trusted_proxies)
    return {"proxy_headers": bool(proxies), "forwarded_allow_ips": proxies}


def serve(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    from server.main import create_app

    if workers > 1:
        # Each worker process builds its app from TURNERO_* settings; on PostgreSQL their
        # realtime hints meet through LISTEN/NOTIFY. They must share a secret key.
        os.environ["TURNERO_DATABASE_URL"] = settings.database_url
        os.environ["TURNERO_SECRET_KEY"] = settings.secret_key or secrets.token_urlsafe(48)
        uvicorn.run(
            "server.main:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            timeout_graceful_shutdown=2,
            **proxy_options(settings),
        )
        return
    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info",
        timeout_graceful_shutdown=2,
        **proxy_options(settings),
    )
    ClosingServer(config, app.state.runtime.hints.close).run()


class ClosingServer(uvicorn.Server):
    """Ends the open event streams as soon as it is asked to stop, so that stopping is
    quick and clean instead of waiting out its grace period and cutting them."""

    def __init__(self, config: uvicorn.Config, on_exit: Callable[[], None]) -> None:
        super().__init__(config)
        self.on_exit = on_exit

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.on_exit()
        super().handle_exit(sig, frame)

    def stop(self) -> None:
        """From another thread."""
        self.on_exit()
        self.should_exit = True


def cmd_server(args: argparse.Namespace) -> int:
    # --database, else --data-dir, else TURNERO_DATABASE_URL, else the user's data folder.
    database = args.database or (
        f"sqlite:///{Path(args.data_dir).resolve() / 'turnero.db'}" if args.data_dir else None
    )
    database = database or os.environ.get("TURNERO_DATABASE_URL") or default_database_url()
    if args.data_dir:
        Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    key, origin = signing_key(os.environ.get("TURNERO_SECRET_KEY", ""), database)
    settings = Settings(database_url=database, secret_key=key)
    print(f"Turnero server on http://{args.host}:{args.port} (store: {_safe(database)})")
    print(origin, flush=True)
    serve(settings, args.host, args.port, args.workers)
    return 0


def _safe(url: str) -> str:
    """A database URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def cmd_demo(args: argparse.Namespace) -> int:
    from server.demo import (
        ADMIN_EMAIL,
        DEMO_PASSWORD,
        PROVIDER_EMAIL,
        RECEPTION_EMAIL,
        build_demo_store,
    )

    data_dir = Path(args.data_dir or platformdirs.user_data_dir("turnero-demo", appauthor=False))
    data_dir.mkdir(parents=True, exist_ok=True)
    db = data_dir / "demo.db"
    for stale in (db, db.with_name("demo.db-wal"), db.with_name("demo.db-shm")):
        stale.unlink(missing_ok=True)  # the demo is rebuilt around today on every start
    url = f"sqlite:///{db}"
    summary = build_demo_store(url)
    port = port_or_free(args.host, args.port)
    address = f"http://{args.host}:{port}"
    print(
        f"\nTurnero demo: {summary.tenant_name} (Buenos Aires), {summary.providers} providers, "
        f"{summary.services} services, {summary.customers} customers, "
        f"{summary.bookings} bookings\n"
        f"  Server:    {address}\n"
        f"  API docs:  {address}/docs\n"
        f"  Sign in:   {RECEPTION_EMAIL}  password: {DEMO_PASSWORD}  (reception)\n"
        f"             {ADMIN_EMAIL}  password: {DEMO_PASSWORD}  (admin)\n"
        f"             {PROVIDER_EMAIL}  password: {DEMO_PASSWORD}  (provider)\n"
        f"  Store:     {db}\n",
        flush=True,
    )
    if args.no_serve:
        return 0
    runner = getattr(args, "desk_runner", None)
    if getattr(args, "desk", False) and runner is not None:
        # `make run`: the server in a thread, the desk in front, both ended together.
        stop = serve_in_thread(Settings(database_url=url), args.host, port)
        try:
            result: int = runner(address, RECEPTION_EMAIL, DEMO_PASSWORD)
            return result
        finally:
            stop()
    serve(Settings(database_url=url), args.host, port)
    return 0


def serve_in_thread(settings: Settings, host: str, port: int) -> Callable[[], None]:
    """Start the server on a thread; return what stops it."""
    import threading
    import time

    from server.main import create_app

    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=2,
        **proxy_options(settings),
    )
    server = ClosingServer(config, app.state.runtime.hints.close)
    thread = threading.Thread(target=server.run, name="turnero-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    if not server.started:
        raise RuntimeError(f"the bundled server did not start on {host}:{port}")

    def stop() -> None:
        server.stop()
        thread.join(timeout=10)

    return stop


def cmd_admin_migrate(args: argparse.Namespace) -> int:
    upgrade(make_engine(args.database))
    print("the store is at the latest schema")
    return 0


def cmd_admin_create_tenant(args: argparse.Namespace) -> int:
    from server.setup.service import create_tenant

    password = args.admin_password or getpass.getpass("Password for the first admin: ")
    engine = make_engine(args.database)
    upgrade(engine)
    try:
        with make_session_factory(engine)() as session:
            tenant, location, admin = create_tenant(
                session,
                name=args.name,
                vertical=args.vertical,
                time_zone=args.time_zone,
                locale=args.locale,
                currency=args.currency,
                admin_email=args.admin_email,
                admin_password=password,
                admin_name=args.admin_name,
                location_name=args.location,
                preset_services=not args.no_services,
            )
            session.commit()
    except DomainError as exc:
        print(f"error: {exc.field}: {exc.message}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(
        f"tenant {tenant.tenant_id} ({tenant.name}), location {location.location_id}, "
        f"admin {admin.email}"
    )
    return 0


def cmd_admin_create_kiosk(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from server.errors import ApiError
    from server.kiosks import schemas as kiosk_schemas
    from server.kiosks import service as kiosks
    from server.models import Location

    engine = make_engine(args.database)
    upgrade(engine)
    try:
        tenant_id = args.tenant_id
        with make_session_factory(engine)() as session:
            locations = session.scalars(
                select(Location.location_id).where(Location.tenant_id == tenant_id)
            ).all()
            if not locations:
                print("error: --tenant-id: no such business in this store", file=sys.stderr)
                return 2
            location = args.location_id
            if location is None and len(locations) != 1:
                print("error: --location-id: the business has several locations", file=sys.stderr)
                return 2
            made = kiosks.create(
                session,
                tenant_id,
                kiosk_schemas.KioskIn(location_id=location or locations[0], name=args.name),
            )
            session.commit()
    except (ApiError, DomainError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(
        f"kiosk {made.name} (tickets {made.ticket_prefix}...): enrollment code "
        f"{made.enrollment_code}, valid until {made.enrollment_expires_at:%H:%M} UTC"
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("server", help="run the sync server")
    p.add_argument(
        "--database",
        type=database_url,
        help="postgresql://... or sqlite:///path (default: user data)",
    )
    p.add_argument("--data-dir", help="keep an SQLite store in this folder (turnero.db)")
    add_server_arguments(p)
    p.add_argument("--workers", type=int, default=1, help="server processes (PostgreSQL)")
    p.set_defaults(func=cmd_server)

    p = sub.add_parser("demo", help="build a fresh demo clinic and serve it")
    p.add_argument("--data-dir", help="where the demo store goes")
    p.add_argument("--no-serve", action="store_true", help="only build the demo store")
    add_server_arguments(p)
    p.set_defaults(func=cmd_demo)

    admin = sub.add_parser("admin", help="administer a store directly").add_subparsers(
        dest="admin_command", required=True
    )
    p = admin.add_parser("migrate", help="bring a store's schema up to date")
    p.add_argument("--database", required=True, type=database_url)
    p.set_defaults(func=cmd_admin_migrate)

    p = admin.add_parser("create-tenant", help="create a business with its first admin")
    p.add_argument("--database", required=True, type=database_url)
    p.add_argument("--name", required=True)
    p.add_argument("--vertical", default="clinic", help="clinic, barbershop, salon, therapy")
    p.add_argument("--time-zone", default="America/Argentina/Buenos_Aires")
    p.add_argument("--locale", default="es-AR")
    p.add_argument("--currency", default="ARS")
    p.add_argument("--location", help="name of the first location (default: the business)")
    p.add_argument("--admin-email", required=True)
    p.add_argument("--admin-name", default="Admin")
    p.add_argument("--admin-password", help="asked for when not given")
    p.add_argument("--no-services", action="store_true", help="skip the vertical's services")
    p.set_defaults(func=cmd_admin_create_tenant)

    p = admin.add_parser("create-kiosk", help="a one-time enrollment code for a new kiosk")
    p.add_argument("--database", required=True, type=database_url)
    p.add_argument(
        "--tenant-id", required=True, type=uuid.UUID, help="the business (see create-tenant)"
    )
    p.add_argument("--location-id", type=uuid.UUID, help="default: the business's only location")
    p.add_argument("--name", required=True, help="where the kiosk stands, e.g. Entrada")
    p.set_defaults(func=cmd_admin_create_kiosk)


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
