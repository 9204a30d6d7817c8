"""Payments taken at the counter: integer minor units, a currency, a method, a status."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from babel.numbers import format_currency, format_decimal

from app.domain.errors import ConflictError, InvalidValueError
from app.domain.services import check_amount


class PaymentStatus(StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"
    FAILED = "failed"
    REFUNDED = "refunded"  # the money went back to the customer, on a later day maybe
    VOIDED = "voided"  # recorded by mistake: as if never taken


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    TRANSFER = "transfer"
    OTHER = "other"


P = PaymentStatus
TRANSITIONS: dict[PaymentStatus, frozenset[PaymentStatus]] = {
    P.PENDING: frozenset({P.COMPLETED, P.FAILED, P.VOIDED}),
    P.COMPLETED: frozenset({P.REFUNDED, P.VOIDED}),
    P.FAILED: frozenset(),
    P.REFUNDED: frozenset(),
    P.VOIDED: frozenset(),
}
# Undoing money taken says why, for the cash close and whoever reads it later.
NEEDS_REASON = frozenset({P.REFUNDED, P.VOIDED})

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


def check_reversal_reason(target: PaymentStatus, reason: str) -> str:
    """A refund or a void says why; other changes carry no reason."""
    reason = reason.strip()
    if target in NEEDS_REASON and not reason:
        raise InvalidValueError("reason", "required", f"say why the payment is {target.value}")
    return reason


def check_payment_amount(amount_minor: int, currency: str, tenant_currency: str) -> None:
    check_amount(amount_minor, "amount_minor", allow_zero=False)
    if currency != tenant_currency:
        raise InvalidValueError(
            "currency", "currency_mismatch", f"this business takes payments in {tenant_currency}"
        )


# CLDR's currency spacing, which Babel leaves out: a currency written in letters
# ("ARS") and the digits next to it are kept apart by a no-break space.
_LETTERS_THEN_DIGIT = re.compile(r"(?<=[A-Za-z])(?=\d)")
_DIGIT_THEN_LETTERS = re.compile(r"(?<=\d)(?=[A-Za-z])")


def babel_locale(locale: str) -> str:
    """Turnero's language tags ("es-AR", "en") as Babel names them."""
    return "en_US" if locale == "en" else locale.replace("-", "_")


def format_money(amount_minor: int, currency: str, exponent: int, locale: str = "es-AR") -> str:
    """1234567 ARS as the reader's language writes it: "$12.345,67" in es-AR (the peso
    is "$" at home), "ARS 12,345.67" in English (which "$" alone would read as dollars).
    Babel carries CLDR's symbols, separators and patterns for each language."""
    # The exponent is the currency's own minor unit (ISO 4217, as CLDR's digits).
    value = Decimal(amount_minor).scaleb(-exponent)
    text = format_currency(value, currency, locale=babel_locale(locale))
    text = _LETTERS_THEN_DIGIT.sub("\u00a0", text)
    return _DIGIT_THEN_LETTERS.sub("\u00a0", text)


def format_amount(amount_minor: int, exponent: int, locale: str = "es-AR") -> str:
    """The number alone, to edit ("1.500,00" in es-AR, "1,500.00" in English)."""
    pattern = "#,##0" + ("." + "0" * exponent if exponent else "")
    value = Decimal(amount_minor).scaleb(-exponent)
    return format_decimal(value, format=pattern, locale=babel_locale(locale))
