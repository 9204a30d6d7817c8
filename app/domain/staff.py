"""Who uses Turnero: staff users with a role, and kiosk devices."""

from __future__ import annotations

import re
from enum import StrEnum

from app.domain.errors import InvalidValueError


class Role(StrEnum):
    ADMIN = "admin"  # sets the business up: staff, providers, services, hours
    RECEPTION = "reception"  # runs the desk: bookings, check-in, walk-ins, payments
    PROVIDER = "provider"  # sees and works through their own schedule
    KIOSK = "kiosk"  # a self check-in device, not a person (issued on enrollment)


STAFF_ROLES = (Role.ADMIN, Role.RECEPTION, Role.PROVIDER)
# Reception work is also open to admins: a small clinic's owner often runs the desk.
DESK_ROLES = (Role.ADMIN, Role.RECEPTION)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 8


def check_email(value: str, field_name: str = "email") -> str:
    cleaned = value.strip().lower()
    if not _EMAIL.match(cleaned) or len(cleaned) > 254:
        raise InvalidValueError(field_name, "invalid_email", "is not a valid email address")
    return cleaned


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
