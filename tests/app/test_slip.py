"""A booking's slip without Qt: what it says from the replica, the QR text the kiosk
reads, WhatsApp's number and link, the mailto."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from app.domain.timezones import local_to_utc, zone
from app.kiosk import Outcome, find_by_code, normalise_code
from app.slip import (
    SlipWords,
    mailto_url,
    message_text,
    phone_shown,
    qr_payload,
    slip_lines,
    slip_of,
    whatsapp_number,
    whatsapp_url,
)
from app.sync.replica import Replica
from tests.app.test_desk_reads import booking, row

TZ = zone("America/Argentina/Buenos_Aires")
THURSDAY = date(2026, 12, 3)
WORDS = SlipWords(
    when="Date",
    time="Time",
    provider="Professional",
    service="Service",
    address="Address",
    code="Booking code",
    no_code="given when this desk reaches the server",
    check_in="Scan the QR at the kiosk.",
)


def small_clinic(path: Path, bookings: list[dict[str, Any]]) -> Replica:
    """A clinic with one location (with its address), two providers, two customers
    (one with phone and email, one with neither) and the bookings given."""
    r = Replica(path)
    r.apply_changes(
        [
            row(
                "tenant",
                "t",
                {
                    "name": "clinica-sur",
                    "display_name": "Clínica Sur",
                    "vertical": "clinic",
                    "time_zone": "America/Argentina/Buenos_Aires",
                    "locale": "es-AR",
                    "currency": "ARS",
                },
            ),
            row(
                "location",
                "loc",
                {"location_id": "loc", "name": "Centro", "address": "Av. Santa Fe 3200, CABA"},
            ),
            row("provider", "ana", {"provider_id": "ana", "display_name": "Dra. Ana"}),
            row("provider", "beto", {"provider_id": "beto", "display_name": "Dr. Beto"}),
            row("service", "consult", {"service_id": "consult", "name": "Consulta"}),
            row(
                "customer",
                "c1",
                {
                    "customer_id": "c1",
                    "first_name": "María",
                    "last_name": "Núñez",
                    "phone": "+541155550001",
                    "email": "maria@example.com",
                },
            ),
            row(
                "customer",
                "c2",
                {"customer_id": "c2", "first_name": "Lucía", "last_name": "García"},
            ),
            *bookings,
        ],
        "1",
    )
    return r


def at(day: date, hhmm: str) -> Any:
    h, m = map(int, hhmm.split(":"))
    return local_to_utc(day, time(h, m), TZ)


@pytest.fixture
def clinic(tmp_path: Path) -> Replica:
    return small_clinic(
        tmp_path / "desk.db",
        [
            booking("b1", "ana", at(THURSDAY, "10:30"), code="ACD34F"),
            booking("b2", "beto", at(THURSDAY, "11:00"), customer="c2", code=""),
        ],
    )


def test_the_slip_says_who_where_when_and_the_code(clinic: Replica) -> None:
    slip = slip_of(clinic, "b1")
    assert slip is not None
    assert slip.business == "Clínica Sur"
    assert slip.start.tzinfo is not None
    assert (slip.start.date(), f"{slip.start:%H:%M}") == (THURSDAY, "10:30")
    assert slip_lines(slip, WORDS, "Thursday 03/12/2026") == [
        ("Date", "Thursday 03/12/2026"),
        ("Time", "10:30"),
        ("Professional", "Dra. Ana"),
        ("Service", "Consulta"),
        ("Address", "Av. Santa Fe 3200, CABA"),
        ("Booking code", "ACD34F"),
    ]
    text = message_text(slip, WORDS, "Thursday 03/12/2026", "Hello María")
    assert text.splitlines()[:2] == ["Hello María", "Clínica Sur"]
    assert "Booking code: ACD34F" in text.splitlines()
    assert text.splitlines()[-1] == WORDS.check_in


def test_a_booking_not_yet_on_the_server_has_no_code_and_says_so(clinic: Replica) -> None:
    slip = slip_of(clinic, "b2")
    assert slip is not None
    assert slip.code == ""
    assert ("Booking code", WORDS.no_code) in slip_lines(slip, WORDS, "jueves")
    # No "scan the QR" line when there is no QR to scan.
    assert WORDS.check_in not in message_text(slip, WORDS, "jueves")
    assert slip_of(clinic, "nobody") is None


def test_the_qr_text_is_what_the_kiosk_takes_for_the_code(tmp_path: Path) -> None:
    """What a scanner types from the slip's QR finds the booking at the kiosk."""
    start = at(THURSDAY, "10:30")
    kiosk = small_clinic(tmp_path / "kiosk.db", [booking("b1", "ana", start, code="ACD34F")])
    typed = qr_payload("ACD34F")
    assert normalise_code(typed) == "ACD34F"
    match = find_by_code(kiosk, typed, start - timedelta(minutes=10))
    assert match.outcome is Outcome.FOUND
    assert match.booking_id == "b1"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        # An Argentine mobile takes the 9 after 54, however staff wrote it.
        ("+541155550001", "5491155550001"),
        ("+5491155550001", "5491155550001"),
        ("011 15 5555-0001", "5491155550001"),
        ("11 5555-0001", "5491155550001"),
        ("0351 15 555-1234", "5493515551234"),
        # Another country's number is its international digits.
        ("+34 612 345 678", "34612345678"),
        ("+598 94 123 456", "59894123456"),
        # Nothing to send to.
        ("", None),
        ("llamar a la tarde", None),
        ("123", None),
    ],
)
def test_whatsapp_numbers(typed: str, number: str | None) -> None:
    assert whatsapp_number(typed, "AR") == number


def test_a_phone_is_shown_as_it_is_dialled() -> None:
    assert phone_shown("+5491141764716") == "+54 9 11 4176-4716"
    assert phone_shown("llamar a la tarde") == "llamar a la tarde"


def test_the_whatsapp_link_carries_the_whole_message(clinic: Replica) -> None:
    slip = slip_of(clinic, "b1")
    assert slip is not None
    text = message_text(slip, WORDS, "jueves 03/12/2026", "Hola María & familia?")
    url = whatsapp_url(slip.phone, text, slip.country)
    assert url is not None
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/5491155550001")
    assert parse_qs(parts.query) == {"text": [text]}
    assert whatsapp_url("", text) is None


def test_the_mailto_has_subject_and_body_and_no_address_no_link() -> None:
    url = mailto_url(" maria@example.com ", "Tu turno & más", "Línea 1\nLínea 2")
    assert url is not None
    parts = urlsplit(url)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "maria@example.com")
    query = parse_qs(parts.query)
    assert query == {"subject": ["Tu turno & más"], "body": ["Línea 1\r\nLínea 2"]}
    assert mailto_url("", "s", "b") is None
    assert mailto_url("not an address", "s", "b") is None
