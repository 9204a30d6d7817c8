"""Desks and a real server on loopback: online, offline, conflicts, hints."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import ConflictError
from app.sync.api import OfflineError
from app.sync.engine import SyncState
from tests.helpers.clinic import Clinic, at, future_day, make_clinic
from tests.helpers.clock import morning_of
from tests.helpers.desks import open_desks
from tests.helpers.live import LiveServer


@pytest.fixture
def clinic(live_server: LiveServer) -> Clinic:
    return make_clinic(live_server.engine)


def booking(clinic: Clinic, start: str) -> dict[str, str]:
    return {
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "provider_id": str(clinic.ana),
        "start_at": start,
    }


def test_a_change_on_one_desk_reaches_the_other(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with open_desks(live_server, clinic, tmp_path) as (a, b):
            assert a.status().state is SyncState.ONLINE
            live_server.clock.at = morning_of(future_day(), clinic.zone)  # check-in day
            _, made = a.submit("booking.create", booking(clinic, at(future_day(), "10:00")))
            assert must(a.replica.get("booking", made["booking_id"]))["pending"] is True
            assert a.status().pending == 1
            await a.sync_once()
            assert a.status().pending == 0
            synced = a.replica.get("booking", made["booking_id"])
            assert synced is not None
            assert "pending" not in synced
            assert len(synced["code"]) == 6
            await b.sync_once()
            assert must(b.replica.get("booking", made["booking_id"]))["code"] == synced["code"]
            a.submit("booking.check_in", {"booking_id": made["booking_id"]})
            await a.sync_once()
            await b.sync_once()
            assert must(b.replica.get("booking", made["booking_id"]))["status"] == "checked_in"

    asyncio.run(scenario())


def test_the_desk_refuses_at_once_what_it_knows_is_wrong(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with open_desks(live_server, clinic, tmp_path, 1) as (a,):
            day = future_day()
            a.submit("booking.create", booking(clinic, at(day, "10:00")))
            with pytest.raises(ConflictError) as err:
                a.submit("booking.create", booking(clinic, at(day, "10:15")))
            assert err.value.field == "start_at"
            assert a.status().pending == 1  # the refused one was never queued

    asyncio.run(scenario())


def test_offline_then_back_both_desks_converge(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with open_desks(live_server, clinic, tmp_path) as (a, b):
            live_server.stop()
            day = future_day()
            live_server.clock.at = morning_of(day, clinic.zone)  # check-in day
            made = [
                a.submit("booking.create", booking(clinic, at(day, t)))[1]
                for t in ("09:00", "10:00", "11:00")
            ]
            a.submit("booking.check_in", {"booking_id": made[0]["booking_id"]})
            with pytest.raises(OfflineError):
                await a.sync_once()
            assert a.status().pending == 4
            # Still readable offline, with the pending changes laid over.
            assert must(a.replica.get("booking", made[0]["booking_id"]))["status"] == "checked_in"
            live_server.start()
            await a.sync_once()
            await b.sync_once()
            assert a.status().pending == 0
            for m in made:
                assert b.replica.get("booking", m["booking_id"]) == a.replica.get(
                    "booking", m["booking_id"]
                )
            assert must(b.replica.get("booking", made[0]["booking_id"]))["status"] == "checked_in"

    asyncio.run(scenario())


def test_two_offline_desks_book_one_slot_and_the_loser_fixes_it(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with open_desks(live_server, clinic, tmp_path) as (a, b):
            live_server.stop()
            day = future_day()
            _, mine = a.submit("booking.create", booking(clinic, at(day, "10:00")))
            _, theirs = b.submit("booking.create", booking(clinic, at(day, "10:00")))
            live_server.start()
            await a.sync_once()
            await b.sync_once()
            assert a.replica.conflicts() == []
            [conflict] = b.replica.conflicts()
            assert (conflict.code, conflict.field) == ("slot_taken", "start_at")
            assert conflict.details["id"] == theirs["booking_id"]
            # B's optimistic booking is gone; A's booking shows in its place.
            assert b.replica.get("booking", theirs["booking_id"]) is None
            assert must(b.replica.get("booking", mine["booking_id"]))["status"] == "confirmed"
            assert b.status().conflicts == 1
            # One click: take the first free alternative, and the conflict is settled.
            alternative = conflict.details["alternatives"][0]["start_at"]
            b.submit(
                "booking.create",
                {**conflict.args, "booking_id": theirs["booking_id"], "start_at": alternative},
            )
            b.discard_conflict(conflict.seq)
            await b.sync_once()
            await a.sync_once()
            assert b.status().conflicts == 0
            fixed = a.replica.get("booking", theirs["booking_id"])
            assert fixed is not None
            assert fixed["start_at"] != mine["start_at"]

    asyncio.run(scenario())


def test_a_hint_brings_the_change_without_asking(
    live_server: LiveServer, clinic: Clinic, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with open_desks(live_server, clinic, tmp_path, 2, synced=False) as (a, b):
            runs = [asyncio.create_task(e.run()) for e in (a, b)]
            try:
                await _until(lambda: a.status().state is b.status().state is SyncState.ONLINE)
                _, made = a.submit("booking.create", booking(clinic, at(future_day(), "12:00")))
                # b's loop idles for 5 s between pulls; the hint must bring it much sooner.
                await _until(
                    lambda: (
                        b.replica.get("booking", made["booking_id"]) is not None
                        and "pending" not in (a.replica.get("booking", made["booking_id"]) or {})
                    ),
                    timeout=3,
                )
            finally:
                for e in (a, b):
                    e.stop()
                await asyncio.gather(*runs)

    asyncio.run(scenario())


def must(row: dict[str, Any] | None) -> dict[str, Any]:
    assert row is not None, "the row should be in the replica"
    return row


async def _until(condition: Callable[[], bool], timeout: float = 10) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)
