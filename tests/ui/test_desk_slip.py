"""A booking's slip from the desk: its QR read as a scanner reads it and taken by the
kiosk, the PDF, and sending it by WhatsApp or email (the links the desk opens are
caught by URL handlers, as the system would receive them)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from app.kiosk import Ticket
from tests.helpers.deskui import settle, wait_until
from tests.helpers.live import LiveServer
from tests.helpers.qr import read_qr
from tests.helpers.urls import Opened, caught_urls
from tests.ui.conftest import Desks, Kiosks, Run
from tests.ui.test_kiosk import bookings_today, clock
from ui.desk.main import DeskApp
from ui.desk.slip import SlipDialog
from ui.desk.window import DeskWindow
from ui.kiosk.ticket import ticket_image


@pytest.fixture
def opened() -> Iterator[Opened]:
    with caught_urls() as catcher:
        yield catcher


def open_slip(
    run: Run[Any], app: DeskApp, window: DeskWindow, booking_id: str, key: str = "slip"
) -> SlipDialog:
    """Select the booking in the schedule and press the panel's button `key`."""
    assert app.desk is not None
    row = app.desk.replica.get("booking", booking_id)
    assert row is not None
    window.go_to(datetime.fromisoformat(row["start_at"]).astimezone(window.biz.time_zone).date())
    run(settle(app))
    window.view.select(booking_id)
    run(settle(app))
    window.panel.buttons[key].click()
    [dialog] = [d for d in window.findChildren(SlipDialog) if d.isVisible()]
    run(asyncio.wait_for(dialog.loaded, 30))
    return dialog


def test_the_slips_qr_is_read_by_the_kiosks_scanner_path(
    run: Run[Any],
    desks: Desks,
    kiosks: Kiosks,
    demo_server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kiosk = kiosks.open(demo_server)
    assert kiosk.service is not None
    target = bookings_today(kiosk)[0]
    app, window = desks.open(demo_server)
    dialog = open_slip(run, app, window, target["booking_id"])
    # The QR on the slip, read from its picture by a real decoder: the booking's code.
    preview = dialog.preview.pixmap().toImage()
    assert read_qr(preview) == [target["code"]]
    # On paper: a PDF with the business, the provider, the code.
    pdf = tmp_path / "slip.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(pdf), ""))
    dialog.pdf_button.click()
    # pypdf gives spaces between words as tabs here: compare words.
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert dialog.slip is not None
    for said in (window.biz.name, dialog.slip.provider, target["code"]):
        assert said in text
    # At the kiosk, a scanner types what the QR holds and then Enter.
    start = datetime.fromisoformat(target["start_at"])
    kiosk.service.now = clock(start - timedelta(minutes=10))
    kiosk.window.welcome.check_in_button.click()
    QTest.keyClicks(kiosk.window.checkin.code, read_qr(preview)[0])
    QTest.keyClick(kiosk.window.checkin.code, Qt.Key.Key_Return)
    run(
        wait_until(
            lambda: kiosk.window.stack.currentWidget() is kiosk.window.confirm, what="confirm"
        )
    )
    assert target["customer_label"] in kiosk.window.confirm.hello.text()


def some_booking(app: DeskApp, with_email: bool) -> dict[str, Any]:
    """A booking with a code whose customer has a phone (and an email, or none)."""
    assert app.desk is not None
    replica = app.desk.replica
    for row in sorted(replica.all("booking"), key=lambda r: r["start_at"]):
        customer = replica.get("customer", row["customer_id"]) or {}
        if row["status"] == "cancelled" or not row["code"]:
            continue
        if customer.get("phone") and bool(customer.get("email")) is with_email:
            return row
    raise AssertionError("the demo has such a booking")


def test_send_by_whatsapp_opens_wa_me_with_the_slip_and_says_when_there_is_no_phone(
    run: Run[Any], desks: Desks, demo_server: LiveServer, opened: Opened
) -> None:
    app, window = desks.open(demo_server, language="es-AR")
    assert app.desk is not None
    row = some_booking(app, with_email=False)
    customer = app.desk.replica.get("customer", row["customer_id"])
    assert customer is not None
    dialog = open_slip(run, app, window, row["booking_id"], key="send")
    dialog.whatsapp_button.click()
    [url] = opened.encoded()
    parts = urlsplit(url)
    # The demo's phones are mobiles written +54 9 ...: wa.me takes them without the +.
    assert (parts.netloc, parts.path) == ("wa.me", "/" + customer["phone"].lstrip("+"))
    [message] = parse_qs(parts.query)["text"]
    assert dialog.slip is not None
    assert f"Hola {customer['first_name']}" in message
    assert f"Código de turno: {row['code']}" in message.splitlines()
    assert dialog.slip.provider in message
    assert "WhatsApp" in dialog.note.text()
    dialog.reject()

    # Without a phone, nothing opens and the desk says why.
    app.desk.submit("customer.update", {"customer_id": row["customer_id"], "phone": ""})
    run(settle(app))
    dialog = open_slip(run, app, window, row["booking_id"], key="send")
    dialog.whatsapp_button.click()
    assert len(opened.urls) == 1
    assert "no tiene celular" in dialog.note.text()
    # Nor an email, for a customer without an address.
    dialog.email_button.click()
    assert len(opened.urls) == 1
    assert "no tiene email" in dialog.note.text()


def test_send_by_email_saves_the_ics_with_the_address_and_opens_the_mail(
    run: Run[Any],
    desks: Desks,
    demo_server: LiveServer,
    opened: Opened,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    row = some_booking(app, with_email=True)
    customer = app.desk.replica.get("customer", row["customer_id"])
    location = app.desk.replica.get("location", row["location_id"])
    assert customer is not None
    assert location is not None
    assert location["address"]
    dialog = open_slip(run, app, window, row["booking_id"], key="send")
    target = tmp_path / "turno.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    dialog.email_button.click()
    run(settle(app))
    mail, folder = opened.urls
    parts = urlsplit(mail.toString(QUrl.ComponentFormattingOption.FullyEncoded))
    assert unquote(parts.path) == customer["email"]
    query = parse_qs(parts.query)
    assert query["subject"] == [f"Your booking at {window.biz.name}"]
    assert f"Booking code: {row['code']}" in query["body"][0].split("\r\n")
    # The calendar file, with the location's address, and its folder shown to attach it.
    [event] = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["location"]) == location["address"]
    assert event.decoded("dtstart") == datetime.fromisoformat(row["start_at"])
    assert Path(folder.toLocalFile()) == tmp_path
    assert "cannot attach" in dialog.note.text()
    assert str(target) in dialog.note.text()


def test_the_walk_in_tickets_qr_still_reads_as_its_ticket(qapp: Any) -> None:
    """The ticket paints its QR with the slip's painter (ui/common/qr.py) too."""
    ticket = Ticket("A007", "Consulta", datetime(2026, 12, 3, 12, 0, tzinfo=UTC), None, 2, "t-42")
    texts = {"your_number": "Your number", "wait": "Estimated wait"}
    image = ticket_image(ticket, "Clínica", ZoneInfo("America/Argentina/Buenos_Aires"), texts)
    assert read_qr(image) == ["turnero:ticket:t-42"]
