"""The changes a desk or kiosk sends and what the server answers, one definition each.

The desk builds these before a change reaches its outbox, and the server validates a
push into the same classes, so a field's type, bound or default cannot differ between
the two. On the wire a change is still `{"seq", "name", "args"}` with args a JSON
object (servers and clients of other versions read it so); `Mutation.wire()` gives it.
The REST bodies these changes share fields with (a customer, a payment, a ticket) are
defined here too, and the server's routes take them as they are.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.domain.errors import InvalidValueError
from app.validation import Day, Instant, Int64, Text, TicketNumber, WallTime

# -- the REST bodies the changes are made of -----------------------------------------------


class PaymentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    payment_id: uuid.UUID | None = Field(default=None, description="Client-made id, optional")
    amount_minor: Int64 = Field(description="In minor units: ARS 1.500,00 is 150000")
    currency: Text | None = Field(
        default=None, max_length=3, description="Defaults to the business's"
    )
    method: Text = Field(max_length=20, description="cash, card, transfer or other")
    status: Text = Field(default="completed", max_length=20, description="completed or pending")
    reference: Text = Field(default="", max_length=200)
    taken_at: Instant | None = Field(
        default=None,
        description="When the desk took it (offline too); the server's now if omitted",
    )
    till_id: uuid.UUID | None = Field(
        default=None, description="The desk (till) whose drawer it went into, for its cash close"
    )


class CustomerIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    customer_id: uuid.UUID | None = Field(default=None, description="Client-made id, optional")
    first_name: Text = Field(max_length=100)
    last_name: Text = Field(max_length=100)
    phone: Text = Field(default="", max_length=40)
    email: Text = Field(default="", max_length=254)
    national_id: Text = Field(default="", max_length=30)
    date_of_birth: Day | None = None
    notes: Text = Field(default="", max_length=4000)


class CustomerUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    first_name: Text | None = Field(default=None, max_length=100)
    last_name: Text | None = Field(default=None, max_length=100)
    phone: Text | None = Field(default=None, max_length=40)
    email: Text | None = Field(default=None, max_length=254)
    national_id: Text | None = Field(default=None, max_length=30)
    date_of_birth: Day | None = None
    notes: Text | None = Field(default=None, max_length=4000)


class WalkinIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ticket_id: uuid.UUID | None = Field(default=None, description="Client-made id, optional")
    location_id: uuid.UUID
    service_id: uuid.UUID | None = None
    customer_name: Text = Field(default="", max_length=100)


# -- the args of each change ---------------------------------------------------------------


class Args(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BookingCreate(Args):
    booking_id: uuid.UUID = Field(description="Made by the client, so its optimistic row matches")
    customer_id: uuid.UUID
    service_id: uuid.UUID
    provider_id: uuid.UUID | None = None
    start_at: Instant
    status: Text = Field(default="confirmed", max_length=20)
    notes: Text = Field(default="", max_length=4000)
    series_id: uuid.UUID | None = Field(default=None, description="Links a weekly series")


class BookingRef(Args):
    booking_id: uuid.UUID


class BookingCheckIn(BookingRef):
    at: Instant | None = Field(
        default=None,
        description="When the customer arrived, by the desk's or kiosk's clock (a change "
        "may reach the server later); the server's now when left out",
    )


class BookingCancel(BookingRef):
    reason: Text = Field(max_length=500)


class BookingReschedule(BookingRef):
    start_at: Instant
    provider_id: uuid.UUID | None = None


class BookingRemind(BookingRef):
    reminded: bool = Field(default=True, description="False takes a mark made by mistake back")
    at: Instant | None = Field(
        default=None,
        description="When staff reminded the customer, by the desk's clock (offline too);"
        " the server's time if omitted, and never later than it",
    )


class PaymentRecord(PaymentIn):
    booking_id: uuid.UUID
    payment_id: uuid.UUID  # required here: client-made


class PaymentReverse(Args):
    """A refund (the money goes back) or a void (recorded by mistake), with its reason."""

    payment_id: uuid.UUID
    reason: Text = Field(max_length=500)
    at: Instant | None = Field(
        default=None, description="When the desk did it; the server's now if omitted"
    )
    till_id: uuid.UUID | None = Field(
        default=None, description="The desk (till) whose drawer a refund comes out of"
    )


class CashOpen(Args):
    """A till's day opened with its float (one per till and day)."""

    close_id: uuid.UUID = Field(description="Made by the client")
    till_id: uuid.UUID = Field(description="The desk PC whose drawer this is")
    day: Day = Field(description="The business's local day")
    float_minor: Int64 = Field(description="The change the drawer starts with, in minor units")
    at: Instant | None = None


