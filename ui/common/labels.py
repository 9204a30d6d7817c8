"""Words the desk shows for codes that come from data or from the rules (statuses,
methods, refusals). Literal translate() calls, so that lupdate finds every one."""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from app import takings
from app.domain.errors import DomainError
from app.sync.api import OfflineError, RefusedError, SignedOutError, TooManyAttemptsError
from app.sync.scope import DESK_DAYS_AHEAD, DESK_DAYS_BACK
from ui.common import i18n


def booking_status(code: str) -> str:
    return {
        "requested": QCoreApplication.translate("labels", "Requested"),
        "confirmed": QCoreApplication.translate("labels", "Confirmed"),
        "checked_in": QCoreApplication.translate("labels", "Arrived"),
        "in_service": QCoreApplication.translate("labels", "In service"),
        "completed": QCoreApplication.translate("labels", "Completed"),
        "cancelled": QCoreApplication.translate("labels", "Cancelled"),
        "no_show": QCoreApplication.translate("labels", "No-show"),
    }.get(code, code)


def payment_method(code: str) -> str:
    return {
        "cash": QCoreApplication.translate("labels", "Cash"),
        "card": QCoreApplication.translate("labels", "Card"),
        "transfer": QCoreApplication.translate("labels", "Transfer"),
        "other": QCoreApplication.translate("labels", "Other"),
    }.get(code, code)


def payment_status(code: str) -> str:
    return {
        "pending": QCoreApplication.translate("labels", "Pending"),
        "completed": QCoreApplication.translate("labels", "Paid"),
        "failed": QCoreApplication.translate("labels", "Failed"),
        "refunded": QCoreApplication.translate("labels", "Refunded"),
        "voided": QCoreApplication.translate("labels", "Voided"),
    }.get(code, code)


def walkin_status(code: str) -> str:
    return {
        "waiting": QCoreApplication.translate("labels", "Waiting"),
        "called": QCoreApplication.translate("labels", "Called"),
        "serving": QCoreApplication.translate("labels", "Being served"),
        "served": QCoreApplication.translate("labels", "Served"),
        "cancelled": QCoreApplication.translate("labels", "Cancelled"),
    }.get(code, code)


def change_name(name: str) -> str:
    return {
        "booking.create": QCoreApplication.translate("labels", "New booking"),
        "booking.reschedule": QCoreApplication.translate("labels", "Reschedule"),
        "booking.cancel": QCoreApplication.translate("labels", "Cancel booking"),
        "booking.check_in": QCoreApplication.translate("labels", "Check-in"),
        "booking.start": QCoreApplication.translate("labels", "Start"),
        "booking.complete": QCoreApplication.translate("labels", "Complete"),
        "booking.no_show": QCoreApplication.translate("labels", "No-show"),
        "payment.record": QCoreApplication.translate("labels", "Payment"),
        "payment.refund": QCoreApplication.translate("labels", "Refund"),
        "payment.void": QCoreApplication.translate("labels", "Void payment"),
        "customer.create": QCoreApplication.translate("labels", "New customer"),
        "customer.update": QCoreApplication.translate("labels", "Customer details"),
        "walkin.create": QCoreApplication.translate("labels", "Walk-in ticket"),
        "walkin.call": QCoreApplication.translate("labels", "Call walk-in"),
        "walkin.serve": QCoreApplication.translate("labels", "Serve walk-in"),
        "walkin.cancel": QCoreApplication.translate("labels", "Cancel walk-in"),
    }.get(name, name)


