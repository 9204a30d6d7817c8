"""`turnero selftest`: what an installed bundle must be able to do, checked in one run.

It sets the offscreen Qt platform itself, imports every part, starts the bundled
server over HTTPS (a site certificate made as `turnero admin site-cert` makes it) on a
temporary SQLite store with the demo clinic, checks a desk is offered the site's
authority to pin and signs in with it, opens and closes the desk and the kiosk
windows, and books through the sync engine. It exits 0, or 1 naming the step
that failed and why.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

MODULES = (
    "app.domain.availability",
    "app.sync.engine",
    "app.kiosk",
    "server.main",
    "server.cli",
    "server.demo",
    "ui.desk.window",
    "ui.kiosk.window",
    "PySide6.QtPrintSupport",
    "psycopg",
    "httptools",
    "segno",
    "keyring",
    "uvicorn.protocols.http.httptools_impl",
    "server.tls",
    "cryptography.x509",
    "certifi",
    "icalendar",
    "babel.numbers",
    "email_validator",
)


def run_selftest() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="turnero-selftest-") as tmp:
        folder = Path(tmp)
        state: dict[str, Any] = {}
        steps: list[tuple[str, Callable[[], str]]] = [
            ("import everything", _imports),
            ("PostgreSQL driver, PDF, ICU and money in both languages", lambda: _libraries(folder)),
            ("start the server on SQLite over HTTPS", lambda: _server(folder, state)),
            ("desk and kiosk windows, a booking synced", lambda: _windows_and_sync(folder, state)),
            ("a site hub of that server, staff signing in there", lambda: _hub(folder, state)),
        ]
        try:
            for name, step in steps:
                detail = step()
                print(f"ok   {name}: {detail}", flush=True)
        except Exception as exc:
            print(f"FAIL {name}: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
            traceback.print_exc()
            return 1
        finally:
            if "stop" in state:
                state["stop"]()
    print(f"selftest passed in {time.monotonic() - started:.1f} s", flush=True)
    return 0


def _imports() -> str:
    for name in MODULES:
        importlib.import_module(name)
    from app import __version__

    return f"{len(MODULES)} modules, turnero {__version__}"


def _libraries(folder: Path) -> str:
    """What the bundle trims around (packaging/turnero.spec): each must still work."""
    from functools import cmp_to_key

    import psycopg
    from PySide6.QtCore import QCollator, QLocale
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication

    from app.domain.holidays import public_holidays
    from app.domain.staff import check_email
    from app.takings import money
    from ui.desk.printing import pdf_printer

    libpq = psycopg.pq.version()  # loads the bundled libpq (psycopg's binary build)
    if psycopg.pq.__impl__ != "binary":
        raise RuntimeError(f"psycopg runs its {psycopg.pq.__impl__} implementation")
    QApplication.instance() or QApplication([])
    # Spanish collation comes from ICU's data, which the bundle cuts down to root,
    # English and Spanish: "ñ" is a letter after "n" in Spanish, an accented "n" in root.
    spanish = QCollator(QLocale("es_AR"))
    if sorted(["ña", "nz"], key=cmp_to_key(spanish.compare)) != ["nz", "ña"]:
        raise RuntimeError("ICU's Spanish collation is missing")
    spoken = (money(1234567, "ARS", "es-AR"), money(1234567, "ARS", "en"))
    if spoken != ("$12.345,67", "ARS\u00a012,345.67"):
        raise RuntimeError(f"Babel's es and en data are missing: {spoken}")
    check_email("recepcion@clinica.com.ar")  # email-validator, without its DNS part
    # The holidays library finds its countries by module and names them from .mo files.
    july = [h.name for h in public_holidays("AR", 2027, "es-AR") if h.day == date(2027, 7, 9)]
    if july != ["Día de la Independencia"]:
        raise RuntimeError(f"the holidays library's Argentina or Spanish is missing: {july}")
    pdf = folder / "check.pdf"
    document = QTextDocument()
    document.setHtml("<h1>Turnero</h1><p>Agenda del día</p>")
    document.print_(pdf_printer(pdf))
    if not pdf.read_bytes().startswith(b"%PDF"):
        raise RuntimeError("the PDF printer wrote no PDF")
    return f"libpq {libpq}, PDF {pdf.stat().st_size} bytes, {spoken[0]} / {spoken[1]}"


def _server(folder: Path, state: dict[str, Any]) -> str:
    import ipaddress

    from server.cli import port_or_free, serve_in_thread
    from server.config import Settings
    from server.demo import build_demo_store
    from server.tls import load_served, make_site_certificate

    url = f"sqlite:///{folder / 'store.db'}"
    summary = build_demo_store(url)
    site = make_site_certificate(folder, ["localhost"], [ipaddress.ip_address("127.0.0.1")])
    served = load_served(site.files.server_cert, site.files.server_key)
    port = port_or_free("127.0.0.1", 18765)  # that one, or any free one
    state["stop"] = serve_in_thread(Settings(database_url=url), "127.0.0.1", port, served)
    state["base"] = f"https://127.0.0.1:{port}"
    state["url"] = url
    state["authority"] = site.authority_fingerprint
    state["authority_pem"] = site.files.ca_cert.read_text()
    return f"{summary.tenant_name}, {summary.bookings} bookings, on port {port}"


def _windows_and_sync(folder: Path, state: dict[str, Any]) -> str:
    import qasync
    from PySide6.QtWidgets import QApplication

    from ui.common.loop import run_until_done

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # the windows close while the check goes on
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        result: str = run_until_done(loop, _book(folder, state))
    return result


def _hub(folder: Path, state: dict[str, Any]) -> str:
    """`turnero server --upstream` in small: enrolled at the server above with an admin's
    code (trusting the site's authority), it brings central's data down and lets staff
    sign in with central vouching for their password."""
    import httpx

    from app import tls
    from server.cli import port_or_free, serve_in_thread
    from server.config import Settings
    from server.db.engine import make_engine
    from server.db.migrate import upgrade
    from server.demo import ADMIN_EMAIL, DEMO_PASSWORD, RECEPTION_EMAIL
    from server.hub.credential import enroll

    central = httpx.Client(
        base_url=state["base"], verify=tls.context(state["authority_pem"]), timeout=30
    )
    with central:
        admin = central.post(
            "/auth/sign-in", json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD}
        )
        headers = {"Authorization": f"Bearer {admin.json()['access_token']}"}
        location = central.get("/setup/locations", headers=headers).json()[0]["location_id"]
        made = central.post(
            "/setup/hubs", headers=headers, json={"location_id": location, "name": "Selftest"}
        )
        made.raise_for_status()
    hub_folder = folder / "hub"
    enroll(state["base"], made.json()["enrollment_code"], ca_pem=state["authority_pem"]).save(
        hub_folder
    )
    url = f"sqlite:///{hub_folder / 'turnero.db'}"
    upgrade(make_engine(url))
    port = port_or_free("127.0.0.1", 18766)
    stop = serve_in_thread(
        Settings(database_url=url, hub_folder=str(hub_folder)), "127.0.0.1", port
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while httpx.get(f"{base}/health").json()["upstream"]["state"] != "online":
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"the hub did not reach its server: {httpx.get(f'{base}/health').json()}"
                )
            time.sleep(0.1)
        signed = httpx.post(
            f"{base}/auth/sign-in", json={"email": RECEPTION_EMAIL, "password": DEMO_PASSWORD}
        )
        if signed.status_code != 200:
            raise RuntimeError(f"signing in at the hub: {signed.text}")
        pulled = httpx.get(
            f"{base}/sync/pull",
            params={"limit": 5000},
            headers={"Authorization": f"Bearer {signed.json()['access_token']}"},
        ).json()
    finally:
        stop()
    return f"{len(pulled['changes'])} rows at the hub, signed in there"


async def _book(folder: Path, state: dict[str, Any]) -> str:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import select

    from app import schedule
    from app.credentials import RunOnlyTokens
    from app.desk import Desk
    from app.kiosk import KioskSettings
    from app.signin import sign_in
    from app.tls import UntrustedServerError
    from server.db.engine import make_engine
    from server.demo import DEMO_PASSWORD, RECEPTION_EMAIL
    from server.models import Booking
    from ui.common.tasks import Tasks
    from ui.desk.window import DeskWindow
    from ui.kiosk.main import KioskApp

    try:  # a first sign-in: the site's authority is offered, to be checked and pinned
        await sign_in(state["base"], RECEPTION_EMAIL, DEMO_PASSWORD)
        raise RuntimeError("a server no one pinned or vouches for was trusted")
    except UntrustedServerError as refused:
        offered = refused.offered
    if offered is None or offered.fingerprint != state["authority"]:
        raise RuntimeError("the server's authority could not be read from its certificate")
    account, tokens = await sign_in(
        state["base"], RECEPTION_EMAIL, DEMO_PASSWORD, ca_pem=offered.pem
    )
    store = RunOnlyTokens()
    store.save(tokens)
    desk = Desk.open(account, store, data_dir=folder / "desk", ca_pem=offered.pem)
    tasks = Tasks()
    try:
        await desk.engine.sync_once()
        window = DeskWindow(desk, tasks)
        window.show()
        await tasks.drain()
        window.close()
        replica = desk.replica
        tz = schedule.business(replica).time_zone
        day = datetime.now(tz).date() + timedelta(days=1)
        for _ in range(14):
            found = [
                (p["provider_id"], s["service_id"], slot)
                for p in schedule.providers(replica)
                for s in schedule.services(replica, p["provider_id"])[:1]
                for slot in schedule.suggest_slots(replica, s["service_id"], day, p["provider_id"])[
                    :1
                ]
            ]
            if found:
                break
            day += timedelta(days=1)
        provider, service, slot = found[0]
        customer = replica.all("customer")[0]["customer_id"]
        final = desk.submit(
            "booking.create",
            {
                "customer_id": customer,
                "service_id": service,
                "provider_id": provider,
                "start_at": slot.start_at.astimezone(UTC).isoformat(),
            },
        )
        await desk.engine.sync_once()
        if desk.status().pending or desk.status().conflicts:
            raise RuntimeError(f"the booking did not sync: {desk.status()}")
        engine = make_engine(state["url"])
        try:
            with engine.connect() as conn:
                stored = conn.execute(
                    select(Booking.status).where(
                        Booking.booking_id == uuid.UUID(final["booking_id"])
                    )
                ).scalar_one_or_none()
        finally:
            engine.dispose()
        if stored != "confirmed":
            raise RuntimeError(f"the server holds the booking as {stored!r}")
        kiosk = KioskApp(
            KioskSettings(),
            settings_path=folder / "kiosk.json",
            data_dir=folder / "kiosk",
            use_keyring=False,
        )
        screen = kiosk.start()
        screen.show()
        screen.allow_close = True
        screen.close()
        kiosk.tasks.shutdown()
        return f"booking {final['booking_id'][:8]} on {day:%d/%m} is on the server (HTTPS)"
    finally:
        await tasks.drain()
        await desk.close()
        tasks.shutdown()
