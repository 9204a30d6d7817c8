"""The business's setup over HTTP (`/setup/...`), as typed values: what the desk's
setup screens read and change. No Qt here; each function is one request.

The server may be older than this client (no `last_sign_in_at`, no service colour,
no country): a field it does not send reads as None or its default, so the screens
still show what there is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from typing import Any, Protocol

from app.domain.customers import parse_birth_date
from app.domain.errors import InvalidValueError
from app.sync.api import RefusedError


class Caller(Protocol):
    """What the client needs of the desk's connection (app.sync.api.SyncApi)."""

    async def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any: ...


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _changes(change: Any) -> dict[str, Any]:
    """A change's fields that are set: PATCH bodies carry only what changed."""
    return {k: v for k, v in asdict(change).items() if v is not None}


# -- the business and its locations ------------------------------------------------------


@dataclass(frozen=True)
class Tenant:
    tenant_id: str
    name: str
    vertical: str
    time_zone: str
    locale: str
    currency: str
    slot_minutes: int
    display_name: str
    primary_colour: str
    accent_colour: str
    has_logo: bool
    country: str = "AR"
    # Alerts at the desk, in minutes (app/alerts.py).
    alert_waiting_minutes: int = 15
    alert_late_minutes: int = 10
    alert_walkin_minutes: int = 30

    @classmethod
    def of(cls, d: dict[str, Any]) -> Tenant:
        return cls(
            tenant_id=str(d["tenant_id"]),
            name=d["name"],
            vertical=d["vertical"],
            time_zone=d["time_zone"],
            locale=d["locale"],
            currency=d["currency"],
            slot_minutes=int(d["slot_minutes"]),
            display_name=d.get("display_name", d["name"]),
            primary_colour=d.get("primary_colour", ""),
            accent_colour=d.get("accent_colour", ""),
            has_logo=bool(d.get("has_logo")),
            country=d.get("country") or "AR",
            alert_waiting_minutes=int(d.get("alert_waiting_minutes") or 15),
            alert_late_minutes=int(d.get("alert_late_minutes") or 10),
            alert_walkin_minutes=int(d.get("alert_walkin_minutes") or 30),
        )


@dataclass(frozen=True)
class TenantChange:
    """What the Business tab changes; None leaves a field as it is. `logo_base64` ""
    removes the logo."""

    name: str | None = None
    time_zone: str | None = None
    slot_minutes: int | None = None
    vertical: str | None = None
    country: str | None = None
    primary_colour: str | None = None
    logo_base64: str | None = None
    alert_waiting_minutes: int | None = None
    alert_late_minutes: int | None = None
    alert_walkin_minutes: int | None = None

    def body(self) -> dict[str, Any]:
        body = _changes(self)
        branding = {k: body.pop(k) for k in ("primary_colour", "logo_base64") if k in body}
        if branding:
            body["branding"] = branding
        alerts = {
            k.removeprefix("alert_"): body.pop(k)
            for k in ("alert_waiting_minutes", "alert_late_minutes", "alert_walkin_minutes")
            if k in body
        }
        if alerts:
            body["alerts"] = alerts
        return body


@dataclass(frozen=True)
class Location:
    location_id: str
    name: str
    address: str
    time_zone: str | None

    @classmethod
    def of(cls, d: dict[str, Any]) -> Location:
        return cls(str(d["location_id"]), d["name"], d.get("address", ""), d.get("time_zone"))


async def tenant(api: Caller) -> Tenant:
    return Tenant.of(await api.call("GET", "/setup/tenant"))


async def update_tenant(api: Caller, change: TenantChange) -> Tenant:
    return Tenant.of(await api.call("PATCH", "/setup/tenant", change.body()))


async def locations(api: Caller) -> list[Location]:
    return [Location.of(d) for d in await api.call("GET", "/setup/locations")]


async def add_location(
    api: Caller, name: str, address: str = "", time_zone: str | None = None
) -> Location:
    body: dict[str, Any] = {"name": name, "address": address}
    if time_zone:
        body["time_zone"] = time_zone
    return Location.of(await api.call("POST", "/setup/locations", body))


# -- staff --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Staff:
    user_id: str
    email: str
    display_name: str
    role: str
    provider_id: str | None
    active: bool
    locked_until: datetime | None
    last_sign_in_at: datetime | None

    @classmethod
    def of(cls, d: dict[str, Any]) -> Staff:
        return cls(
            user_id=str(d["user_id"]),
            email=d["email"],
            display_name=d["display_name"],
            role=d["role"],
            provider_id=str(d["provider_id"]) if d.get("provider_id") else None,
            active=bool(d["active"]),
            locked_until=_instant(d.get("locked_until")),
            last_sign_in_at=_instant(d.get("last_sign_in_at")),
        )


