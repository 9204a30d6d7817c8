"""The kiosk without Qt: enrollment, matching a customer to today's booking, check-in,
walk-in tickets numbered by the kiosk itself (offline too).

A kiosk's replica holds only today's bookings of its location, with a first name and
last initial: no phone, email or national ID. Check-in by booking code (or its QR)
works offline from that; by phone or DNI it asks the server, which holds them.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import ClassVar

import httpx
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app import request_ids, tls
from app.credentials import SettingsFile
from app.domain.walkins import ticket_label
from app.schedule import business
from app.signin import SignInError, check_address, json_body, unreachable
from app.sync.api import SyncApi, SyncError, Tokens, TooManyAttemptsError
from app.sync.engine import SyncEngine
from app.sync.replica import Replica, Row
from app.sync.rows import parse
from app.walkin_queue import queue

EARLY = timedelta(minutes=60)  # check-in opens this long before the appointment
LATE = timedelta(minutes=30)  # and closes this long after it starts: then see the desk
CHECKABLE = frozenset({"requested", "confirmed"})


@dataclass(frozen=True)
class KioskIdentity:
    """Who this kiosk is; kept in its settings file (no secret in it)."""

    server: str
    device_id: str
    tenant_id: str
    location_id: str
    name: str
    ticket_prefix: str


async def enroll(
    server: str, code: str, *, ca_pem: str = "", path: str = "/auth/kiosk-enroll"
) -> tuple[KioskIdentity, Tokens]:
    """Trade staff's one-time code for this kiosk's credential (a board's, at
    /auth/board-enroll), and sign in with it.
    Like sign_in, raises tls.UntrustedServerError before sending the code to a server
    whose certificate does not chain to `ca_pem` (or, with none, the system's)."""
    server = check_address(server)
    try:
        async with httpx.AsyncClient(
            base_url=server,
            timeout=10,
            verify=tls.context(ca_pem),
            event_hooks=request_ids.event_hooks(),
        ) as http:
            response = await http.post(path, json={"enrollment_code": code})
            body = json_body(response)
            if response.status_code != 200:
                raise SignInError.refused(response)
            signed = await http.post(
                "/auth/device-sign-in", json={"device_token": body["device_token"]}
            )
            access = str(json_body(signed).get("access_token", ""))
    except httpx.HTTPError as exc:
        raise await unreachable(server, ca_pem, exc) from exc
    identity = KioskIdentity(
        server,
        str(body["device_id"]),
        str(body["tenant_id"]),
        str(body["location_id"]),
        body["name"],
        body["ticket_prefix"],
    )
    return identity, Tokens(access_token=access, device_token=body["device_token"])


@dataclass
class KioskSettings(SettingsFile):
    """The kiosk's settings file: server and identity, the staff PIN's hash, and the
    certificate authority pinned for each server address (app/tls.py)."""

    FILE: ClassVar[str] = "kiosk.json"
    identity: dict[str, str] | None = None
    pins: dict[str, str] = field(default_factory=dict)
    pin_hash: str = ""
    pin_failures: int = 0  # wrong staff PINs since the last right one
    pin_locked_until: str = ""  # ISO instant: the exit is locked until then
    language: str = "es-AR"
    idle_seconds: int = 45

    def kiosk(self) -> KioskIdentity | None:
        return KioskIdentity(**self.identity) if self.identity else None


# The staff PIN: Argon2id (argon2-cffi, as the server's passwords), so that the settings
# file does not give it away even with a short PIN; PIN_TRIES wrong ones lock the exit
# for PIN_LOCK, twice as long after each further wrong one, up to PIN_LOCK_MAX.
_pin_hasher = PasswordHasher()
PIN_TRIES = 5
PIN_LOCK = timedelta(minutes=5)
PIN_LOCK_MAX = timedelta(hours=1)


def hash_pin(pin: str) -> str:
    return _pin_hasher.hash(pin)


def check_pin(pin: str, stored: str) -> bool:
    """Whether `pin` is the one `stored` was made from: an Argon2 hash, or the
    PBKDF2 `salt$digest` of kiosks enrolled by an older version."""
    if stored.startswith("$argon2"):
        try:
            return _pin_hasher.verify(stored, pin)
        except (VerificationError, InvalidHashError):
            return False
    salt, _, digest = stored.partition("$")
    try:
        salt_bytes, expected = bytes.fromhex(salt), bytes.fromhex(digest)
    except ValueError:
        return False
    if not salt_bytes or not expected:
        return False
    derived = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt_bytes, 200_000)
    return hmac.compare_digest(derived, expected)


