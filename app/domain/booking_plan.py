"""The rules for a new booking, once: the desk, the REST route and the push all plan here.

`plan_booking` reads what it needs through a `BookingReader` (the desk's replica, the
server's catalogue and store, the push's one query) and answers what to write (a
`BookingPlan`) or why not (a `Refusal`). The callers differ only in how they read
and how they write, so a rule added here (or to `RULES`) holds in all three.

Reading is the reader's: a service, customer or provider that does not exist is
refused by the reader as its layer says "not found" (404 on the server, the field's
error at the desk).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from app.domain import bookings as rules
from app.domain.availability import Interval, busy_range, check_bookable
from app.domain.errors import ConflictError, DomainError, InvalidValueError
from app.domain.schedules import ProviderSchedule
from app.domain.services import ServiceSpec
from app.domain.timezones import ensure_utc


@dataclass(frozen=True)
class ProviderFacts:
    provider_id: uuid.UUID
    location_id: uuid.UUID | None
    schedule: ProviderSchedule
    zone: ZoneInfo  # where the provider's day is: its location's, else the business's


class BookingReader(Protocol):
    """What a plan needs to know, read however the caller reads."""

    def service(self, service_id: uuid.UUID) -> ServiceSpec:
        """The service; raises (naming service_id) if there is none."""
        ...

    def check_customer(self, customer_id: uuid.UUID) -> None:
        """Raises (naming customer_id) if there is no such customer."""
        ...

    def provider(self, provider_id: uuid.UUID) -> ProviderFacts:
        """The provider; raises (naming provider_id) if there is none."""
        ...

    def offered_by(self, service_id: uuid.UUID) -> Sequence[uuid.UUID]:
        """The providers offering the service, in the order "any provider" tries them."""
        ...

    def busy(
        self, provider_id: uuid.UUID, around: Interval, exclude: uuid.UUID | None = None
    ) -> Sequence[Interval]:
        """Busy ranges of the provider's active bookings that touch `around`, but
        `exclude` (the booking being moved)."""
        ...


@dataclass(frozen=True)
class BookingRequest:
    service_id: uuid.UUID
    customer_id: uuid.UUID
    start_at: datetime
    provider_id: uuid.UUID | None = None  # None: any provider that is free
    status: str = "confirmed"
    repeat: tuple[int, int] | None = None  # (every_weeks, count): a weekly series
    skip: frozenset[uuid.UUID] = field(default_factory=frozenset)  # found taken meanwhile


@dataclass(frozen=True)
class Candidate:
    """One booking the plan would write, as a rule sees it."""

    request: BookingRequest
    provider: ProviderFacts
    service: ServiceSpec
    start_at: datetime


# A rule refuses a candidate by raising a DomainError naming the field at fault. Every
# way of booking applies these after the built-in ones (opening hours, overlaps).
Rule = Callable[[Candidate], None]
RULES: list[Rule] = []


@dataclass(frozen=True)
class Occurrence:
    start_at: datetime
    end_at: datetime
    busy_from: datetime
    busy_until: datetime


@dataclass(frozen=True)
class BookingPlan:
    """What to write: one booking per occurrence, with the provider chosen."""

    provider: ProviderFacts
    service: ServiceSpec
    status: rules.BookingStatus
    occurrences: tuple[Occurrence, ...]
    any_provider: bool  # chosen by the plan: another may be tried if this one is taken


@dataclass(frozen=True)
class Refusal:
    code: str
    field: str
    message: str
    conflict: bool  # clashes with what exists (409), rather than a bad value (422)

    @classmethod
    def of(cls, error: DomainError) -> Refusal:
        return cls(error.code, error.field, error.message, isinstance(error, ConflictError))

    def error(self) -> DomainError:
        kind = ConflictError if self.conflict else InvalidValueError
        return kind(self.field, self.code, self.message)


def window(start_at: datetime, service: ServiceSpec) -> Interval:
    """The time whose bookings a plan must see: the new booking's busy range."""
    return busy_range(start_at, service)


def plan_booking(request: BookingRequest, reader: BookingReader) -> BookingPlan | Refusal:
    try:
        return _plan(request, reader)
    except DomainError as exc:
        return Refusal.of(exc)


