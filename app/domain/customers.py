"""Customers (patients, clients): who they are and how to reach them."""

from __future__ import annotations

import re
import unicodedata

from app.domain.errors import InvalidValueError

_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-.]+$")
_ID_SEPARATORS = re.compile(r"[.\-\s]")


def normalise_phone(value: str, field_name: str = "phone") -> str:
    """Keep a leading + and the digits: "+54 9 11 4567-8910" -> "+5491145678910"."""
    raw = value.strip()
    if not raw:
        return ""
    if not _PHONE_CHARS.match(raw):
        raise InvalidValueError(
            field_name, "invalid_phone", "may hold only digits, spaces, + ( ) -"
        )
    digits = re.sub(r"\D", "", raw)
    if not 6 <= len(digits) <= 15:
        raise InvalidValueError(field_name, "invalid_phone", "must have between 6 and 15 digits")
    return ("+" if raw.startswith("+") else "") + digits


def normalise_national_id(value: str, field_name: str = "national_id") -> str:
    """A DNI as typed ("12.345.678") becomes "12345678"; other IDs keep letters."""
    cleaned = _ID_SEPARATORS.sub("", value.strip()).upper()
    if not cleaned:
        return ""
    if not cleaned.isalnum() or not 5 <= len(cleaned) <= 20:
        raise InvalidValueError(
            field_name, "invalid_national_id", "must be 5 to 20 letters or digits (a DNI: 7-8)"
        )
    return cleaned


def search_key(text: str) -> str:
    """Lower-case, accents dropped: "Núñez" matches a search for "nunez"."""

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
