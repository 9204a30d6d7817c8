"""Who uses Turnero: staff users with a role, and devices (kiosks, site hubs, boards)."""

from __future__ import annotations

from enum import StrEnum

from email_validator import EmailNotValidError, validate_email

from app.domain.errors import InvalidValueError


class Role(StrEnum):
    ADMIN = "admin"  # sets the business up: staff, providers, services, hours
    RECEPTION = "reception"  # runs the desk: bookings, check-in, walk-ins, payments
    PROVIDER = "provider"  # sees and works through their own schedule
    KIOSK = "kiosk"  # a self check-in device, not a person (issued on enrollment)
    # A site's own server (issued on enrollment): it reads what a desk reads and
    # forwards its desks' and kiosks' changes, each as its origin; no rights of its own.
    HUB = "hub"
    # A queue display board in the waiting room (issued on enrollment): it reads who is
    # being served and who is next, by ticket and booking code only, and changes nothing.
    BOARD = "board"


STAFF_ROLES = (Role.ADMIN, Role.RECEPTION, Role.PROVIDER)
# Reception work is also open to admins: a small clinic's owner often runs the desk.
DESK_ROLES = (Role.ADMIN, Role.RECEPTION)
# Devices are enrolled with a one-time code, not signed in with a password.
DEVICE_ROLES = (Role.KIOSK, Role.HUB, Role.BOARD)

MIN_PASSWORD_LENGTH = 8


def check_email(value: str, field_name: str = "email") -> str:
    """The address as stored and compared (lower case), or a refusal that says why.
    Syntax only (RFC 5322 and its international forms, as email-validator reads them):
    no DNS look-up, since a desk may be offline. `.test` (RFC 2606) is accepted: the demo
    and the tests use it, and no real mailbox can have it."""
    try:
        checked = validate_email(value.strip(), check_deliverability=False, test_environment=True)
    except EmailNotValidError as exc:
        raise InvalidValueError(
            field_name, "invalid_email", f"is not a valid email address: {exc}"
        ) from None
    return checked.normalized.lower()


def check_password(value: str, field_name: str = "password") -> str:
    if len(value) < MIN_PASSWORD_LENGTH:
        raise InvalidValueError(
            field_name, "too_short", f"must be at least {MIN_PASSWORD_LENGTH} characters"
        )
    if len(value) > 512:
        raise InvalidValueError(field_name, "too_long", "must be at most 512 characters")
    return value


def check_staff_role(value: str, field_name: str = "role") -> Role:
    try:
        role = Role(value)
    except ValueError:
        role = None
    if role is None or role not in STAFF_ROLES:
        allowed = ", ".join(r.value for r in STAFF_ROLES)
        raise InvalidValueError(field_name, "unknown_role", f"must be one of {allowed}")
    return role
