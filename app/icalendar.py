"""A booking as an iCalendar (.ics) event, for the customer's own calendar (RFC 5545).

The `icalendar` library writes it: escaping, line folding and date forms are its
job, and it is the reference RFC 5545 implementation in Python."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

from icalendar import Calendar, Event


class Bookable(Protocol):
    """What an event is made of: a schedule's Block and a Slip both have it."""

    @property
    def booking_id(self) -> str: ...
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    @property
    def service(self) -> str: ...
    @property
    def code(self) -> str: ...


def booking_ics(
    block: Bookable,
    business: str,
    provider: str,
    address: str = "",
    *,
    code_label: str = "Code",
    stamped: datetime | None = None,
) -> str:
    """The event for the customer's calendar. Its words are the reader's: the UI passes
    `code_label` (the word before the booking code) in its own language. `stamped` is
    when the file was made (DTSTAMP): now, unless a test says otherwise."""
    calendar = Calendar()
    calendar.add("prodid", "-//Turnero//Desk//ES")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{block.booking_id}@turnero")
    event.add("dtstamp", (stamped or datetime.now(UTC)).astimezone(UTC))
    event.add("dtstart", block.start.astimezone(UTC))
    event.add("dtend", block.end.astimezone(UTC))
    event.add("summary", f"{block.service} — {business}")
    event.add("description", f"{provider}. {code_label} {block.code}".strip())
    if address:
        event.add("location", address)
    event.add("status", "CONFIRMED")
    calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics.decode("utf-8")
