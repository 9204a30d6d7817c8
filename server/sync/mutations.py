"""The mutations a client may push: each validated into the classes the desk builds
(app/sync/protocol.py) and applied with the same services as the REST routes, so the
rules cannot drift apart."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.domain.staff import DESK_ROLES, Role
from app.sync.protocol import (
    ARGS,
    BookingCancel,
    BookingCheckIn,
    BookingCreate,
    BookingRef,
    BookingRemind,
    BookingReschedule,
    CashClose,
    CashOpen,
    CustomerChange,
    CustomerCreate,
    PaymentRecord,
    PaymentReverse,
    WaitlistAdd,
    WaitlistBook,
    WaitlistRef,
    WalkinCreate,
    WalkinRef,
)
from server.bookings import schemas as booking_schemas
from server.bookings import service as bookings
from server.cash import service as cash
from server.catalogue import CatalogueCache
from server.customers import schemas as customer_schemas
from server.customers import service as customers
from server.deps import Principal
from server.payments import schemas as payment_schemas
from server.payments import service as payments
from server.waitlist import service as waitlist
from server.walkins import schemas as walkin_schemas
from server.walkins import service as walkins

# Applies a mutation's args for the caller; the process's catalogue cache goes to the
# booking rules (None: read the catalogue anew).
Cache = CatalogueCache | None
Apply = Callable[[Session, Principal, Any, Cache], None]

# What a mutation touched, so a rejection can name the row the client must roll back.
Touched = tuple[str, uuid.UUID]


@dataclass(frozen=True)
class Mutation:
    args: type[BaseModel]
    roles: frozenset[Role]
    apply: Apply
    touches: Callable[[Any], Touched]


def create_booking(
    s: Session, p: Principal, a: BookingCreate, c: Cache, code: str | None = None
) -> None:
    """`code`: as a site hub gave it to the booking it forwards (else a new one)."""
    body = booking_schemas.BookingIn(**a.model_dump(exclude={"series_id"}))
    for booking in bookings.create(s, p, body, c, code):
        booking.series_id = a.series_id


def _booking_status(status: str) -> Apply:
    def apply(s: Session, p: Principal, a: BookingRef, c: Cache) -> None:
        reason = a.reason if isinstance(a, BookingCancel) else ""
        arrived = a.at if isinstance(a, BookingCheckIn) else None
        bookings.change_status(
            s, p, a.booking_id, booking_schemas.StatusIn(status=status, reason=reason), c, arrived
        )

    return apply


def _reschedule(s: Session, p: Principal, a: BookingReschedule, c: Cache) -> None:
    body = booking_schemas.RescheduleIn(start_at=a.start_at, provider_id=a.provider_id)
    bookings.reschedule(s, p, a.booking_id, body, c)


def _remind(s: Session, p: Principal, a: BookingRemind, c: Cache) -> None:
    bookings.set_reminded(s, p, a.booking_id, a.reminded, a.at, c)


def _record_payment(s: Session, p: Principal, a: PaymentRecord, c: Cache) -> None:
    payments.record(
        s, p, a.booking_id, payment_schemas.PaymentIn(**a.model_dump(exclude={"booking_id"})), c
    )


def _payment_status(status: str) -> Apply:
    def apply(s: Session, p: Principal, a: PaymentReverse, c: Cache) -> None:
        body = payment_schemas.PaymentStatusIn(status=status, reason=a.reason, at=a.at)
        payments.change_status(s, p, a.payment_id, body, a.till_id)

    return apply


def _open_cash(s: Session, p: Principal, a: CashOpen, c: Cache) -> None:
    cash.open_day(s, p, a)


def _close_cash(s: Session, p: Principal, a: CashClose, c: Cache) -> None:
    cash.close_day(s, p, a)


def _create_customer(s: Session, p: Principal, a: CustomerCreate, c: Cache) -> None:
    customers.create(s, p.tenant_id, a)


def _update_customer(s: Session, p: Principal, a: CustomerChange, c: Cache) -> None:
    fields = a.model_dump(exclude={"customer_id"}, exclude_unset=True)
    customers.update(s, p.tenant_id, a.customer_id, customer_schemas.CustomerUpdate(**fields))


def _create_walkin(s: Session, p: Principal, a: WalkinCreate, c: Cache) -> None:
    walkins.issue(s, p, a, a.number)


def _walkin_status(status: str) -> Apply:
    def apply(s: Session, p: Principal, a: WalkinRef, c: Cache) -> None:
        walkins.change_status(
            s,
            p,
            a.ticket_id,
            walkin_schemas.WalkinStatusIn(status=status, provider_id=a.provider_id),
        )

    return apply


def _waitlist_add(s: Session, p: Principal, a: WaitlistAdd, c: Cache) -> None:
    waitlist.add(s, p, a)


def _waitlist_withdraw(s: Session, p: Principal, a: WaitlistRef, c: Cache) -> None:
    waitlist.withdraw(s, p, a)


def _waitlist_book(s: Session, p: Principal, a: WaitlistBook, c: Cache) -> None:
    waitlist.book(s, p, a)


DESK = frozenset(DESK_ROLES)
PROVIDER_TOO = DESK | {Role.PROVIDER}
KIOSK_TOO = DESK | {Role.KIOSK}


def _booking(a: Any) -> Touched:
    return ("booking", a.booking_id)


def _entry(a: Any) -> Touched:
    return ("waitlist_entry", a.entry_id)


MUTATIONS: dict[str, Mutation] = {
    "booking.create": Mutation(ARGS["booking.create"], DESK, create_booking, _booking),
    "booking.reschedule": Mutation(ARGS["booking.reschedule"], DESK, _reschedule, _booking),
    "booking.cancel": Mutation(
        ARGS["booking.cancel"], DESK, _booking_status("cancelled"), _booking
    ),
    "booking.check_in": Mutation(
        ARGS["booking.check_in"], KIOSK_TOO, _booking_status("checked_in"), _booking
    ),
    "booking.start": Mutation(
        ARGS["booking.start"], PROVIDER_TOO, _booking_status("in_service"), _booking
    ),
    "booking.complete": Mutation(
        ARGS["booking.complete"], PROVIDER_TOO, _booking_status("completed"), _booking
    ),
    "booking.no_show": Mutation(
        ARGS["booking.no_show"], DESK, _booking_status("no_show"), _booking
    ),
    "booking.remind": Mutation(ARGS["booking.remind"], DESK, _remind, _booking),
    "payment.record": Mutation(
        ARGS["payment.record"], DESK, _record_payment, lambda a: ("payment", a.payment_id)
    ),
    "payment.refund": Mutation(
        ARGS["payment.refund"],
        DESK,
        _payment_status("refunded"),
        lambda a: ("payment", a.payment_id),
    ),
    "payment.void": Mutation(
        ARGS["payment.void"], DESK, _payment_status("voided"), lambda a: ("payment", a.payment_id)
    ),
    "cash.open": Mutation(
        ARGS["cash.open"], DESK, _open_cash, lambda a: ("cash_close", a.close_id)
    ),
    "cash.close": Mutation(
        ARGS["cash.close"], DESK, _close_cash, lambda a: ("cash_close", a.close_id)
    ),
    "customer.create": Mutation(
        ARGS["customer.create"], DESK, _create_customer, lambda a: ("customer", a.customer_id)
    ),
    "customer.update": Mutation(
        ARGS["customer.update"], DESK, _update_customer, lambda a: ("customer", a.customer_id)
    ),
    "walkin.create": Mutation(
        ARGS["walkin.create"], KIOSK_TOO, _create_walkin, lambda a: ("walkin_ticket", a.ticket_id)
    ),
    "walkin.call": Mutation(
        ARGS["walkin.call"],
        DESK,
        _walkin_status("called"),
        lambda a: ("walkin_ticket", a.ticket_id),
    ),
    "walkin.serve": Mutation(
        ARGS["walkin.serve"],
        DESK,
        _walkin_status("served"),
        lambda a: ("walkin_ticket", a.ticket_id),
    ),
    "walkin.cancel": Mutation(
        ARGS["walkin.cancel"],
        DESK,
        _walkin_status("cancelled"),
        lambda a: ("walkin_ticket", a.ticket_id),
    ),
    # Reception's: a provider's replica holds no customers, so no waitlist either.
    "waitlist.add": Mutation(ARGS["waitlist.add"], DESK, _waitlist_add, _entry),
    "waitlist.withdraw": Mutation(ARGS["waitlist.withdraw"], DESK, _waitlist_withdraw, _entry),
    "waitlist.book": Mutation(ARGS["waitlist.book"], DESK, _waitlist_book, _entry),
}


# Every change the desk can build, the server can take, and no other.
assert MUTATIONS.keys() == ARGS.keys()
