"""The queue display board without Qt: what the waiting room's screen shows, and what it
announces, from the board's own replica (offline too).

A board's replica holds today's walk-in tickets and checked-in bookings of its location
with no customer field at all (server/sync/scopes.py), so nothing here can show a name:
a ticket is its label ("M005"), a booking its code ("ABC123").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

from app.credentials import SettingsFile
from app.kiosk import KioskIdentity
from app.sync.replica import Replica, Row
from app.sync.rows import parse

# Statuses that put someone on the board as being served now.
CALLED_TICKET = frozenset({"called", "serving"})
CALLED_BOOKING = frozenset({"in_service"})
NEXT_SHOWN = 4  # waiting entries per card: "the next few"
MAX_LANES = 8  # cards a TV shows legibly
# Of calls seen together (the board was offline meanwhile), those this much older than
# the latest are shown but not announced: the person is long at the counter.
ANNOUNCE_WITHIN = timedelta(minutes=2)
ANNOUNCE_FOR = timedelta(seconds=8)


@dataclass(frozen=True)
class Entry:
    """One ticket or booking on the board; `key` changes when it is called again."""

    key: str
    label: str
    provider_id: str | None
    called_at: datetime | None  # tickets: when called; bookings: None (no such field)
    # Tickets: their number. Calls stamped at the same instant (only a server whose clock
    # stands still, as in tests, stamps two alike) go in a fixed order: by number, which
    # is the order a desk calls its line in, then by label (kiosks number on their own).
    number: int = 0


@dataclass(frozen=True)
class Lane:
    """A provider's card, or the front counter's (provider_id None)."""

    provider_id: str | None
    name: str
    now: tuple[Entry, ...]  # being called or served, latest call first
    next: tuple[str, ...]  # labels and codes, in the order they will be seen


@dataclass(frozen=True)
class BoardView:
    lanes: tuple[Lane, ...]
    waiting: tuple[str, ...]  # walk-in tickets for whoever is free, in order
    called: tuple[Entry, ...]  # everything now called, for announcements


@dataclass(frozen=True)
class Announcement:
    key: str
    label: str
    provider: str  # "" : the front counter


def arrange(
    tickets: Iterable[Row],
    bookings: Iterable[Row],
    providers: Iterable[Row],
    today: date,
    tz: ZoneInfo,
) -> BoardView:
    """What the board shows of today's rows: per provider who is being served and who
    is next; tickets with no provider go to the counter's card when called and to the
    common line while waiting."""
    names = {p["provider_id"]: p["display_name"] for p in providers if p.get("active", True)}
    now: dict[str | None, list[Entry]] = {}
    nxt: dict[str | None, list[tuple[datetime, str]]] = {}
    waiting: list[tuple[datetime, int, str]] = []
    for t in tickets:
        if str(t.get("day") or "") != today.isoformat():
            continue
        provider = t.get("provider_id") or None
        if t["status"] in CALLED_TICKET:
            at = parse(t["called_at"]) if t.get("called_at") else None
            key = f"walkin:{t['ticket_id']}:{t.get('called_at') or ''}"
            number = int(t.get("number") or 0)
            now.setdefault(provider, []).append(Entry(key, t["label"], provider, at, number))
        elif t["status"] == "waiting":
            issued = parse(t["issued_at"])
            if provider:
                nxt.setdefault(provider, []).append((issued, t["label"]))
            else:
                waiting.append((issued, int(t.get("number") or 0), t["label"]))
    for b in bookings:
        start = parse(b["start_at"])
        if start.astimezone(tz).date() != today or not b.get("code"):
            continue
        provider = b.get("provider_id") or None
        if b["status"] in CALLED_BOOKING:
            key = f"booking:{b['booking_id']}"
            now.setdefault(provider, []).append(Entry(key, b["code"], provider, None))
        elif b["status"] == "checked_in":
            nxt.setdefault(provider, []).append((start, b["code"]))
    busy = set(now) | set(nxt)
    shown = [p for p in names if p in busy] or list(names)
    shown.sort(key=lambda p: names[p].casefold())
    if None in now:
        shown.insert(0, None)  # the counter's card first: the desk calls from there
    lanes = tuple(
        Lane(
            p,
            names.get(p, "") if p else "",
            tuple(sorted(now.get(p, []), key=_latest_first)),
            tuple(label for _, label in sorted(nxt.get(p, []))[:NEXT_SHOWN]),
        )
        for p in shown[:MAX_LANES]
    )
    called = tuple(e for entries in now.values() for e in entries)
    return BoardView(lanes, tuple(label for *_, label in sorted(waiting)), called)


def _latest_first(e: Entry) -> tuple[int, float, int, str]:
    stamp = e.called_at.timestamp() if e.called_at else 0
    return (0 if e.called_at is not None else 1, -stamp, -e.number, e.label)


def newly_called(
    before: frozenset[str] | None, view: BoardView, names: dict[str, str]
) -> list[Announcement]:
    """The calls to announce: those in `view` that were not on the board's last read
    (`before`; None on the first read, which announces nothing), oldest call first.
    Of a batch (a board back from being offline), only the calls within ANNOUNCE_WITHIN
    of the latest: the rest are long at the counter. Judged by the calls' own instants,
    never the board's clock, which on a TV in a waiting room may be anything."""
    if before is None:
        return []
    fresh = [e for e in view.called if e.key not in before]
    stamped = [e.called_at for e in fresh if e.called_at is not None]
    latest = max(stamped) if stamped else None
    fresh = [
        e
        for e in fresh
        if e.called_at is None or latest is None or latest - e.called_at <= ANNOUNCE_WITHIN
    ]
    fresh.sort(key=lambda e: (e.called_at is None, e.called_at or datetime.min, e.number, e.label))
    return [Announcement(e.key, e.label, names.get(e.provider_id or "", "")) for e in fresh]


def offline_since(state: str, last_sync_at: str | None) -> datetime | None:
    """When the board last heard from its server, if it has lost it: the discreet mark."""
    if state not in ("offline", "untrusted") or not last_sync_at:
        return None
    return parse(last_sync_at)


@dataclass
class Announcer:
    """Remembers what the board last showed as called, and says what is new."""

    seen: frozenset[str] | None = None

    def update(self, view: BoardView, names: dict[str, str]) -> list[Announcement]:
        out = newly_called(self.seen, view, names)
        self.seen = frozenset(e.key for e in view.called)
        return out


def read_view(replica: Replica, today: date, tz: ZoneInfo) -> BoardView:
    """The board's view of its replica (blocking: run it on the worker thread)."""
    return arrange(
        replica.all("walkin_ticket"), replica.all("booking"), replica.all("provider"), today, tz
    )


def provider_names(replica: Replica) -> dict[str, str]:
    return {p["provider_id"]: p["display_name"] for p in replica.all("provider")}


@dataclass
class BoardSettings(SettingsFile):
    """The board's settings file: server and identity, pinned authorities, language."""

    FILE: ClassVar[str] = "board.json"
    identity: dict[str, str] | None = None
    pins: dict[str, str] = field(default_factory=dict)
    language: str = "es-AR"
    sound: bool = True

    def board(self) -> KioskIdentity | None:
        return KioskIdentity(**self.identity) if self.identity else None
