"""Walk-in tickets: people without a booking, numbered per location and local day."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.domain.errors import ConflictError
from app.domain.timezones import local_date


class WalkinStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    SERVED = "served"
    CANCELLED = "cancelled"


W = WalkinStatus
TRANSITIONS: dict[WalkinStatus, frozenset[WalkinStatus]] = {
    W.WAITING: frozenset({W.CALLED, W.CANCELLED}),
    # Served straight from called is the common case at a counter; back to waiting if absent.
    W.CALLED: frozenset({W.SERVING, W.SERVED, W.WAITING, W.CANCELLED}),
    W.SERVING: frozenset({W.SERVED}),
    W.SERVED: frozenset(),
    W.CANCELLED: frozenset(),
}


def check_walkin_transition(current: WalkinStatus, target: WalkinStatus) -> None:
    if target not in TRANSITIONS[current]:
        raise ConflictError(
            "status",
            "transition_not_allowed",
            f"a {current.value} ticket cannot become {target.value}",
        )


def sequence_day(issued_at: datetime, tz: ZoneInfo) -> date:
    """The day whose sequence numbers a ticket: the local date, not the UTC one.

    At 22:30 in Buenos Aires it is already tomorrow in UTC, yet the ticket belongs to
    today's queue.
    """
    return local_date(issued_at, tz)


# The desk's tickets: numbered by the server, one sequence per location and local day,
# with this letter ("M", mostrador: the front counter). Kiosks number their own tickets,
# offline too, each with a letter of its own that is never this one, so no two tickets
# of a day share a label.
DESK_TICKET_PREFIX = "M"


def ticket_label(number: int, prefix: str = "") -> str:
    return f"{prefix}{number:03d}"
