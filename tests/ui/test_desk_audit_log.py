"""The audit log in the desk (admins, File › Audit log…): a day's changes in words,
narrowed to one person, a page at a time, read from a real server on loopback; offline
it says the log is kept at the server."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from PySide6.QtCore import QDate, Qt

from server.demo import ADMIN_EMAIL, RECEPTION_EMAIL
from tests.helpers.deskui import settle, synced
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from tests.ui.test_desk_history import _book_and_move, _done, forward, hub_of
from tests.ui.test_desk_roles import staff_headers
from ui.desk.audit_log import AuditLogDialog


def _rows(dialog: AuditLogDialog) -> list[list[str]]:
    m = dialog.model
    return [
        [m.data(m.index(r, c), Qt.ItemDataRole.DisplayRole) for c in range(m.columnCount())]
        for r in range(m.rowCount())
    ]


def _choose(run: Run[Any], dialog: AuditLogDialog, label: str) -> None:
    index = dialog.who.findText(label)
    assert index >= 0, [dialog.who.itemText(i) for i in range(dialog.who.count())]
    dialog.who.setCurrentIndex(index)
    run(_done(dialog.loaded))


def test_an_admin_reads_the_days_changes_by_person_and_page(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server, "admin", email=ADMIN_EMAIL)
    assert window.menus.audit_action.isVisible()
    assert window.menus.audit_action.text() == "Audit &log…"
    tz = window.biz.time_zone
    bid, start, later = _book_and_move(window, demo_server)
    early = later.astimezone(tz).replace(hour=3, minute=0)
    refused = httpx.post(
        f"{demo_server.base_url}/bookings/{bid}/reschedule",
        json={"start_at": early.isoformat()},
        headers=staff_headers(demo_server),
    )
    assert refused.status_code == 409, refused.text
    hub = hub_of(demo_server, "Sede Centro")
    forward(demo_server, hub, RECEPTION_EMAIL, "booking.cancel", booking_id=bid, reason="viaje")

    run(synced(app))  # the rows the log names are in the desk's replica
    dialog = window.show_audit_log()
    run(_done(dialog.people_loaded))
    run(_done(dialog.loaded))
    # Today by the desk's clock (the server's fixed instant), in the business's zone.
    today = demo_server.clock().astimezone(tz).date()
    assert dialog.chosen_day() == today
    rows = _rows(dialog)
    ours = [r for r in rows if r[1] == "Recepción"]
    assert [(r[3], r[5]) for r in ours] == [
        ("Booking added", "Applied"),
        ("Booking moved", "Applied"),
        ("Reschedule", "Refused: That time is outside the provider's hours."),
        ("Booking cancelled", "Applied"),
    ]
    made, moved, no, cancelled = ours
    assert made[2] == moved[2] == no[2] == "Request to the server"
    assert cancelled[2].startswith("Sync ")
    assert cancelled[2].endswith(" #1 via the site hub Sede Centro")
    assert f"Time: {start.astimezone(tz):%d/%m %H:%M}" in made[4]
    assert (
        f"Time: {start.astimezone(tz):%d/%m %H:%M} → {later.astimezone(tz):%d/%m %H:%M}"
        in (moved[4])
    )
    assert "Status: Confirmed → Cancelled" in cancelled[4]
    assert "Reason: — → viaje" in cancelled[4]
    # The selected event's fields, one a line, below the table.
    dialog.table.selectRow(rows.index(moved))
    assert dialog.details.toPlainText().splitlines()[0].startswith("Booking moved · ")
    assert any(line.startswith("Time: ") for line in dialog.details.toPlainText().splitlines())

    # One person's: reception's only; the admin's: nothing today.
    _choose(run, dialog, "Recepción")
    assert _rows(dialog) == ours
    _choose(run, dialog, "Site hub Sede Centro")
    assert _rows(dialog) == []
    assert dialog.note.text() == "No changes are recorded for this day."
    _choose(run, dialog, "Everyone")
    # Another day: its own changes (none the day before).
    dialog.day.setDate(QDate(today.year, today.month, today.day).addDays(-1))
    run(_done(dialog.loaded))
    assert _rows(dialog) == []
    dialog.close()

    # A page at a time: "Load more" until the last page.
    assert app.desk is not None
    paged = AuditLogDialog(app.desk, app.tasks, window.biz, today, window, page_size=2)
    run(_done(paged.loaded))
    assert len(_rows(paged)) == 2
    while paged.more.isEnabled():
        paged.more.click()
        run(_done(paged.loaded))
    assert _rows(paged) == rows
    paged.close()

    # Offline: said so, not an empty log.
    demo_server.stop()
    offline = AuditLogDialog(app.desk, app.tasks, window.biz, today - timedelta(days=1), window)
    run(settle(app, 0.5))
    assert offline.loaded.done()
    assert _rows(offline) == []
    assert "cannot be reached" in offline.note.text()


def test_only_an_administrator_is_offered_the_audit_log(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    _, window = desks.open(demo_server, "reception")
    assert not window.menus.audit_action.isVisible()
