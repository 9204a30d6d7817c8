"""File › Cash close: this desk's till opened with a float, this desk's payments and
refunds counted against it, a difference refused without a note, closed offline and
synced, once per till and day, and printable."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.domain.errors import ConflictError
from server.models import CashClose
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run


def test_open_count_and_close_a_till_offline_then_synced(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine, demo_instant: datetime
) -> None:
    app, window = desks.open(demo_server)
    other, _ = desks.open(demo_server, "other")  # another PC: its own till
    assert app.desk is not None
    assert other.desk is not None
    tz = window.biz.time_zone
    today = demo_instant.astimezone(tz).date()
    window.go_to(today)
    booking = next(
        b
        for b in app.desk.replica.all("booking")
        if datetime.fromisoformat(b["start_at"]).astimezone(tz).date() == today
    )
    dialog = window.show_cash_close()
    run(settle(app))
    assert "not open" in dialog.state.text()
    assert dialog.opening.isVisible()
    assert not dialog.closing.isVisible()
    dialog.float_amount.setText("10,000.00")
    dialog.open_button.click()
    run(settle(app))
    assert "Open since 09:00 with a float of ARS\u00a010,000.00" in dialog.state.text()

    def pay(on: Any, amount: int, method: str) -> str:
        pid = str(uuid.uuid4())
        args = {"booking_id": booking["booking_id"], "payment_id": pid,
                "amount_minor": amount, "method": method}  # fmt: skip
        on.tasks.submit(on.desk, "payment.record", args)
        run(settle(on))
        return pid

    pay(app, 500_000, "cash")
    pay(app, 300_000, "card")
    refunded = pay(app, 100_000, "cash")
    app.tasks.submit(app.desk, "payment.refund", {"payment_id": refunded, "reason": "error"})
    pay(other, 900_000, "cash")  # another desk's drawer: not this one's
    run(settle(app))
    run(wait_until(lambda: dialog.till is not None and dialog.till.expected, what="expected"))
    run(settle(app))
    shown = {m: label.text() for m, label in dialog.expected.items()}
    # 10,000 float + 5,000 + 1,000 − 1,000 refunded, in cash; 3,000 by card.
    assert shown == {
        "cash": "ARS\u00a015,000.00",
        "card": "ARS\u00a03,000.00",
        "transfer": "ARS\u00a00.00",
        "other": "ARS\u00a00.00",
    }
    run(synced(app))

    # Closed offline: a shortfall needs a note.
    demo_server.stop()
    run(wait_until(lambda: app.desk is not None and app.desk.status().state == "offline"))
    dialog.counted["cash"].setText("14,900.00")
    dialog.counted["card"].setText("3,000.00")
    assert dialog.difference["cash"].text() == "-ARS\u00a0100.00"
    assert dialog.difference["card"].text() == "ARS\u00a00.00"
    dialog.close_button.click()
    run(settle(app))
    assert "note" in dialog.error.text().lower()
    assert app.desk.status().pending == 0
    dialog.note.setText("A 100 note given as change twice")
    dialog.close_button.click()
    run(settle(app))
    assert "Closed at 09:00" in dialog.state.text()
    assert "waiting to sync" in dialog.state.text()
    assert not dialog.close_button.isVisible()
    assert dialog.counted["cash"].isReadOnly()
    # One close per till and day, offline too.
    close_id = dialog.till.row["close_id"] if dialog.till and dialog.till.row else ""
    again = {"close_id": close_id, "counted": {"cash": 0}, "note": "x"}
    with pytest.raises(ConflictError):
        app.desk.submit("cash.close", again)
    with pytest.raises(ConflictError):
        app.desk.submit(
            "cash.open",
            {"till_id": app.desk.replica.client_id, "day": today.isoformat(), "float_minor": 0},
        )
    # On paper: each method's expected, counted and difference, and the note.
    printed = dialog.document().toPlainText().replace("\u00a0", " ")  # Qt's plain text
    for text in ("ARS 15,000.00", "ARS 14,900.00", "-ARS 100.00"):
        assert text in printed
    assert "A 100 note given as change twice" in printed

    demo_server.start()
    run(synced(app, 30))
    with Session(demo_store) as s:
        row = s.scalars(select(CashClose).where(CashClose.close_id == uuid.UUID(close_id))).one()
        assert row.till_id == uuid.UUID(app.desk.replica.client_id)
        assert row.float_minor == 1_000_000
        assert row.expected == {"cash": 1_500_000, "card": 300_000, "transfer": 0, "other": 0}
        assert row.counted == {"cash": 1_490_000, "card": 300_000, "transfer": 0, "other": 0}
        assert row.note == "A 100 note given as change twice"
    run(settle(app))
    assert "waiting to sync" not in dialog.state.text()
    dialog.close()