def _plan(request: BookingRequest, reader: BookingReader) -> BookingPlan:
    status = rules.parse_status(request.status)
    if status not in rules.INITIAL_STATUSES:
        raise InvalidValueError(
            "status", "invalid_initial_status", "a new booking is requested or confirmed"
        )
    service = reader.service(request.service_id)
    reader.check_customer(request.customer_id)
    if request.provider_id is not None:
        provider = reader.provider(request.provider_id)
        if provider.provider_id not in reader.offered_by(request.service_id):
            raise InvalidValueError(
                "provider_id", "does_not_offer_service", "this provider does not offer this service"
            )
        candidates = [provider]
    else:
        offering = reader.offered_by(request.service_id)
        if not offering:
            raise ConflictError("service_id", "no_provider", "no provider offers this service")
        candidates = [reader.provider(p) for p in offering if p not in request.skip]
        if not candidates:
            raise ConflictError("start_at", "no_provider_free", "no provider is free at that time")
    start_at = ensure_utc(request.start_at, "start_at")
    if request.repeat is None:
        starts = [start_at]
    else:
        every_weeks, count = request.repeat
        starts = rules.weekly_series(
            start_at, candidates[0].zone, every_weeks=every_weeks, count=count
        )
    first_error: DomainError | None = None
    for provider in candidates:
        try:
            occurrences = tuple(
                _occurrence(request, reader, provider, service, start, i, len(starts))
                for i, start in enumerate(starts)
            )
            return BookingPlan(provider, service, status, occurrences, request.provider_id is None)
        except DomainError as exc:
            first_error = first_error or exc
    if len(candidates) != 1:
        raise ConflictError("start_at", "no_provider_free", "no provider is free at that time")
    assert first_error is not None
    raise first_error


RESCHEDULABLE = frozenset(
    {rules.BookingStatus.REQUESTED, rules.BookingStatus.CONFIRMED, rules.BookingStatus.CHECKED_IN}
)


@dataclass(frozen=True)
class BookingMove:
    """A booking to move: what it is now, and where to."""

    booking_id: uuid.UUID
    status: str
    service_id: uuid.UUID
    customer_id: uuid.UUID
    provider_id: uuid.UUID  # the new provider, or its own
    start_at: datetime


@dataclass(frozen=True)
class MovePlan:
    provider: ProviderFacts
    occurrence: Occurrence


def plan_move(move: BookingMove, reader: BookingReader) -> MovePlan | Refusal:
    """Where a booking may go: the same rules as a new one (RULES included), with the
    booking's own time not counted as taken."""
    try:
        if rules.parse_status(move.status) not in RESCHEDULABLE:
            raise ConflictError(
                "status", "not_reschedulable", f"a {move.status} booking cannot be moved"
            )
        service = reader.service(move.service_id)
        provider = reader.provider(move.provider_id)
        if provider.provider_id not in reader.offered_by(move.service_id):
            raise InvalidValueError(
                "provider_id", "does_not_offer_service", "this provider does not offer this service"
            )
        start = ensure_utc(move.start_at, "start_at")
        request = BookingRequest(
            move.service_id, move.customer_id, start, move.provider_id, move.status
        )
        occurrence = _occurrence(request, reader, provider, service, start, 0, 1, move.booking_id)
        return MovePlan(provider, occurrence)
    except DomainError as exc:
        return Refusal.of(exc)


def _occurrence(
    request: BookingRequest,
    reader: BookingReader,
    provider: ProviderFacts,
    service: ServiceSpec,
    start: datetime,
    index: int,
    count: int,
    exclude: uuid.UUID | None = None,
) -> Occurrence:
    try:
        busy = check_bookable(
            start,
            service,
            provider.schedule,
            reader.busy(provider.provider_id, window(start, service), exclude),
            provider.zone,
        )
        for rule in RULES:
            rule(Candidate(request, provider, service, start))
    except DomainError as exc:
        if count > 1:
            exc.message = f"occurrence {index + 1} ({start.isoformat()}): {exc.message}"
        raise
    return Occurrence(start, start + service.duration, busy[0], busy[1])
