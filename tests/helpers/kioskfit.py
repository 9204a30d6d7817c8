"""Does a kiosk page fit the screen? Each of its controls inside the window, none over
another, every text whole, every button big enough for a finger. Used by the layout
test and by `make screenshots`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import combinations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPushButton, QWidget

from app.kiosk import KioskService, Match, Outcome, Ticket
from tests.helpers.deskui import wait_until
from ui.kiosk.window import KioskWindow

TOUCH = 56  # pixels: the least side of anything a finger has to press
# The common kiosk screens: small and large landscape panels, and a portrait stand.
SCREENS = ((1024, 768), (1280, 800), (1366, 768), (1920, 1080), (1080, 1920))


async def show_at(window: QWidget, width: int, height: int) -> None:
    """Size the window as a full screen of this size would, and let its layouts settle
    (a window whose content is too big for it grows past the screen: that is kept, for
    `misfits` to report)."""
    window.resize(width, height)
    await wait_until(
        lambda: window.size() == QSize(width, height).expandedTo(window.minimumSize()),
        5,
        f"the window at {width}x{height}",
    )
    settle_layouts()


def settle_layouts() -> None:
    """Lay out now what Qt would lay out on its next turn (nested layouts: a few rounds)."""
    for _ in range(4):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def describe(widget: QWidget) -> str:
    """ "CheckInPage: QPushButton 'Continue'": where a customer would look for it."""
    page: QWidget | None = widget
    while page is not None and not type(page).__name__.endswith("Page"):
        page = page.parentWidget()
    name = widget.accessibleName()
    if not name and isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        name = widget.text()
    where = type(page).__name__ if page is not None else "window"
    return f"{where}: {type(widget).__name__} {name.replace(chr(10), ' ')!r}"


def is_control(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        return bool(widget.text())
    return isinstance(widget, QAbstractButton | QLineEdit)


def misfits(window: QWidget, size: QSize) -> list[str]:
    """What a customer would see wrong on this screen: a control (button, field, text)
    out of the window, under another one, cut, or too small to touch."""
    problems: list[str] = []
    if window.size() != size:
        problems.append(f"the window grew to {window.width()}x{window.height()}")
    screen = QRect(QPoint(0, 0), size)
    controls = [w for w in window.findChildren(QWidget) if w.isVisible() and is_control(w)]
    rects = {w: QRect(w.mapTo(window, QPoint(0, 0)), w.size()) for w in controls}
    for w, r in rects.items():
        what = describe(w)
        if not screen.contains(r):
            problems.append(f"{what} at {r.getRect()} is off the screen")
        if isinstance(w, QAbstractButton) and min(r.width(), r.height()) < TOUCH:
            problems.append(f"{what} is {r.width()}x{r.height()}: too small to touch")
        if isinstance(w, QPushButton) and w.text():  # (a wrapping one holds a label)
            hint = w.minimumSizeHint()
            if r.width() < hint.width() or r.height() < hint.height():
                problems.append(f"{what} is {r.width()}x{r.height()}, its text needs {hint}")
        if isinstance(w, QLabel):
            if w.wordWrap():
                needs = QSize(w.minimumSizeHint().width(), w.heightForWidth(r.width()))
            else:
                needs = w.sizeHint()
            if r.width() < needs.width() or r.height() < needs.height():
                problems.append(f"{what} is {r.width()}x{r.height()}, its text needs {needs}")
        if isinstance(w, QLineEdit) and r.height() < w.minimumSizeHint().height():
            problems.append(f"{what} is {r.height()} high, its text needs more")
    for a, b in combinations(controls, 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        if rects[a].intersects(rects[b]):
            problems.append(f"{describe(a)} overlaps {describe(b)}")
    return problems


def show_page(show: Callable[[], None]) -> None:
    show()
    settle_layouts()


def kiosk_pages(window: KioskWindow, service: KioskService) -> list[tuple[str, Callable[[], None]]]:
    """Every page of a working kiosk, each filled as a customer would see it with the
    longest texts the demo has, and a way to bring it to the screen."""
    rows = service.replica.all("booking")
    booking = max(rows, key=lambda r: len(r.get("customer_label", "")))
    start = datetime.fromisoformat(booking["start_at"])
    provider = max((p["display_name"] for p in service.replica.all("provider")), key=len)
    longest = max((s["name"] for s in service.services()), key=len)
    found = Match(
        Outcome.FOUND, booking["booking_id"], booking["customer_label"], start, provider, longest
    )
    window.show_match(found)
    window.show_match(Match(Outcome.TOO_EARLY, booking["booking_id"], "", start))
    window.done_timer.stop()
    window.show_ticket(Ticket("A123", longest, start, timedelta(minutes=75), 3, str(uuid.uuid4())))
    window.done_timer.stop()

    def checkin(mode: int, refusal: Outcome) -> Callable[[], None]:
        def show() -> None:
            window.checkin.show_mode(mode)
            if mode == 0:
                window.checkin.code.setText(booking["code"])
            else:
                window.checkin.phone.setText("11 4567 8910")
                window.checkin.time.setText("10:30")
            window.show_match(Match(refusal))  # the longest words it says there
            window.stack.setCurrentWidget(window.checkin)

        return show

    return [
        ("welcome", lambda: window.stack.setCurrentWidget(window.welcome)),
        ("checkin", checkin(0, Outcome.NOT_FOUND)),
        ("checkin-person", checkin(1, Outcome.LOCKED)),
        ("confirm", lambda: window.stack.setCurrentWidget(window.confirm)),
        ("message", lambda: window.stack.setCurrentWidget(window.message)),
        ("walkin", lambda: window.stack.setCurrentWidget(window.walkin)),
        ("ticket", lambda: window.stack.setCurrentWidget(window.ticket)),
    ]
