"""The kiosk on every common kiosk screen, in both languages: each page, full screen,
shows all its controls whole, inside the screen, none over another, big enough to
touch (a customer cannot finish a check-in with a button below the screen's edge)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize

from app.kiosk import ExitPin, KioskSettings, PinCheck
from app.tls import ServerCertificate, UntrustedServerError
from tests.helpers.kioskfit import SCREENS, kiosk_pages, misfits, show_at, show_page
from tests.helpers.live import LiveServer
from tests.helpers.sitecert import site_cert
from tests.ui.conftest import Kiosks, Run
from ui.kiosk.window import KioskWindow


def test_every_kiosk_page_fits_every_common_screen_in_both_languages(
    run: Run[Any], kiosks: Kiosks, demo_server: LiveServer, tmp_path: Path
) -> None:
    kiosk = kiosks.open(demo_server, language="es-AR")
    assert kiosk.service is not None
    service, window = kiosk.service, kiosk.window
    enroll = KioskWindow(
        kiosk.tasks, exit_pin=ExitPin(KioskSettings(), lambda: None), tickets_dir=tmp_path
    )
    staff = KioskWindow(
        kiosk.tasks, exit_pin=ExitPin(KioskSettings(), lambda: None), tickets_dir=tmp_path
    )
    offered = ServerCertificate(site_cert(tmp_path / "site").ca_pem)
    changed = UntrustedServerError(demo_server.base_url, "changed", offered=offered)
    problems: list[str] = []

    async def scenario() -> None:
        for language in ("es-AR", "en"):
            window.language_requested.emit(language)  # rebuilds the pages in it
            pages = kiosk_pages(window, service)
            page = enroll.show_enroll(demo_server.base_url, revoked=True)
            page.show_refusal(changed)  # the most it shows: a new fingerprint to check
            page.submit()  # no PIN: its refusal shows too
            enroll.show()
            certificate = staff.show_certificate()
            certificate.show_offer(offered)
            certificate.show_refusal(PinCheck(False, tries_left=4))  # its longest message
            staff.show()
            for width, height in SCREENS:
                await show_at(window, width, height)
                for name, show in pages:
                    show_page(show)
                    found = misfits(window, QSize(width, height))
                    problems.extend(f"{language} {width}x{height} {name}: {p}" for p in found)
                await show_at(enroll, width, height)
                found = misfits(enroll, QSize(width, height))
                problems.extend(f"{language} {width}x{height} enrollment: {p}" for p in found)
                await show_at(staff, width, height)
                found = misfits(staff, QSize(width, height))
                problems.extend(f"{language} {width}x{height} certificate: {p}" for p in found)

    try:
        run(scenario())
    finally:
        for extra in (enroll, staff):
            extra.allow_close = True
            extra.close()
            extra.deleteLater()
    assert problems == [], "\n".join(problems)
