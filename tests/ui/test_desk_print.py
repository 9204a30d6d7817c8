"""The day on paper: File > Print day and Save day as PDF write the whole day (or a
provider's week) as a paginated document, read back here from the PDF itself."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Awaitable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QAction, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

import ui.desk.printing
from app.sync.replica import Replica
from tests.helpers.deskui import settle
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from ui.desk.window import DeskWindow

T = TypeVar("T")

STATUS = {
    "en": {
        "requested": "Requested",
        "confirmed": "Confirmed",
        "checked_in": "Arrived",
        "in_service": "In service",
        "completed": "Completed",
        "no_show": "No-show",
    },
    "es-AR": {
        "requested": "Solicitado",
        "confirmed": "Confirmado",
        "checked_in": "Llegó",
        "in_service": "En atención",
        "completed": "Atendido",
        "no_show": "Ausente",
    },
}


def pdf_pages(path: Path) -> list[str]:
    """Each page's text as a reader copies it: ligatures undone, spaces collapsed."""
    return [
        " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
        for page in PdfReader(path).pages
    ]


def busiest_day(replica: Replica, tz: ZoneInfo) -> date:
    """The demo's fullest day (the demo is built around today: a weekend has little)."""
    days = Counter(
        datetime.fromisoformat(b["start_at"]).astimezone(tz).date()
        for b in replica.all("booking")
        if b["status"] != "cancelled"
    )
    return days.most_common(1)[0][0]


def day_bookings(replica: Replica, day: date, tz: ZoneInfo) -> list[dict[str, Any]]:
    """The day's bookings as the replica holds them, with the names filled in."""
    found = []
    for b in replica.all("booking"):
        start = datetime.fromisoformat(b["start_at"]).astimezone(tz)
        if start.date() != day or b["status"] == "cancelled":
            continue
        customer = replica.get("customer", b["customer_id"]) or {}
        provider = replica.get("provider", b["provider_id"]) or {}
        found.append(
            {
                **b,
                "time": f"{start:%H:%M}–{datetime.fromisoformat(b['end_at']).astimezone(tz):%H:%M}",
                "customer": f"{customer['first_name']} {customer['last_name']}",
                "service": (replica.get("service", b["service_id"]) or {})["name"],
                "provider": provider["display_name"],
            }
        )
    return sorted(found, key=lambda b: (b["provider"], b["start_at"], b["booking_id"]))


def assert_rows(text: str, bookings: list[dict[str, Any]], statuses: dict[str, str]) -> None:
    """Each booking's time appears in this order, and between it and the next booking's
    time (its row) stand its customer, service and status."""
    marks, at = [], 0
    for b in bookings:
        at = text.index(b["time"], at)
        marks.append(at)
        at += 1
    for b, start, end in zip(bookings, marks, [*marks[1:], len(text)], strict=True):
        row = text[start:end]
        for word in (b["customer"], b["service"], statuses[b["status"]]):
            assert " ".join(word.split()) in row, (word, row)


async def finished(work: Awaitable[T] | None) -> T:
    """What an operation the window started came to, once it is done."""
    assert work is not None, "nothing started"
    return await work


def file_action(window: DeskWindow, text: str) -> QAction:
    """An action of the File menu by the words the user reads."""
    file_menu = window.menuBar().actions()[0].menu()
    for action in file_menu.actions():  # type: ignore[attr-defined]
        if action.text().replace("&", "").rstrip("…") == text:
            return action  # type: ignore[no-any-return]
    raise AssertionError(f"no {text!r} in the File menu")


