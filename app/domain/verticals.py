"""Vertical presets (clinic, barbershop, salon, therapy) read from resources/verticals.

A preset gives the words the desk and kiosk use (patient or client), the slot
granularity, the default services and what check-in asks for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.domain.errors import InvalidValueError
from app.domain.services import ServiceSpec
from app.resources import resources_dir

CHECK_IN_FIELDS = frozenset(
    {"booking_code", "phone", "national_id", "date_of_birth", "appointment_time", "insurance"}
)


@dataclass(frozen=True, slots=True)
class PresetService:
    name: dict[str, str]  # by locale
    spec: ServiceSpec


@dataclass(frozen=True, slots=True)
class Vertical:
    key: str
    name: dict[str, str]
    terms: dict[str, dict[str, str]]  # term -> locale -> word ("customer" -> "es-AR" -> ...)
    slot_minutes: int
    check_in_fields: tuple[str, ...]
    services: tuple[PresetService, ...]
    primary_colour: str
    accent_colour: str

    def term(self, key: str, locale: str) -> str:
        words = self.terms[key]
        return words.get(locale) or words["en"]


def _parse(path: Path) -> Vertical:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    fields = tuple(data["check_in_fields"])
    unknown = set(fields) - CHECK_IN_FIELDS
    if unknown:
        raise ValueError(f"{path.name}: unknown check-in fields {sorted(unknown)}")
    return Vertical(
        key=data["key"],
        name=data["name"],
        terms=data["terms"],
        slot_minutes=int(data["slot_minutes"]),
        check_in_fields=fields,
        services=tuple(
            PresetService(
                name=s["name"],
                spec=ServiceSpec(
                    duration_minutes=s["duration_minutes"],
                    buffer_before_minutes=s.get("buffer_before_minutes", 0),
                    buffer_after_minutes=s.get("buffer_after_minutes", 0),
                    price_minor=s["price_minor"],
                ),
            )
            for s in data["services"]
        ),
        primary_colour=data["branding"]["primary_colour"],
        accent_colour=data["branding"]["accent_colour"],
    )


@cache
def verticals() -> dict[str, Vertical]:
    folder = resources_dir() / "verticals"
    found = {v.key: v for v in map(_parse, sorted(folder.glob("*.json")))}
    if not found:
        raise RuntimeError(f"no vertical presets in {folder}")
    return found


def vertical(key: str, field_name: str = "vertical") -> Vertical:
    try:
        return verticals()[key]
    except KeyError:
        known = ", ".join(sorted(verticals()))
        raise InvalidValueError(field_name, "unknown_vertical", f"must be one of {known}") from None
