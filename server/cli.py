"""The server-side commands: `turnero server`, `turnero demo`, `turnero admin ...`."""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import os
import secrets
import socket
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import platformdirs
import uvicorn

from app.domain.errors import DomainError
from app.tls import short_fingerprint
from server.backup import add_backup_commands
from server.config import Settings, proxy_list
from server.db.engine import ALL_TENANTS, make_engine, make_session_factory
from server.db.migrate import upgrade
from server.lifecycle import (
    DRAIN_SECONDS,
    WORKER_START_SECONDS,
    off_the_signal,
    raise_open_files_limit,
    settle_memory,
)
from server.observability import exporter as metrics_exporter
from server.observability.logs import uvicorn_options
from server.signing_key import signing_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from server.tls import ServedCertificate

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

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
    """`port` if nobody listens there, else one the system picks.

    Tried as uvicorn binds, with SO_REUSEADDR: a port the last run left in TIME_WAIT
    (its connections closed a moment ago) is free to listen on again. Not on Windows,
    where that option would let two programs share a port."""
    with socket.socket() as s:
        if os.name != "nt":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
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


def serve(
    settings: Settings,
    host: str,
    port: int,
    workers: int = 1,
    tls: ServedCertificate | None = None,
) -> None:
    from server.main import create_app

    # Every process of the server answers over TLS when it has a certificate.
    cert, key = (str(tls.cert), str(tls.key)) if tls else (None, None)
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
            timeout_graceful_shutdown=DRAIN_SECONDS,
            # A rolling restart (SIGHUP) waits this long for each new worker to be up
            # before it retires the old one, and gives up the restart if it is not. A
            # worker imports the whole server: on a busy two-core machine that took
            # longer than uvicorn's 5 s, and the restart was silently abandoned.
            timeout_worker_healthcheck=WORKER_START_SECONDS,
            ssl_certfile=cert,
            ssl_keyfile=key,
            **proxy_options(settings),
            **uvicorn_options(),
        )
        return
    app = create_app(settings)
    settle_memory()
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info",
        timeout_graceful_shutdown=DRAIN_SECONDS,
        ssl_certfile=cert,
        ssl_keyfile=key,
        **proxy_options(settings),
        **uvicorn_options(),
    )
    ClosingServer(config, app.state.runtime.hints.close).run()


