"""HTTPS as staff meet it, against the demo clinic on a real server with a certificate
made by `turnero admin site-cert`: the desk's first sign-in and the kiosk's enrollment
show the site authority's fingerprint to check and pin it; a server that then shows
another certificate is refused with a message, and staff re-pin it deliberately."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app import tls
from app.credentials import Preferences
from app.kiosk import KioskSettings
from app.sync.engine import SyncState
from server.demo import ADMIN_EMAIL, DEMO_PASSWORD, RECEPTION_EMAIL
from tests.helpers.clock import Clock
from tests.helpers.deskui import wait_until
from tests.helpers.kioskui import PIN
from tests.helpers.live import LiveServer
from tests.helpers.sitecert import Site, site_cert
from tests.ui.conftest import Desks, Kiosks, Run
from ui.desk.main import DeskApp
from ui.kiosk.main import KioskApp
from ui.kiosk.pages import CertificatePage


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return site_cert(tmp_path / "site")


@pytest.fixture
def other_site(tmp_path: Path) -> Site:
    """The certificate the administrator renewed the server with: a new authority."""
    return site_cert(tmp_path / "other")


@pytest.fixture
def tls_server(demo_store: Engine, demo_instant: datetime, site: Site) -> Iterator[LiveServer]:
    server = LiveServer(demo_store, clock=Clock(demo_instant), tls=site.tls)
    server.start()
    yield server
    server.stop()


def serve_with(run: Run[Any], server: LiveServer, site: Site) -> None:
    """The administrator restarts the server with another certificate. (Stopped from a
    thread: closing a TLS connection takes the desk's answer, and the desk's loop is
    this one.)"""
    run(asyncio.to_thread(server.stop))
    server.tls = site.tls
    server.start()


def saved_pins(path: Path) -> dict[str, str]:
    pins: dict[str, str] = json.loads(path.read_text())["pins"]
    return pins


def test_the_desk_shows_the_sites_fingerprint_at_first_sign_in_and_pins_it(
    qtbot: QtBot, run: Run[Any], desks: Desks, tls_server: LiveServer, site: Site, tmp_path: Path
) -> None:
    app = DeskApp(
        Preferences(server=tls_server.base_url, email=RECEPTION_EMAIL, language="en"),
        prefs_path=tmp_path / "prefs.json",
        data_dir=tmp_path,
    )
    desks.apps.append(app)
    dialog = app.show_sign_in()
    qtbot.addWidget(dialog)
    dialog.password.setText(DEMO_PASSWORD)
    dialog.submit()
    run(wait_until(dialog.trust_box.isVisible, what="the fingerprint to check"))
    assert "First connection to this server" in dialog.trust_note.text()
    # The dialog grew to show it whole: nothing cut, nothing over anything else.
    note, shown = dialog.trust_note, dialog.fingerprint
    run(wait_until(lambda: note.height() >= note.heightForWidth(note.width()), 5, "room"))
    assert shown.height() >= shown.sizeHint().height()
    assert note.geometry().bottom() < shown.geometry().top()
    # What the receptionist compares is what site-cert gave the administrator.
    assert dialog.fingerprint.text() == site.printed_short
    assert dialog.fingerprint.text() == tls.short_fingerprint(site.fingerprint)
    assert app.window is None
    dialog.submit()  # not ticked: nothing is trusted, nothing sent
    assert "tick the box" in dialog.error.text()
    assert app.window is None
    run(wait_until(lambda: note.height() >= note.heightForWidth(note.width()), 5, "room"))
    assert note.geometry().bottom() < shown.geometry().top()
    dialog.trust.setChecked(True)
    dialog.submit()
    window = run(wait_until(lambda: app.window, what="the desk"))
    assert app.desk is not None
    desk = app.desk
    run(wait_until(lambda: desk.status().last_sync_at, what="the first sync over HTTPS"))
    run(wait_until(lambda: window.model.columns, what="the day view"))
    assert window.brand_name.text() == "Clínica San Martín"
    assert saved_pins(tmp_path / "prefs.json") == {tls.pin_key(tls_server.base_url): site.ca_pem}


def test_the_desk_refuses_a_changed_certificate_and_staff_pin_the_new_one(
    qtbot: QtBot,
    run: Run[Any],
    desks: Desks,
    tls_server: LiveServer,
    site: Site,
    other_site: Site,
    tmp_path: Path,
) -> None:
    prefs = Preferences(server=tls_server.base_url, email=RECEPTION_EMAIL, language="en")
    prefs.pins[tls.pin_key(tls_server.base_url)] = site.ca_pem  # pinned at a first sign-in
    app = DeskApp(prefs, prefs_path=tmp_path / "prefs.json", data_dir=tmp_path)
    desks.apps.append(app)
    dialog = app.show_sign_in()
    qtbot.addWidget(dialog)
    dialog.password.setText(DEMO_PASSWORD)
    dialog.submit()  # the pinned authority: straight in, nothing to check
    window = run(wait_until(lambda: app.window, what="the desk"))
    assert not dialog.trust_box.isVisible()
    assert app.desk is not None
    desk = app.desk
    run(wait_until(lambda: desk.status().state is SyncState.ONLINE, what="online"))

    serve_with(run, tls_server, other_site)
    desk.engine.sync_soon()
    connection = window.connection
    run(wait_until(lambda: "certificate" in connection.state.text(), 30, "the refusal"))
    assert desk.status().state is SyncState.UNTRUSTED
    assert connection.state.text() == "The server's certificate changed: ask your administrator"
    assert connection.sign_in.isVisible()

    connection.sign_in.click()  # to check the new one: sign in again
    run(wait_until(lambda: app.dialog not in (None, dialog), 10, "the sign-in dialog"))
    again = app.dialog
    assert again is not None
    qtbot.addWidget(again)
    again.password.setText(DEMO_PASSWORD)
    again.submit()
    run(wait_until(again.trust_box.isVisible, what="the new fingerprint"))
    assert again.error.text() == "Not signed in: the server's certificate changed."
    assert again.trust_note.text().startswith(
        "The server's certificate changed: ask your administrator"
    )
    assert again.fingerprint.text() == other_site.printed_short
    assert saved_pins(tmp_path / "prefs.json") == {tls.pin_key(tls_server.base_url): site.ca_pem}
    again.trust.setChecked(True)
    again.submit()
    run(wait_until(lambda: app.desk is not None and app.desk is not desk, what="the desk"))
    assert app.desk is not None
    renewed = app.desk
    run(wait_until(lambda: renewed.status().state is SyncState.ONLINE, what="online again"))
    assert saved_pins(tmp_path / "prefs.json") == {
        tls.pin_key(tls_server.base_url): other_site.ca_pem
    }


def enrollment_code(server: LiveServer, site: Site) -> str:
    with httpx.Client(
        base_url=server.base_url, timeout=10, verify=tls.context(site.ca_pem)
    ) as http:
        staff = http.post("/auth/sign-in", json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD})
        auth = {"Authorization": f"Bearer {staff.json()['access_token']}"}
        location = http.get("/setup/locations", headers=auth).json()[0]["location_id"]
        made = http.post(
            "/setup/kiosks", headers=auth, json={"location_id": location, "name": "Entrada"}
        )
        assert made.status_code == 201, made.text
        return str(made.json()["enrollment_code"])


def enroll_confirming(
    run: Run[Any], kiosks: Kiosks, server: LiveServer, site: Site, folder: Path
) -> KioskApp:
    """A kiosk set up by staff over HTTPS: they check the fingerprint, then enroll."""
    folder.mkdir(parents=True, exist_ok=True)
    app = KioskApp(
        KioskSettings(language="en", idle_seconds=45),
        settings_path=folder / "kiosk.json",
        data_dir=folder,
        use_keyring=False,
    )
    kiosks.apps.append(app)
    window = app.start()
    window.resize(1280, 800)
    window.show()
    page = window.enroll_page
    assert page is not None
    page.server.setText(server.base_url)
    page.code.setText(enrollment_code(server, site))
    page.pin.setText(PIN)
    page.submit()
    run(wait_until(page.trust.isVisible, what="the fingerprint to check"))
    assert "First connection to this server" in page.trust_note.text()
    assert page.fingerprint.text().split() == site.printed_short.split()
    assert app.service is None
    page.submit()  # not confirmed: not enrolled
    assert "confirm it above" in page.message.text()
    page.trust.click()
    assert page.trust.text().startswith("☑")
    page.submit()
    run(wait_until(lambda: app.has_data, 20, "the kiosk's first sync over HTTPS"))
    run(wait_until(lambda: window.stack.currentWidget() is window.welcome, 5, "the welcome"))
    return app


def test_a_kiosk_shows_the_fingerprint_at_enrollment_and_pins_it(
    run: Run[Any], kiosks: Kiosks, tls_server: LiveServer, site: Site, tmp_path: Path
) -> None:
    kiosk = enroll_confirming(run, kiosks, tls_server, site, tmp_path / "kiosk")
    saved = json.loads((tmp_path / "kiosk" / "kiosk.json").read_text())
    assert saved["pins"] == {tls.pin_key(tls_server.base_url): site.ca_pem}
    assert saved["identity"]["server"] == tls_server.base_url
    assert kiosk.window.welcome.isVisible()


def test_a_kiosk_stops_for_staff_when_the_certificate_changes_and_they_pin_the_new_one(
    run: Run[Any],
    kiosks: Kiosks,
    tls_server: LiveServer,
    site: Site,
    other_site: Site,
    tmp_path: Path,
) -> None:
    kiosk = enroll_confirming(run, kiosks, tls_server, site, tmp_path / "kiosk")
    window = kiosk.window
    service = kiosk.service
    assert service is not None

    def certificate_page() -> CertificatePage | None:  # once it shows what it found
        page = window.certificate_page
        return page if page is not None and page.accept.isVisible() else None

    serve_with(run, tls_server, other_site)
    service.engine.sync_soon()
    page: CertificatePage = run(wait_until(certificate_page, 30, "the page for staff"))
    assert window.stack.currentWidget() is page
    assert kiosk.service is None  # stopped: it sends nothing to that server
    assert page.fingerprint.text().split() == other_site.printed_short.split()

    # The administrator says it was a mistake and puts the right certificate back.
    serve_with(run, tls_server, site)
    page.again.click()
    run(wait_until(lambda: kiosk.service is not None, 20, "the kiosk back"))
    run(wait_until(lambda: window.stack.currentWidget() is window.welcome, 5, "the welcome"))
    saved = tmp_path / "kiosk" / "kiosk.json"
    assert saved_pins(saved) == {tls.pin_key(tls_server.base_url): site.ca_pem}

    # Then renews it for real: staff check the new fingerprint and trust it.
    assert kiosk.service is not None
    serve_with(run, tls_server, other_site)
    kiosk.service.engine.sync_soon()
    page = run(wait_until(certificate_page, 30, "the page for staff again"))
    assert page.fingerprint.text().split() == other_site.printed_short.split()
    page.pin.setText("0000")
    page.accept.click()
    run(wait_until(page.pin.isEnabled, what="the PIN checked"))
    assert page.message.text() == (
        "That PIN is not right. After 4 more wrong one(s), the staff PIN locks for some minutes."
    )
    assert saved_pins(saved) == {tls.pin_key(tls_server.base_url): site.ca_pem}
    page.pin.setText(PIN)
    page.accept.click()
    run(wait_until(lambda: kiosk.service is not None, 20, "the kiosk back"))
    run(wait_until(lambda: window.stack.currentWidget() is window.welcome, 5, "the welcome"))
    assert saved_pins(saved) == {tls.pin_key(tls_server.base_url): other_site.ca_pem}
    engine = kiosk.service.engine
    run(wait_until(lambda: engine.status().state is SyncState.ONLINE, 20, "syncing again"))


def test_a_kiosk_enrolled_with_a_publicly_trusted_certificate_offers_a_new_one_to_staff(
    run: Run[Any],
    kiosks: Kiosks,
    tls_server: LiveServer,
    site: Site,
    other_site: Site,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(site.files.ca_cert))  # as if public
    tls.context.cache_clear()
    try:
        folder = tmp_path / "kiosk"
        folder.mkdir()
        kiosk = KioskApp(
            KioskSettings(language="en"),
            settings_path=folder / "kiosk.json",
            data_dir=folder,
            use_keyring=False,
        )
        kiosks.apps.append(kiosk)
        window = kiosk.start()
        window.show()
        page = window.enroll_page
        assert page is not None
        page.server.setText(tls_server.base_url)
        page.code.setText(enrollment_code(tls_server, site))
        page.pin.setText(PIN)
        page.submit()  # the system vouches for it: nothing to check, nothing pinned
        run(wait_until(lambda: kiosk.has_data, 20, "the first sync"))
        assert saved_pins(folder / "kiosk.json") == {}
        assert kiosk.service is not None

        serve_with(run, tls_server, other_site)  # one the system does not vouch for
        kiosk.service.engine.sync_soon()
        certificate = run(
            wait_until(
                lambda: (
                    window.certificate_page
                    and window.certificate_page.accept.isVisible()
                    and window.certificate_page
                ),
                30,
                "the new certificate offered to staff",
            )
        )
        assert certificate.fingerprint.text().split() == other_site.printed_short.split()
    finally:
        monkeypatch.delenv("SSL_CERT_FILE")
        tls.context.cache_clear()


def test_wrong_pins_on_the_certificate_page_lock_it_and_leaving_alike(
    run: Run[Any],
    kiosks: Kiosks,
    tls_server: LiveServer,
    site: Site,
    other_site: Site,
    tmp_path: Path,
) -> None:
    """The certificate page takes the PIN that leaves the kiosk, with the same count of
    wrong tries: a guesser gets five in all, not five here and five at the exit."""
    kiosk = enroll_confirming(run, kiosks, tls_server, site, tmp_path / "kiosk")
    window = kiosk.window
    noon = datetime(2026, 11, 30, 12, tzinfo=UTC)
    kiosk.exit_pin.now = lambda: noon
    assert kiosk.service is not None
    serve_with(run, tls_server, other_site)
    kiosk.service.engine.sync_soon()
    page: CertificatePage = run(
        wait_until(
            lambda: (
                window.certificate_page
                and window.certificate_page.accept.isVisible()
                and window.certificate_page
            ),
            30,
            "the page for staff",
        )
    )
    # One wrong PIN at the exit first (Ctrl+Alt+Q works over this page too).
    leaving = window.ask_to_leave()
    leaving.pin.setText("1111")
    leaving.submit()
    run(wait_until(lambda: "Wrong PIN" in leaving.message.text(), what="the exit's refusal"))
    leaving.reject()
    said = []
    for n in range(4):
        page.pin.setText(f"135{n}")
        page.accept.click()
        run(wait_until(lambda: page.pin.isEnabled() or "locked" in page.message.text()))
        said.append(page.message.text())
    assert said == [
        "That PIN is not right. After 3 more wrong one(s), the staff PIN locks for some minutes.",
        "That PIN is not right. After 2 more wrong one(s), the staff PIN locks for some minutes.",
        "That PIN is not right. After 1 more wrong one(s), the staff PIN locks for some minutes.",
        "Too many wrong PINs: the staff PIN is locked for 5 minute(s). Try again after that.",
    ]
    assert not page.pin.isVisible()
    assert not page.accept.isVisible()
    assert page.fingerprint.isVisible()
    assert page.again.isVisible()
    saved = tmp_path / "kiosk" / "kiosk.json"
    assert KioskSettings.load(saved).pin_locked_until == "2026-11-30T12:05:00+00:00"
    assert saved_pins(saved) == {tls.pin_key(tls_server.base_url): site.ca_pem}
    # Leaving is locked as well, and looking again keeps the page locked.
    locked = window.ask_to_leave()
    assert locked.message.text() == "Too many wrong PINs: leaving is locked for 5 minute(s)."
    locked.reject()
    page.again.click()
    run(kiosk.tasks.drain())  # it looked at the server again
    assert page.fingerprint.text().split() == other_site.printed_short.split()
    assert "the staff PIN is locked for 5 minute(s)" in page.message.text()
    assert not page.pin.isVisible()

    # Five minutes on, the right PIN trusts the new certificate.
    kiosk.exit_pin.now = lambda: noon + timedelta(minutes=5)
    page.again.click()
    run(wait_until(page.accept.isVisible, what="the PIN asked again"))
    page.pin.setText(PIN)
    page.accept.click()
    run(wait_until(lambda: kiosk.service is not None, 20, "the kiosk back"))
    assert saved_pins(saved) == {tls.pin_key(tls_server.base_url): other_site.ca_pem}
    assert KioskSettings.load(saved).pin_failures == 0
