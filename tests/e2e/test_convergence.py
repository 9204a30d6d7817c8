"""Property: whatever the network and the server do, desks and server converge.

Three desks book, check in, cancel and move bookings while going offline, losing
answers, sending requests twice and living through server restarts. A desk's disk may
die and its replica come back from a backup; a replica may be copied to a new PC (which
then works beside the original under the same client id); on SQLite the server's store
may come back from a backup. After everyone is back and has synced: each replica equals
the server's view for its scope, every change a desk accepted was applied or shown to
it as refused (but for those a restored server lost with it), and no provider is
double-booked in the central store.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import Engine, select

from app.domain.bookings import ACTIVE_STATUSES
from app.domain.errors import DomainError
from app.sync.api import MemoryTokens, SyncError
from app.sync.engine import SyncEngine
from server.db.engine import ALL_TENANTS, make_session_factory
from server.db.lineage import mark_restored
from server.models import Booking, SyncClient
from tests.helpers.clinic import BA, Clinic, at, future_day, make_clinic
from tests.helpers.clock import morning_of
from tests.helpers.desks import make_desk, sign_in_tokens
from tests.helpers.flaky import FlakyNetwork
from tests.helpers.live import LiveServer

DESKS = 3
# What a bad network does to a push: the server acts but the desk never hears, or the
# request arrives twice. "offline" sends nothing, as when the desk stays away.
TROUBLES = ["none", "none", "lose answer", "duplicate", "lose and duplicate", "offline"]
TIMES = [f"{h:02d}:{m:02d}" for h in range(9, 13) for m in (0, 15, 30, 45)]
_tenants = itertools.count()


def convergence_machine(server: LiveServer) -> type[RuleBasedStateMachine]:
    class Convergence(RuleBasedStateMachine):
        @initialize()
        def open_clinic(self) -> None:
            self.loop = asyncio.new_event_loop()
            self.folder = Path(tempfile.mkdtemp(prefix="convergence-"))
            self.clinic: Clinic = make_clinic(server.engine, prefix=f"c{next(_tenants)}")
            self._email = self.clinic.reception_email
            self.nets = [FlakyNetwork() for _ in range(DESKS)]
            self.tokens = [
                MemoryTokens(sign_in_tokens(server.base_url, self._email)) for _ in range(DESKS)
            ]
            self.desks: list[SyncEngine] = [
                self._open(f"d{i}", self.nets[i], self.tokens[i]) for i in range(DESKS)
            ]
            self.created: list[set[str]] = [set() for _ in range(DESKS)]
            self.backups: dict[int, tuple[Path, set[str]]] = {}  # desk -> file, its created
            self.store_backup: Path | None = None
            self.store_restored = False
            for i in range(DESKS):
                self._sync(i)

        def _sync(self, i: int) -> None:
            # Offline, an answer lost, the server restarting: it tries again later.
            with contextlib.suppress(SyncError, httpx.HTTPError):
                self.loop.run_until_complete(self.desks[i % len(self.desks)].sync_once())

        def _submit(self, i: int, name: str, args: dict[str, Any]) -> None:
            i %= len(self.desks)  # a copied replica's desk is the last
            try:
                _, final = self.desks[i].submit(name, args)
            except DomainError:
                return  # the desk refused it at once: nothing was accepted
            if name == "booking.create":
                self.created[i].add(final["booking_id"])

        @rule(
            i=st.integers(0, DESKS),
            t=st.sampled_from(TIMES),
            bruno=st.booleans(),
            day=st.integers(7, 8),
        )
        def book(self, i: int, t: str, bruno: bool, day: int) -> None:
            provider = self.clinic.bruno if bruno else self.clinic.ana
            self._submit(
                i,
                "booking.create",
                {
                    "customer_id": str(self.clinic.customer),
                    "service_id": str(self.clinic.consult),
                    "provider_id": str(provider),
                    "start_at": at(future_day(days=day), t),
                },
            )

        @rule(
            i=st.integers(0, DESKS),
            pick=st.integers(0, 50),
            action=st.sampled_from(
                ["booking.check_in", "booking.cancel", "booking.no_show", "booking.reschedule"]
            ),
            t=st.sampled_from(TIMES),
        )
        def change(self, i: int, pick: int, action: str, t: str) -> None:
            """Act on a booking this desk sees (its own or one synced from another desk)."""
            i %= len(self.desks)
            bookings = sorted(self.desks[i].replica.all("booking"), key=lambda b: b["booking_id"])
            if not bookings:
                return
            b = bookings[pick % len(bookings)]
            args: dict[str, Any] = {"booking_id": b["booking_id"]}
            if action == "booking.cancel":
                args["reason"] = "Avisó"
            if action == "booking.reschedule":
                args["start_at"] = at(future_day(days=7), t)
            self._submit(i, action, args)

        @rule(
            i=st.integers(0, DESKS),
            trouble=st.sampled_from(["none", "lose answer", "duplicate", "lose and duplicate"]),
        )
        def sync(self, i: int, trouble: str) -> None:
            i %= len(self.desks)
            if trouble == "offline":
                return
            if "lose" in trouble:
                self.nets[i].lose_next_answer_to = "/sync/push"
            if "duplicate" in trouble:
                self.nets[i].duplicate_next_to = "/sync/push"
            self._sync(i)
            self.nets[i].lose_next_answer_to = self.nets[i].duplicate_next_to = None

        @rule(i=st.integers(0, DESKS), down=st.booleans())
        def network(self, i: int, down: bool) -> None:
            self.nets[i % len(self.nets)].down = down

        @rule(i=st.integers(0, DESKS - 1))
        def back_up_desk(self, i: int) -> None:
            """Last night's backup of this PC (its outbox may hold changes)."""
            self.desks[i].replica.checkpoint()
            path = self.folder / f"backup{i}.db"
            shutil.copy(self.desks[i].replica.path, path)
            self.backups[i] = (path, set(self.created[i]))

        @rule(i=st.integers(0, DESKS - 1))
        def restore_desk(self, i: int) -> None:
            """The PC's disk died: its replica comes back from the backup, behind."""
            if i not in self.backups:
                return
            path, created = self.backups[i]
            desk = self.desks[i]
            session = self.tokens[i]  # the same PC's keyring: it resumes its session
            self.loop.run_until_complete(desk.api.aclose())
            desk.replica.close()
            for leftover in desk.replica.path.parent.glob(desk.replica.path.name + "-*"):
                leftover.unlink()  # the WAL of the dead disk goes with it
            shutil.copy(path, desk.replica.path)
            self.desks[i] = self._open(f"d{i}", self.nets[i], session)
            self.created[i] = set(created)  # what was made since died with the disk

        @rule(i=st.integers(0, DESKS - 1))
        def copy_desk(self, i: int) -> None:
            """The replica is copied to a new PC, which works beside this one."""
            if len(self.desks) > DESKS:
                return  # one copy per example is enough
            self.desks[i].replica.checkpoint()
            name = f"d{len(self.desks)}"
            shutil.copy(self.desks[i].replica.path, self.folder / f"{name}.db")
            self.nets.append(FlakyNetwork())
            self.tokens.append(MemoryTokens(sign_in_tokens(server.base_url, self._email)))
            self.desks.append(self._open(name, self.nets[-1], self.tokens[-1]))
            self.created.append(set(self.created[i]))

        @rule()
        def back_up_store(self) -> None:
            if self._store_file() is None:
                return
            server.stop()
            server.engine.dispose()
            self.store_backup = self.folder / "store-backup.db"
            shutil.copy(self._store_file(), self.store_backup)  # type: ignore[arg-type]
            server.start()

        @rule()
        def restore_store(self) -> None:
            """The server's store comes back from its backup: what came after is gone."""
            store = self._store_file()
            if store is None or self.store_backup is None:
                return
            server.stop()
            server.engine.dispose()
            for leftover in store.parent.glob(store.name + "-*"):
                leftover.unlink()
            shutil.copy(self.store_backup, store)
            mark_restored(server.engine)  # as README's restore says: turnero admin restored
            server.start()
            self.store_restored = True
            for tokens in self.tokens:  # sessions begun since the backup are gone with it
                if not self._signed_in(tokens):
                    tokens.save(sign_in_tokens(server.base_url, self._email))
            on_server = {str(b.booking_id) for b in bookings_of(server.engine, self.clinic)}
            for i, desk in enumerate(self.desks):
                waiting = {
                    p.args.get("booking_id")
                    for p in desk.replica.pending()
                    if p.name == "booking.create"
                }
                refused = {c.details.get("id") for c in desk.replica.conflicts()}
                self.created[i] &= on_server | waiting | refused

        def _store_file(self) -> Path | None:
            url = server.engine.url
            return Path(str(url.database)) if url.get_backend_name() == "sqlite" else None

        def _open(self, name: str, net: FlakyNetwork, tokens: MemoryTokens) -> SyncEngine:
            return make_desk(
                server.base_url, self._email, self.folder, name, net, server.clock, tokens
            )

        def _signed_in(self, tokens: MemoryTokens) -> bool:
            session = tokens.load()
            assert session is not None
            me = httpx.get(
                f"{server.base_url}/auth/me",
                headers={"Authorization": f"Bearer {session.access_token}"},
                timeout=10,
            )
            return me.status_code == 200

        @rule()
        def restart_server(self) -> None:
            server.stop()
            server.start()

        @invariant()
        def store_has_no_overlap(self) -> None:
            if hasattr(self, "clinic"):
                assert_no_overlap(server.engine, self.clinic)

        def teardown(self) -> None:
            if not hasattr(self, "desks"):
                return
            try:
                self._settle_and_check()
            finally:
                for d in self.desks:
                    self.loop.run_until_complete(d.api.aclose())
                    d.replica.close()
                self.loop.close()
                shutil.rmtree(self.folder, ignore_errors=True)  # one per example

        def _settle_and_check(self) -> None:
            for net in self.nets:
                net.down = False
                net.lose_next_answer_to = net.duplicate_next_to = None
            for _ in range(2):
                for desk in self.desks:
                    self.loop.run_until_complete(desk.sync_once())
            reference = self.loop.run_until_complete(full_view(self.desks[0]))
            for i, desk in enumerate(self.desks):
                assert desk.replica.pending_count() == 0
                assert replica_view(desk) == reference, f"desk {i} differs from the server"
                refused = {
                    c.details.get("id")
                    for c in desk.replica.conflicts()
                    if c.name == "booking.create"
                }
                on_server = {str(b.booking_id) for b in bookings_of(server.engine, self.clinic)}
                for booking_id in self.created[i]:
                    # Applied, or shown to its desk as refused; never both, never neither.
                    assert (booking_id in refused) != (booking_id in on_server), booking_id
                with make_session_factory(server.engine, scope=ALL_TENANTS)() as s:
                    client = s.get(
                        SyncClient, (self.clinic.tenant_id, uuid.UUID(desk.replica.client_id))
                    )
                    # Every seq issued under its current id was applied, unless a restored
                    # store forgot it with what it did. (The server may know more seqs of
                    # the id: a replica restored from a backup, or copied, that has pushed
                    # nothing since; its next change will be seen as not the same.)
                    issued = int(desk.replica.meta("last_seq")) - desk.replica.seq_base
                    applied = client.last_seq if client else 0
                    assert self.store_restored or applied >= issued
            assert_no_overlap(server.engine, self.clinic)

    return Convergence


