"""Money in the desk's language: English separators in English, Argentine in Spanish."""

from __future__ import annotations

from typing import Any

import pytest

from app import takings
from tests.helpers.deskui import settle
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from tests.ui.test_desk_print import busiest_day
from ui.desk.payments import PaymentDialog, parse_amount


@pytest.mark.parametrize(
    ("language", "grouping", "decimals"), [("es-AR", ".", ","), ("en", ",", ".")]
)
def test_the_booking_and_its_payment_show_money_as_the_language_writes_it(
    run: Run[Any],
    desks: Desks,
    demo_server: LiveServer,
    language: str,
    grouping: str,
    decimals: str,
) -> None:
    app, window = desks.open(demo_server, language=language)
    assert app.desk is not None
    window.go_to(busiest_day(app.desk.replica, window.biz.time_zone))
    run(settle(app))
    block = next(
        b
        for vc in window.model.columns
        for b in vc.column.blocks
        if int((app.desk.replica.get("booking", b.booking_id) or {}).get("price_minor") or 0)
        >= 100_000  # at least 1.000,00: the thousands separator shows
    )
    window.view.select(block.booking_id)
    run(settle(app))
    row = app.desk.replica.get("booking", block.booking_id)
    assert row is not None
    price = int(row["price_minor"])
    shown = takings.money(price, window.biz.currency, language)
    assert shown in window.panel.money.text()
    units, cents = divmod(price, 100)
    assert f"{units // 1000}{grouping}{units % 1000:03d}{decimals}{cents:02d}" in shown
    dialog = PaymentDialog(app.desk, app.tasks, row, window)
    # What is due is offered in the same language, and reads back as the same amount.
    assert decimals in dialog.amount.text()
    assert parse_amount(dialog.amount.text(), 2) == price
    dialog.close()
