"""Alt+letter reaches one thing: no two controls shown together in the desk window
share a mnemonic (Qt would cycle between them, and the receptionist's Alt+N lands on
the wrong one), in either language."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QMenu

from server.demo import ADMIN_EMAIL
from tests.helpers.deskui import settle
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run


def mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    stripped = text.replace("&&", "")
    return stripped[at + 1].lower() if 0 <= at < len(stripped) - 1 else None


def shown_mnemonics(window: QMainWindow) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for action in window.menuBar().actions():
        if (key := mnemonic(action.text())) is not None:
            found[key].append(f"menu {action.text()}")
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue  # shown as typed: no mnemonic
        if (key := mnemonic(widget.text())) is not None:
            found[key].append(widget.text())
    return found


@pytest.mark.parametrize("language", ["en", "es-AR"])
def test_no_two_controls_shown_together_share_an_alt_letter(
    run: Run[Any], desks: Desks, demo_server: LiveServer, language: str
) -> None:
    app, window = desks.open(demo_server, language=language)
    window.show()
    clashes = {}
    for index in range(window.side.count()):
        window.side.setCurrentIndex(index)
        run(settle(app))
        for key, owners in shown_mnemonics(window).items():
            if len(owners) > 1:
                clashes[f"{window.side.tabText(index)}: Alt+{key.upper()}"] = owners
    assert clashes == {}


@pytest.mark.parametrize("language", ["en", "es-AR"])
def test_no_two_items_of_a_menu_share_an_alt_letter(
    desks: Desks, demo_server: LiveServer, language: str
) -> None:
    # The admin's desk: every item of every menu is there.
    _app, window = desks.open(demo_server, "admin", language=language, email=ADMIN_EMAIL)
    clashes = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        found: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            if action.isVisible() and (key := mnemonic(action.text())) is not None:
                found[key].append(action.text())
        for key, owners in found.items():
            if len(owners) > 1:
                clashes[f"{top.text()}: Alt+{key.upper()}"] = owners
    assert clashes == {}
