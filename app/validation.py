"""The types every input of the API and every synced change is made of, one validation

Request bodies, query parameters and the args of synced changes are declared with
these, so that what PostgreSQL, the clock arithmetic and the tz database cannot take
is refused with a 422 naming the field, never found out as a 500 further in:

- `Text`: no NUL (PostgreSQL refuses it in text) and no unpaired surrogate (it is not
  Unicode text, and no answer could carry it as UTF-8). Other control characters are
  text like any other (a pasted note may hold them; the sync's rows carry them).
  Bound its length at the field, with `Field(max_length=...)`.
- `Int64` and its narrower kin: strict JSON integers (`5.0`, `"5"` and `true` are not
  integers) within PostgreSQL's bigint. A field that needs a narrower range gets a type
  of its own here: a `Field(ge=..., le=...)` at the field would lose to the type's.
- `Day`, `Instant`: dates and instants from 1900 to 2199, so that no conversion
  between zones or step to the next day can leave the calendar Python knows.
- `ZoneName`: a name from the tz database.
- `WallTime`: a local wall-clock time, HH:MM or HH:MM:SS, with no offset (opening hours
  are kept in the business's zone, whatever its offset that day).
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, time
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    Field,
    StrictInt,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from app.domain.errors import InvalidValueError
from app.domain.timezones import zone

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)

# NUL, and halves of UTF-16 pairs standing alone.
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def unsafe_text(value: str) -> str | None:
    """Why `value` cannot be stored as text, or None if it can."""
    found = _UNSAFE.search(value)
    if found is None:
        return None
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        return "must not contain an unpaired surrogate (it is not valid Unicode text)"
    return f"must not contain the control character U+{ord(char):04X}"


def _text(value: str) -> str:
    reason = unsafe_text(value)
    if reason is not None:
        raise PydanticCustomError("unsafe_text", reason)
    return value


def _in_calendar(value: date) -> date:
    # The date as given, before any conversion: converting year 1 or 9999 to UTC is
    # what overflows.
    if not FIRST_DAY.year <= value.year <= LAST_DAY.year:
        raise PydanticCustomError(
            "out_of_range",
            "must be between {first} and {last}",
            {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
        )
    return value


def _zone_name(value: str) -> str:
    try:
        return zone(value).key
    except InvalidValueError as exc:
        raise PydanticCustomError(exc.code, exc.message) from None


WALL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
_WALL_TIME = re.compile(WALL_TIME_PATTERN)


def _wall_time(value: Any) -> time:
    if isinstance(value, time) and value.tzinfo is None:
        return value
    if isinstance(value, str) and _WALL_TIME.match(value):
        return time.fromisoformat(value)
    raise PydanticCustomError(
        "wall_time", "must be a local time as HH:MM or HH:MM:SS, without an offset"
    )


Text = Annotated[str, AfterValidator(_text)]
Int64 = Annotated[StrictInt, Field(ge=INT64_MIN, le=INT64_MAX)]
Seq = Annotated[StrictInt, Field(ge=1, le=INT64_MAX)]
Weekday = Annotated[StrictInt, Field(ge=0, le=6, description="0 = Monday")]
SlotMinutes = Annotated[StrictInt, Field(ge=5, le=240)]
TicketNumber = Annotated[StrictInt, Field(ge=1, le=999)]
Day = Annotated[date, AfterValidator(_in_calendar)]
Instant = Annotated[AwareDatetime, AfterValidator(_in_calendar)]
ZoneName = Annotated[
    str,
    Field(max_length=64, description="A name from the tz database"),
    AfterValidator(_zone_name),
]
WallTime = Annotated[
    time,
    BeforeValidator(_wall_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": WALL_TIME_PATTERN,
            "description": "A local wall-clock time, HH:MM or HH:MM:SS, without an offset",
            "examples": ["09:00"],
        }
    ),
]


# -- the args of a synced change, as kept with its refusal ------------------------------

MAX_KEPT_ARGS = 16 * 1024  # bytes of JSON
MAX_KEPT_DEPTH = 16


def keepable(args: Any) -> bool:
    """Whether a refused change's args may be kept as they came: text that can be
    stored, numbers that JSON has (Python reads NaN and Infinity, PostgreSQL does
    not), nesting and size within bounds. The largest change a desk makes (a
    customer with a 4,000-character note) is under 16 KB even in 4-byte characters."""

    def fits(value: Any, depth: int) -> bool:
        if depth > MAX_KEPT_DEPTH:
            return False
        if isinstance(value, str):
            return unsafe_text(value) is None
        if isinstance(value, float):
            return math.isfinite(value)
        if isinstance(value, dict):
            return all(fits(k, depth) and fits(v, depth + 1) for k, v in value.items())
        if isinstance(value, list):
            return all(fits(v, depth + 1) for v in value)
        return True

    if not fits(args, 0):
        return False
    return len(json.dumps(args, ensure_ascii=False).encode()) <= MAX_KEPT_ARGS
