"""What a desk shows and offers, by the role of who signed in.

Reception (and an admin, who often runs the desk) works every provider's day: books,
checks people in, takes payments, runs the walk-in queue. A provider works their own
day: their column alone, what care needs of each customer, and starting and completing
their bookings; no payments, no other provider's customers, no one else's time shown
as free. The server holds them to the same (server/sync/scopes.py, the REST routes'
guards); this keeps the desk from offering what would only be refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.staff import Role
from app.signin import Account

# What a provider may do to a booking of theirs: start and complete it (the server's
# rule: server/sync/mutations.py PROVIDER_TOO), and take it to their calendar.
PROVIDER_ACTIONS = frozenset({"booking.start", "booking.complete", "ics"})
# What only an administrator is offered: a booking's audit trail (GET /audit is theirs).
ADMIN_ACTIONS = frozenset({"history"})


@dataclass(frozen=True)
class DeskRole:
    """`own_provider`: a provider's own calendar, the only one their desk shows (None:
    every provider's). `actions`: what the desk offers on a booking (None: all)."""

    own_provider: str | None
    actions: frozenset[str] | None
    admin: bool = False

    @property
    def is_provider(self) -> bool:
        return self.own_provider is not None

    @property
    def front_desk(self) -> bool:
        """Booking, payments, walk-ins and customers' records: reception's work."""
        return self.own_provider is None

    def may(self, action: str) -> bool:
        """Whether this desk offers `action` on a booking ("booking.check_in",
        "payment", "reschedule", ...: the keys of ui/desk/booking_panel.py)."""
        if action in ADMIN_ACTIONS and not self.admin:
            return False
        return self.actions is None or action in self.actions

    def offered(self, keys: Iterable[str]) -> frozenset[str]:
        """Which of these actions this desk offers."""
        return frozenset(k for k in keys if self.may(k))

    @property
    def shown_providers(self) -> list[str] | None:
        """The providers whose columns the day shows (None: every active one)."""
        return None if self.own_provider is None else [self.own_provider]


def desk_role(account: Account) -> DeskRole:
    if account.role == Role.PROVIDER.value:
        # A provider's account from before the desk kept provider ids shows nothing
        # rather than someone else's day; signing in again fills it.
        return DeskRole(own_provider=account.provider_id, actions=PROVIDER_ACTIONS)
    return DeskRole(own_provider=None, actions=None, admin=account.role == Role.ADMIN.value)