@dataclass(frozen=True)
class StaffChange:
    display_name: str | None = None
    role: str | None = None
    password: str | None = None
    active: bool | None = None


async def staff(api: Caller) -> list[Staff]:
    return [Staff.of(d) for d in await api.call("GET", "/setup/staff")]


async def add_staff(
    api: Caller,
    email: str,
    display_name: str,
    role: str,
    password: str,
    provider_id: str | None = None,
) -> Staff:
    body: dict[str, Any] = {
        "email": email,
        "display_name": display_name,
        "role": role,
        "password": password,
    }
    if provider_id:
        body["provider_id"] = provider_id
    return Staff.of(await api.call("POST", "/setup/staff", body))


async def update_staff(api: Caller, user_id: str, change: StaffChange) -> Staff:
    return Staff.of(await api.call("PATCH", f"/setup/staff/{user_id}", _changes(change)))


async def unlock_staff(api: Caller, user_id: str) -> Staff:
    return Staff.of(await api.call("POST", f"/setup/staff/{user_id}/unlock"))


# -- providers and services -----------------------------------------------------------------


@dataclass(frozen=True)
class Provider:
    provider_id: str
    location_id: str
    display_name: str
    colour: str
    active: bool
    service_ids: tuple[str, ...]

    @classmethod
    def of(cls, d: dict[str, Any]) -> Provider:
        return cls(
            provider_id=str(d["provider_id"]),
            location_id=str(d["location_id"]),
            display_name=d["display_name"],
            colour=d["colour"],
            active=bool(d["active"]),
            service_ids=tuple(str(s) for s in d.get("service_ids", [])),
        )


@dataclass(frozen=True)
class ProviderChange:
    display_name: str | None = None
    colour: str | None = None
    service_ids: list[str] | None = None  # the full list: it replaces the old one
    active: bool | None = None


async def providers(api: Caller) -> list[Provider]:
    return [Provider.of(d) for d in await api.call("GET", "/setup/providers")]


async def add_provider(
    api: Caller, display_name: str, location_id: str, colour: str, service_ids: list[str]
) -> Provider:
    body = {
        "display_name": display_name,
        "location_id": location_id,
        "colour": colour,
        "service_ids": service_ids,
    }
    return Provider.of(await api.call("POST", "/setup/providers", body))


async def update_provider(api: Caller, provider_id: str, change: ProviderChange) -> Provider:
    """Refused with code "provider_has_future_bookings" when deactivating a provider
    with bookings to come: `blocking_bookings(refusal)` lists them."""
    path = f"/setup/providers/{provider_id}"
    return Provider.of(await api.call("PATCH", path, _changes(change)))


@dataclass(frozen=True)
class Service:
    service_id: str
    name: str
    duration_minutes: int
    buffer_before_minutes: int
    buffer_after_minutes: int
    price_minor: int
    active: bool
    provider_ids: tuple[str, ...]
    colour: str | None = None  # None: a server from before services had colours

    @classmethod
    def of(cls, d: dict[str, Any]) -> Service:
        return cls(
            service_id=str(d["service_id"]),
            name=d["name"],
            duration_minutes=int(d["duration_minutes"]),
            buffer_before_minutes=int(d.get("buffer_before_minutes", 0)),
            buffer_after_minutes=int(d.get("buffer_after_minutes", 0)),
            price_minor=int(d.get("price_minor", 0)),
            active=bool(d.get("active", True)),
            provider_ids=tuple(str(p) for p in d.get("provider_ids", [])),
            colour=d.get("colour"),
        )


@dataclass(frozen=True)
class ServiceChange:
    """A new service's fields (all but the colour needed) or an existing one's changes."""

    name: str | None = None
    duration_minutes: int | None = None
    buffer_before_minutes: int | None = None
    buffer_after_minutes: int | None = None
    price_minor: int | None = None
    colour: str | None = None
    active: bool | None = None
    provider_ids: list[str] | None = None

    def body(self) -> dict[str, Any]:
        return _changes(self)


async def services(api: Caller) -> list[Service]:
    return [Service.of(d) for d in await api.call("GET", "/setup/services")]


async def add_service(api: Caller, new: ServiceChange) -> Service:
    body = new.body()
    body.pop("active", None)  # a new service is active
    return Service.of(await api.call("POST", "/setup/services", body))


