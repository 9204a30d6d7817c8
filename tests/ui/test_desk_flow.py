"""A receptionist's round: sign in, see the day, book from a free slot, move it by
dragging (and undo), check the customer in, take the payment. Real server, real
widgets, real replica; the server's store is checked at each step."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app import schedule
from app.credentials import Preferences
from app.domain.availability import Slot
from server.db.engine import ALL_TENANTS, make_session_factory
from server.demo import DEMO_PASSWORD, RECEPTION_EMAIL
from server.models import Booking, Payment
from tests.helpers.clock import Clock, morning_of
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from ui.desk.booking_dialog import BookingDialog
from ui.desk.dayview import GUTTER_W
from ui.desk.main import DeskApp
from ui.desk.payments import PaymentDialog
from ui.desk.signin import SignInDialog
from ui.desk.window import DeskWindow


def server_booking(engine: Engine, booking_id: str) -> Booking | None:
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        return s.scalars(select(Booking).where(Booking.booking_id == uuid.UUID(booking_id))).first()


NO_MOD = Qt.KeyboardModifier.NoModifier


def free_slot(window: DeskWindow, days_ahead: int = 8) -> tuple[date, int, Slot]:
    """A weekday at least `days_ahead` days away, a provider column and a free slot."""
    replica = window.desk.replica
    tz = window.biz.time_zone
    day = datetime.now(tz).date() + timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    plan = schedule.day_plan(replica, day)
    for i, column in enumerate(plan.columns):
        for service in schedule.services(replica, column.provider_id):
            slots = schedule.suggest_slots(replica, service["service_id"], day, column.provider_id)
            if len(slots) > 3:
                return day, i, slots[len(slots) // 2]
    raise AssertionError("the demo has no free slot that day")


def point_of(window: DeskWindow, column: int, minute: float) -> QPoint:
    view = window.view
    view.scroll_to_minute(int(minute))
    x = GUTTER_W + column * view.column_width() - view.horizontalScrollBar().value()
    return QPoint(int(x + view.column_width() / 2), int(view.y_of(minute) + 4))


async def activate(window: DeskWindow) -> None:
    """Shortcuts reach the active window only; offscreen nothing activates by itself.
    Qt's events are processed by the running qasync loop: processing them outside it
    would run asyncio callbacks with no running loop (httpx then fails)."""
    window.activateWindow()
    handle = window.windowHandle()
    assert handle is not None
    handle.requestActivate()
    window.view.setFocus()
    await wait_until(window.isActiveWindow, 5, "the window to be active")


def signed_out_desk(qtbot: QtBot, server: LiveServer, folder: Path) -> tuple[DeskApp, SignInDialog]:
    """The desk as a receptionist first opens it: the sign-in dialog, filled in but for
    the password."""
    app = DeskApp(
        Preferences(server=server.base_url, email=RECEPTION_EMAIL, language="en"),
        prefs_path=folder / "prefs.json",
        data_dir=folder,
    )
    dialog = app.show_sign_in()
    qtbot.addWidget(dialog)
    return app, dialog


def test_sign_in_dialog_says_when_to_try_again_after_too_many_wrong_passwords(
    qtbot: QtBot, run: Run[Any], demo_server: LiveServer, tmp_path: Path
) -> None:
    app, dialog = signed_out_desk(qtbot, demo_server, tmp_path)
    try:
        dialog.password.setText("wrong password")
        for _ in range(5):  # the server's default: five failures in 15 minutes
            dialog.error.setText("")
            dialog.submit()
            run(wait_until(lambda: "not right" in dialog.error.text(), what="a refusal"))
        dialog.password.setText(DEMO_PASSWORD)  # right, but too late for now
        dialog.submit()
        run(wait_until(lambda: "Too many" in dialog.error.text(), what="the lock"))
        assert dialog.error.text() == "Too many attempts. Try again in 15 minute(s)."
        assert app.window is None
    finally:
        run(app.close_desk())
        app.tasks.shutdown()


def test_sign_in_dialog_says_the_account_is_locked_and_for_how_long(
    qtbot: QtBot, run: Run[Any], demo_store: Engine, tmp_path: Path
) -> None:
    """Wrong passwords from many places lock the account (here after two): the
    receptionist reads why and for how long, not a server's English sentence."""
    start = datetime(2026, 11, 30, 15, tzinfo=UTC)
    clock = Clock(start)
    server = LiveServer(
        demo_store,
        clock=clock,
        login_account_free_failures=1,
        login_account_lock_failures=2,
    )
    server.start()
    app, dialog = signed_out_desk(qtbot, server, tmp_path)
    try:
        with httpx.Client(base_url=server.base_url) as http:
            wrong = {"email": RECEPTION_EMAIL, "password": "someone guessing"}
            assert http.post("/auth/sign-in", json=wrong).status_code == 401
            start += timedelta(minutes=1)  # the wait a failure costs the next guess
            clock.at = start
            assert http.post("/auth/sign-in", json=wrong).status_code == 401
        dialog.password.setText(DEMO_PASSWORD)  # right, but the account is locked
        dialog.submit()
        run(wait_until(lambda: "locked" in dialog.error.text(), what="the lock"))
        assert dialog.error.text() == (
            "Too many wrong passwords: this account is locked for 60 minute(s). "
            "An admin can unlock it sooner."
        )
        assert app.window is None
    finally:
        run(app.close_desk())
        app.tasks.shutdown()
        server.stop()


