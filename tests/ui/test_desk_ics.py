"""A booking saved as .ics from the desk: its words in the desk's language."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import icalendar
import pytest
from PySide6.QtWidgets import QFileDialog

from tests.helpers.deskui import settle
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from tests.ui.test_desk_print import busiest_day
from ui.desk import printing


@pytest.mark.parametrize(("language", "word"), [("es-AR", "Código"), ("en", "Code")])
def test_a_booking_saved_as_ics_speaks_the_desks_language(
    run: Run[Any],
    desks: Desks,
    demo_server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    word: str,
) -> None:
    target = tmp_path / "turno.ics"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a: (str(target), "iCalendar (*.ics)")
    )
    app, window = desks.open(demo_server, language=language)
    assert app.desk is not None
    window.go_to(busiest_day(app.desk.replica, window.biz.time_zone))
    run(settle(app))
    block = next(b for vc in window.model.columns for b in vc.column.blocks if b.code)
    window.view.select(block.booking_id)
    run(settle(app))
    written_on: list[threading.Thread] = []
    real_write = printing.write_text

    def write_text(path: str, text: str) -> str:
        written_on.append(threading.current_thread())
        return real_write(path, text)

    monkeypatch.setattr(printing, "write_text", write_text)
    window.panel.buttons["ics"].click()
    run(settle(app))
    # The file is written on the worker: a slow disk never freezes the desk.
    assert len(written_on) == 1
    assert written_on[0] is not threading.main_thread()
    [event] = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart") == block.start
    lines = target.read_bytes().decode().replace("\r\n ", "").split("\r\n")
    (description,) = [line for line in lines if line.startswith("DESCRIPTION:")]
    provider = next(vc.column.name for vc in window.model.columns if block in vc.column.blocks)
    assert description == f"DESCRIPTION:{provider}. {word} {block.code}"
