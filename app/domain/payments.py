"""Payments taken at the counter: integer minor units, a currency, a method, a status."""

from __future__ import annotations

from enum import StrEnum

from app.domain.errors import ConflictError, InvalidValueError
from app.domain.services import check_amount


class PaymentStatus(StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"
    FAILED = "failed"
    REFUNDED = "refunded"


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    TRANSFER = "transfer"
    OTHER = "other"


P = PaymentStatus
TRANSITIONS: dict[PaymentStatus, frozenset[PaymentStatus]] = {
    P.PENDING: frozenset({P.COMPLETED, P.FAILED}),
    P.COMPLETED: frozenset({P.REFUNDED}),
    P.FAILED: frozenset(),
    P.REFUNDED: frozenset(),
}

# The platform's event names: payment.pending, payment.completed, ...
EVENTS = {status: f"payment.{status.value}" for status in PaymentStatus}


def check_payment_transition(current: PaymentStatus, target: PaymentStatus) -> None:
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "none (it is final)"
        raise ConflictError(
            "status",
            "transition_not_allowed",
            f"a {current.value} payment cannot become {target.value}; allowed: {allowed}",
        )


def check_payment_amount(amount_minor: int, currency: str, tenant_currency: str) -> None:
    check_amount(amount_minor, "amount_minor", allow_zero=False)
    if currency != tenant_currency:
        raise InvalidValueError(
            "currency", "currency_mismatch", f"this business takes payments in {tenant_currency}"
        )


def format_money(amount_minor: int, currency: str, exponent: int) -> str:
    """1234550 ARS -> "ARS 12.345,50" (Argentine separators)."""
    units, minor = divmod(abs(amount_minor), 10**exponent) if exponent else (abs(amount_minor), 0)
    whole = f"{units:,}".replace(",", ".")
    sign = "-" if amount_minor < 0 else ""
    return f"{sign}{currency} {whole}" + (f",{minor:0{exponent}d}" if exponent else "")