class ClosingServer(uvicorn.Server):
    """Ends the open event streams as soon as it is asked to stop, so that stopping is
    quick and clean instead of waiting out its grace period and cutting them."""

    def __init__(self, config: uvicorn.Config, on_exit: Callable[[], None]) -> None:
        super().__init__(config)
        self.on_exit = on_exit

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        off_the_signal(self.on_exit)  # a signal handler: see there
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
    try:
        tls = served_certificate(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    hub_folder = ""
    if args.upstream or args.enroll:
        problem = prepare_hub(args, database)
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
        hub_folder = str(Path(args.data_dir).resolve())
    key, origin = signing_key(os.environ.get("TURNERO_SECRET_KEY", ""), database)
    settings = Settings(database_url=database, secret_key=key, hub_folder=hub_folder)
    scheme = "https" if tls else "http"
    print(f"Turnero server on {scheme}://{args.host}:{args.port} (store: {_safe(database)})")
    if tls is not None:
        from server.tls import describe

        for line in describe(tls, datetime.now(UTC)):
            print(line)
    elif not _loopback(args.host):
        print(
            f"TLS: WARNING: plain HTTP on {args.host}: passwords and tokens cross the network "
            "in clear. Make a site certificate (turnero admin site-cert --data-dir DIR) or "
            "pass --tls-cert and --tls-key"
        )
    print(origin, flush=True)
    metrics_exporter.start(args, database)  # before the app: its processes count for it
    raise_open_files_limit()  # a descriptor per event stream, for hours
    serve(settings, args.host, args.port, args.workers, tls)
    return 0


def prepare_hub(args: argparse.Namespace, database: str) -> str:
    """A site hub's set-up: its own SQLite store in --data-dir and its credential at
    central, enrolled now with --enroll CODE or earlier. Returns what is wrong, or ""."""
    from server.hub.credential import EnrollmentError, HubCredential, enroll

    if not args.data_dir or args.database or not database.startswith("sqlite"):
        return "a site hub keeps its own SQLite store: give it --data-dir (and no --database)"
    if args.workers != 1:
        return "a site hub runs as one process (--workers 1)"
    folder = Path(args.data_dir).resolve()
    held = HubCredential.load(folder)
    if args.enroll:
        if not args.upstream:
            return "--enroll needs --upstream, the central server's address"
        ca_pem = Path(args.upstream_ca).read_text() if args.upstream_ca else ""
        try:
            held = enroll(args.upstream, args.enroll, ca_pem=ca_pem)
        except EnrollmentError as exc:
            return str(exc)
        path = held.save(folder)
        print(f"Enrolled as the site hub {held.name!r} at {held.upstream} (credential: {path})")
    if held is None:
        return (
            f"no hub credential in {folder}: an admin makes a hub code at central "
            "(POST /setup/hubs) and you run once with --upstream URL --enroll CODE"
        )
    if args.upstream and args.upstream.rstrip("/") != held.upstream:
        return (
            f"this hub is enrolled at {held.upstream}, not {args.upstream}: enrol it again "
            "with a new code to move it"
        )
    print(f"Site hub of {held.upstream} (central's changes come down; the site keeps working)")
    return ""


def served_certificate(args: argparse.Namespace) -> ServedCertificate | None:
    """--tls-cert/--tls-key; else, unless --no-tls, the site certificate of --data-dir
    when there is one (turnero admin site-cert); else none: plain HTTP."""
    from server.tls import SiteFiles, load_served

    if bool(args.tls_cert) != bool(args.tls_key):
        raise ValueError("--tls-cert and --tls-key go together")
    if args.tls_cert:
        if args.no_tls:
            raise ValueError("--no-tls and --tls-cert contradict each other")
        return load_served(Path(args.tls_cert), Path(args.tls_key))
    if args.data_dir and not args.no_tls:
        site = SiteFiles.of(Path(args.data_dir))
        if site.present():
            return load_served(site.server_cert, site.server_key)
    return None


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


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
    moved = f"   (port {args.port} is in use by another program)" if port != args.port else ""
    print(
        f"\nTurnero demo: {summary.tenant_name} (Buenos Aires), {summary.providers} providers, "
        f"{summary.services} services, {summary.customers} customers, "
        f"{summary.bookings} bookings\n"
        f"  Server:    {address}{moved}\n"
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


def serve_in_thread(
    settings: Settings, host: str, port: int, tls: ServedCertificate | None = None
) -> Callable[[], None]:
    """Start the server on a thread (over TLS with `tls`); return what stops it."""
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
        ssl_certfile=str(tls.cert) if tls else None,
        ssl_keyfile=str(tls.key) if tls else None,
        **proxy_options(settings),
        **uvicorn_options(),
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


def cmd_admin_restored(args: argparse.Namespace) -> int:
    from server.db.lineage import mark_restored

    engine = make_engine(args.database)
    upgrade(engine)
    count = mark_restored(engine)
    print(
        f"{count} business(es) marked as restored: their desks and kiosks pull everything "
        "anew when they next sync (changes the store lost are lost; what still waits in a "
        "desk's outbox goes again)"
    )
    return 0


def cmd_admin_create_tenant(args: argparse.Namespace) -> int:
    from server.setup.tenants import create_tenant

    logo = None
    if args.logo is not None:
        try:
            logo = Path(args.logo).read_bytes()
        except OSError as exc:
            print(f"error: logo: cannot read {args.logo}: {exc.strerror}", file=sys.stderr)
            return 2
    password = args.admin_password or getpass.getpass("Password for the first admin: ")
    engine = make_engine(args.database)
    upgrade(engine)
    try:
        with make_session_factory(engine, scope=ALL_TENANTS)() as session:
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
                country=args.country,
                primary_colour=args.primary_colour,
                logo=logo,
                provider_name=args.provider,
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


def _find_tenant(session: Session, wanted: str) -> tuple[uuid.UUID | None, str]:
    """The business `wanted` names, by its id or its name (case aside); else None and
    why, naming the businesses the store has."""
    from sqlalchemy import select

    from server.models import Tenant

    try:
        tenant_id: uuid.UUID | None = uuid.UUID(wanted)
    except ValueError:
        tenant_id = None
    # Compared here, not in SQL: SQLite's lower() leaves "Á" and "Ñ" as they are.
    tenants = session.execute(select(Tenant.tenant_id, Tenant.name)).all()
    known = ", ".join(sorted(t.name for t in tenants)) or "none"
    if tenant_id is not None:
        if any(t.tenant_id == tenant_id for t in tenants):
            return tenant_id, ""
        return None, f"no such business in this store (known here: {known})"
    named = [t for t in tenants if t.name.casefold() == " ".join(wanted.split()).casefold()]
    if len(named) == 1:
        return named[0].tenant_id, ""
    if len(named) > 1:
        ids = ", ".join(str(t.tenant_id) for t in named)
        return None, f"several businesses are named {wanted!r}: give the id ({ids})"
    return None, f"no business named {wanted!r} in this store (known here: {known})"


def cmd_admin_create_kiosk(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from server.errors import ApiError
    from server.kiosks import schemas as kiosk_schemas
    from server.kiosks import service as kiosks
    from server.models import Location

    engine = make_engine(args.database)
    upgrade(engine)
    try:
        with make_session_factory(engine, scope=ALL_TENANTS)() as session:
            tenant_id, why = _find_tenant(session, args.tenant)
            if tenant_id is None:
                print(f"error: --tenant: {why}", file=sys.stderr)
                return 2
            locations = session.scalars(
                select(Location.location_id).where(Location.tenant_id == tenant_id)
            ).all()
            if not locations:
                print("error: --tenant: the business has no location", file=sys.stderr)
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


def cmd_admin_site_cert(args: argparse.Namespace) -> int:
    from server.tls import default_names, make_site_certificate

    names, addresses = args.host or [], args.ip or []
    if not names and not addresses:
        names, addresses = default_names()
    try:
        made = make_site_certificate(Path(args.data_dir), names, addresses)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    files = made.files
    colons = ":".join(
        made.authority_fingerprint[i : i + 2].upper()
        for i in range(0, len(made.authority_fingerprint), 2)
    )
    state = "made" if made.new_authority else "kept: desks and kiosks that pinned it go on"
    print(
        f"Site certificate authority: {files.ca_cert} ({state})\n"
        f"  SHA-256 fingerprint: {colons}\n"
        f"  Desks and kiosks show it as:  {short_fingerprint(made.authority_fingerprint)}\n"
        "  Staff compare it at their first sign-in or enrollment: give it to them.\n"
        f"Server certificate: {files.server_cert}, until {made.not_after:%Y-%m-%d}, for\n"
        f"  {', '.join(made.names + made.addresses)}\n"
        "  (desks and kiosks must use one of these in the server's address)\n"
        f"Serve with: --tls-cert {files.server_cert} --tls-key {files.server_key}\n"
        f"  (turnero server --data-dir {Path(args.data_dir).resolve()} uses them by itself)"
    )
    return 0


def _ip_address(value: str) -> IpAddress:
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an IP address") from None


def _host_name(value: str) -> str:
    name = value.strip().lower().rstrip(".")
    labels = name.split(".")
    if not name or not all(
        label and len(label) <= 63 and label.replace("-", "").isalnum() and label.isascii()
        for label in labels
    ):
        raise argparse.ArgumentTypeError(f"{value!r} is not a host name (use --ip for addresses)")
    return name


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
    p.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM, chain included)")
    p.add_argument("--tls-key", help="the certificate's private key (PEM)")
    p.add_argument(
        "--no-tls",
        action="store_true",
        help="plain HTTP even when --data-dir holds a site certificate",
    )
    p.add_argument(
        "--upstream",
        help="run as a site hub of this central server (https://...); needs --data-dir",
    )
    p.add_argument(
        "--enroll", metavar="CODE", help="enrol this site hub with an admin's one-time code"
    )
    p.add_argument(
        "--upstream-ca",
        metavar="PEM",
        help="with --enroll: central's certificate authority, if the system does not trust it",
    )
    metrics_exporter.add_arguments(p)
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

    p = admin.add_parser(
        "restored",
        help="after restoring a store from a backup, before serving it",
        description="A restored store gives again versions its desks and kiosks have "
        "pulled already: this starts a new history, so that each pulls everything anew "
        "instead of skipping rows.",
    )
    p.add_argument("--database", required=True, type=database_url)
    p.set_defaults(func=cmd_admin_restored)

    add_backup_commands(admin)

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
    p.add_argument(
        "--country",
        help="ISO 3166 code whose public holidays the setup offers, e.g. AR "
        "(default: the time zone's)",
    )
    p.add_argument("--primary-colour", help="#rrggbb (default: the vertical's)")
    p.add_argument("--logo", metavar="PATH", help="a PNG or SVG of at most 256 KB")
    p.add_argument(
        "--provider",
        metavar="NAME",
        help="also a first provider, offering the vertical's services and working "
        "Mon-Fri 09:00-18:00 (break 13:00-14:00) and Sat 09:00-13:00; without it the "
        "business has no provider, hence nothing bookable, until one is added",
    )
    p.set_defaults(func=cmd_admin_create_tenant)

    p = admin.add_parser("create-kiosk", help="a one-time enrollment code for a new kiosk")
    p.add_argument("--database", required=True, type=database_url)
    p.add_argument(
        "--tenant",
        "--tenant-id",
        dest="tenant",
        required=True,
        help='the business: its name (e.g. "Barbería Norte") or the id create-tenant printed',
    )
    p.add_argument("--location-id", type=uuid.UUID, help="default: the business's only location")
    p.add_argument("--name", required=True, help="where the kiosk stands, e.g. Entrada")
    p.set_defaults(func=cmd_admin_create_kiosk)

    p = admin.add_parser(
        "site-cert",
        help="make the site's certificate authority and a server certificate (HTTPS)",
        description="Makes a certificate authority for this site in DIR/tls (kept: run "
        "again to renew the server certificate or add names, and desks need no new pin) "
        "and a server certificate signed by it for the names and addresses desks and "
        "kiosks use to reach the server.",
    )
    p.add_argument("--data-dir", required=True, help="the server's data folder")
    p.add_argument(
        "--host",
        action="append",
        type=_host_name,
        help="a name desks use for the server (repeat for more); default: this machine's",
    )
    p.add_argument(
        "--ip",
        action="append",
        type=_ip_address,
        help="an address desks use for the server (repeat for more); default: loopback",
    )
    p.set_defaults(func=cmd_admin_site_cert)


def configure_logging() -> None:
    from server.observability.logs import configure

    configure()
