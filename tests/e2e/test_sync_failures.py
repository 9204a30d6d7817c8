"""Lost answers, duplicated requests, interrupted first syncs, crashes."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.sync.engine import SyncStatus
from app.sync.replica import Replica
from tests.helpers.clinic import Clinic, at, future_day, make_clinic
from tests.helpers.clock import morning_of
from tests.helpers.desks import make_desk
from tests.helpers.flaky import FlakyNetwork
from tests.helpers.live import LiveServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clinic(live_server: LiveServer) -> Clinic:
    return make_clinic(live_server.engine)


def _booking(clinic: Clinic, hhmm: str) -> dict[str, str]:
    return {
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "provider_id": str(clinic.ana),
        "start_at": at(future_day(), hhmm),
    }


def test_lost_answers_and_duplicated_requests_apply_once(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    async def scenario() -> None:
        net = FlakyNetwork()
        live_server.clock.at = morning_of(future_day(), clinic.zone)  # check-in day
        a = make_desk(
            live_server.base_url, clinic.reception_email, tmp_path, "a", net, live_server.clock
        )
        observer = make_desk(live_server.base_url, clinic.reception_email, tmp_path, "o")
        await a.sync_once()
        _, first = a.submit("booking.create", _booking(clinic, "09:00"))
        a.submit("booking.check_in", {"booking_id": first["booking_id"]})
        net.lose_next_answer_to = "/sync/push"
        with pytest.raises(Exception, match="answer"):
            await a.sync_once()
        assert a.status().pending == 2  # it cannot know the server applied them
        net.duplicate_next_to = "/sync/push"
        await a.sync_once()  # sent twice more; applied once in all
        assert a.status().pending == 0
        # A third desk change, refused by the server, whose answer is lost: the retry
        # still learns why it was refused.
        _, loser = a.submit("booking.create", _booking(clinic, "11:00"))
        await observer.sync_once()
        observer.submit("booking.create", _booking(clinic, "11:00"))
        await observer.sync_once()
        net.lose_next_answer_to = "/sync/push"
        with pytest.raises(Exception, match="answer"):
            await a.sync_once()
        await a.sync_once()
        [conflict] = a.replica.conflicts()
        assert conflict.code == "slot_taken"
        assert conflict.details["id"] == loser["booking_id"]
        await observer.sync_once()
        bookings = observer.replica.all("booking")
        assert len(bookings) == 2
        assert {b["status"] for b in bookings} == {"checked_in", "confirmed"}
        for desk in (a, observer):
            await desk.api.aclose()

    asyncio.run(scenario())


def test_an_accepted_change_stays_on_screen_until_its_row_is_pulled(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    """Between the push's answer and the pull, the screen must not flash back to the
    old state (a kiosk said 'checked in' and then read 'confirmed')."""

    async def scenario() -> None:
        net = FlakyNetwork()
        live_server.clock.at = morning_of(future_day(), clinic.zone)  # check-in day
        a = make_desk(
            live_server.base_url, clinic.reception_email, tmp_path, "a", net, live_server.clock
        )
        other = make_desk(live_server.base_url, clinic.reception_email, tmp_path, "o")
        await a.sync_once()
        _, made = a.submit("booking.create", _booking(clinic, "09:00"))
        await a.sync_once()
        a.submit("booking.check_in", {"booking_id": made["booking_id"]})
        await other.sync_once()
        _, lost = other.submit("booking.create", _booking(clinic, "11:00"))
        await other.sync_once()
        _, loser = a.submit("booking.create", _booking(clinic, "11:00"))
        net.fail_after_pulls = 0  # the push is answered; the pull after it is cut
        with pytest.raises(Exception, match="network down"):
            await a.sync_once()
        assert a.status().pending == 0
        arrived = a.replica.get("booking", made["booking_id"])
        assert arrived is not None
        assert arrived["status"] == "checked_in"
        # The refused one is taken off at once, and listed.
        assert a.replica.get("booking", loser["booking_id"]) is None
        assert [c.code for c in a.replica.conflicts()] == ["slot_taken"]
        net.fail_after_pulls = None
        await a.sync_once()
        arrived = a.replica.get("booking", made["booking_id"])
        assert arrived is not None
        assert arrived["status"] == "checked_in"
        assert a.replica.get("booking", lost["booking_id"]) is not None
        for desk in (a, other):
            await desk.api.aclose()

    asyncio.run(scenario())


def test_an_answer_the_desk_cannot_use_does_not_stop_its_sync_loop(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    """A captive portal or a broken proxy answers instead of the server: the loop says
    so (offline, with the error kept for diagnostics) and recovers by itself."""

    async def scenario() -> None:
        net = FlakyNetwork()
        desk = make_desk(live_server.base_url, clinic.reception_email, tmp_path, "a", net)
        await desk.sync_once()
        net.garble_next_to = "/sync/push"
        loop = asyncio.create_task(desk.run())
        desk.submit("booking.create", _booking(clinic, "10:00"))
        deadline = time.monotonic() + 15
        while not desk.last_error and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        assert "400" in desk.last_error
        while desk.status().pending and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        assert desk.status().pending == 0  # the loop went on and pushed it
        assert not loop.done()
        desk.stop()
        await asyncio.wait_for(loop, 10)
        await desk.api.aclose()

    asyncio.run(scenario())


def test_a_rebuilt_replica_sends_what_waited_and_pulls_everything_again(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    """An upgrade that cannot migrate the replica rebuilds it: the pending booking
    still reaches the server, and the server's rows all come back."""

    async def scenario() -> None:
        desk = make_desk(live_server.base_url, clinic.reception_email, tmp_path, "a")
        await desk.sync_once()
        before = desk.replica.count()
        _, made = desk.submit("booking.create", _booking(clinic, "09:30"))
        path = desk.replica.path
        await desk.api.aclose()
        desk.replica.close()
        db = sqlite3.connect(path)
        db.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
        db.commit()
        db.close()
        again = make_desk(live_server.base_url, clinic.reception_email, tmp_path, "a")
        assert again.replica.count() == 0
        assert again.status().pending == 1
        await again.sync_once()
        assert again.status().pending == 0
        assert again.replica.count() == before + 1
        row = again.replica.get("booking", made["booking_id"])
        assert row is not None
        assert "pending" not in row
        await again.api.aclose()

    asyncio.run(scenario())


