"""The desk's keys: one action per key, and the F1 list and the README tell the keys the
menus really have."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QMessageBox

import ui.desk.printing
from tests.helpers.deskui import settle
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from ui.desk.window import DeskWindow

README = Path(__file__).parents[2] / "README.md"


def plain(text: str) -> str:
    """A menu text as read: no mnemonic ampersand, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def menu_actions(window: DeskWindow) -> list[QAction]:
    """Every action reachable from the menu bar, submenus included."""
    found: list[QAction] = []
    pending = list(window.menuBar().actions())
    while pending:
        action = pending.pop(0)
        menu = action.menu()
        if isinstance(menu, QMenu):
            pending[:0] = menu.actions()
        elif not action.isSeparator():
            found.append(action)
    return found


def bindings(window: DeskWindow) -> dict[str, list[str]]:
    """Every shortcut of the main window's actions and QShortcuts, and what answers it."""
    keys: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            keys[seq.toString()].append(plain(action.text()))
    for shortcut in window.findChildren(QShortcut):
        keys[shortcut.key().toString()].append(shortcut.objectName() or "QShortcut")
    return keys


@pytest.mark.parametrize("language", ["en", "es-AR"])
def test_no_two_actions_of_the_desk_share_a_key(
    run: Run[Any], desks: Desks, demo_server: LiveServer, language: str
) -> None:
    _app, window = desks.open(demo_server, language=language)
    shared = {key: names for key, names in bindings(window).items() if len(names) > 1}
    assert shared == {}
    assert window.findChildren(QAction)  # the menus were built


def test_ctrl_p_prints_the_day(
    run: Run[Any],
    desks: Desks,
    demo_server: LiveServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl+P opens the print dialog (Qt's own key for printing) and nothing else."""
    asked: list[object] = []

    class FakePrintDialog:
        def __init__(self, printer: object, parent: object = None) -> None:
            asked.append(printer)

        def exec(self) -> int:
            return 0  # the receptionist changes their mind

    monkeypatch.setattr(ui.desk.printing, "QPrintDialog", FakePrintDialog)
    app, window = desks.open(demo_server)
    window.activateWindow()
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    run(settle(app))
    assert len(asked) == 1
    assert not window.findChildren(QMessageBox)  # no payment dialog, no error


def f1_lines(window: DeskWindow) -> list[str]:
    """The text of the F1 dialog as the user reads it, one line per row."""
    before = set(window.findChildren(QMessageBox))
    f1 = next(a for a in menu_actions(window) if a.shortcut().toString() == "F1")
    f1.trigger()
    (box,) = set(window.findChildren(QMessageBox)) - before
    doc = QTextDocument()
    doc.setHtml(box.text())
    text = doc.toPlainText()
    box.close()
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("language", ["en", "es-AR"])
def test_f1_lists_every_action_with_its_real_key(
    run: Run[Any], desks: Desks, demo_server: LiveServer, language: str
) -> None:
    _app, window = desks.open(demo_server, language=language)
    lines = f1_lines(window)
    text = "\n".join(lines)
    rows = set(pairwise(lines))  # a key's cell, then its action's
    with_keys = [a for a in menu_actions(window) if not a.shortcut().isEmpty()]
    assert len(with_keys) >= 15
    for action in with_keys:
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert (key, plain(action.text())) in rows, (key, plain(action.text()), text)
    # Each key once: a key listed twice would be two actions on one key again.
    keys = [a.shortcut().toString() for a in with_keys]
    assert len(keys) == len(set(keys))


def test_the_readme_lists_the_keys_the_menus_have(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    _app, window = desks.open(demo_server)
    found = re.search(r"^- \*\*Keys\*\*[^:]*: (.*?)(?=^- |\Z)", README.read_text(), re.M | re.S)
    assert found, "the README's list of keys"
    readme = " ".join(found.group(1).split())
    for action in menu_actions(window):
        if action.shortcut().isEmpty():
            continue
        key = action.shortcut().toString()
        name = plain(action.text()).lower()
        assert f"{key} {name}" in readme, (key, name, readme)
