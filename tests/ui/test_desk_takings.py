"""File > Takings of the day: each payment with its reference (the card voucher or the
transfer number the cash-up is checked against), on screen and on paper."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtGui import QTextCursor, QTextDocument, QTextTable
from PySide6.QtWidgets import QTableWidgetItem
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from server.models import Payment
from tests.helpers.deskui import wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run

REFERENCE = "Posnet 004471"


def text(item: QTableWidgetItem | None) -> str:
    assert item is not None
    return item.text()


def table_rows(doc: QTextDocument) -> list[list[str]]:
    """The cells of every table of a document, row by row, as printed."""
    rows = []
    for frame in doc.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        for r in range(frame.rows()):
            cells = []
            for c in range(frame.columns()):
                cell = frame.cellAt(r, c)
                cursor = cell.firstCursorPosition()
                cursor.setPosition(cell.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
                cells.append(cursor.selectedText())
            rows.append(cells)
    return rows


def test_the_takings_show_each_payments_reference_and_no_row_numbers(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine
) -> None:
    with Session(demo_store) as s:
        payment = s.scalars(
            select(Payment).where(Payment.status == "completed").order_by(Payment.payment_id)
        ).first()
        assert payment is not None
        payment_id = str(payment.payment_id)
        s.execute(
            update(Payment)
            .where(Payment.payment_id == payment.payment_id)
            .values(reference=REFERENCE)
        )
        s.commit()
    app, window = desks.open(demo_server)
    assert app.desk is not None
    replica = app.desk.replica
    row = replica.get("payment", payment_id)
    assert row is not None
    booking = replica.get("booking", row["booking_id"])
    assert booking is not None
    customer = replica.get("customer", booking["customer_id"])
    assert customer is not None
    paid = datetime.fromisoformat(row["created_at"]).astimezone(window.biz.time_zone)
    window.go_to(paid.date())
    dialog = window.show_takings()
    run(wait_until(lambda: dialog.report is not None, what="the takings"))
    table = dialog.lines
    heads = [text(table.horizontalHeaderItem(j)) for j in range(table.columnCount())]
    assert "Reference" in heads
    rows = [
        [text(table.item(i, j)) for j in range(table.columnCount())]
        for i in range(table.rowCount())
    ]
    (ours,) = [r for r in rows if r[heads.index("Reference")] == REFERENCE]
    assert ours[heads.index("Time")] == f"{paid:%H:%M}"
    assert ours[heads.index("Patient")] == f"{customer['first_name']} {customer['last_name']}"
    # No row numbers: they count nothing the cash-up needs.
    assert table.verticalHeader().isHidden()
    assert dialog.totals.verticalHeader().isHidden()
    # And on paper, in the payment's row.
    (printed,) = [r for r in table_rows(dialog.document()) if REFERENCE in r]
    assert printed[0] == f"{paid:%H:%M}"
    assert printed[1] == ours[heads.index("Patient")]
    dialog.close()
