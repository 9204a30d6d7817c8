"""Every visible string is translatable, and the Spanish file is complete and current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ui.common import i18n
from ui.desk.printing import ask_save_path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "turnero_es_AR.ts"
# Qt's own dialogs where Qt's Spanish falls short: written by hand, compiled the same way.
QT_EXTRA_TS = ROOT / "resources" / "i18n" / "qt_extra_es_AR.ts"
BIN = Path(sys.executable).parent


def test_the_linguist_file_holds_every_string_of_the_ui(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    result = subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "(0 new and" in result.stdout, f"run `make translations`:\n{result.stdout}"
    assert ET.parse(copy).getroot().findall(".//message")  # something was found at all
    assert len(ET.parse(copy).findall(".//message")) == len(ET.parse(TS).findall(".//message"))


@pytest.mark.parametrize("ts", [TS, QT_EXTRA_TS], ids=lambda p: p.name)
def test_every_string_has_a_spanish_translation(ts: Path) -> None:
    unfinished = [
        m.findtext("source")
        for m in ET.parse(ts).iter("message")
        if (t := m.find("translation")) is None
        or t.get("type") in ("unfinished", "vanished", "obsolete")
        or not ((t.text or "").strip() or t.findall("numerusform"))
    ]
    assert unfinished == []


@pytest.mark.parametrize("ts", [TS, QT_EXTRA_TS], ids=lambda p: p.name)
def test_the_compiled_file_matches_the_linguist_file(ts: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(fresh)],
        capture_output=True,
        check=True,
    )
    assert fresh.read_bytes() == ts.with_suffix(".qm").read_bytes(), "run `make translations`"


def test_the_save_dialog_speaks_spanish_in_the_spanish_ui(qtbot: QtBot) -> None:
    """Qt's own file dialog, as the desk opens it to save a booking's .ics: Qt's Spanish
    (qtbase_es) lacks some of its current strings, and the title is ours."""
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look_and_cancel)
            return
        seen["title"] = dialog.windowTitle()
        seen["labels"] = sorted(w.text() for w in dialog.findChildren(QLabel) if w.text())
        seen["buttons"] = sorted(
            b.text() for b in dialog.findChildren(QPushButton) if b.isVisible() and b.text()
        )
        dialog.reject()

    i18n.install("es-AR")
    try:
        QTimer.singleShot(0, look_and_cancel)
        assert ask_save_path(parent, "turno.ics", "iCalendar (*.ics)") is None
    finally:
        i18n.install("en")
    assert seen == {
        "title": "Guardar",
        "labels": ["&Buscar en:", "&Nombre del archivo:", "&Tipo de archivo:"],
        "buttons": ["Cancelar", "Guardar"],
    }
