"""Beyond the replica: what the desk asks the server for, and says when it cannot.

A desk's replica holds the bookings of DESK_DAYS_BACK days back to DESK_DAYS_AHEAD
ahead (app/sync/scope.py); hours, time off, services and customers it holds whole.
A day outside that window is read from the server's REST routes while online; offline
it is refused with NotOnThisDeskError, never shown as an empty, free-looking day. So is
what reaches past the window by nature: a customer's whole history, a whole series.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app import customer_records, schedule
from app.domain.availability import Slot, day_range
from app.domain.errors import DomainError
from app.sync.api import OfflineError, SignedOutError, SyncApi
from app.sync.replica import Replica, Row
from app.sync.rows import parse
from app.sync.scope import DESK_DAYS_AHEAD, DESK_DAYS_BACK

# Runs a blocking read off the GUI thread (ui.common.tasks.Tasks.call).
Blocking = Callable[..., Awaitable[Any]]


class NotOnThisDeskError(DomainError):
    """Offline, and what was asked for is outside what the replica holds."""

    def __init__(self, field: str = "day") -> None:
        super().__init__(
            field,
            "not_on_this_desk",
            f"offline, this desk holds {DESK_DAYS_BACK} days back to {DESK_DAYS_AHEAD} ahead",
        )


def held_days(replica: Replica, today: date) -> tuple[date, date]:
    """The first and last local days whose bookings the replica holds: around the day
    it was last pulled for (it keeps that window while offline), else `today`."""
    pulled = replica.meta("scope_day")
    base = date.fromisoformat(pulled) if pulled else today
    return base - timedelta(days=DESK_DAYS_BACK), base + timedelta(days=DESK_DAYS_AHEAD)


def holds(replica: Replica, days: Sequence[date], today: date) -> bool:
    first, last = held_days(replica, today)
    return all(first <= d <= last for d in days)


async def _read(api: SyncApi, path: str, params: dict[str, str]) -> Any:
    """A REST read, or NotOnThisDeskError when the server cannot be asked."""
    try:
        return await api.read(path, params)
    except (OfflineError, SignedOutError):
        raise NotOnThisDeskError() from None


async def bookings_between(
    api: SyncApi, start: datetime, end: datetime, provider_id: str | None = None
) -> list[Row]:
    params = {"start": start.isoformat(), "end": end.isoformat()}
    if provider_id:
        params["provider_id"] = provider_id
    rows: list[Row] = await _read(api, "/bookings", params)
    return rows


@dataclass(frozen=True)
class Shown:
    """Days as the schedule shows them; `fetched`: the server's rows of their bookings
    by id, when the replica does not hold them (empty when it does)."""

    plans: list[schedule.DayPlan]
    fetched: dict[str, Row]


async def plans(
    replica: Replica,
    api: SyncApi,
    call: Blocking,
    days: Sequence[date],
    provider_ids: Sequence[str] | None,
    today: date,
) -> Shown:
    """Each of `days` as the schedule shows it: from the replica when it holds them all,
    else with the server's bookings (one request for the span). `call` runs the
    replica's reads off the caller's thread."""
    if holds(replica, days, today):
        return Shown([await call(schedule.day_plan, replica, d, provider_ids) for d in days], {})
    biz = await call(schedule.business, replica)
    start = day_range(min(days), biz.time_zone)[0]
    end = day_range(max(days), biz.time_zone)[1]
    one = provider_ids[0] if provider_ids is not None and len(provider_ids) == 1 else None
    rows = await bookings_between(api, start, end, one)
    shown = [await call(schedule.day_plan, replica, d, provider_ids, rows) for d in days]
    return Shown(shown, {r["booking_id"]: r for r in rows})


async def free_slots(
    api: SyncApi, service_id: str, day: date, provider_id: str | None
) -> list[Slot]:
    """The server's free starts on `day` (the replica does not know who is booked)."""
    params = {"service_id": service_id, "day": day.isoformat()}
    if provider_id:
        params["provider_id"] = provider_id
    answer = await _read(api, "/availability", params)
    return [
        Slot(parse(s["start_at"]), parse(s["end_at"]), tuple(s["provider_ids"]))
        for s in answer["slots"]
    ]


async def book(api: SyncApi, args: dict[str, Any]) -> list[Row]:
    """A booking made on the server at once (beyond the window the replica cannot check
    it, nor hold it): the server's rows, or its refusal (RefusedError)."""
    try:
        made: list[Row] = await api.call("POST", "/bookings", args)
    except (OfflineError, SignedOutError):
        raise NotOnThisDeskError("start_at") from None
    return made


async def history(
    replica: Replica, api: SyncApi, call: Blocking, customer_id: str
) -> tuple[customer_records.History | None, bool]:
    """The customer's whole history from the server with what waits in the outbox laid
    over; offline, the replica's. The flag says whether it is whole."""
    try:
        rows: list[Row] = await api.read("/bookings", {"customer_id": customer_id})
    except (OfflineError, SignedOutError):
        return await call(customer_records.history, replica, customer_id), False
    return await call(customer_records.history, replica, customer_id, rows), True


@dataclass(frozen=True)
class Series:
    """A weekly series as a whole: how many, which this one is, from when to when."""

    count: int
    position: int  # 1-based, of the booking asked about
    first: datetime
    last: datetime
    whole: bool  # False: offline, only what the replica holds


async def series(
    replica: Replica, api: SyncApi, call: Blocking, series_id: str, booking_id: str
) -> Series | None:
    """The series `booking_id` belongs to, whole from the server when online."""
    where = "json_extract(data, '$.series_id') = ?"
    local: list[Row] = await call(replica.all, "booking", where, [series_id])
    try:
        rows: list[Row] = await api.read("/bookings", {"series_id": series_id})
        whole = True
    except (OfflineError, SignedOutError):
        rows, whole = [], False
    return series_of(rows, local, booking_id, whole)


def series_of(
    server: Sequence[Row], local: Sequence[Row], booking_id: str, whole: bool
) -> Series | None:
    """The series from the server's rows with the replica's laid over (a change that
    waits to be pushed is newer); cancelled ones do not count."""
    merged = {r["booking_id"]: r for r in server}
    merged.update({r["booking_id"]: r for r in local if r.get("pending") or not whole})
    active = sorted(
        (r for r in merged.values() if r["status"] != "cancelled"),
        key=lambda r: parse(r["start_at"]),
    )
    ids = [r["booking_id"] for r in active]
    if booking_id not in ids:
        return None
    return Series(
        len(active),
        ids.index(booking_id) + 1,
        parse(active[0]["start_at"]),
        parse(active[-1]["start_at"]),
        whole,
    )
