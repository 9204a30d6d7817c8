"""The cash close of a till (one desk PC) and day: what each method should hold, what
was counted, the differences, and the note a difference needs.

A till is the desk a receptionist stands at, not the person: staff change shifts at
one drawer, and the drawer is what is counted. Its day is the business's local day.
Expected = the float (cash only) + payments taken there that day − refunds made there
that day, per method; card, transfer and other are checked against their vouchers and
statements the same way, with no float.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.domain.errors import ConflictError, InvalidValueError
from app.domain.payments import PaymentMethod
from app.domain.services import check_amount

METHODS = tuple(m.value for m in PaymentMethod)
# Money that came in on the day a payment was taken: a refund of it is money out on
# its own day; a voided payment never was money.
TAKEN = frozenset({"completed", "refunded"})


@dataclass(frozen=True)
class Movement:
    """Money in (a payment) or out (a refund, negative) of one till, by method."""

    method: str
    amount_minor: int


def expected(float_minor: int, movements: Iterable[Movement]) -> dict[str, int]:
    """Every method, in a fixed order: the float is cash."""
    out = dict.fromkeys(METHODS, 0)
    out["cash"] = float_minor
    for m in movements:
        out[m.method] = out.get(m.method, 0) + m.amount_minor
    return out


def differences(counted: Mapping[str, int], expect: Mapping[str, int]) -> dict[str, int]:
    """Counted minus expected, per method (positive: more in the drawer than recorded)."""
    return {m: int(counted.get(m, 0)) - int(expect.get(m, 0)) for m in METHODS}


def check_float(float_minor: int) -> int:
    check_amount(float_minor, "float_minor", allow_zero=True)
    return float_minor


def check_counted(counted: Mapping[str, int]) -> dict[str, int]:
    unknown = sorted(set(counted) - set(METHODS))
    if unknown:
        raise InvalidValueError(
            "counted", "unknown_method", f"{unknown[0]!r} is not cash, card, transfer or other"
        )
    for method, amount in counted.items():
        check_amount(amount, f"counted.{method}", allow_zero=True)
    return {m: int(counted.get(m, 0)) for m in METHODS}


def check_close(counted: Mapping[str, int], expect: Mapping[str, int], note: str) -> str:
    """The note, required when any method's count differs from what was expected."""
    note = note.strip()
    if any(differences(counted, expect).values()) and not note:
        raise InvalidValueError(
            "note", "required", "say why the count differs from what was expected"
        )
    return note


def check_not_closed(closed: bool) -> None:
    if closed:
        raise ConflictError(
            "close_id", "already_closed", "this till's day is already closed: one close a day"
        )


def already_open() -> ConflictError:
    return ConflictError(
        "day", "already_open", "this till already opened this day: one close per till and day"
    )
