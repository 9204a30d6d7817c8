"""A clock a test sets: the server, a desk and a kiosk each take one, so a rule that
asks what day it is ("only today's bookings can arrive") answers for a stated instant."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from app.domain.timezones import local_to_utc


class Clock:
    """`at` once set; the real time until then (for tests that never ask)."""

    def __init__(self, at: datetime | None = None) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at if self.at is not None else datetime.now(UTC)


def morning_of(day: date, tz: ZoneInfo, hour: int = 8) -> datetime:
    """`hour`:00 on the local `day`: a fixed instant on the day a test's bookings are."""
    return local_to_utc(day, time(hour), tz)
