"""Reminders on two desks against a real server: tomorrow's call list by the desk's
clock, a one-click WhatsApp reminder, and "Reminded" ticked offline on one desk that
shows on the other after the sync, recorded in the audit trail."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.domain.bookings import REMINDABLE
from server.models import AuditEvent
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.helpers.urls import Opened, caught_urls
from tests.ui.conftest import Desks, Run
from ui.desk.booking_dialog import to_qdate
from ui.desk.main import DeskApp
from ui.desk.reminders import RemindersDialog
from ui.desk.reminders_model import REMINDED, WHATSAPP


@pytest.fixture
def opened() -> Iterator[Opened]:
    with caught_urls() as catcher:
        yield catcher


def fullest_day_ahead(app: DeskApp, after: date) -> date:
    """The day after `after` with the most bookings still to come (the demo's week)."""
    assert app.desk is not None
    assert app.window is not None
    zone = app.window.biz.time_zone
    days = Counter(
        datetime.fromisoformat(b["start_at"]).astimezone(zone).date()
        for b in app.desk.replica.all("booking")
        if b["status"] in REMINDABLE
    )
    return max((d for d in days if d > after), key=lambda d: days[d])


def open_reminders(run: Run[Any], app: DeskApp, day: date | None = None) -> RemindersDialog:
    assert app.window is not None
    dialog = app.window.show_reminders()
    if day is not None:
        dialog.day.setDate(to_qdate(day))
    run(_done(dialog.loaded))
    return dialog


async def _done(future: Any) -> Any:
    return await asyncio.wait_for(future, 30)


def test_tomorrows_call_list_and_a_whatsapp_reminder(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime, opened: Opened
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    dialog = open_reminders(run, app)
    today = demo_instant.astimezone(window.biz.time_zone).date()
    assert dialog.shown_day() == today + timedelta(days=1)
    dialog.day.setDate(to_qdate(fullest_day_ahead(app, today)))
    run(_done(dialog.loaded))
    rows = dialog.model.rows
    assert rows
    assert [r.slip.start for r in rows] == sorted(r.slip.start for r in rows)
    assert all(r.slip.start.date() == dialog.shown_day() for r in rows)
    first = rows[0]
    # One click on the row's WhatsApp button: wa.me with the reminder written.
    button = dialog.table.indexWidget(dialog.model.index(0, WHATSAPP))
    assert isinstance(button, QPushButton)
    button.click()
    [url] = opened.encoded()
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("wa.me", "/" + first.slip.phone.lstrip("+"))
    [text] = parse_qs(parts.query)["text"]
    assert text.startswith(f"Hello {first.slip.first_name}, a reminder of your booking:")
    assert f"Booking code: {first.slip.code}" in text.splitlines()
    assert first.slip.customer in dialog.note.text()


def test_reminded_offline_on_one_desk_shows_on_the_other_and_is_audited(
    run: Run[Any],
    desks: Desks,
    demo_server: LiveServer,
    demo_store: Engine,
    demo_instant: datetime,
) -> None:
    a, wa = desks.open(demo_server, "a")
    b, _wb = desks.open(demo_server, "b")
    assert a.desk is not None
    assert b.desk is not None
    day = fullest_day_ahead(a, demo_instant.astimezone(wa.biz.time_zone).date())
    dialog = open_reminders(run, a, day)
    target = dialog.model.rows[0].slip
    # The network goes; reception ticks "Reminded" all the same.
    demo_server.stop()
    run(wait_until(lambda: a.desk is not None and a.desk.status().state == "offline"))
    ticked = dialog.model.setData(
        dialog.model.index(0, REMINDED), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert ticked
    run(settle(a))
    [mine] = [r for r in dialog.model.rows if r.slip.booking_id == target.booking_id]
    assert mine.reminded_at == a.desk.engine.clock()  # the desk's clock: when it was done
    assert mine.pending
    assert "waiting to sync" in dialog.model.index(0, REMINDED).data()
    # Back online: pushed, and desk B shows it after its pull.
    demo_server.start()
    run(synced(a, 30))

    def on_b() -> Any:
        assert b.desk is not None
        row = b.desk.replica.get("booking", target.booking_id)
        return row and row.get("reminded_at") and not row.get("pending")

    run(wait_until(on_b, 30, "the mark on desk B"))
    seen = open_reminders(run, b, day)
    [theirs] = [r for r in seen.model.rows if r.slip.booking_id == target.booking_id]
    assert theirs.reminded_at == mine.reminded_at
    assert not theirs.pending
    assert seen.model.index(0, REMINDED).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    # Recorded like any change: who, from which desk, what.
    with Session(demo_store) as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == "booking.remind"))
    assert (event.entity_id, event.source, event.actor_kind) == (
        target.booking_id,
        "sync",
        "staff",
    )
    assert event.client_id is not None
    assert str(event.client_id) == a.desk.replica.client_id
    assert event.changes[0]["fields"]["reminded_at"][0] is None
