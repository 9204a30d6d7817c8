"""The schedule as a receptionist uses it: arrivals only on the day, buffers drawn and
explained, notices that do not move the grid, the walk-in panel, the week and legend."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from sqlalchemy import Engine

from tests.helpers.deskui import settle, synced
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from tests.ui.test_desk_flow import activate, server_booking
from ui.desk.booking_dialog import ANY


def test_f6_on_a_booking_days_ahead_is_refused_with_a_reason(
    run: Run[Any],
    desks: Desks,
    demo_server: LiveServer,
    demo_store: Engine,
    demo_instant: datetime,
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    tz = window.biz.time_zone
    day = demo_instant.astimezone(tz).date() + timedelta(days=3)
    while True:  # the first day from three days ahead with a confirmed booking
        window.go_to(day)
        run(settle(app))
        ahead = [
            b for c in window.model.columns for b in c.column.blocks if b.status == "confirmed"
        ]
        if ahead:
            break
        day += timedelta(days=1)
    target = ahead[0]
    window.view.select(target.booking_id)
    run(activate(window))
    QTest.keyClick(window, Qt.Key.Key_F6)
    run(synced(app))
    row = app.desk.replica.get("booking", target.booking_id)
    assert row is not None
    assert row["status"] == "confirmed"
    assert app.desk.status().pending == 0  # refused at once: nothing was queued
    stored = server_booking(demo_store, target.booking_id)
    assert stored is not None
    assert stored.status == "confirmed"
    assert uuid.UUID(target.booking_id) == stored.booking_id
    assert window.notice.isVisible()
    assert "Only today's bookings can be marked as arrived." in window.notice.text()
    assert "Confirmed" in window.panel.status.text()


def combo_data(combo: QComboBox) -> list[str]:
    return [combo.itemData(i) for i in range(combo.count())]


def test_any_provider_offers_every_service_some_provider_gives(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    replica = app.desk.replica
    gives: dict[str, set[str]] = {}
    for link in replica.all("provider_service"):
        gives.setdefault(link["provider_id"], set()).add(link["service_id"])
    everything = set().union(*gives.values())
    narrow = min(gives, key=lambda p: len(gives[p]))
    assert gives[narrow] < everything  # the demo has a provider who gives fewer
    dialog = window.new_booking(narrow)
    run(settle(app))
    assert set(combo_data(dialog.service)) == gives[narrow]
    dialog.provider.setCurrentIndex(dialog.provider.findData(ANY))
    run(settle(app))
    assert set(combo_data(dialog.service)) == everything
    # A service only others give, then back to the narrow provider: only theirs again.
    other = next(iter(everything - gives[narrow]))
    dialog.service.setCurrentIndex(dialog.service.findData(other))
    dialog.provider.setCurrentIndex(dialog.provider.findData(narrow))
    run(settle(app))
    assert set(combo_data(dialog.service)) == gives[narrow]
    assert dialog.service.currentData() in gives[narrow]
    dialog.reject()
