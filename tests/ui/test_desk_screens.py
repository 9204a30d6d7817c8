"""The desk's other screens against the demo: Spanish and English, plain text from
data, the day to PDF, the cash-up, the walk-in queue, a customer's profile."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from app import walkin_queue
from app.domain.availability import day_range
from app.schedule import bookings_between
from server.models import Customer
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from ui.common.screens import FRAME
from ui.desk.customers import CustomerProfileDialog
from ui.desk.dayview import static_label
from ui.desk.payments import TakingsDialog, parse_amount


def test_switching_to_spanish_rebuilds_the_window_in_spanish(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server)
    assert window.today_button.text() == "&Today"
    app.switch_language("es-AR")
    spanish = app.window
    assert spanish is not None
    assert spanish is not window
    run(settle(app))
    assert spanish.today_button.text() == "&Hoy"
    assert spanish.new_button.text() == "&Nuevo turno"
    tabs = [spanish.side.tabText(i) for i in range(spanish.side.count())]
    assert tabs == ["Turno", "Sin turno", "Lista de espera", "Conflictos"]
    assert spanish.connection.state.text() in ("En línea", "Sincronizando…")
    assert app.prefs.language == "es-AR"
    # The same day and data, in the new language.
    assert spanish.day == window.day
    run(wait_until(lambda: spanish.model.columns, what="the day in Spanish"))
    app.switch_language("en")
    assert app.window is not None
    assert app.window.today_button.text() == "&Today"


def test_text_from_data_is_shown_as_plain_text(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine
) -> None:
    with Session(demo_store) as s:
        customer = s.scalars(select(Customer).order_by(Customer.last_name)).first()
        assert customer is not None
        s.execute(
            update(Customer)
            .where(Customer.customer_id == customer.customer_id)
            .values(first_name="<b>Ana</b>", last_name="<img src=x> & Co")
        )
        s.commit()
        customer_id = str(customer.customer_id)
    app, window = desks.open(demo_server)
    assert app.desk is not None
    dialog = CustomerProfileDialog(app.desk, app.tasks, customer_id, window)
    run(settle(app))
    assert dialog.name.text() == "<b>Ana</b> <img src=x> & Co"
    for label in dialog.findChildren(QLabel):
        if label.text().startswith("<"):
            assert label.textFormat() == Qt.TextFormat.PlainText
    window.panel.show_booking(
        {
            "status": "confirmed",
            "customer": "<i>x</i>",
            "when": "",
            "service": "s",
            "provider": "p",
            "money": "",
            "code": "",
            "notes": "<script>",
        }
    )
    assert window.panel.customer.textFormat() == Qt.TextFormat.PlainText
    assert window.panel.customer.text() == "<i>x</i>"
    # The schedule's blocks lay their labels out once, as plain text too.
    laid_out = static_label("<b>Ana</b>", window.view.font())
    assert laid_out.textFormat() == Qt.TextFormat.PlainText
    assert laid_out.text() == "<b>Ana</b>"
    dialog.close()


def test_the_takings_of_a_day_add_up_per_method(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    yesterday = window.day - timedelta(days=1)
    dialog = TakingsDialog(app.desk, app.tasks, yesterday, window)
    run(wait_until(lambda: dialog.report is not None, what="the report"))
    report = dialog.report
    assert report is not None
    assert report.total_minor == sum(report.by_method.values())
    assert report.total_minor == sum(line.amount_minor for line in report.lines)
    assert dialog.totals.rowCount() == 5  # four methods and the total
    assert dialog.lines.rowCount() == len(report.lines)
    html = dialog.document().toHtml()
    assert "Clínica San Martín" in html
    dialog.close()


def test_parse_amount_reads_argentine_and_plain_amounts() -> None:
    assert parse_amount("1.500,50") == 150_050
    assert parse_amount("1500.50") == 150_050
    assert parse_amount("$ 2.000") == 200_000
    assert parse_amount("9000") == 900_000
    # As the English payment field shows them, and typed the Argentine way in English.
    assert parse_amount("1,500.50") == 150_050
    assert parse_amount("1,500") == 150_000
    assert parse_amount("15.000") == 1_500_000  # never ARS 15.00
    assert parse_amount("1.234.567,8") == 123_456_780
    assert parse_amount("7,5") == 750
    assert parse_amount("15.000", 0) == 15_000  # a currency without cents


def test_walk_in_queue_new_ticket_call_and_serve(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server)
    desk = app.desk
    assert desk is not None
    panel = window.walkins
    location = walkin_queue.location_id(desk.replica)
    service = desk.replica.all("service")[0]["service_id"]
    app.tasks.submit(
        desk,
        "walkin.create",
        {"location_id": location, "service_id": service, "customer_name": "Zoe"},
    )
    run(synced(app))
    run(
        wait_until(
            lambda: any(t.customer_name == "Zoe" and t.label for t in panel.tickets),
            what="the ticket numbered by the server",
        )
    )
    zoe = next(t for t in panel.tickets if t.customer_name == "Zoe")
    assert zoe.status == "waiting"
    assert not zoe.pending
    # Call everyone ahead of Zoe, then Zoe; then serve her.
    while True:
        first = next(t for t in panel.tickets if t.status == "waiting")
        panel.call_first()
        run(synced(app))

        def called(ticket_id: str = first.ticket_id) -> bool:
            return any(t.ticket_id == ticket_id and t.status == "called" for t in panel.tickets)

        run(wait_until(called, what="called"))
        if first.ticket_id == zoe.ticket_id:
            break
    row = next(i for i, t in enumerate(panel.tickets) if t.ticket_id == zoe.ticket_id)
    panel.table.selectRow(row)
    panel.serve.click()
    run(synced(app))
    run(
        wait_until(
            lambda: all(t.ticket_id != zoe.ticket_id for t in panel.tickets),
            what="Zoe served and gone from the queue",
        )
    )
    served = desk.replica.get("walkin_ticket", zoe.ticket_id)
    assert served is not None
    assert served["status"] == "served"


def test_the_customer_profile_shows_history_and_saves_notes(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server)
    desk = app.desk
    assert desk is not None
    tz = window.biz.time_zone
    lo, _ = day_range(window.day - timedelta(days=7), tz)
    _, hi = day_range(window.day, tz)
    some = bookings_between(desk.replica, lo, hi)[0]
    dialog = CustomerProfileDialog(desk, app.tasks, some["customer_id"], window)
    run(settle(app))
    assert dialog.table.rowCount() >= 1
    assert "visits" in dialog.counts.text()
    dialog.notes.setPlainText("Prefers mornings")
    dialog.save()
    run(synced(app))
    saved = desk.replica.get("customer", some["customer_id"])
    assert saved is not None
    assert saved["notes"] == "Prefers mornings"
    assert "pending" not in saved  # the server's row, after the sync


def test_copied_diagnostics_say_what_support_needs_and_no_secret(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    import logging

    from PySide6.QtWidgets import QApplication

    from app import __version__

    app, window = desks.open(demo_server)
    assert app.desk is not None
    logging.getLogger("turnero.test").warning("the printer is out of paper")
    text = window.copy_diagnostics()
    assert f"Turnero {__version__} (desk)" in text
    assert demo_server.base_url in text
    assert "Sync: " in text
    tokens = app.desk.tokens.load()
    assert tokens is not None
    assert tokens.access_token not in text
    assert tokens.refresh_token is not None
    assert tokens.refresh_token not in text
    clipboard = QApplication.clipboard()
    assert clipboard is not None
    assert clipboard.text() == text


def test_the_desk_opens_within_a_small_screen(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    """Offscreen the screen is 800x600: smaller than the desk's usual 1360x860, as a
    1366x768 laptop is once its taskbar and the window's title bar are counted."""
    _, window = desks.open(demo_server)
    screen = window.screen()
    assert screen is not None
    free = screen.availableGeometry()
    assert free.width() < 1360
    assert window.width() + FRAME.width() <= free.width()
    assert window.height() + FRAME.height() <= free.height()
    assert window.statusBar().isVisible()
