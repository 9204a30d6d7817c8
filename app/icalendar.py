"""A booking as an iCalendar (.ics) event, for the customer's own calendar (RFC 5545)."""

from __future__ import annotations

from datetime import UTC, datetime

from app.schedule import Block


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    chunk = b""
    for ch in line:
        b = ch.encode()
        if len(chunk) + len(b) > (75 if not parts else 74):
            parts.append(chunk.decode())
            chunk = b""
        chunk += b
    parts.append(chunk.decode())
    return "\r\n ".join(parts)


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def booking_ics(
    block: Block, business: str, provider: str, address: str = "", *, code_label: str = "Code"
) -> str:
    """The event for the customer's calendar. Its words are the reader's: the UI passes
    `code_label` (the word before the booking code) in its own language."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Turnero//Desk//ES",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{block.booking_id}@turnero",
        f"DTSTAMP:{_stamp(datetime.now(UTC))}",
        f"DTSTART:{_stamp(block.start)}",
        f"DTEND:{_stamp(block.end)}",
        f"SUMMARY:{_escape(f'{block.service} — {business}')}",
        f"DESCRIPTION:{_escape(f'{provider}. {code_label} {block.code}'.strip())}",
    ]
    if address:
        lines.append(f"LOCATION:{_escape(address)}")
    lines += ["STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