def test_sign_in_dialog_says_there_is_no_keyring_and_signs_in_for_this_run(
    qtbot: QtBot, run: Run[Any], demo_server: LiveServer, tmp_path: Path
) -> None:
    app, dialog = signed_out_desk(qtbot, demo_server, tmp_path)
    try:
        assert not dialog.keyring_ok  # headless: the `fail` keyring backend
        assert dialog.no_keyring.isVisible()
        assert "never written to a file" in dialog.no_keyring.text()
        dialog.password.setText("wrong password")
        dialog.submit()
        run(wait_until(lambda: "not right" in dialog.error.text(), what="the refusal"))
        dialog.password.setText(DEMO_PASSWORD)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        window = run(wait_until(lambda: app.window, what="the window"))
        assert app.desk is not None
        run(wait_until(lambda: window.model.columns, what="the day view"))
        assert window.brand_name.text() == "Clínica San Martín"
        assert len(window.model.columns) == 6
        assert any(c.column.blocks for c in window.model.columns)
        # Remembered for next time: the server and the user, never a token.
        saved = (tmp_path / "prefs.json").read_text()
        assert RECEPTION_EMAIL in saved
        assert demo_server.base_url in saved
        tokens = app.desk.tokens.load()
        assert tokens is not None
        assert tokens.access_token not in saved
        # Through the menu, as a receptionist does.
        sign_out = next(
            a for a in window.findChildren(QAction) if a.text().replace("&", "") == "Sign out"
        )
        sign_out.trigger()
        first_dialog = app.dialog
        run(
            wait_until(
                lambda: app.dialog not in (None, first_dialog) and app.dialog.isVisible(),
                10,
                "the sign-in dialog again",
            )
        )
        assert app.desk is None
        assert app.dialog is not None
        assert app.dialog.isVisible()
        assert app.desk is None
    finally:
        run(app.close_desk())
        app.tasks.shutdown()


def test_book_from_a_free_slot_drag_undo_check_in_and_pay(
    qtbot: QtBot, run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine
) -> None:
    app, window = desks.open(demo_server)

    async def scenario() -> None:
        window.resize(1300, 800)
        day, column, slot = free_slot(window)
        window.go_to(day)
        await settle(app)
        assert window.model.columns[column].day == day
        minute = window.model.minute_of(slot.start_at, column)

        # Double-click the free time: the booking dialog opens on that provider and time.
        QTest.mouseDClick(
            window.view.viewport(),
            Qt.MouseButton.LeftButton,
            NO_MOD,
            point_of(window, column, minute),
        )
        dialog = (await wait_until(lambda: window.findChildren(BookingDialog), what="dialog"))[-1]
        QTest.keyClicks(dialog.picker.search, "garcia")
        await wait_until(lambda: dialog.picker.results.count() > 0, what="customers found")
        dialog.picker.results.setCurrentRow(0)
        customer_id = dialog.picker.chosen
        assert customer_id is not None
        await wait_until(lambda: dialog.slots.chosen() is not None, what="the slot clicked")
        chosen = dialog.slots.chosen()
        assert chosen is not None
        start = chosen[0]
        assert start == window.model.instant(column, window.model.snap(minute))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        await wait_until(lambda: not dialog.isVisible(), what="the dialog to close")
        booking_id = window.view.selected
        assert booking_id is not None
        await synced(app)
        stored = server_booking(demo_store, booking_id)
        assert stored is not None
        assert stored.start_at == start
        assert str(stored.customer_id) == customer_id
        assert stored.status == "confirmed"

        # Drag the block one hour later, then undo with Ctrl+Z.
        found = window.model.block(booking_id)
        assert found is not None
        assert not found[1].pending
        viewport = window.view.viewport()
        grab = point_of(window, column, window.model.minute_of(start, column) + 2)
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, NO_MOD, grab)
        QTest.mouseMove(viewport, grab + QPoint(0, 20))
        QTest.mouseMove(viewport, grab + QPoint(0, int(60 * 1.4)))
        QTest.mouseRelease(
            viewport, Qt.MouseButton.LeftButton, NO_MOD, grab + QPoint(0, int(60 * 1.4))
        )
        await synced(app)
        moved = server_booking(demo_store, booking_id)
        assert moved is not None
        assert moved.start_at == start + timedelta(hours=1)
        assert window.undo_action.isEnabled()
        await activate(window)
        QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        await synced(app)
        back = server_booking(demo_store, booking_id)
        assert back is not None
        assert back.start_at == start

        # The day comes and the customer arrives: F6. Then the payment, for the price.
        demo_server.clock.at = morning_of(day, window.biz.time_zone)
        window.view.select(booking_id)
        QTest.keyClick(window, Qt.Key.Key_F6)
        await synced(app)
        arrived = server_booking(demo_store, booking_id)
        assert arrived is not None
        assert arrived.status == "checked_in"
        assert "Arrived" in window.panel.status.text()
        window.act("payment")
        pay = (await wait_until(lambda: window.findChildren(PaymentDialog), what="payment"))[-1]
        assert pay.amount.text()  # what is due, filled in
        pay.method.setCurrentIndex(pay.method.findData("card"))
        pay.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        await wait_until(lambda: not pay.isVisible(), what="payment dialog to close")
        await synced(app)
        with Session(demo_store) as s:
            payments = s.scalars(
                select(Payment).where(Payment.booking_id == uuid.UUID(booking_id))
            ).all()
        assert [(p.method, p.amount_minor, p.status) for p in payments] == [
            ("card", arrived.price_minor, "completed")
        ]
        window.show_selected()
        assert window.panel.money.text().startswith("Paid")

    run(scenario())
