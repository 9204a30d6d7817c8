"""Customers (patients, clients): who they are and how to reach them.

Phones are kept in E.164 ("+5491145678901"), read as the business's country dials
them: in Argentina "11 4567-8901" is +54 11 4567-8901, and a mobile dialled with its
15 ("011 15 4567-8901") or written with the 9 of mobiles ("+54 9 11 ...") is
+54 9 11 4567-8901. A search finds a phone in any of these forms.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import phonenumbers

from app.domain.errors import InvalidValueError
from app.domain.tenants import DEFAULT_COUNTRY

_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-.]+$")
_ID_SEPARATORS = re.compile(r"[.\-\s]")
ARGENTINA = 54


def parse_phone(raw: str, country: str) -> phonenumbers.PhoneNumber | None:
    """The number `raw` means where `country` dials, if it is a valid one."""
    if not _PHONE_CHARS.match(raw):
        return None
    try:
        number = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def normalise_phone(value: str, country: str = DEFAULT_COUNTRY, field_name: str = "phone") -> str:
    """A phone as typed, in E.164: "11 4567-8901" in Argentina -> "+541145678901"."""
    raw = value.strip()
    if not raw:
        return ""
    number = parse_phone(raw, country)
    if number is None:
        example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
        shown = (
            phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
            if example
            else "+54 9 11 4567-8901"
        )
        raise InvalidValueError(
            field_name,
            "invalid_phone",
            f"is not a phone number: write it with its area code, e.g. {shown}",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_digits(value: str, field_name: str = "phone") -> str:
    """The digits of a phone typed to look someone up (a kiosk): it need not be a whole
    number, since the last digits are what is compared."""
    raw = value.strip()
    if not _PHONE_CHARS.match(raw):
        raise InvalidValueError(
            field_name, "invalid_phone", "may hold only digits, spaces, + ( ) -"
        )
    digits = re.sub(r"\D", "", raw)
    if not 6 <= len(digits) <= 15:
        raise InvalidValueError(field_name, "invalid_phone", "must have between 6 and 15 digits")
    return digits


def search_needles(text: str, country: str = DEFAULT_COUNTRY) -> list[str]:
    """What a search for `text` looks for in customers' search keys (each one must be
    there). A whole phone number, in any form, is one: its national number, without
    Argentina's mobile 9, which both "+5491145678901" and "+541145678901" contain.
    Other words are looked for as typed (accents and case aside), or by their digits
    when they are mostly digits ("12.345.678", "4567-8901")."""
    phone = parse_phone(text.strip(), country)
    if phone is not None:
        national = phonenumbers.national_significant_number(phone)
        if phone.country_code == ARGENTINA and len(national) == 11 and national[0] == "9":
            national = national[1:]
        return [national]
    needles = []
    for word in search_key(text).split():
        digits = "".join(ch for ch in word if ch.isdigit())
        needles.append(digits if digits and len(digits) >= len(word) - 3 else word)
    return needles


def parse_birth_date(text: str, field_name: str = "date_of_birth") -> date | None:
    """A date of birth as staff type it, day first ("17/05/1980", "17-5-1980"), or as
    ISO ("1980-05-17"); nothing typed is no date."""
    raw = text.strip()
    if not raw:
        return None
    parts = re.split(r"[/.\-]", raw)
    try:
        if len(parts) == 3 and len(parts[0]) == 4:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 3 and len(parts[2]) == 4:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        pass
    raise InvalidValueError(field_name, "invalid_date", "must be a date like 17/05/1980")


def check_birth_date(
    value: date | None, today: date, field_name: str = "date_of_birth"
) -> date | None:
    """A date of birth is a past date after 1900 (or none)."""
    if value is not None and not date(1900, 1, 1) <= value <= today:
        raise InvalidValueError(field_name, "out_of_range", "must be a past date after 1900")
    return value


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
