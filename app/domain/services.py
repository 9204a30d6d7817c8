"""Services a business offers: how long they take and what they cost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from app.domain.errors import InvalidValueError

MAX_DURATION_MINUTES = 12 * 60
MAX_BUFFER_MINUTES = 4 * 60


def check_minutes(value: int, field_name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(field_name, "not_an_integer", "must be a whole number of minutes")
    if not low <= value <= high:
        raise InvalidValueError(field_name, "out_of_range", f"must be between {low} and {high}")
    return value


def check_amount(value: int, field_name: str, *, allow_zero: bool) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(field_name, "not_an_integer", "must be an integer in minor units")
    if value < 0 or (value == 0 and not allow_zero):
        raise InvalidValueError(
            field_name, "not_positive", "must not be negative" if value < 0 else "must be > 0"
        )
    if value > 10**12:
        raise InvalidValueError(field_name, "out_of_range", "is implausibly large")
    return value


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    duration_minutes: int
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 0
    price_minor: int = 0

    def __post_init__(self) -> None:
        check_minutes(self.duration_minutes, "duration_minutes", 5, MAX_DURATION_MINUTES)
        check_minutes(self.buffer_before_minutes, "buffer_before_minutes", 0, MAX_BUFFER_MINUTES)
        check_minutes(self.buffer_after_minutes, "buffer_after_minutes", 0, MAX_BUFFER_MINUTES)
        check_amount(self.price_minor, "price_minor", allow_zero=True)

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    @property
    def before(self) -> timedelta:
        return timedelta(minutes=self.buffer_before_minutes)

    @property
    def after(self) -> timedelta:
        return timedelta(minutes=self.buffer_after_minutes)
