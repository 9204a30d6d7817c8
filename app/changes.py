"""What moved in the replica (as Anki's OpChanges): each view reloads only for its part.

A change recorded at the desk, a pulled page, a refusal settled: each says which
kinds of rows it touched, and the desk's views ask whether it concerns them. A sync
status tick (syncing, online, the pending count) is no change to any row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

# The replica's entities by the part of the desk that shows them.
_PART_OF = {
    "booking": "bookings",
    "customer": "customers",
    "walkin_ticket": "walkins",
    "payment": "payments",
    "waitlist_entry": "waitlist",
    "cash_close": "payments",  # a till's day: shown with the money it counts
    # The business, its places, people, services and hours: reference data.
    "tenant": "catalogue",
    "location": "catalogue",
    "provider": "catalogue",
    "provider_hours": "catalogue",
    "time_off": "catalogue",
    "service": "catalogue",
    "provider_service": "catalogue",
}
_CHANGE_PREFIX = {
    "booking": "bookings",
    "customer": "customers",
    "walkin": "walkins",
    "payment": "payments",
    "waitlist": "waitlist",
    "cash": "payments",
}


@dataclass(frozen=True)
class Changes:
    bookings: bool = False
    customers: bool = False
    walkins: bool = False
    payments: bool = False
    catalogue: bool = False
    conflicts: bool = False  # a change refused by the server, or a refusal put away
    waitlist: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @classmethod
    def of_entities(cls, entities: Iterable[str]) -> Changes:
        """Rows of these entities moved (a pull). An entity this desk does not know
        counts as reference data: showing it again is safe, missing it is not."""
        return cls(**dict.fromkeys({_PART_OF.get(e, "catalogue") for e in entities}, True))

    @classmethod
    def of_change(cls, name: str) -> Changes:
        """What a change by this name (booking.create, walkin.call ...) touches."""
        part = _CHANGE_PREFIX.get(name.split(".", 1)[0])
        return cls(**{part: True}) if part else EVERYTHING


EVERYTHING = Changes(True, True, True, True, True, True, True)