def test_first_sync_reports_progress_and_resumes_after_a_cut(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    async def scenario() -> None:
        reference = make_desk(live_server.base_url, clinic.reception_email, tmp_path, "ref")
        await reference.sync_once()
        expected = reference.replica.count()
        assert expected > 20

        net = FlakyNetwork()
        seen: list[SyncStatus] = []
        desk = make_desk(live_server.base_url, clinic.reception_email, tmp_path, "new", net)
        desk.pull_limit = 4
        desk.on_status = seen.append
        net.fail_after_pulls = 3
        with pytest.raises(Exception, match="mid-sync"):
            await desk.sync_once()
        stored = desk.replica.count()
        assert 0 < stored < expected  # three batches kept, and their cursor with them
        net.fail_after_pulls = None
        await desk.sync_once()
        assert desk.replica.count() == expected
        progress = [s.progress for s in seen if s.progress is not None]
        dones = [p[0] for p in progress]
        assert dones == sorted(dones)
        assert progress[-1][0] == progress[-1][1] == expected
        assert all(0 < done <= total for done, total in progress)
        for d in (reference, desk):
            await d.api.aclose()

    asyncio.run(scenario())


@pytest.mark.parametrize("run", range(3))
def test_a_killed_desk_keeps_every_change_it_confirmed(tmp_path: Path, run: int) -> None:
    path = tmp_path / f"killed-{run}.db"
    Replica(path).close()  # created before the race starts
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.writer_process", str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert child.stdout is not None
    confirmed: list[str] = []
    deadline = time.monotonic() + 30
    while len(confirmed) < 40 + 25 * run and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        confirmed.append(line.split()[1])
    os.kill(child.pid, signal.SIGKILL)  # mid-write, most likely
    rest = child.stdout.read()
    child.wait()
    child.stdout.close()
    confirmed += [line.split()[1] for line in rest.splitlines() if line.startswith("confirmed")]
    assert len(confirmed) >= 40
    replica = Replica(path)
    queued = {p.args["customer_id"] for p in replica.pending()}
    assert set(confirmed) <= queued
    seqs = [p.seq for p in replica.pending()]
    assert seqs == list(range(1, len(seqs) + 1))  # no hole, no double
    replica.close()