async def full_view(desk: SyncEngine) -> dict[tuple[str, str], Any]:
    """What the server holds for this desk's scope, pulled from scratch."""
    view: dict[tuple[str, str], Any] = {}
    cursor = "0"
    while True:
        page = await desk.api.pull(cursor, 1000, full=True, count=False)
        for c in page["changes"]:
            view[(c["entity"], c["id"])] = None if c["data"] is None else json.loads(c["data"])
        cursor = page["cursor"]
        if not page["more"]:
            return view


def replica_view(desk: SyncEngine) -> dict[tuple[str, str], Any]:
    rows = desk.replica._db.execute("SELECT entity, id, data FROM rows").fetchall()
    return {(e, i): json.loads(d) for e, i, d in rows}


def bookings_of(engine: Engine, clinic: Clinic) -> list[Booking]:
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        return list(s.scalars(select(Booking).where(Booking.tenant_id == clinic.tenant_id)))


def assert_no_overlap(engine: Engine, clinic: Clinic) -> None:
    active = [
        b for b in bookings_of(engine, clinic) if b.status in {s.value for s in ACTIVE_STATUSES}
    ]
    for x, y in itertools.combinations(active, 2):
        if x.provider_id == y.provider_id:
            assert not (x.busy_from < y.busy_until and y.busy_from < x.busy_until), (x, y)


def test_desks_and_server_converge(live_server: LiveServer) -> None:
    # Check-ins count on the first booking day and are refused on the second (not today).
    live_server.clock.at = morning_of(future_day(days=7), BA)
    # Its clock stands still, so the sign-ins of every example (desks opened, copied,
    # signed in again after a restored store) fall in one minute of the address limit.
    live_server.settings["login_attempts_per_minute"] = 10_000
    live_server.stop()
    live_server.start()
    machine = convergence_machine(live_server)
    machine.TestCase.settings = settings(
        max_examples=6,
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    machine.TestCase().runTest()