def pin_needs_rehash(stored: str) -> bool:
    return not stored.startswith("$argon2") or _pin_hasher.check_needs_rehash(stored)


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    locked_for: int = 0  # seconds the exit stays locked; 0: it is not
    tries_left: int = 0  # wrong PINs still allowed before it locks


class ExitPin:
    """The staff PIN that leaves the kiosk. Its hash, the wrong tries and the lock live
    in the kiosk's settings file, so that restarting the kiosk (or crashing it) does
    not give a guesser fresh tries. Blocking (Argon2 takes a tenth of a second on
    purpose): call `set` and `check` off the GUI thread."""

    def __init__(
        self,
        settings: KioskSettings,
        save: Callable[[], None],
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings, self.save, self.now = settings, save, now

    def set(self, pin: str) -> None:
        """A new PIN (at enrollment), with no wrong tries against it; the caller saves."""
        self.settings.pin_hash = hash_pin(pin)
        self.settings.pin_failures = 0
        self.settings.pin_locked_until = ""

    def locked_for(self) -> int:
        """Seconds until the exit may be tried again; 0 if it may now."""
        if not self.settings.pin_locked_until:
            return 0
        try:
            until = datetime.fromisoformat(self.settings.pin_locked_until)
        except ValueError:
            return 0
        return max(0, math.ceil((until - self.now()).total_seconds()))

    def check(self, pin: str) -> PinCheck:
        locked = self.locked_for()
        if locked:
            return PinCheck(False, locked_for=locked)  # not even checked while locked
        stored = self.settings.pin_hash
        if stored and check_pin(pin, stored):
            if pin_needs_rehash(stored):  # an older kiosk's PBKDF2: Argon2 from now on
                self.settings.pin_hash = hash_pin(pin)
            if self.settings.pin_failures or stored != self.settings.pin_hash:
                self.settings.pin_failures = 0
                self.settings.pin_locked_until = ""
                self.save()
            return PinCheck(True)
        self.settings.pin_failures += 1
        beyond = self.settings.pin_failures - PIN_TRIES
        if beyond >= 0:
            lock = min(PIN_LOCK * 2 ** min(beyond, 16), PIN_LOCK_MAX)
            self.settings.pin_locked_until = (self.now() + lock).isoformat()
        self.save()
        return PinCheck(False, locked_for=self.locked_for(), tries_left=max(0, -beyond))


class Outcome(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    ALREADY = "already"  # checked in: waiting to be called
    IN_SERVICE = "in_service"  # being seen already (stepped out a moment?)
    COMPLETED = "completed"  # today's visit is over
    NO_SHOW = "no_show"  # the desk marked it as missed
    CANCELLED = "cancelled"
    TOO_EARLY = "too_early"
    TOO_LATE = "too_late"
    OFFLINE = "offline"  # phone/DNI needs the server
    LOCKED = "locked"  # too many misses on this kiosk: phone/DNI rests a while


# A booking past check-in, or one that will not happen, has its own answer: "take a
# seat, you will be called" is only true of one checked in and waiting.
SETTLED: dict[str, Outcome] = {
    "checked_in": Outcome.ALREADY,
    "in_service": Outcome.IN_SERVICE,
    "completed": Outcome.COMPLETED,
    "no_show": Outcome.NO_SHOW,
    "cancelled": Outcome.CANCELLED,
}


@dataclass(frozen=True)
class Match:
    outcome: Outcome
    booking_id: str = ""
    label: str = ""  # "María G."
    start: datetime | None = None
    provider: str = ""
    service: str = ""


def normalise_code(text: str) -> str:
    """What a person or a scanner typed: case and spaces do not matter; a QR code may
    carry a URL whose last part is the code."""
    text = text.strip().rsplit("/", 1)[-1]
    return "".join(c for c in text.upper() if c.isalnum())


def judge(replica: Replica, row: Row, now: datetime) -> Match:
    """Whether this booking can be checked in now, and what to show the customer."""
    start = parse(row["start_at"])
    provider = (replica.get("provider", row["provider_id"]) or {}).get("display_name", "")
    service = (replica.get("service", row["service_id"]) or {}).get("name", "")
    base = {
        "booking_id": row["booking_id"],
        "label": row.get("customer_label", ""),
        "start": start,
        "provider": provider,
        "service": service,
    }
    settled = SETTLED.get(row["status"])
    if settled is not None:
        return Match(settled, **base)
    if row["status"] not in CHECKABLE:
        return Match(Outcome.NOT_FOUND)
    if now < start - EARLY:
        return Match(Outcome.TOO_EARLY, **base)
    if now > start + LATE:
        return Match(Outcome.TOO_LATE, **base)
    return Match(Outcome.FOUND, **base)


def find_by_code(replica: Replica, code: str, now: datetime) -> Match:
    """Today's booking with this code at this location (from the replica: offline)."""
    wanted = normalise_code(code)
    if not wanted:
        return Match(Outcome.NOT_FOUND)
    rows = replica.all("booking", "json_extract(data, '$.code') = ?", [wanted])
    if not rows:
        return Match(Outcome.NOT_FOUND)
    return judge(replica, rows[0], now)


class KioskService:
    """What the kiosk's screens call. Blocking methods run on the worker thread."""

    def __init__(
        self, identity: KioskIdentity, replica: Replica, api: SyncApi, engine: SyncEngine
    ) -> None:
        self.identity, self.replica, self.api, self.engine = identity, replica, api, engine
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        if replica.meta("ticket_prefix") != identity.ticket_prefix:
            replica.set_meta("ticket_prefix", identity.ticket_prefix)

    def find_by_code(self, code: str) -> Match:
        return find_by_code(self.replica, code, self.now())

    async def find_by_person(
        self, phone: str, national_id: str, appointment_time: str, date_of_birth: str
    ) -> Match:
        """By phone or DNI and a second factor: the server answers (online only)."""
        body = {
            "phone": phone,
            "national_id": national_id,
            "appointment_time": appointment_time,
            "date_of_birth": date_of_birth,
        }
        try:
            booking_id = await self.api.lookup(body)
        except TooManyAttemptsError:
            return Match(Outcome.LOCKED)
        except SyncError:  # unreachable, failing, or refusing: the code still works
            return Match(Outcome.OFFLINE)
        if booking_id is None:
            return Match(Outcome.NOT_FOUND)
        row = self.replica.get("booking", booking_id)
        if row is None:  # booked a moment ago: the running loop's next pull brings it
            self.engine.sync_soon()
            for _ in range(50):
                await asyncio.sleep(0.1)
                row = self.replica.get("booking", booking_id)
                if row is not None:
                    break
        return Match(Outcome.NOT_FOUND) if row is None else judge(self.replica, row, self.now())

    def check_in(self, booking_id: str) -> None:
        """Recorded durably before the screen says so; pushed when the network allows."""
        self.engine.submit("booking.check_in", {"booking_id": booking_id}, now=self.now())

    def services(self) -> list[Row]:
        rows = [s for s in self.replica.all("service") if s.get("active", True)]
        return sorted(rows, key=lambda s: s["name"])

    def take_ticket(self, service_id: str | None) -> Ticket:
        """A ticket numbered from this kiosk's own sequence of the day."""
        now = self.now()
        tz = business(self.replica).time_zone
        day = now.astimezone(tz).date().isoformat()
        key = f"ticket_seq:{day}"
        number = int(self.replica.meta(key, "0")) + 1
        self.replica.set_meta(key, str(number))  # before the ticket: never handed out twice
        _, args = self.engine.submit(
            "walkin.create",
            {
                "location_id": self.identity.location_id,
                "service_id": service_id,
                "number": number,
            },
        )
        line = [t for t in queue(self.replica, now) if t.status == "waiting"]
        mine = next((i for i, t in enumerate(line) if t.ticket_id == args["ticket_id"]), None)
        wait = line[mine].wait if mine is not None else None
        ahead = mine if mine is not None else len(line)
        service = self.replica.get("service", service_id) if service_id else None
        return Ticket(
            label=ticket_label(number, self.identity.ticket_prefix),
            service=(service or {}).get("name", ""),
            issued_at=now,
            wait=wait,
            ahead=ahead,
            ticket_id=args["ticket_id"],
        )


@dataclass(frozen=True)
class Ticket:
    label: str
    service: str
    issued_at: datetime
    wait: timedelta | None
    ahead: int
    ticket_id: str
