"""The sync loop: push the outbox, pull until caught up, wait for a hint, repeat.

It keeps what the UI must always show: online, offline or syncing; how many changes
wait; when it last synced; how far a first sync has got; what the server refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from app.changes import EVERYTHING, Changes
from app.domain.timezones import DEFAULT_TIME_ZONE, zone
from app.sync import effects
from app.sync.api import (
    ClientIdReusedError,
    CursorAheadError,
    OfflineError,
    SeqGapError,
    SignedOutError,
    SyncApi,
    UntrustedCertificateError,
    Upstream,
)
from app.sync.replica import ConflictRecord, Pending, Replica

log = logging.getLogger(__name__)
# Pages of a first sync asked for at once (the bundled server runs 1 to 2 processes).
PAGES_AHEAD = 2


class SyncState(StrEnum):
    OFFLINE = "offline"
    SYNCING = "syncing"
    ONLINE = "online"
    SIGNED_OUT = "signed_out"
    # The server's certificate is not the one pinned: nothing is sent until staff
    # check with their administrator and pin it again (or it comes back).
    UNTRUSTED = "untrusted"


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState
    pending: int
    last_sync_at: str | None
    progress: tuple[int, int] | None  # rows done, rows in all, during a first sync
    conflicts: int
    # Syncing with a site hub: its link to central, as of the last pull (None: the
    # server is central, or a site's only one).
    upstream: Upstream | None = None


class Backoff:
    """Exponential with jitter: many desks coming back at once do not stampede."""

    def __init__(
        self, base: float = 0.5, cap: float = 30.0, rng: random.Random | None = None
    ) -> None:
        self.base, self.cap, self.rng, self.failures = base, cap, rng or random.Random(), 0

    def next_delay(self) -> float:
        delay = min(self.cap, self.base * 2**self.failures)
        self.failures += 1
        return float(delay * self.rng.uniform(0.5, 1.0))

    def reset(self) -> None:
        self.failures = 0


class SyncEngine:
    def __init__(
        self,
        replica: Replica,
        api: SyncApi,
        *,
        push_batch: int = 200,
        pull_limit: int = 2000,
        idle_s: float = 30.0,
        on_status: Callable[[SyncStatus], None] | None = None,
        backoff: Backoff | None = None,
        today: Callable[[], str] | None = None,
        clock: Callable[[], datetime] | None = None,
        fallback: SyncApi | None = None,
    ) -> None:
        self.replica, self.api = replica, api
        # A desk at a site may sync with its site hub and fall back on the central
        # server when the hub is unreachable (and back to the hub when it answers).
        # Each change keeps its (client id, seq) on either way, so central applies it
        # once; each server counts versions of its own, so a replica's cursor belongs
        # to one of them, and moving to the other pulls anew.
        self.apis = [api, fallback] if fallback is not None else [api]
        self.push_batch, self.pull_limit, self.idle_s = push_batch, pull_limit, idle_s
        self.on_status = on_status
        # Told which kinds of rows moved (a pulled page, a refusal), so views reload
        # only for theirs; a status tick alone moves none.
        self.on_changes: Callable[[Changes], None] | None = None
        self.backoff = backoff or Backoff()
        self._today = today or self._local_today
        # What "now" is for the rules a change is checked against (tests fix it).
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        self._wake = asyncio.Event()
        self._state = SyncState.OFFLINE
        self._progress: tuple[int, int] | None = None
        self._upstream: Upstream | None = None
        self._known_version = -1
        self._stopping = False
        self.last_error = ""  # the last unexpected failure, for diagnostics
        self._loop: asyncio.AbstractEventLoop | None = None

    def _local_today(self) -> str:
        """Today in the business's zone: the desk's window moves at its midnight."""
        tenants = self.replica.all("tenant")
        tz = zone(tenants[0]["time_zone"] if tenants else DEFAULT_TIME_ZONE)
        return datetime.now(tz).date().isoformat()

    # -- what the UI calls -----------------------------------------------------------------

    def submit(
        self, name: str, args: dict[str, Any], now: datetime | None = None
    ) -> tuple[int, dict[str, Any]]:
        """Check and record a change durably; return its seq and final args.

        Blocking (SQLite with fsync): the desk calls it from its worker thread. Raises a
        DomainError, naming the field, if the replica already shows the change is wrong.
        `now` overrides the engine's clock for this change's rules.
        """
        mutation, effect = effects.prepare(self.replica, name, args, now or self.clock())
        seq = self.replica.enqueue(mutation, effect)
        self._wake_soon()
        self._announce()
        return seq, mutation.wire()

    def submit_together(
        self, changes: list[tuple[str, dict[str, Any]]], now: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Check and record several changes in one replica transaction: all or none,
        each checked with the effects of those before it (a booking, then the waitlist
        entry it meets), with seqs in a row so they reach the server in one push.
        Blocking, like submit; returns their final args."""
        when = now or self.clock()
        done = []
        with self.replica.transaction():
            for name, args in changes:
                mutation, effect = effects.prepare(self.replica, name, args, when)
                self.replica.enqueue(mutation, effect)
                done.append(mutation.wire())
        self._wake_soon()
        self._announce()
        return done

    def sync_soon(self) -> None:
        """Ask the running loop for a sync now (e.g. a row the server just named)."""
        self._wake_soon()

    def status(self) -> SyncStatus:
        return SyncStatus(
            state=self._state,
            pending=self.replica.pending_count(),
            last_sync_at=self.replica.meta("last_sync_at") or None,
            progress=self._progress,
            conflicts=len(self.replica.conflicts()),
            upstream=self._upstream if self._state is not SyncState.OFFLINE else None,
        )

    def discard_conflict(self, seq: int) -> None:
        self.replica.resolve_conflict(seq)
        self._announce()

    # -- the loop --------------------------------------------------------------------------

    async def run(self) -> None:
        self._loop = asyncio.get_running_loop()
        hints = asyncio.create_task(self._listen_for_hints())
        tried: set[int] = set()  # servers that failed since the last good sync
        try:
            while not self._stopping:
                try:
                    await self.sync_once()
                    self.backoff.reset()
                    tried.clear()
                    await self._idle(self.idle_s)
                    await self._prefer_first()
                except UntrustedCertificateError as exc:
                    log.warning("the server's certificate is refused: %s", exc)
                    self.last_error = f"certificate refused: {exc}"
                    self._set_state(SyncState.UNTRUSTED)
                    await self._idle(self.backoff.next_delay())
                except OfflineError as exc:
                    log.info("offline: %s", exc)
                    tried.add(self.apis.index(self.api))
                    others = [i for i in range(len(self.apis)) if i not in tried]
                    if others:  # fail over at once to a server not tried yet
                        self.api = self.apis[others[0]]
                        log.warning("%s unreachable: syncing with %s", exc, self.api.base_url)
                        continue
                    tried.clear()
                    self.api = self.apis[0]  # the next round starts at the first again
                    self._set_state(SyncState.OFFLINE)
                    await self._idle(self.backoff.next_delay())
                except SignedOutError:
                    self._set_state(SyncState.SIGNED_OUT)
                    await self._idle(self.idle_s)
                except Exception as exc:
                    # An answer we cannot use, or a bug: say so and keep trying. Ending
                    # the loop would leave the desk showing "syncing" while nothing does.
                    log.exception("sync failed")
                    self.last_error = f"{type(exc).__name__}: {exc}"
                    self._set_state(SyncState.OFFLINE)
                    await self._idle(self.backoff.next_delay())
        finally:
            hints.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await hints

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def shut_down(self, task: asyncio.Task[None] | None, grace: float = 5.0) -> None:
        """Stop the loop running in `task` and wait for it. A sync in flight may finish
        (its answer is worth keeping); after `grace` seconds it is cut, so a dead
        network never holds a closing window open."""
        self.stop()
        if task is None:
            return
        done, _ = await asyncio.wait({task}, timeout=grace)
        if not done:
            task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    async def _prefer_first(self) -> None:
        """Syncing with the fallback: back to the first server as soon as it answers."""
        first = self.apis[0]
        if self.api is not first and await first.reachable():
            log.info("%s answers again: syncing with it", first.base_url)
            self.api = first

    async def sync_once(self) -> None:
        """Push everything waiting, then pull until caught up."""
        if _server_of(self.replica.meta("cursor_of")) not in ("", self.api.base_url):
            # The cursor counts another server's versions: pull everything from this
            # one (the rows stay on screen meanwhile; the outbox waits its turn).
            await asyncio.to_thread(self.replica.start_full_resync)
            self._upstream = None
        if self._state is not SyncState.UNTRUSTED:
            # A refused certificate stays on screen through the retries, with the way
            # to check the new one, until one of them gets through.
            self._set_state(SyncState.SYNCING)
        await self._push_all()
        try:
            await self._pull_all()
        except CursorAheadError:
            # The server was restored from a backup: what this replica holds beyond it
            # would never be corrected. Pull it all again; the outbox stays.
            log.warning("the server's data is older than this replica's: pulling it anew")
            await asyncio.to_thread(self.replica.start_full_resync)
            await self._pull_all()
        await asyncio.to_thread(
            self.replica.set_meta, "last_sync_at", datetime.now(UTC).isoformat()
        )
        self._set_state(SyncState.ONLINE)

    async def _idle(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)
        self._wake.clear()

    def _wake_soon(self) -> None:
        """Wake the loop to push at once; submit() may run on a worker thread."""
        loop = self._loop
        if loop is None:
            return  # not running yet: it pushes first thing when it starts
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._wake.set()
        else:
            loop.call_soon_threadsafe(self._wake.set)

    async def _listen_for_hints(self) -> None:
        usual = Backoff(base=1.0, cap=30.0)
        # The server ended the stream itself: its process is stopping, most likely for a
        # restart. Another process (or this one, back) takes the stream: try often until
        # one does, each desk at its own moment.
        restarting = Backoff(base=0.25, cap=2.0)
        backoff, again = usual, False
        while not self._stopping:
            try:
                async for version in self.api.versions():
                    usual.reset()
                    restarting.reset()
                    backoff = usual
                    # Back after a break: hints may have been missed meanwhile.
                    if again or version > self._known_version:
                        self._wake.set()
                    again = False
                backoff = restarting
            except (OfflineError, SignedOutError) as exc:
                log.debug("event stream: %s", exc)
            again = True
            # The stream broke: try a sync now, so the desk shows offline at once
            # instead of after its idle wait.
            self._wake.set()
            await asyncio.sleep(backoff.next_delay())

    # -- push --------------------------------------------------------------------------------

    async def _push_all(self) -> None:
        accepted: list[Pending] = []
        while True:
            batch = await asyncio.to_thread(self.replica.pending, self.push_batch)
            if not batch:
                return
            base = self.replica.seq_base  # the server's seqs are ours minus this
            try:
                accepted += await self._send(batch, accepted)
            except SeqGapError as gap:
                await self._recover_gap(batch[0].seq, gap.expected_seq + base)
            except ClientIdReusedError as reused:
                # Another replica pushed under our id (we are a restored backup or a
                # copy). The changes the server has of ours are sent once more, alone,
                # for their answers (refusals included); the rest go under a new id.
                log.warning("our client id is in use by another replica: taking a new one")
                known = [p for p in batch if p.seq - base <= reused.duplicates_through]
                if known:
                    accepted += await self._send(known, accepted)
                await asyncio.to_thread(self.replica.new_identity)

    async def _send(self, batch: list[Pending], earlier: list[Pending]) -> list[Pending]:
        """Push `batch` under the current client id; settle it with the server's answers.
        Returns the changes accepted (`earlier`: those accepted before it this time)."""
        base = self.replica.seq_base
        mutations = [
            {"seq": p.seq - base, "name": p.name, "args": p.args}
            | ({"refused": p.refusal} if p.refusal is not None else {})
            for p in batch
        ]
        by_seq = {p.seq: p for p in batch}
        pushed = await self.api.push(self.replica.client_id, mutations)
        answer = pushed.out
        refused = [
            ConflictRecord(
                r.seq + base,
                by_seq[r.seq + base].name,
                by_seq[r.seq + base].args,
                r.code or "rejected",
                r.field,
                r.message or "",
                r.details,
                datetime.now(UTC).isoformat(),
            )
            for r in answer.results
            # One sent again only to take its seq is a conflict kept already.
            if r.status == "rejected" and by_seq[r.seq + base].refusal is None
        ]
        await asyncio.to_thread(self.replica.settle, batch[-1].seq, refused, pushed.hub)
        # What central has needs keeping no longer: all it answered for, or what the
        # site hub says it has forwarded.
        confirmed = answer.last_seq if not pushed.hub else pushed.confirmed
        if confirmed is not None:
            await asyncio.to_thread(self.replica.confirm, confirmed + base)
        no = {c.seq for c in refused}
        accepted = [p for p in batch if p.seq not in no and p.refusal is None]
        if refused:
            # Take the refused changes off the screen; the accepted ones stay until
            # the pull that follows brings the server's rows.
            await asyncio.to_thread(
                self.replica.rebuild_overlay, effects.effect_of, earlier + accepted
            )
            self._tell(_refused(refused))
        self._announce()
        return accepted

    async def _recover_gap(self, first_pending: int, expected: int) -> None:
        """The server expects another seq than our first pending one (both local)."""
        if expected <= first_pending:
            # The server forgot changes it had acknowledged. A site hub that lost its
            # store and starts from central's count: the changes it had taken are kept
            # here, and go again. Else (restored from a backup) those are gone with it,
            # and what still waits goes under a new id.
            log.warning("the server expects seq %s, ours start at %s", expected, first_pending)
            if expected < first_pending and await asyncio.to_thread(
                self.replica.send_again, expected, first_pending - 1
            ):
                log.warning("sending again what a site hub had taken and lost")
                return
            await asyncio.to_thread(self.replica.new_identity)
            return
        # Our earlier attempt was applied but its answer was lost: learn what became of it.
        base = self.replica.seq_base
        refused = [
            _stored_refusal(r, base)
            for r in await self.api.rejections(self.replica.client_id, first_pending - 1 - base)
            if r["seq"] + base < expected
        ]
        by_hub = self._upstream is not None
        await asyncio.to_thread(self.replica.settle, expected - 1, refused, by_hub)
        if refused:
            self._tell(_refused(refused))

    # -- pull --------------------------------------------------------------------------------

    async def _pull_all(self) -> None:
        replica = self.replica
        if replica.meta("scope_day") not in ("", self._today()):
            # A new day moves the window of bookings this replica holds: pull it anew.
            await asyncio.to_thread(replica.start_full_resync)
        if replica.cursor == "0":
            # Remembered, so that a first sync cut short resumes as a first sync.
            await asyncio.to_thread(replica.set_meta, "full_sync", "1")
        full = replica.meta("full_sync") == "1"
        done = int(replica.meta("full_done", "0")) if full else 0
        if full:
            await asyncio.to_thread(replica.defer_indexes)
        first = True
        moved: set[str] = set()
        asked = replica.cursor
        page = await self.api.pull(
            asked, self.pull_limit, full=full, count=full, client_id=replica.client_id
        )
        base, store = self.api.base_url, page.get("store") or ""
        known = replica.meta(f"store_of:{base}")
        if store != known:
            await asyncio.to_thread(replica.set_meta, f"store_of:{base}", store)
            if known:
                # The same address, another store: a site hub rebuilt after its store
                # was lost (or a server restored). What it had taken and not forwarded
                # goes again (what central has already, the new store answers as done),
                # and its refusals, central's brought anew, are heard again (a conflict
                # already kept is kept once).
                log.warning("%s serves another store now: pulling it anew", base)
                await asyncio.to_thread(replica.send_again)
                await asyncio.to_thread(replica.set_meta, "refusals_since", "")
                self._wake_soon()
        origin = base + (f"#{store}" if store else "")
        held = replica.meta("cursor_of")
        if held != origin:
            if asked != "0" and held:
                # The cursor counts another store's versions: pull everything anew.
                await asyncio.to_thread(replica.start_full_resync)
                await asyncio.to_thread(replica.set_meta, "cursor_of", "")
                await self._pull_all()
                return
            # From here on the cursor counts this server's (and store's) versions.
            await asyncio.to_thread(replica.set_meta, "cursor_of", origin)
            self._known_version = -1
        if page.get("confirmed") is not None:
            await asyncio.to_thread(replica.confirm, int(page["confirmed"]) + replica.seq_base)
        # Ask for what follows while a page is stored: the server and the replica work
        # at the same time (a first sync is tens of thousands of rows). A first sync's
        # first page also says where the following pages begin: several are asked for
        # at once then (each server process makes one), and stored in order all the
        # same. A row written meanwhile moves past the end, so a page asked for later
        # may bring rows the next one brings too, never fewer than it should.
        starts = deque(page.get("splits") or [])
        ahead: deque[asyncio.Task[dict[str, Any]]] = deque()
        try:
            while True:
                if page["more"]:
                    if not ahead:
                        ahead.append(self._ask(page["cursor"], full))
                    while starts and len(ahead) < PAGES_AHEAD:
                        ahead.append(self._ask(starts.popleft(), full))
                if full:
                    done += len(page["changes"])
                await asyncio.to_thread(
                    replica.apply_changes, page["changes"], page["cursor"], done if full else None
                )
                moved.update(c["entity"] for c in page["changes"])
                self._known_version = max(self._known_version, int(page["version"]))
                self._upstream = page.get("upstream")
                if full:
                    if first and page["remaining"] is not None:
                        total = done + int(page["remaining"])
                    elif self._progress is not None:
                        total = max(self._progress[1], done)
                    else:
                        total = done
                    self._progress = (done, total)
                    self._announce()
                first = False
                if not ahead:
                    break
                page = await ahead.popleft()
        finally:
            for task in ahead:
                task.cancel()
            await asyncio.gather(*ahead, return_exceptions=True)
        if full:
            await asyncio.to_thread(replica.finish_full_resync)
            self._progress = None
        await asyncio.to_thread(replica.set_meta, "scope_day", self._today())
        if self._upstream is not None:
            await self._late_refusals()
        await asyncio.to_thread(replica.rebuild_overlay, effects.effect_of)
        if full or moved:
            self._tell(EVERYTHING if full else Changes.of_entities(moved))
        self._announce()

    def _ask(self, cursor: str, full: bool) -> asyncio.Task[dict[str, Any]]:
        return asyncio.create_task(self.api.pull(cursor, self.pull_limit, full=full, count=False))

    async def _late_refusals(self) -> None:
        """At a site hub, a change the hub applied may be refused later by central (a
        slot another site or the web took first): the hub keeps that refusal for this
        client, and here it joins the conflicts to settle, once."""
        replica = self.replica
        base = replica.seq_base
        # By when they were refused, not by seq: central may refuse an earlier change
        # after the hub refused a later one. Those at the instant itself come again,
        # and are kept once.
        since = replica.meta("refusals_since") or None
        found = await self.api.rejections(replica.client_id, 0, since)
        if not found:
            return
        records = [_stored_refusal(r, base) for r in found]
        added = await asyncio.to_thread(replica.add_conflicts, records)
        latest = max((r["refused_at"] for r in found if r.get("refused_at")), default=since)
        if latest:
            await asyncio.to_thread(replica.set_meta, "refusals_since", latest)
        if added:
            self._tell(_refused([c for c in records if c.seq in added]))

    # -- status ------------------------------------------------------------------------------

    def _set_state(self, state: SyncState) -> None:
        if state != self._state:
            self._state = state
            self._announce()

    def _announce(self) -> None:
        if self.on_status is not None:
            self.on_status(self.status())

    def _tell(self, changes: Changes) -> None:
        if self.on_changes is not None:
            self.on_changes(changes)


def _server_of(cursor_of: str) -> str:
    """The address in what a replica's cursor belongs to (address#store, at a hub)."""
    return cursor_of.split("#", 1)[0]


def _stored_refusal(r: dict[str, Any], base: int) -> ConflictRecord:
    """A refusal the server kept (GET /sync/rejections), as this replica's conflict."""
    return ConflictRecord(
        r["seq"] + base,
        r["name"],
        r["args"],
        r["code"],
        r.get("field"),
        r["message"],
        r.get("details") or {},
        datetime.now(UTC).isoformat(),
    )


def _refused(refused: list[ConflictRecord]) -> Changes:
    """Refused changes leave the screen and show as conflicts."""
    changes = Changes(conflicts=True)
    for c in refused:
        changes |= Changes.of_change(c.name)
    return changes
