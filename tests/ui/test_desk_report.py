"""File > Day report: the demo's day counted as the server holds it, its week, and a
date beyond what the desk holds said plainly, on screen and on paper."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.domain.availability import day_range
from server.models import Booking, WalkinTicket
from tests.helpers.deskui import wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from tests.ui.test_desk_takings import table_rows
from ui.desk.booking_dialog import to_qdate
from ui.desk.report import ReportDialog


def figures(box: QGroupBox) -> dict[str, str]:
    """A group's label: value lines as shown."""
    grid = box.layout()
    assert isinstance(grid, QGridLayout)
    out = {}
    for i in range(grid.rowCount()):
        label, value = grid.itemAtPosition(i, 0), grid.itemAtPosition(i, 1)
        if label is None or value is None:
            continue
        a, b = label.widget(), value.widget()
        assert isinstance(a, QLabel)
        assert isinstance(b, QLabel)
        out[a.text()] = b.text()
    return out


def shown(run: Run[Any], dialog: ReportDialog) -> None:
    run(wait_until(lambda: dialog.report is not None, what="the report"))


def test_the_day_report_counts_the_days_bookings_as_the_server_holds_them(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine, demo_instant: datetime
) -> None:
    _app, window = desks.open(demo_server)
    day = demo_instant.astimezone(window.biz.time_zone).date()
    window.go_to(day)
    lo, hi = day_range(day, window.biz.time_zone)
    with Session(demo_store) as s:
        statuses = Counter(
            s.scalars(select(Booking.status).where(Booking.start_at >= lo, Booking.start_at < hi))
        )
        tickets = Counter(s.scalars(select(WalkinTicket.status).where(WalkinTicket.day == day)))
    assert statuses, "the demo books its day"
    assert tickets, "and takes walk-ins on it"
    dialog = window.show_report()
    shown(run, dialog)
    counted = figures(dialog.bookings_box)
    assert counted["Booked"] == str(sum(n for st, n in statuses.items() if st != "cancelled"))
    assert counted["Completed"] == str(statuses["completed"])
    assert counted["No-shows"] == str(statuses["no_show"])
    assert counted["Cancelled"] == str(statuses["cancelled"])
    walkins = figures(dialog.walkins_box)
    assert walkins["Tickets taken"] == str(sum(tickets.values()))
    assert walkins["Served"] == str(tickets["served"])
    assert walkins["Average wait"].endswith(" min")
    assert dialog.providers.rowCount() > 0
    assert "Report of" in dialog.heading.text()
    assert not dialog.notice.isVisible()
    # On paper: the same providers, each with its open and booked hours.
    printed = [r[0] for r in table_rows(dialog.document()) if len(r) == 4]
    table = dialog.providers
    names = [item.text() for i in range(table.rowCount()) if (item := table.item(i, 0))]
    assert set(names) <= set(printed)

    # The week: Monday to Sunday around the day, at least the day's bookings.
    dialog.span.setCurrentIndex(1)
    shown(run, dialog)
    assert dialog.report is not None
    assert dialog.report.first == day - timedelta(days=day.weekday())
    assert (dialog.report.last - dialog.report.first).days == 6
    assert int(figures(dialog.bookings_box)["Booked"]) >= int(counted["Booked"])
    assert "week" in dialog.heading.text()

    # Beyond the desk's window: said, never shown as a quiet day.
    dialog.span.setCurrentIndex(0)
    dialog.date_edit.setDate(to_qdate(day + timedelta(days=200)))
    shown(run, dialog)
    assert dialog.notice.isVisibleTo(dialog)
    assert "not counted" in dialog.notice.text()
    dialog.close()
