"""The desk under pytest-qt, offscreen, against a real server on loopback.

pytest-qt spins Qt but not asyncio: the desk's coroutines run on a qasync loop, which
tests drive with `run(...)` (loop.run_until_complete), never `qtbot.waitUntil`.
"""

from __future__ import annotations

import asyncio
import gc
import shutil
from collections.abc import Callable, Coroutine, Iterator
from datetime import datetime, time
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
import shiboken6
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from app.domain.timezones import local_to_utc, zone
from server.db.engine import make_engine
from server.demo import DEMO_PASSWORD, RECEPTION_EMAIL, build_demo_store
from tests.helpers.clock import Clock
from tests.helpers.deskui import open_desk_app
from tests.helpers.kioskui import open_kiosk
from tests.helpers.live import LiveServer
from ui.common import i18n
from ui.common.application import paint_on_this_thread
from ui.common.garbage import GuiThreadCollector
from ui.common.loop import run_until_done
from ui.desk.main import DeskApp
from ui.desk.window import DeskWindow
from ui.kiosk.main import KioskApp

# Before pytest-qt makes the QApplication: Qt paints on this thread, as the apps do.
paint_on_this_thread()

T = TypeVar("T")
Run = Callable[[Coroutine[Any, Any, T]], T]


@pytest.fixture(scope="session")
def qt_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    collector = GuiThreadCollector(qapp)  # as the desk and kiosk run (ui/common/garbage.py)
    yield loop
    collector.stop()
    loop.close()  # joins its worker threads: Qt aborts if they outlive the app
    asyncio.set_event_loop(None)


@pytest.fixture
def run(qt_loop: asyncio.AbstractEventLoop) -> Run[Any]:
    def go(work: Coroutine[Any, Any, T]) -> T:
        return run_until_done(qt_loop, asyncio.wait_for(work, 90))

    return go


@pytest.fixture(scope="session")
def demo_instant() -> datetime:
    """The instant the demo is built for, and the server's and desks' "now"."""
    return demo_morning()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, demo_instant: datetime) -> Path:
    """The demo clinic in a SQLite store, built once; each test gets a copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_store(f"sqlite:///{path}", now=demo_instant)
    return path


def demo_morning() -> datetime:
    """09:00 today at the demo clinic. The demo's statuses are made as of then, so the
    tests find people still to come today at any hour on any day: built at the real
    time, a Sunday afternoon would have nobody left to check in."""
    tz = zone("America/Argentina/Buenos_Aires")
    return local_to_utc(datetime.now(tz).date(), time(9), tz)


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "server" / "demo.db"
    path.parent.mkdir()
    shutil.copy(demo_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def demo_server(demo_store: Engine, demo_instant: datetime) -> Iterator[LiveServer]:
    # The server's rules ("only today's bookings can arrive") ask the demo's instant.
    server = LiveServer(demo_store, clock=Clock(demo_instant))
    server.start()
    yield server
    server.stop()


class Desks:
    """Opens signed-in desk applications; closes them all after the test."""

    def __init__(self, run: Run[Any], folder: Path) -> None:
        self.run, self.folder = run, folder
        self.apps: list[DeskApp] = []

    def open(
        self,
        server: LiveServer,
        name: str = "desk",
        language: str = "en",
        email: str = RECEPTION_EMAIL,
    ) -> tuple[DeskApp, DeskWindow]:
        app, window = self.run(
            open_desk_app(
                server.base_url,
                email,
                DEMO_PASSWORD,
                self.folder / name,
                language=language,
            )
        )
        self.apps.append(app)
        assert app.desk is not None
        app.desk.engine.clock = server.clock  # the desk's "now" is the server's
        return app, window

    def close(self) -> None:
        apps, self.apps = self.apps, []
        for app in apps:
            self.run(app.close_desk())
            if app.window is not None and shiboken6.isValid(app.window):
                app.window.close()
                app.window.deleteLater()
            app.tasks.shutdown()


@pytest.fixture
def desks(run: Run[Any], tmp_path: Path) -> Iterator[Desks]:
    opened = Desks(run, tmp_path)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def in_english(qapp: QApplication) -> None:
    """Each test starts in English, the source text its assertions are written in:
    a test that opens a desk or kiosk in Spanish leaves Spanish installed, and which
    test runs next on the same worker depends on how pytest-xdist deals them out."""
    if i18n.current() != "en":
        i18n.install("en")


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """What a test leaves in cycles (windows, their slots) is freed here, on the GUI
    thread, rather than by whichever thread of the next test allocates first (a live
    server's worker): Qt crashes when its objects die off their thread."""
    yield
    gc.collect()


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Close the desks and kiosks as soon as the test body ends: pytest-qt processes
    pending Qt events right after (and again in teardown), outside the qasync loop,
    and the apps' coroutines stepped there would run with no asyncio loop at all.
    (Innermost wrapper, so this runs before pytest-qt's own.)"""
    try:
        return (yield)
    finally:
        opened = getattr(item, "funcargs", {})
        for apps in (opened.get("desks"), opened.get("kiosks")):
            if isinstance(apps, Desks | Kiosks):
                apps.close()


class Kiosks:
    """Enrols kiosk applications on a server; closes them all after the test."""

    def __init__(self, run: Run[Any], folder: Path) -> None:
        self.run, self.folder = run, folder
        self.apps: list[KioskApp] = []

    def open(self, server: LiveServer, name: str = "kiosk", language: str = "en") -> KioskApp:
        app: KioskApp = self.run(
            open_kiosk(
                server.base_url,
                RECEPTION_EMAIL,
                DEMO_PASSWORD,
                self.folder / name,
                language=language,
            )
        )
        self.apps.append(app)
        return app

    def close(self) -> None:
        apps, self.apps = self.apps, []
        for app in apps:
            self.run(app.close())
            if shiboken6.isValid(app.window):
                app.window.allow_close = True
                app.window.close()
                app.window.deleteLater()
            app.tasks.shutdown()


@pytest.fixture
def kiosks(run: Run[Any], tmp_path: Path) -> Iterator[Kiosks]:
    opened = Kiosks(run, tmp_path)
    yield opened
    opened.close()
