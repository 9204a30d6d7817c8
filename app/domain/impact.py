"""Which kept bookings a setup change breaks, and why: what an admin is shown before
saving new hours, time off or a longer service. Saving is still allowed: bookings are
kept as they were made, never moved silently; the desk settles each one.

A booking counts when the change makes it unbookable for a reason it did not already
have: a booking already outside the old hours is not "broken" by new time off. The
rule asked is the bookability rule itself (`availability.why_not_held`), before and
after the change.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.availability import Blocked, Held, Hindrance, busy_range, why_not_held
from app.domain.bookings import BookingStatus
from app.domain.schedules import ProviderSchedule
from app.domain.services import ServiceSpec

# The bookings a change can still break: not over, not called off.
AT_STAKE: frozenset[BookingStatus] = frozenset(
    {
        BookingStatus.REQUESTED,
        BookingStatus.CONFIRMED,
        BookingStatus.CHECKED_IN,
        BookingStatus.IN_SERVICE,
    }
)


class ImpactReason(StrEnum):
    OUTSIDE_HOURS = "outside_hours"  # outside the new hours, or in a new break
    IN_TIME_OFF = "in_time_off"  # the provider is away then
    OVERLAPS_AFTER_CHANGE = "overlaps_after_change"  # a longer service reaches the next booking
    PROVIDER_INACTIVE = "provider_inactive"  # the provider no longer takes bookings


_REASON_OF: dict[Hindrance, ImpactReason] = {
    Hindrance.OUTSIDE_HOURS: ImpactReason.OUTSIDE_HOURS,
    Hindrance.BREAK: ImpactReason.OUTSIDE_HOURS,
    Hindrance.TIME_OFF: ImpactReason.IN_TIME_OFF,
    Hindrance.OVERLAP: ImpactReason.OVERLAPS_AFTER_CHANGE,
    Hindrance.NEIGHBOUR_BUFFER: ImpactReason.OVERLAPS_AFTER_CHANGE,
    Hindrance.OWN_BUFFER: ImpactReason.OVERLAPS_AFTER_CHANGE,
}


@dataclass(frozen=True, slots=True)
class Kept:
    """A booking as stored: its own time and the busy range it holds."""

    booking_id: Any
    provider_id: Any
    service_id: Any
    start_at: datetime
    end_at: datetime
    busy_from: datetime
    busy_until: datetime

    @property
    def held(self) -> Held:
        return Held(self.start_at, self.end_at, self.busy_from, self.busy_until)

    def as_service(self, spec: ServiceSpec) -> Kept:
        """The same booking had it been made with `spec` at the same start."""
        busy_from, busy_until = busy_range(self.start_at, spec)
        end = self.start_at + spec.duration
        return Kept(
            self.booking_id, self.provider_id, self.service_id,
            self.start_at, end, busy_from, busy_until,
        )  # fmt: skip


def _reason(blocked: Blocked | None) -> ImpactReason | None:
    # PAST cannot happen here (no `now` is given): only future bookings are asked about.
    return None if blocked is None else _REASON_OF.get(blocked.reason)


def _newly(before: Blocked | None, after: Blocked | None) -> ImpactReason | None:
    reason = _reason(after)
    return None if reason is None or reason == _reason(before) else reason


def _why(kept: Kept, schedule: ProviderSchedule, tz: ZoneInfo, held: Sequence[Held] = ()) -> Any:
    return why_not_held(
        (kept.busy_from, kept.busy_until), (kept.start_at, kept.end_at), schedule, held, tz
    )


def schedule_impact(
    bookings: Iterable[Kept],
    before: Mapping[Any, ProviderSchedule],
    after: Mapping[Any, ProviderSchedule],
    tz_of: Mapping[Any, ZoneInfo],
) -> dict[Any, ImpactReason]:
    """booking id -> why, for the bookings that new hours, breaks or time off break.
    `before`/`after` map each provider to its schedule without and with the change."""
    found: dict[Any, ImpactReason] = {}
    for b in bookings:
        tz = tz_of[b.provider_id]
        reason = _newly(_why(b, before[b.provider_id], tz), _why(b, after[b.provider_id], tz))
        if reason is not None:
            found[b.booking_id] = reason
    return found


def service_impact(
    service_id: Any,
    spec_after: ServiceSpec,
    bookings: Sequence[Kept],
    schedules: Mapping[Any, ProviderSchedule],
    tz_of: Mapping[Any, ZoneInfo],
) -> dict[Any, ImpactReason]:
    """booking id -> why, for the bookings of `service_id` that a new duration or new
    buffers break, were they made again at the same start. `bookings` holds every
    active booking of the providers concerned (the neighbours count); the service's
    own bookings are all taken as changed, as the next one would be."""
    found: dict[Any, ImpactReason] = {}
    by_provider: dict[Any, list[Kept]] = {}
    for b in bookings:
        by_provider.setdefault(b.provider_id, []).append(b)
    for provider_id, now_kept in by_provider.items():
        now_kept.sort(key=lambda k: k.busy_from)
        after = [b.as_service(spec_after) if b.service_id == service_id else b for b in now_kept]
        starts = [b.busy_from for b in now_kept]
        schedule, tz = schedules[provider_id], tz_of[provider_id]
        for i, b in enumerate(now_kept):
            if b.service_id != service_id:
                continue
            # No booking holds a day (20 h at most, buffers included): nothing further
            # away can overlap, before or after the change.
            lo = bisect_left(starts, b.busy_from - _DAY)
            hi = bisect_right(starts, b.busy_until + _DAY)
            near = [j for j in range(lo, hi) if j != i]
            reason = _newly(
                _why(b, schedule, tz, [now_kept[j].held for j in near]),
                _why(after[i], schedule, tz, [after[j].held for j in near]),
            )
            if reason is not None:
                found[b.booking_id] = reason
    return found


_DAY = timedelta(days=1)
