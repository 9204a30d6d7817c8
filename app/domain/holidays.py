"""A country's public holidays, from the `holidays` library (offline, no web service):
what the setup offers as time off for a whole location. Countries are ISO 3166
alpha-2 codes; only those the library knows are accepted, so that every business
can be offered its holidays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import holidays as holidays_lib

from app.domain.errors import InvalidValueError

# A sane window: the library computes any year, but a calendar far off is a typo.
FIRST_YEAR = 2000
LAST_YEAR = 2100


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name: str


@cache
def countries() -> frozenset[str]:
    """The ISO 3166 alpha-2 codes whose holidays the library knows."""
    return frozenset(holidays_lib.list_supported_countries())


def check_country(value: str, field_name: str = "country") -> str:
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise InvalidValueError(
            field_name, "invalid_country", "must be an ISO 3166 country code such as AR"
        )
    if code not in countries():
        raise InvalidValueError(
            field_name, "unknown_country", f"{code} is not a country whose holidays are known"
        )
    return code


def check_year(value: int, field_name: str = "year") -> int:
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise InvalidValueError(
            field_name, "out_of_range", f"must be between {FIRST_YEAR} and {LAST_YEAR}"
        )
    return value


def _language(country: str, locale: str) -> str | None:
    """The library's language for `locale` ("es-AR" -> "es") if it has the country's
    names in it, else the country's own. Always named: left to itself the library
    would follow the process's LANG."""
    offered = holidays_lib.list_localized_countries().get(country, [])
    wanted = locale.replace("-", "_")
    for candidate in (wanted, wanted.split("_")[0], "en_US" if wanted.startswith("en") else ""):
        if candidate in offered:
            return candidate
    default: str | None = getattr(holidays_lib.country_holidays(country), "default_language", None)
    return default


def public_holidays(country: str, year: int, locale: str = "es-AR") -> list[Holiday]:
    """The country's national public holidays in `year` (no subdivision), by date,
    named in `locale`'s language when the library has it."""
    code = check_country(country)
    found = holidays_lib.country_holidays(
        code, years=check_year(year), language=_language(code, locale)
    )
    # Two holidays on one day come as one name joined by "; ": kept so.
    return [Holiday(day, name) for day, name in sorted(found.items())]
