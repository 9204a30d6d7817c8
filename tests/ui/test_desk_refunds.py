"""Refund… and Void… on a booking's payment at the desk: a reason is required, the
button that does it is the confirmation, it works offline and syncs, and it shows in
the booking's payment list and in the takings (a refund is money out on its day; a
voided payment counts nowhere)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app import takings
from server.models import Payment, Tenant
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from ui.desk.payments import PaymentDialog
from ui.desk.window import DeskWindow


def _dialog_on(window: DeskWindow, payment: dict[str, Any]) -> tuple[PaymentDialog, int]:
    desk = window.desk
    booking = desk.replica.get("booking", payment["booking_id"])
    assert booking is not None
    dialog = PaymentDialog(desk, window.tasks, booking, window)
    row = next(i for i, p in enumerate(dialog.payments) if p["payment_id"] == payment["payment_id"])
    return dialog, row


def _cells(dialog: PaymentDialog, row: int) -> list[str]:
    table = dialog.history
    return [item.text() if (item := table.item(row, j)) else "" for j in range(table.columnCount())]


def test_refund_and_void_from_the_payment_dialog_offline_and_synced(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine, demo_instant: datetime
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    replica = app.desk.replica
    tz = window.biz.time_zone
    cash = sorted(
        (p for p in replica.all("payment") if p["status"] == "completed" and p["method"] == "cash"),
        key=lambda p: p["payment_id"],
    )
    assert len(cash) >= 2
    refunded, voided = cash[0], cash[1]
    today = demo_instant.astimezone(tz).date()

    # Refund: nothing selected, nothing offered; selected, both are.
    dialog, row = _dialog_on(window, refunded)
    assert not dialog.refund_button.isEnabled()
    dialog.history.selectRow(row)
    assert dialog.refund_button.isEnabled()
    assert dialog.void_button.isEnabled()
    dialog.refund_button.click()
    reversal = dialog.reversal
    assert reversal is not None
    assert reversal.isVisible()
    assert "Refund" in reversal.windowTitle()
    assert takings.money(int(refunded["amount_minor"]), "ARS", "en") in reversal.question.text()
    assert not reversal.confirm.isEnabled()  # the reason is required
    reversal.reason.setText("   ")
    assert not reversal.confirm.isEnabled()
    reversal.reason.setText("Charged twice")
    reversal.confirm.click()
    run(settle(app))
    assert not reversal.isVisible()
    row_now = replica.get("payment", refunded["payment_id"])
    assert row_now is not None
    assert row_now["status"] == "refunded"
    cells = _cells(dialog, row)
    assert cells[2].startswith("Refunded")
    assert cells[3] == "Charged twice"
    # A refunded payment can be neither refunded nor voided again.
    dialog.history.selectRow(row)
    assert not dialog.refund_button.isEnabled()
    assert not dialog.void_button.isEnabled()
    dialog.close()
    run(synced(app))

    # Void, offline.
    void_day = datetime.fromisoformat(voided["taken_at"]).astimezone(tz).date()
    cash_before = takings.takings(replica, void_day).by_method["cash"]
    demo_server.stop()
    run(wait_until(lambda: app.desk is not None and app.desk.status().state == "offline"))
    dialog, row = _dialog_on(window, voided)
    dialog.history.selectRow(row)
    dialog.void_button.click()
    reversal = dialog.reversal
    assert reversal is not None
    assert "Void" in reversal.windowTitle()
    reversal.reason.setText("Recorded on the wrong booking")
    reversal.confirm.click()
    run(settle(app))
    assert app.desk.status().pending == 1
    assert "waiting to sync" in _cells(dialog, row)[2]
    dialog.close()
    demo_server.start()
    run(synced(app, 30))

    with Session(demo_store) as s:
        tenant = s.scalars(select(Tenant.tenant_id)).one()
        r = s.get(Payment, (tenant, uuid.UUID(refunded["payment_id"])))
        v = s.get(Payment, (tenant, uuid.UUID(voided["payment_id"])))
        assert r is not None
        assert v is not None
        assert (r.status, r.reason) == ("refunded", "Charged twice")
        assert r.reversed_at is not None
        assert r.reversed_at.astimezone(UTC) == demo_instant
        assert (v.status, v.reason) == ("voided", "Recorded on the wrong booking")

    # The takings: the refund is today's cash out, with its reason; the payment stays
    # in the day it was taken; the voided one is in no day.
    report = takings.takings(replica, today)
    (out,) = [line for line in report.lines if line.refund]
    assert out.amount_minor == -int(refunded["amount_minor"])
    assert out.reason == "Charged twice"
    assert out.method == "cash"
    taken_day = datetime.fromisoformat(refunded["taken_at"]).astimezone(tz).date()
    if taken_day != today:
        assert any(
            line.amount_minor == int(refunded["amount_minor"]) and not line.refund
            for line in takings.takings(replica, taken_day).lines
        )
    assert takings.takings(replica, void_day).by_method["cash"] == cash_before - int(
        voided["amount_minor"]
    )
    # And on screen, in the takings of the day.
    window.go_to(today)
    shown = window.show_takings()
    run(wait_until(lambda: shown.report is not None, what="the takings"))
    lines = shown.lines
    texts = [
        [cell.text() if (cell := lines.item(i, j)) else "" for j in range(lines.columnCount())]
        for i in range(lines.rowCount())
    ]
    assert any(r[3] == "Cash refund" and r[4] == "Charged twice" for r in texts)
    shown.close()