class CashClose(Args):
    """A till's day closed with what was counted per method."""

    close_id: uuid.UUID
    counted: dict[str, Int64] = Field(description="cash, card, transfer, other: minor units")
    note: Text = Field(default="", max_length=1000, description="Required when a count differs")
    at: Instant | None = None


class CustomerCreate(CustomerIn):
    customer_id: uuid.UUID  # required here: client-made


class CustomerChange(CustomerUpdate):
    customer_id: uuid.UUID


class WalkinCreate(WalkinIn):
    ticket_id: uuid.UUID  # required here: client-made
    number: TicketNumber | None = Field(
        default=None,
        description="A kiosk's own number of the day (offline too); its prefix keeps it apart",
    )


class WalkinRef(Args):
    ticket_id: uuid.UUID
    provider_id: uuid.UUID | None = None


class WaitlistAdd(Args):
    entry_id: uuid.UUID = Field(description="Made by the client, so its optimistic row matches")
    customer_id: uuid.UUID
    service_id: uuid.UUID
    provider_id: uuid.UUID | None = Field(default=None, description="None: any who gives it")
    earliest_day: Day
    latest_day: Day
    from_time: WallTime | None = Field(default=None, description="A slot starts at or after")
    until_time: WallTime | None = Field(default=None, description="A slot ends by")
    notes: Text = Field(default="", max_length=500)
    at: Instant | None = Field(
        default=None,
        description="When the customer asked, by the desk's clock (offline too): first "
        "asked, first offered. The server's time if omitted, and never later than it",
    )


class WaitlistRef(Args):
    entry_id: uuid.UUID


class WaitlistBook(WaitlistRef):
    booking_id: uuid.UUID = Field(
        description="The booking made for the entry, by a booking.create pushed before it"
    )


ChangeArgs = (
    BookingCreate
    | BookingRef
    | BookingCheckIn
    | BookingReschedule
    | BookingRemind
    | PaymentRecord
    | PaymentReverse
    | CashOpen
    | CashClose
    | CustomerCreate
    | CustomerChange
    | WalkinCreate
    | WalkinRef
    | WaitlistAdd
    | WaitlistRef
    | WaitlistBook
)

# Every change by name: the one registry desk, kiosk and server read.
ARGS: dict[str, type[BaseModel]] = {
    "booking.create": BookingCreate,
    "booking.reschedule": BookingReschedule,
    "booking.cancel": BookingCancel,
    "booking.check_in": BookingCheckIn,
    "booking.start": BookingRef,
    "booking.complete": BookingRef,
    "booking.no_show": BookingRef,
    "booking.remind": BookingRemind,
    "payment.record": PaymentRecord,
    "payment.refund": PaymentReverse,
    "payment.void": PaymentReverse,
    "cash.open": CashOpen,
    "cash.close": CashClose,
    "customer.create": CustomerCreate,
    "customer.update": CustomerChange,
    "walkin.create": WalkinCreate,
    "walkin.call": WalkinRef,
    "walkin.serve": WalkinRef,
    "walkin.cancel": WalkinRef,
    "waitlist.add": WaitlistAdd,
    "waitlist.withdraw": WaitlistRef,
    "waitlist.book": WaitlistBook,
}


@dataclass(frozen=True)
class Mutation:
    """A named change with its typed args: what goes into the outbox and onto the wire."""

    name: str
    args: BaseModel

    def wire(self) -> dict[str, Any]:
        """The args as JSON values: only the fields given (an update names what it
        changes), instants in UTC ISO form as the replica's rows keep them."""
        return {k: _json(v) for k, v in self.args.model_dump(exclude_unset=True).items()}


def _json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID | date | time):
        return str(value)
    return value


def build(name: str, args: dict[str, Any]) -> Mutation:
    """Validate `args` into the change `name`; refuse naming the field as the server
    would (same classes), so the desk says so before anything is queued."""
    model = ARGS.get(name)
    if model is None:
        raise InvalidValueError("name", "unknown_mutation", f"unknown change {name!r}")
    try:
        return Mutation(name, model.model_validate(args))
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "args"
        raise InvalidValueError(field, "invalid_value", str(first["msg"])) from None


# -- the answer to a push ------------------------------------------------------------------


class MutationResult(BaseModel):
    seq: int
    status: Literal["applied", "duplicate", "rejected"]
    code: str | None = None
    field: str | None = None
    message: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)


class PushOut(BaseModel):
    last_seq: int
    results: list[MutationResult]
