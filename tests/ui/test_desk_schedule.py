"""The schedule as a receptionist uses it: arrivals only on the day, buffers drawn and
explained, notices that do not move the grid, the walk-in panel, the week and legend."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QTableView
from sqlalchemy import Engine

from app import schedule
from app.schedule import Block
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from tests.ui.test_desk_flow import activate, server_booking
from ui.common.labels import short_weekday
from ui.desk.booking_dialog import ANY
from ui.desk.customers import CustomerProfileDialog
from ui.desk.dayview import HEADER_H
from ui.desk.kiosks import KiosksDialog
from ui.desk.main import DeskApp
from ui.desk.notices import NoticeKind
from ui.desk.payments import PaymentDialog
from ui.desk.window import DeskWindow


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


def booked_with_buffer(
    run: Run[Any], app: DeskApp, window: DeskWindow, demo_instant: datetime
) -> tuple[int, Block, dict[str, Any]]:
    """A booking, made here, of a service that keeps time free after it, alone on a
    day three weeks after the demo's (its column, block and service)."""
    assert app.desk is not None
    replica = app.desk.replica
    tz = window.biz.time_zone
    day = demo_instant.astimezone(tz).date() + timedelta(days=21)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    window.go_to(day)
    run(settle(app))
    found = [
        (column, vc, s)
        for column, vc in enumerate(window.model.columns)
        if vc.column.work
        for s in schedule.services(replica, vc.column.provider_id)
        if s["buffer_after_minutes"] > 0
    ]
    assert found, "the demo has no service with a buffer"
    column, vc, service = found[0]
    start = vc.column.work[0][0] + timedelta(hours=1)
    customer = replica.all("customer")[0]["customer_id"]
    app.tasks.submit(
        app.desk,
        "booking.create",
        {
            "customer_id": customer,
            "service_id": service["service_id"],
            "provider_id": vc.column.provider_id,
            "start_at": start.isoformat(),
        },
    )
    run(synced(app))
    drawn = run(wait_until(lambda: window.model.columns[column].column.blocks, what="drawn"))
    [block] = drawn
    assert block.busy_until == block.end + timedelta(minutes=service["buffer_after_minutes"])
    return column, block, service