async def update_service(api: Caller, service_id: str, change: ServiceChange) -> Service:
    return Service.of(await api.call("PATCH", f"/setup/services/{service_id}", change.body()))


# -- what a change would break ----------------------------------------------------------------


@dataclass(frozen=True)
class AffectedBooking:
    """A booking to come that a change leaves outside the rules; `reason` is
    outside_hours, in_time_off, overlaps_after_change or provider_inactive."""

    booking_id: str
    code: str
    start_at: datetime
    end_at: datetime
    provider_id: str
    provider_name: str
    service_name: str
    customer_name: str
    reason: str

    @classmethod
    def of(cls, d: dict[str, Any]) -> AffectedBooking:
        return cls(
            booking_id=str(d["booking_id"]),
            code=str(d.get("code", "")),
            start_at=datetime.fromisoformat(d["start_at"]),
            end_at=datetime.fromisoformat(d["end_at"]),
            provider_id=str(d.get("provider_id", "")),
            provider_name=d.get("provider_name", ""),
            service_name=d.get("service_name", ""),
            customer_name=d.get("customer_name", ""),
            reason=d.get("reason", ""),
        )


def _impact(answer: dict[str, Any]) -> list[AffectedBooking]:
    return [AffectedBooking.of(b) for b in answer.get("bookings", [])]


def blocking_bookings(refusal: RefusedError) -> list[AffectedBooking]:
    """The bookings a refusal names (a provider who still has bookings to come)."""
    listed = refusal.details.get("bookings") or []
    return [AffectedBooking.of(b) for b in listed if isinstance(b, dict)]


async def preview_service(
    api: Caller, service_id: str, change: ServiceChange
) -> list[AffectedBooking]:
    path = f"/setup/services/{service_id}/preview"
    return _impact(await api.call("POST", path, change.body()))


# -- hours ------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Interval:
    weekday: int  # 0 = Monday
    start: time
    end: time

    @classmethod
    def of(cls, d: dict[str, Any]) -> Interval:
        return cls(int(d["weekday"]), time.fromisoformat(d["start"]), time.fromisoformat(d["end"]))

    def wire(self) -> dict[str, Any]:
        return {
            "weekday": self.weekday,
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
        }


@dataclass(frozen=True)
class Hours:
    """One week of hours and breaks, in force from `valid_from` (None: since always)."""

    hours: tuple[Interval, ...]
    breaks: tuple[Interval, ...] = ()
    valid_from: date | None = None

    @classmethod
    def of(cls, d: dict[str, Any]) -> Hours:
        start = d.get("valid_from")
        return cls(
            tuple(sorted(Interval.of(i) for i in d.get("hours", []))),
            tuple(sorted(Interval.of(i) for i in d.get("breaks", []))),
            date.fromisoformat(start) if start else None,
        )

    def wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "hours": [i.wire() for i in self.hours],
            "breaks": [i.wire() for i in self.breaks],
        }
        if self.valid_from is not None:
            body["valid_from"] = self.valid_from.isoformat()
        return body


@dataclass(frozen=True)
class Weeks:
    """A provider's weeks: the one in force since always first, then by start day."""

    weeks: tuple[Hours, ...]

    @classmethod
    def of(cls, d: dict[str, Any]) -> Weeks:
        listed = [Hours.of(w) for w in d.get("weeks", [])] or [Hours.of(d)]
        return cls(tuple(sorted(listed, key=lambda w: w.valid_from or date.min)))

    def week(self, valid_from: date | None) -> Hours | None:
        """The week starting on `valid_from`, if there is one."""
        return next((w for w in self.weeks if w.valid_from == valid_from), None)


def parse_valid_from(text: str) -> date | None:
    """The day a week takes over from, typed as staff type dates (day first); nothing
    typed is the week in force since always."""
    return parse_birth_date(text, "valid_from")


async def hours(api: Caller, provider_id: str) -> Weeks:
    return Weeks.of(await api.call("GET", f"/setup/providers/{provider_id}/hours"))


async def preview_hours(api: Caller, provider_id: str, new: Hours) -> list[AffectedBooking]:
    path = f"/setup/providers/{provider_id}/hours/preview"
    return _impact(await api.call("POST", path, new.wire()))


async def set_hours(api: Caller, provider_id: str, new: Hours) -> Weeks:
    return Weeks.of(await api.call("PUT", f"/setup/providers/{provider_id}/hours", new.wire()))