@pytest.mark.parametrize("language", ["es-AR", "en"])
def test_the_printed_day_has_every_booking_of_every_provider(
    run: Run[Any], desks: Desks, demo_server: LiveServer, tmp_path: Path, language: str
) -> None:
    """Not a picture of the screen: the whole day, from the first booking to the last,
    each with its customer, time, service and status in the desk's language, under a
    header with the business and the date on every page, numbered."""
    app, window = desks.open(demo_server, language=language)
    assert app.desk is not None
    replica, tz = app.desk.replica, window.biz.time_zone
    day = busiest_day(replica, tz)
    window.go_to(day)
    run(settle(app))
    window.view.verticalScrollBar().setValue(0)  # what the screen shows must not matter
    path = run(finished(window.save_day_pdf(str(tmp_path / "day.pdf"))))
    assert path is not None
    pages = pdf_pages(Path(path))
    assert len(pages) > 1
    date_words = {"es-AR": "%d/%m/%Y", "en": "%d/%m/%Y"}[language]
    page_word = {"es-AR": "Página", "en": "Page"}[language]
    for n, page in enumerate(pages, 1):
        assert page.startswith("Clínica San Martín"), page[:80]
        assert day.strftime(date_words) in page[:120]
        assert f"{page_word} {n} " in page
    text = " ".join(pages)
    expected = day_bookings(replica, day, tz)
    assert len(expected) >= 30
    # In order, provider by provider, every booking in its own row.
    providers = sorted({p["display_name"] for p in replica.all("provider")})
    at, ordered = 0, []
    for provider in providers:
        at = text.index(provider, at)
        ordered += [b for b in expected if b["provider"] == provider]
    assert_rows(text[text.index(providers[0]) :], ordered, STATUS[language])


def test_print_day_prints_the_same_document_as_the_pdf(
    run: Run[Any],
    desks: Desks,
    demo_server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """File > Print day: the print dialog, then the whole day on the chosen printer
    (here a PDF file standing in for it), page for page what Save day as PDF writes."""
    printed = tmp_path / "printed.pdf"

    class AcceptingPrintDialog:
        def __init__(self, printer: QPrinter, parent: object = None) -> None:
            self.printer = printer

        def exec(self) -> int:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(printed))
            self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            return 1

    monkeypatch.setattr(ui.desk.printing, "QPrintDialog", AcceptingPrintDialog)
    app, window = desks.open(demo_server)
    assert app.desk is not None
    window.go_to(busiest_day(app.desk.replica, window.biz.time_zone))
    run(settle(app))
    file_action(window, "Print day").trigger()
    run(settle(app))
    saved = run(finished(window.save_day_pdf(str(tmp_path / "saved.pdf"))))
    assert saved is not None
    assert pdf_pages(printed) == pdf_pages(Path(saved))
    assert len(pdf_pages(printed)) > 1


def test_in_week_mode_the_week_of_the_provider_is_printed(
    run: Run[Any], desks: Desks, demo_server: LiveServer, tmp_path: Path
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    replica, tz = app.desk.replica, window.biz.time_zone
    day = busiest_day(replica, tz)
    window.go_to(day)
    window.mode.setCurrentIndex(1)
    run(settle(app))
    provider = window.week_provider.currentText()
    path = run(finished(window.save_day_pdf(str(tmp_path / "week.pdf"))))
    assert path is not None
    pages = pdf_pages(Path(path))
    text = " ".join(pages)
    monday = day - timedelta(days=day.weekday())
    assert (
        f"{provider} · week of {monday:%d/%m} to {monday + timedelta(days=6):%d/%m/%Y}"
        in (pages[0])
    )
    week = [
        b
        for d in range(7)
        for b in day_bookings(replica, monday + timedelta(days=d), tz)
        if b["provider"] == provider
    ]
    assert len(week) >= 20
    assert_rows(text, sorted(week, key=lambda b: b["start_at"]), STATUS["en"])
    others = {p["display_name"] for p in replica.all("provider")} - {provider}
    assert not [name for name in others if name in text]


def test_file_save_day_as_pdf_writes_the_pdf(
    run: Run[Any],
    desks: Desks,
    demo_server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "chosen.pdf"
    asked: list[str] = []

    def choose(parent: object, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    app, window = desks.open(demo_server)
    file_action(window, "Save day as PDF").trigger()
    run(settle(app))
    assert len(asked) == 1
    assert "/" not in Path(asked[0]).name  # a file name, not a path through folders
    assert target.read_bytes().startswith(b"%PDF")
    assert "Clínica San Martín" in pdf_pages(target)[0]