def refusal(code: str, message: str) -> str:
    """Why a change was refused, in the desk's language; the rule's own words when the
    code has no translation (they still name what is wrong)."""
    known = {
        "slot_taken": QCoreApplication.translate(
            "labels", "That time overlaps another booking of this provider."
        ),
        "outside_working_hours": QCoreApplication.translate(
            "labels", "That time is outside the provider's hours."
        ),
        "provider_unavailable": QCoreApplication.translate(
            "labels", "The provider is on a break or away then."
        ),
        "no_provider_free": QCoreApplication.translate(
            "labels", "No provider is free at that time."
        ),
        "does_not_offer_service": QCoreApplication.translate(
            "labels", "This provider does not offer this service."
        ),
        "transition_not_allowed": QCoreApplication.translate(
            "labels", "The booking can no longer change that way."
        ),
        "not_on_this_desk": QCoreApplication.translate(
            "labels",
            "That date is not available offline: this desk keeps the bookings of %1 days "
            "back to %2 ahead. Connect to the server to see or book it.",
        )
        .replace("%1", str(DESK_DAYS_BACK))
        .replace("%2", str(DESK_DAYS_AHEAD)),
        "not_today": QCoreApplication.translate(
            "labels", "Only today's bookings can be marked as arrived."
        ),
        "not_reschedulable": QCoreApplication.translate(
            "labels", "Only requested or confirmed bookings can move."
        ),
        "currency_mismatch": QCoreApplication.translate(
            "labels", "The payment is in another currency."
        ),
        "unknown_method": QCoreApplication.translate(
            "labels", "Choose cash, card, transfer or other."
        ),
        "out_of_range": QCoreApplication.translate("labels", "The value is out of range."),
        "invalid_phone": QCoreApplication.translate(
            "labels", "The phone is not valid: write it with its area code, e.g. 11 4567-8901."
        ),
        "invalid_date": QCoreApplication.translate(
            "labels", "Type the date as day/month/year, e.g. 17/05/1980."
        ),
        "invalid_national_id": QCoreApplication.translate(
            "labels", "The DNI must be 5 to 20 letters or digits."
        ),
        "invalid_email": QCoreApplication.translate("labels", "The email address is not valid."),
        "not_a_number": QCoreApplication.translate("labels", "Type an amount, e.g. 1.500,00."),
    }
    text = known.get(code)
    if text is None:
        return message[:1].upper() + message[1:]
    return text


def field_name(field: str) -> str:
    return {
        "customer_id": QCoreApplication.translate("labels", "Customer"),
        "service_id": QCoreApplication.translate("labels", "Service"),
        "provider_id": QCoreApplication.translate("labels", "Provider"),
        "start_at": QCoreApplication.translate("labels", "Time"),
        "first_name": QCoreApplication.translate("labels", "First name"),
        "last_name": QCoreApplication.translate("labels", "Last name"),
        "reason": QCoreApplication.translate("labels", "Reason"),
        "amount_minor": QCoreApplication.translate("labels", "Amount"),
        "method": QCoreApplication.translate("labels", "Method"),
        "phone": QCoreApplication.translate("labels", "Phone"),
        "national_id": QCoreApplication.translate("labels", "DNI"),
        "email": QCoreApplication.translate("labels", "Email"),
        "date_of_birth": QCoreApplication.translate("labels", "Date of birth"),
    }.get(field, field)


def error_text(exc: BaseException) -> str:
    """A refusal for the user: translated when its code is known, else the rule's words
    after the name of the field at fault."""
    if isinstance(exc, DomainError):
        text = refusal(exc.code, exc.message)
        if text.lower().startswith(exc.message[:10].lower()) and exc.field:
            return f"{field_name(exc.field)}: {exc.message}"
        return text
    if isinstance(exc, OfflineError):
        return QCoreApplication.translate(
            "labels", "The server cannot be reached now. Try again when the desk is online."
        )
    if isinstance(exc, SignedOutError):
        return QCoreApplication.translate("labels", "The session has ended. Sign in again.")
    if isinstance(exc, TooManyAttemptsError):
        return QCoreApplication.translate(
            "labels", "Too many attempts. Try again in %1 minute(s)."
        ).replace("%1", wait_minutes(exc.retry_after))
    if isinstance(exc, RefusedError):
        if exc.code == "forbidden_role":
            return QCoreApplication.translate("labels", "Your role does not allow this.")
        return refusal(exc.code, exc.message)
    return str(exc) or type(exc).__name__


def wait_minutes(seconds: int) -> str:
    """A server's Retry-After as whole minutes to show, at least one."""
    return str(max(1, math.ceil(seconds / 60)))


def long_date(d: date) -> str:
    """ "jueves 26/11/2026" or "Thursday 26/11/2026", in the desk's language."""
    return QLocale().toString(QDate(d.year, d.month, d.day), "dddd dd/MM/yyyy")


def short_weekday(d: date) -> str:
    return QLocale().toString(QDate(d.year, d.month, d.day), "ddd dd/MM")


def money(amount_minor: int, currency: str) -> str:
    """An amount in the language the desk speaks ("$12.345,67" or "ARS 12,345.67")."""
    return takings.money(amount_minor, currency, i18n.current())
