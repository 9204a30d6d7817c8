"""Property: a site and central converge through the hub, whatever the link does.

Two desks at a site hub book, check in, cancel and move bookings, and central takes
bookings of its own (the web, another site), while the hub's link to central goes down
and up, desks lose answers or send requests twice, and the hub restarts. After the link
is back and everyone has synced: central equals the hub, each replica equals the hub,
every booking a desk made is at central or among that desk's conflicts (never both,
never neither), and no provider is double-booked at central.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import shutil
import tempfile
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import Engine

from app.domain.errors import DomainError
from app.sync.api import MemoryTokens, SyncError
from app.sync.engine import SyncEngine
from server.db.engine import make_engine
from server.db.migrate import upgrade
from server.hub.credential import enroll
from tests.e2e.test_convergence import (
    TIMES,
    assert_no_overlap,
    bookings_of,
    full_view,
    replica_view,
)
from tests.helpers.clinic import BA, PASSWORD, Clinic, at, future_day, make_clinic
from tests.helpers.clock import Clock, morning_of
from tests.helpers.desks import make_desk, sign_in_tokens
from tests.helpers.flaky import FlakyNetwork
from tests.helpers.hub import eventually
from tests.helpers.live import LiveServer
from tests.helpers.wan import Wan

DESKS = 2
_tenants = itertools.count()


def hub_machine(central: LiveServer, clock: Clock) -> type[RuleBasedStateMachine]:
    class SiteConvergence(RuleBasedStateMachine):
        @initialize()
        def open_site(self) -> None:
            self.loop = asyncio.new_event_loop()
            self.folder = Path(tempfile.mkdtemp(prefix="hub-convergence-"))
            self.clinic: Clinic = make_clinic(central.engine, prefix=f"h{next(_tenants)}")
            http = httpx.Client(base_url=central.base_url, timeout=10)
            with http:
                admin = _headers(http, self.clinic.admin_email)
                self.central_desk = _headers(http, self.clinic.reception_email)
                made = http.post(
                    "/setup/hubs",
                    headers=admin,
                    json={"location_id": str(self.clinic.location_id), "name": "Sede"},
                ).json()
            self.wan = Wan("127.0.0.1", central.port)
            enroll(self.wan.url, made["enrollment_code"]).save(self.folder)
            self.store = make_engine(f"sqlite:///{self.folder / 'turnero.db'}")
            upgrade(self.store)
            self.hub = LiveServer(
                self.store,
                clock=clock,
                hub_folder=str(self.folder),
                login_attempts_per_minute=10_000,
            )
            self.hub.start()
            eventually(lambda: self._upstream().get("state") == "online", timeout=30)
            email = self.clinic.reception_email
            self.nets = [FlakyNetwork() for _ in range(DESKS)]
            self.tokens = [
                MemoryTokens(sign_in_tokens(self.hub.base_url, email)) for _ in range(DESKS)
            ]
            self.desks: list[SyncEngine] = [
                make_desk(
                    self.hub.base_url, email, self.folder, f"d{i}", self.nets[i], clock, tokens
                )
                for i, tokens in enumerate(self.tokens)
            ]
            self.created: list[set[str]] = [set() for _ in range(DESKS)]
            for i in range(DESKS):
                self._sync(i)

        def _upstream(self) -> dict[str, Any]:
            with contextlib.suppress(httpx.HTTPError, ValueError, KeyError):
                return dict(httpx.get(f"{self.hub.base_url}/health", timeout=5).json()["upstream"])
            return {}

        def _sync(self, i: int) -> None:
            with contextlib.suppress(SyncError, httpx.HTTPError):
                self.loop.run_until_complete(self.desks[i].sync_once())

        def _submit(self, i: int, name: str, args: dict[str, Any]) -> None:
            try:
                _, final = self.desks[i].submit(name, args)
            except DomainError:
                return  # refused at once by the desk: nothing was accepted
            if name == "booking.create":
                self.created[i].add(final["booking_id"])

        def _booking(self, t: str, bruno: bool) -> dict[str, Any]:
            return {
                "customer_id": str(self.clinic.customer),
                "service_id": str(self.clinic.consult),
                "provider_id": str(self.clinic.bruno if bruno else self.clinic.ana),
                "start_at": at(future_day(days=7), t),
            }

        @rule(i=st.integers(0, DESKS - 1), t=st.sampled_from(TIMES), bruno=st.booleans())
        def book(self, i: int, t: str, bruno: bool) -> None:
            self._submit(i, "booking.create", self._booking(t, bruno))

        @rule(t=st.sampled_from(TIMES), bruno=st.booleans())
        def central_books(self, t: str, bruno: bool) -> None:
            """The web or another site books at central (refused there if taken)."""
            httpx.post(
                f"{central.base_url}/bookings",
                headers=self.central_desk,
                json=self._booking(t, bruno),
                timeout=10,
            )

        @rule(
            i=st.integers(0, DESKS - 1),
            pick=st.integers(0, 50),
            action=st.sampled_from(["booking.check_in", "booking.cancel", "booking.reschedule"]),
            t=st.sampled_from(TIMES),
        )
        def change(self, i: int, pick: int, action: str, t: str) -> None:
            bookings = sorted(self.desks[i].replica.all("booking"), key=lambda b: b["booking_id"])
            if not bookings:
                return
            args: dict[str, Any] = {"booking_id": bookings[pick % len(bookings)]["booking_id"]}
            if action == "booking.cancel":
                args["reason"] = "Avisó"
            if action == "booking.reschedule":
                args["start_at"] = at(future_day(days=7), t)
            self._submit(i, action, args)

        @rule(
            i=st.integers(0, DESKS - 1),
            trouble=st.sampled_from(["none", "lose answer", "duplicate"]),
        )
        def sync(self, i: int, trouble: str) -> None:
            if trouble == "lose answer":
                self.nets[i].lose_next_answer_to = "/sync/push"
            if trouble == "duplicate":
                self.nets[i].duplicate_next_to = "/sync/push"
            self._sync(i)
            self.nets[i].lose_next_answer_to = self.nets[i].duplicate_next_to = None

        @rule(down=st.booleans())
        def link(self, down: bool) -> None:
            if down:
                self.wan.cut()
            else:
                self.wan.restore()

        @rule()
        def restart_hub(self) -> None:
            self.hub.stop()
            self.hub.start()

        @rule()
        def lose_hub_store(self) -> None:
            """The hub's store file is lost; it starts again on an empty one, which
            needs central (the WAN comes back first), and the desks sign in again."""
            self.wan.restore()
            self.hub.stop()
            self.store.dispose()
            for name in ("turnero.db", "turnero.db-wal", "turnero.db-shm", "hub-state.json"):
                (self.folder / name).unlink(missing_ok=True)
            self.store = make_engine(f"sqlite:///{self.folder / 'turnero.db'}")
            upgrade(self.store)
            port = self.hub.port
            self.hub = LiveServer(
                self.store,
                clock=clock,
                hub_folder=str(self.folder),
                login_attempts_per_minute=10_000,
            )
            self.hub.port = port
            self.hub.start()
            eventually(lambda: self._upstream().get("state") == "online", timeout=30)
            for tokens in self.tokens:
                tokens.save(sign_in_tokens(self.hub.base_url, self.clinic.reception_email))

        @invariant()
        def central_has_no_overlap(self) -> None:
            if hasattr(self, "clinic"):
                assert_no_overlap(central.engine, self.clinic)

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
                self.hub.stop()
                self.store.dispose()
                self.wan.close()
                shutil.rmtree(self.folder, ignore_errors=True)

        def _settle_and_check(self) -> None:
            self.wan.restore()
            for net in self.nets:
                net.down = False
            for _ in range(2):
                for i in range(DESKS):
                    self._sync(i)
                eventually(lambda: self._upstream().get("waiting") == 0, timeout=60)
                eventually(lambda: self._upstream().get("state") == "online", timeout=60)
            # Central's last word down to the hub (its event stream may lag a moment).
            eventually(lambda: _view(central.engine, self.clinic) == _view(self.store, self.clinic))
            for _ in range(2):
                for desk in self.desks:
                    self.loop.run_until_complete(desk.sync_once())
            reference = self.loop.run_until_complete(full_view(self.desks[0]))
            on_central = {str(b.booking_id) for b in bookings_of(central.engine, self.clinic)}
            for i, desk in enumerate(self.desks):
                assert desk.replica.pending_count() == 0
                assert replica_view(desk) == reference, f"desk {i} differs from the hub"
                refused = {
                    c.args.get("booking_id")
                    for c in desk.replica.conflicts()
                    if c.name == "booking.create"
                }
                for booking_id in self.created[i]:
                    # At central, or shown to its desk as refused; never both, never neither.
                    assert (booking_id in refused) != (booking_id in on_central), booking_id
            assert_no_overlap(central.engine, self.clinic)

    return SiteConvergence


def _headers(http: httpx.Client, email: str) -> dict[str, str]:
    body = http.post("/auth/sign-in", json={"email": email, "password": PASSWORD}).json()
    return {"Authorization": f"Bearer {body['access_token']}"}


def _view(engine: Engine, clinic: Clinic) -> dict[str, tuple[str, str, str]]:
    return {
        str(b.booking_id): (b.status, b.start_at.isoformat(), str(b.provider_id))
        for b in bookings_of(engine, clinic)
    }


def test_a_site_and_central_converge_through_the_hub(pg_store: Engine) -> None:
    clock = Clock()
    clock.at = morning_of(future_day(days=7), BA)  # check-ins on the booking day count
    central = LiveServer(pg_store, clock=clock, login_attempts_per_minute=10_000)
    central.start()
    try:
        machine = hub_machine(central, clock)
        machine.TestCase.settings = settings(
            max_examples=6,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        machine.TestCase().runTest()
    finally:
        central.stop()
