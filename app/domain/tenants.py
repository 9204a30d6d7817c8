"""Tenants (the businesses), their branding and locations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from uuid import UUID

from app.domain.errors import InvalidValueError
from app.domain.timezones import DEFAULT_TIME_ZONE, zone

LOCALES = ("es-AR", "en")
DEFAULT_LOCALE = "es-AR"
DEFAULT_COUNTRY = "AR"  # the market Turnero starts in
DEFAULT_CURRENCY = "ARS"

# ISO 4217 codes we expect in the region, with their minor-unit exponent: money is
# stored in minor units, and the exponent is what turns 150000 into "$ 1.500,00".
CURRENCY_EXPONENTS: dict[str, int] = {
    "ARS": 2,
    "BOB": 2,
    "BRL": 2,
    "CLP": 0,
    "COP": 2,
    "EUR": 2,
    "MXN": 2,
    "PEN": 2,
    "PYG": 0,
    "USD": 2,
    "UYU": 2,
}

_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
LOGO_MAX_BYTES = 256 * 1024


def check_name(value: str, field_name: str = "name", max_len: int = 200) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise InvalidValueError(field_name, "required", "must not be empty")
    if len(cleaned) > max_len:
        raise InvalidValueError(field_name, "too_long", f"must be at most {max_len} characters")
    return cleaned


def check_locale(value: str, field_name: str = "locale") -> str:
    if value not in LOCALES:
        raise InvalidValueError(
            field_name, "unknown_locale", f"must be one of {', '.join(LOCALES)}"
        )
    return value


@cache
def _zone_countries() -> dict[str, str]:
    """Time zone -> ISO 3166 country, from the tz database's zone.tab (tzdata)."""
    try:
        # One step at a time: a frozen bundle's MultiplexedPath joins one name per call.
        text = (resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text("utf-8")
    except (OSError, ModuleNotFoundError):
        return {}
    found = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and not line.startswith("#"):
            found[parts[2]] = parts[0]
    return found


def country_of(time_zone: str, locale: str = "") -> str:
    """The country a business is in, for how its phone numbers are dialled: its time
    zone's (a clinic in Montevideo is in Uruguay whatever language its staff use), else
    its locale's region ("es-AR"), else Argentina."""
    country = _zone_countries().get(time_zone)
    if country:
        return country
    region = locale.replace("_", "-").split("-")[1:2]
    if region and len(region[0]) == 2 and region[0].isalpha():
        return region[0].upper()
    return DEFAULT_COUNTRY


def check_currency(value: str, field_name: str = "currency") -> str:
    if value not in CURRENCY_EXPONENTS:
        known = ", ".join(sorted(CURRENCY_EXPONENTS))
        raise InvalidValueError(field_name, "unknown_currency", f"must be one of {known}")
    return value


def check_colour(value: str, field_name: str) -> str:
    if not _HEX_COLOUR.match(value):
        raise InvalidValueError(field_name, "invalid_colour", "must look like #1a2b3c")
    return value.lower()


def check_logo(data: bytes, field_name: str = "branding.logo") -> bytes:
    """Accept a PNG or an SVG of reasonable size; anything else is not a logo."""
    if len(data) > LOGO_MAX_BYTES:
        raise InvalidValueError(field_name, "too_large", f"must be at most {LOGO_MAX_BYTES} bytes")
    is_png = data.startswith(b"\x89PNG\r\n\x1a\n")
    is_svg = b"<svg" in data[:1024].lower()
    if not (is_png or is_svg):
        raise InvalidValueError(field_name, "invalid_image", "must be a PNG or SVG image")
    return data


@dataclass(frozen=True, slots=True)
class Branding:
    display_name: str
    primary_colour: str = "#1f6f8b"
    accent_colour: str = "#f4a259"
    logo: bytes | None = None

    def __post_init__(self) -> None:
        check_name(self.display_name, "branding.display_name")
        check_colour(self.primary_colour, "branding.primary_colour")
        check_colour(self.accent_colour, "branding.accent_colour")
        if self.logo is not None:
            check_logo(self.logo)


@dataclass(frozen=True, slots=True)
class Tenant:
    tenant_id: UUID
    name: str
    vertical: str
    branding: Branding
    time_zone: str = DEFAULT_TIME_ZONE
    locale: str = DEFAULT_LOCALE
    currency: str = DEFAULT_CURRENCY
    slot_minutes: int | None = None  # None: the vertical's granularity

    def __post_init__(self) -> None:
        check_name(self.name)
        zone(self.time_zone)
        check_locale(self.locale)
        check_currency(self.currency)


@dataclass(frozen=True, slots=True)
class Location:
    tenant_id: UUID
    location_id: UUID
    name: str
    address: str = ""
    time_zone: str | None = field(default=None)  # None: the tenant's zone

    def __post_init__(self) -> None:
        check_name(self.name)
        if self.time_zone is not None:
            zone(self.time_zone)