def test_the_buffer_after_a_booking_is_drawn(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    app, window = desks.open(demo_server)
    window.resize(1366, 768)
    column, block, _service = booked_with_buffer(run, app, window, demo_instant)
    model, view = window.model, window.view
    view.scroll_to_minute(model.minute_of(block.start, column))
    run(settle(app))
    assert block.busy_until is not None
    middle = (model.minute_of(block.end, column) + model.minute_of(block.busy_until, column)) / 2
    x = int(view.x_of(column) + view.column_width() / 2)
    image = view.viewport().grab().toImage()
    # The buffer is shaded, not the white of free working time.
    shade = QColor(image.pixel(x, int(view.y_of(middle))))
    assert shade != QColor("#ffffff"), shade.name()
    # Past it, the working time is white again (between the grid's lines).
    after = int(view.y_of(model.minute_of(block.busy_until, column)))
    below = {QColor(image.pixel(x, after + dy)).name() for dy in range(3, 12)}
    assert "#ffffff" in below


def test_the_booking_dialog_says_the_time_is_a_buffer_and_offers_the_next_free_times(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    app, window = desks.open(demo_server)
    column, block, service = booked_with_buffer(run, app, window, demo_instant)
    tz = window.biz.time_zone
    provider = window.model.columns[column].column
    dialog = window.new_booking(provider.provider_id, block.end)
    run(settle(app))
    dialog.service.setCurrentIndex(dialog.service.findData(service["service_id"]))
    run(settle(app))
    start, end = (t.astimezone(tz) for t in (block.start, block.end))
    assert dialog.why.isVisible()
    assert dialog.why.text() == (
        f"{end:%H:%M} falls in the buffer kept free around {provider.name}'s booking at "
        f"{start:%H:%M}–{end:%H:%M}."
    )
    assert dialog.slots.chosen() is None
    assert dialog.next_slots.isVisible()
    first = dialog.next_slots.item(0)
    first_start = first.data(Qt.ItemDataRole.UserRole)[0]
    assert block.busy_until is not None
    assert first_start >= block.busy_until
    assert first.text().startswith(short_weekday(end.date()))
    # Taking the first of them: chosen among the day's free times, nothing to explain.
    dialog.next_slots.setCurrentItem(first)
    run(settle(app))
    chosen = dialog.slots.chosen()
    assert chosen is not None
    assert chosen[0] == first_start
    assert not dialog.why.isVisible()
    dialog.reject()


def test_a_full_day_offers_the_next_free_times_on_other_days(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    app, window = desks.open(demo_server)
    tz = window.biz.time_zone
    sunday = demo_instant.astimezone(tz).date() + timedelta(days=14)
    while sunday.weekday() != 6:
        sunday += timedelta(days=1)
    window.go_to(sunday)  # the clinic is closed on Sundays
    run(settle(app))
    dialog = window.new_booking()
    run(settle(app))
    assert [dialog.slots.item(i).text() for i in range(dialog.slots.count())] == [
        "No free time on this day"
    ]
    assert dialog.next_slots.isVisible()
    starts = [
        dialog.next_slots.item(i).data(Qt.ItemDataRole.UserRole)[0]
        for i in range(dialog.next_slots.count())
    ]
    assert len(starts) == 6
    assert starts == sorted(starts)
    assert starts[0].astimezone(tz).date() > sunday
    dialog.reject()


def test_notices_float_over_the_grid_and_an_arrival_stays_until_seen(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server)
    window.resize(1366, 768)
    run(settle(app))
    view = window.view
    where, size = view.mapTo(window, QPoint(0, 0)), view.size()
    window.show_notice("Moved to 10:30. Ctrl+Z undoes it.")
    window.show_notice("Arrived: Juan Pérez", NoticeKind.ARRIVAL)
    run(settle(app))
    # The grid stays where it was; the notices lie over its top right corner.
    assert (view.mapTo(window, QPoint(0, 0)), view.size()) == (where, size)
    area = window.notice
    assert area.isVisible()
    assert area.parent() is view
    assert area.geometry().top() >= HEADER_H
    assert view.viewport().geometry().contains(area.geometry())
    moved, arrival = area.notices
    assert moved.isVisible()
    assert arrival.isVisible()
    # The move notice goes by itself (8 s); the arrival stays until seen.
    assert moved.timer is not None
    assert moved.timer.isActive()
    assert moved.timer.interval() == 8000
    assert arrival.timer is None
    moved.timer.timeout.emit()  # its time is up
    run(settle(app))
    assert area.notices == [arrival]
    assert area.text() == "Arrived: Juan Pérez"
    QTest.mouseClick(arrival.close_button, Qt.MouseButton.LeftButton)
    run(settle(app))
    assert area.notices == []
    assert not area.isVisible()
    # A click on the notice itself also says it was seen.
    window.show_notice("⚠ Only today's bookings can be marked as arrived.", NoticeKind.WARNING)
    run(settle(app))
    [warning] = area.notices
    assert warning.timer is None
    QTest.mouseClick(warning.label, Qt.MouseButton.LeftButton)
    run(settle(app))
    assert area.notices == []


@pytest.mark.parametrize("language", ["es-AR", "en"])
def test_the_walkin_panel_fits_its_default_width(
    run: Run[Any], desks: Desks, demo_server: LiveServer, language: str
) -> None:
    """At the side panel's default width (340 px) no button is cut ("uevo número")
    and every column but the name's shows its words whole."""
    app, window = desks.open(demo_server, language=language)
    window.side.setCurrentWidget(window.walkins)
    run(settle(app))
    panel, table = window.walkins, window.walkins.table
    assert window.side.width() <= 345
    assert table.rowCount() >= 3  # the demo's morning queue
    for button in (panel.new_button, panel.call_next, panel.serve, panel.cancel, panel.assign):
        assert button.isVisible()
        assert button.width() >= button.sizeHint().width(), button.text()
        corner = button.mapTo(panel, QPoint(button.width(), button.height()))
        assert panel.rect().contains(corner), button.text()
    assert not table.verticalHeader().isVisible()  # no row numbers
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    viewport = table.viewport().width()

    def cells(column: int) -> list[str]:
        return [item.text() for row in range(table.rowCount()) if (item := table.item(row, column))]

    for column in range(table.columnCount()):
        title = table.model().headerData(column, Qt.Orientation.Horizontal)
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= viewport, title
        if column == 1:
            continue  # the name and service: cut, with the whole in a tooltip
        for text in [title, *cells(column)]:
            assert metrics.horizontalAdvance(text) <= header.sectionSize(column), text
    labels = cells(0)
    assert all(label.startswith("M") for label in labels)  # the desk's own letter


def test_the_week_shows_sunday_in_a_1360_px_window(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server)
    for width, height in ((1360, 860), (1366, 768)):
        window.resize(width, height)
        window.mode.setCurrentIndex(1)
        run(settle(app))
        view = window.view
        assert len(window.model.columns) == 7
        assert window.model.columns[6].day.weekday() == 6  # Sunday, the last
        assert view.horizontalScrollBar().maximum() == 0
        assert view.x_of(6) + view.column_width() <= view.viewport().width() + 0.5
        window.mode.setCurrentIndex(0)
        run(settle(app))


@pytest.mark.parametrize(
    ("language", "words", "dashed"),
    [
        (
            "es-AR",
            {"Descanso", "Licencia", "Margen"},
            "Borde discontinuo: todavía no está en el servidor",
        ),
        ("en", {"Break", "Time off", "Buffer"}, "Dashed border: not yet on the server"),
    ],
)
def test_the_legend_names_breaks_time_off_and_buffers(
    run: Run[Any],
    desks: Desks,
    demo_server: LiveServer,
    language: str,
    words: set[str],
    dashed: str,
) -> None:
    _app, window = desks.open(demo_server, language=language)
    texts = [label.text() for label in window.panel.legend.findChildren(QLabel)]
    assert words <= set(texts)
    assert dashed in texts
    assert not [t for t in texts if "Punteado" in t]  # dotted: it is dashed
    chips = [label for label in window.panel.legend.findChildren(QLabel) if label.pixmap()]
    assert len(chips) >= 4  # break, time off, buffer and the dashed border, as painted


def test_switching_language_keeps_what_the_receptionist_was_looking_at(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    app, window = desks.open(demo_server)
    # The smallest desk people use: the window's minimum width (which the Spanish words
    # make wider) then leaves the panels' widths alone.
    window.resize(1366, 768)
    tz = window.biz.time_zone
    day = demo_instant.astimezone(tz).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    window.go_to(day)
    run(settle(app))
    block = next(b for c in window.model.columns for b in c.column.blocks)
    window.view.select(block.booking_id)
    window.body.setSizes([900, 460])
    window.side.setCurrentWidget(window.walkins)
    window.view.verticalScrollBar().setValue(120)
    run(settle(app))
    sizes, scroll = window.body.sizes(), window.view.verticalScrollBar().value()
    app.switch_language("es-AR")
    spanish = app.window
    assert spanish is not None
    assert spanish is not window
    run(settle(app))
    assert spanish.today_button.text() == "&Hoy"
    assert spanish.day == day
    assert spanish.view.selected == block.booking_id
    assert spanish.panel.customer.text() == block.customer
    assert spanish.body.sizes() == sizes
    assert spanish.side.currentWidget() is spanish.walkins
    assert spanish.view.verticalScrollBar().value() == scroll
    # The week of the selected booking's provider, kept in the other direction too.
    spanish.mode.setCurrentIndex(1)
    run(settle(app))
    assert spanish.week_provider.currentData() == block.provider_id
    app.switch_language("en")
    english = app.window
    assert english is not None
    run(settle(app))
    assert english.today_button.text() == "&Today"
    assert english.mode.currentIndex() == 1
    assert english.model.week
    assert english.week_provider.currentData() == block.provider_id
    assert english.view.selected == block.booking_id
    assert day in [c.day for c in english.model.columns]


def test_the_language_menu_marks_the_language_shown(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server)
    group = window.language_actions
    assert group.isExclusive()
    assert [(a.text(), a.isCheckable(), a.isChecked()) for a in group.actions()] == [
        ("Español (Argentina)", True, False),
        ("English", True, True),
    ]
    group.actions()[0].trigger()
    spanish = app.window
    assert spanish is not None
    assert spanish is not window
    run(settle(app))
    marks = [(a.text(), a.isChecked()) for a in spanish.language_actions.actions()]
    assert marks == [("Español (Argentina)", True), ("English", False)]
    spanish.language_actions.actions()[1].trigger()
    assert app.window is not None
    run(settle(app))
    assert app.window.language_actions.checkedAction().text() == "English"


def test_the_desks_tables_show_no_row_numbers(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    booking = next(b for c in window.model.columns for b in c.column.blocks)
    row = app.desk.replica.get("booking", booking.booking_id)
    assert row is not None
    dialogs = [
        KiosksDialog(app.desk, app.tasks, window),
        PaymentDialog(app.desk, app.tasks, row, window),
        CustomerProfileDialog(app.desk, app.tasks, booking.customer_id, window),
    ]
    for dialog in dialogs:
        dialog.show()
    run(settle(app))
    tables = [t for w in (window, *dialogs) for t in w.findChildren(QTableView)]
    assert len(tables) >= 4
    for table in tables:
        assert table.verticalHeader().isHidden(), table.accessibleName()
    for dialog in dialogs:
        dialog.close()
