"""The desk's connection state at a site hub: the site works on through an outage, and
the receptionist sees that central is unreachable (since when) and how many of the
site's changes wait for it, apart from "offline" (this desk cannot reach anything)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from app.sync.api import Upstream
from app.sync.engine import SyncState, SyncStatus
from ui.desk.connection import ConnectionIndicator

BA = ZoneInfo("America/Argentina/Buenos_Aires")
SINCE = datetime(2026, 12, 7, 13, 42, tzinfo=UTC)  # 10:42 in Buenos Aires


def status(state: SyncState, upstream: Upstream | None) -> SyncStatus:
    return SyncStatus(state, 0, SINCE.isoformat(), None, 0, upstream)


def test_a_site_hub_with_central_unreachable_is_not_offline(qtbot: QtBot) -> None:
    shown = ConnectionIndicator()
    qtbot.addWidget(shown)
    shown.show_status(status(SyncState.ONLINE, Upstream("unreachable", SINCE, 37)), BA)
    assert shown.state.text() == "Online — site server"
    assert (
        shown.upstream.text()
        == "Central unreachable since 10:42 · 37 change(s) waiting for central"
    )
    assert not shown.upstream.isHidden()
    assert "Central unreachable since 10:42" in shown.toolTip()
    assert shown.pending.isHidden()  # nothing of this desk's own waits: the room is central's
    shown.show_status(SyncStatus(SyncState.ONLINE, 2, None, None, 0, Upstream("online", SINCE, 0)))
    assert not shown.pending.isHidden()
    shown.show_status(status(SyncState.ONLINE, Upstream("online", SINCE, 0)), BA)
    assert shown.upstream.text() == "Central server connected"
    shown.show_status(status(SyncState.ONLINE, Upstream("online", SINCE, 1)), BA)
    assert shown.upstream.text() == "1 change(s) waiting for central"
    # Straight to central (or a site's only server): nothing of the kind.
    shown.show_status(status(SyncState.ONLINE, None), BA)
    assert shown.upstream.isHidden()
    assert not shown.pending.isHidden()
    assert shown.state.text() == "Online"
    # This desk reaches nothing: offline, whatever the hub said last.
    shown.show_status(status(SyncState.OFFLINE, None), BA)
    assert shown.state.text().startswith("Offline")
