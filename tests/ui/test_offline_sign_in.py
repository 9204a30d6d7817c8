"""A desk restarted during an outage, on a computer with no keyring (so no session
kept): the last user opens it offline with their password, checked on this computer;
a wrong password opens nothing; changes queue; when the server is back the desk asks
for the sign-in, and what waited goes out."""

from __future__ import annotations

import logging
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.credentials import Preferences
from app.offline_unlock import FILE
from server.demo import DEMO_PASSWORD, RECEPTION_EMAIL
from server.models import Booking
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Run
from tests.ui.test_desk_flow import free_slot
from tests.ui.test_desk_sync import book
from ui.desk.main import DeskApp
from ui.desk.signin import SignInDialog


class Restarts:
    """Desk applications started as from the menu, with one prefs file and data folder;
    each closed at the end of the test body."""

    def __init__(self, run: Run[Any], folder: Path, qtbot: QtBot) -> None:
        self.run, self.folder, self.qtbot = run, folder, qtbot
        self.apps: list[DeskApp] = []

    def start(self) -> tuple[DeskApp, SignInDialog]:
        prefs = Preferences.load(self.folder / "prefs.json")
        if not prefs.email:
            prefs = Preferences(server=prefs.server, email=RECEPTION_EMAIL, language="en")
        app = DeskApp(prefs, prefs_path=self.folder / "prefs.json", data_dir=self.folder)
        self.apps.append(app)
        app.start()  # no keyring here: always the sign-in dialog
        assert app.dialog is not None
        self.qtbot.addWidget(app.dialog)
        return app, app.dialog

    def close(self, app: DeskApp) -> None:
        self.run(app.close_desk())
        if app.window is not None and shiboken6.isValid(app.window):
            app.window.close()
            app.window.deleteLater()
        app.tasks.shutdown()

    def close_all(self) -> None:
        for app in self.apps:
            self.close(app)
        self.apps = []


def submit(run: Run[Any], app: DeskApp, dialog: SignInDialog, password: str) -> None:
    dialog.error.setText("")
    dialog.password.setText(password)
    dialog.submit()
    run(
        wait_until(
            lambda: app.window is not None or dialog.error.text() not in ("", "Signing in…"),
            30,
            "an answer to the sign-in",
        )
    )


def test_the_last_user_reopens_the_desk_offline_and_signs_in_when_the_server_is_back(
    qtbot: QtBot,
    run: Run[Any],
    demo_server: LiveServer,
    demo_store: Engine,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    Preferences(server=demo_server.base_url, email=RECEPTION_EMAIL, language="en").save(
        tmp_path / "prefs.json"
    )
    desks = Restarts(run, tmp_path, qtbot)
    try:
        # Online: signs in as usual; the offline check is kept, and no password.
        first, dialog = desks.start()
        submit(run, first, dialog, DEMO_PASSWORD)
        assert first.window is not None, dialog.error.text()
        unlock_file = tmp_path / FILE
        assert stat.S_IMODE(unlock_file.stat().st_mode) == 0o600
        kept = unlock_file.read_text(encoding="utf-8")
        assert DEMO_PASSWORD not in kept
        assert "$argon2id$" in kept
        desks.close(first)
        desks.apps.remove(first)

        demo_server.stop()  # the outage; the desk is started again

        # A wrong password opens nothing.
        app, dialog = desks.start()
        submit(run, app, dialog, "not the password")
        assert app.window is None
        assert "not the password last used on this computer" in dialog.error.text()

        # The right one opens the last user's replica, offline; a booking queues.
        caplog.clear()
        submit(run, app, dialog, DEMO_PASSWORD)
        window = app.window
        assert window is not None, dialog.error.text()
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
        desk = app.desk
        assert desk is not None
        assert desk.account.email == RECEPTION_EMAIL
        run(wait_until(lambda: window.model.columns, what="the schedule from the replica"))
        day, column, slot = free_slot(window)
        window.go_to(day)
        run(settle(app))
        book(app, window, slot.start_at, column, 4)
        run(settle(app))
        assert desk.status().pending == 1
        run(wait_until(lambda: "Offline" in window.connection.state.text(), what="offline"))
        [booking_id] = [p.args["booking_id"] for p in desk.replica.pending()]

        # The server is back: the status bar asks for the sign-in.
        demo_server.start()
        run(wait_until(window.connection.sign_in.isVisible, 60, "the sign-in asked for"))
        assert "sign in" in window.connection.state.text()
        assert desk.status().pending == 1  # nothing goes out without a session

        caplog.clear()
        window.connection.sign_in.click()
        run(wait_until(lambda: app.window is None and app.dialog is not None, what="sign-in"))
        dialog = app.dialog
        assert dialog is not None
        qtbot.addWidget(dialog)
        submit(run, app, dialog, DEMO_PASSWORD)
        assert app.window is not None, dialog.error.text()
        run(synced(app, 30))
        with Session(demo_store) as s:
            stored = s.scalars(
                select(Booking).where(Booking.booking_id == uuid.UUID(booking_id))
            ).first()
        assert stored is not None
        assert stored.start_at == slot.start_at
        # The window of the desk that closed read nothing more of its replica.
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    finally:
        desks.close_all()