# -- time off -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeOffIn:
    start_at: datetime  # aware
    end_at: datetime
    reason: str = ""

    def wire(self) -> dict[str, Any]:
        return {
            "start_at": self.start_at.isoformat(),
            "end_at": self.end_at.isoformat(),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class TimeOff:
    time_off_id: str
    provider_id: str
    start_at: datetime
    end_at: datetime
    reason: str
    group_id: str | None = None  # set when it is part of a whole location's time off

    @classmethod
    def of(cls, d: dict[str, Any]) -> TimeOff:
        return cls(
            time_off_id=str(d["time_off_id"]),
            provider_id=str(d["provider_id"]),
            start_at=datetime.fromisoformat(d["start_at"]),
            end_at=datetime.fromisoformat(d["end_at"]),
            reason=d.get("reason", ""),
            group_id=str(d["group_id"]) if d.get("group_id") else None,
        )


@dataclass(frozen=True)
class TimeOffGroup:
    """A whole location's time off (a holiday): one row per provider, one group."""

    group_id: str
    start_at: datetime
    end_at: datetime
    reason: str
    provider_ids: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, d: dict[str, Any]) -> TimeOffGroup:
        return cls(
            group_id=str(d["group_id"]),
            start_at=datetime.fromisoformat(d["start_at"]),
            end_at=datetime.fromisoformat(d["end_at"]),
            reason=d.get("reason", ""),
            provider_ids=tuple(str(p) for p in d.get("provider_ids", [])),
        )


async def provider_time_off(api: Caller, provider_id: str) -> list[TimeOff]:
    return [
        TimeOff.of(d) for d in await api.call("GET", f"/setup/providers/{provider_id}/time-off")
    ]


async def preview_provider_time_off(
    api: Caller, provider_id: str, new: TimeOffIn
) -> list[AffectedBooking]:
    path = f"/setup/providers/{provider_id}/time-off/preview"
    return _impact(await api.call("POST", path, new.wire()))


async def add_provider_time_off(api: Caller, provider_id: str, new: TimeOffIn) -> TimeOff:
    path = f"/setup/providers/{provider_id}/time-off"
    return TimeOff.of(await api.call("POST", path, new.wire()))


async def delete_time_off(api: Caller, time_off_id: str) -> None:
    await api.call("DELETE", f"/setup/time-off/{time_off_id}")


async def location_time_off(api: Caller, location_id: str) -> list[TimeOffGroup]:
    return [
        TimeOffGroup.of(d)
        for d in await api.call("GET", f"/setup/locations/{location_id}/time-off")
    ]


async def preview_location_time_off(
    api: Caller, location_id: str, new: TimeOffIn
) -> list[AffectedBooking]:
    path = f"/setup/locations/{location_id}/time-off/preview"
    return _impact(await api.call("POST", path, new.wire()))


async def add_location_time_off(api: Caller, location_id: str, new: TimeOffIn) -> list[TimeOff]:
    path = f"/setup/locations/{location_id}/time-off"
    return [TimeOff.of(d) for d in await api.call("POST", path, new.wire())]


async def delete_time_off_group(api: Caller, group_id: str) -> None:
    await api.call("DELETE", f"/setup/time-off-groups/{group_id}")


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str

    @classmethod
    def of(cls, d: dict[str, Any]) -> Holiday:
        return cls(date.fromisoformat(d["date"]), d["name"])


async def holidays(api: Caller, year: int) -> list[Holiday]:
    """The national holidays of the business's country in `year`."""
    return [Holiday.of(d) for d in await api.call("GET", f"/setup/holidays?year={year}")]


_SPAN = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*[-–]\s*(\d{1,2})(?::(\d{2}))?$")


def parse_intervals(text: str, weekday: int, field_name: str) -> list[Interval]:
    """ "9-13, 14:30-18" -> that weekday's intervals, in order; "" -> none. A bad
    span is refused naming `field_name` and the span as typed."""
    found = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        m = _SPAN.match(part)
        try:
            if m is None:
                raise ValueError(part)
            start = time(int(m[1]), int(m[2] or 0))
            end = time(int(m[3]), int(m[4] or 0)) if m[3] != "24" else time(23, 59)
        except ValueError:
            raise InvalidValueError(
                field_name, "invalid_interval", f"{part!r} is not a time span like 09:00-13:00"
            ) from None
        if end <= start:
            raise InvalidValueError(
                field_name, "invalid_interval", f"{part!r} ends before it starts"
            )
        found.append(Interval(weekday, start, end))
    return sorted(found)


def intervals_text(intervals: Iterable[Interval]) -> str:
    return ", ".join(f"{i.start:%H:%M}-{i.end:%H:%M}" for i in sorted(intervals))
