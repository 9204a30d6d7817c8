"""A booking's slip: what it says (business, when, who, what, where, the code), the QR
the kiosk reads, and the links that send it (WhatsApp's wa.me, a mailto).

All of it from the replica, so it works offline. The words are the reader's: the UI
hands in its labels in its own language (`SlipWords`), as with the .ics's code label.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

import phonenumbers

from app.domain.customers import ARGENTINA, parse_phone
from app.schedule import customer_name
from app.sync.replica import Replica
from app.sync.rows import country, parse, zone_of


@dataclass(frozen=True)
class Slip:
    """A booking as its slip shows it. `start`/`end` are in the location's zone;
    `code` is "" while the booking waits to reach the server (it numbers it)."""

    booking_id: str
    business: str
    address: str
    customer: str
    first_name: str
    start: datetime
    end: datetime
    provider: str
    service: str
    code: str
    phone: str
    email: str
    country: str


@dataclass(frozen=True)
class SlipWords:
    """The labels of a slip's lines, in the reader's language."""

    when: str  # "Date"
    time: str  # "Time"
    provider: str  # "Professional", the business's word
    service: str  # "Service"
    address: str  # "Address"
    code: str  # "Booking code"
    no_code: str  # "given when this desk reaches the server"
    check_in: str  # "At the kiosk, scan the QR or type the code."


def slip_of(replica: Replica, booking_id: str) -> Slip | None:
    """The slip of a booking this replica holds (None: it holds no such booking)."""
    row = replica.get("booking", booking_id)
    if row is None:
        return None
    tenants = replica.all("tenant")
    tenant = tenants[0] if tenants else {}
    location = replica.get("location", row.get("location_id") or "") or {}
    customer = replica.get("customer", row["customer_id"])
    tz = zone_of(replica, row.get("location_id"))
    return Slip(
        booking_id=row["booking_id"],
        business=tenant.get("display_name") or tenant.get("name") or "Turnero",
        address=str(location.get("address") or ""),
        customer=customer_name(customer, row),
        first_name=str((customer or {}).get("first_name") or ""),
        start=parse(row["start_at"]).astimezone(tz),
        end=parse(row["end_at"]).astimezone(tz),
        provider=(replica.get("provider", row["provider_id"]) or {}).get("display_name", ""),
        service=(replica.get("service", row["service_id"]) or {}).get("name", ""),
        code=str(row.get("code") or ""),
        phone=str((customer or {}).get("phone") or ""),
        email=str((customer or {}).get("email") or ""),
        country=country(replica),
    )


def qr_payload(code: str) -> str:
    """What the slip's QR holds: the bare code. A scanner types it as a keyboard does
    and the kiosk's code field takes it (app.kiosk.normalise_code): no prefix or
    punctuation that a scanner set to another keyboard layout would mistype."""
    return code.strip().upper()


def slip_lines(slip: Slip, words: SlipWords, day: str) -> list[tuple[str, str]]:
    """(label, value) lines under the business's name; `day` is the date as the
    reader says it ("jueves 03/12/2026")."""
    lines = [
        (words.when, day),
        (words.time, f"{slip.start:%H:%M}"),
        (words.provider, slip.provider),
        (words.service, slip.service),
    ]
    if slip.address:
        lines.append((words.address, slip.address))
    lines.append((words.code, slip.code or words.no_code))
    return lines


def message_text(slip: Slip, words: SlipWords, day: str, greeting: str = "") -> str:
    """The slip as a message (WhatsApp, email): the same lines, one a line."""
    head = [greeting] if greeting else []
    body = [f"{label}: {value}" for label, value in slip_lines(slip, words, day)]
    tail = [words.check_in] if slip.code else []
    return "\n".join([*head, slip.business, *body, *tail])


def whatsapp_number(phone: str, country_code: str = "AR") -> str | None:
    """The number as wa.me wants it: the international digits, no '+'. An Argentine
    number is a mobile's, with the 9 after 54 that WhatsApp needs (+54 9 11 ...),
    however it was written ("011 15 ...", "+54 11 ..."): a landline has no WhatsApp.
    None when there is no valid number."""
    number = parse_phone(phone.strip(), country_code) if phone.strip() else None
    if number is None:
        return None
    national = phonenumbers.national_significant_number(number)
    if number.country_code == ARGENTINA and len(national) == 10:
        national = "9" + national
    return f"{number.country_code}{national}"


def phone_shown(phone: str, country_code: str = "AR") -> str:
    """A phone as read out to dial it ("+54 9 11 4176-4716"); as stored if not valid."""
    number = parse_phone(phone.strip(), country_code) if phone.strip() else None
    if number is None:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def whatsapp_url(phone: str, text: str, country_code: str = "AR") -> str | None:
    """https://wa.me/<number>?text=<text>, or None when there is no number to send to."""
    number = whatsapp_number(phone, country_code)
    if number is None:
        return None
    return f"https://wa.me/{number}?text={quote(text, safe='')}"


def mailto_url(email: str, subject: str, body: str) -> str | None:
    """A mailto link (RFC 6068) with the subject and the body; None with no address.
    Line breaks as CRLF, as the RFC asks of a body."""
    address = email.strip()
    if not address or "@" not in address:
        return None
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(address, safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )
