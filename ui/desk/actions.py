"""The desk window's menus and their keys, and the F1 list read back from them.

The actions are the window's children (its shortcuts reach it wherever the focus is);
what they do is the window's own methods. Kept here so the window holds its layout
and its state, not the menu bar's wording.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from app.domain.staff import DESK_ROLES
from ui.common import i18n
from ui.desk.booking_panel import SHORTCUTS

if TYPE_CHECKING:
    from ui.desk.setup.dialog import SetupDialog
    from ui.desk.window import DeskWindow

Shortcut = str | QKeySequence | QKeySequence.StandardKey | None


class DeskMenus(QObject):
    """The menu bar of `window`: File, Booking, View, Help. `kiosks_action`,
    `undo_action` and `language_actions` are the ones the window changes later."""

    def __init__(self, window: DeskWindow) -> None:
        super().__init__(window)
        self.window = window
        w = window
        bar = w.menuBar()
        file = bar.addMenu(self.tr("&File"))
        self._add(file, self.tr("&Print day…"), w.print_day, QKeySequence.StandardKey.Print)
        # Not the slot itself: `triggered` would hand it `checked` as the path.
        self._add(file, self.tr("Save day as P&DF…"), lambda: w.save_day_pdf())
        # A provider's desk holds no payments, nor books, nor runs the walk-in queue.
        front_desk = w.role.front_desk
        self._add(file, self.tr("&Takings of the day…"), w.show_takings).setVisible(front_desk)
        self._add(file, self.tr("Day &report…"), w.show_report).setVisible(front_desk)
        # Tomorrow's call list: reception's (a provider's replica has no phones).
        self._add(file, self.tr("Re&minders…"), w.show_reminders).setVisible(front_desk)
        self._add(file, self.tr("&Cash close…"), w.show_cash_close).setVisible(front_desk)
        self.kiosks_action = self._add(file, self.tr("&Kiosks…"), w.show_kiosks)
        # Admins and receptionists manage kiosks (the server's /setup/kiosks admits
        # them and no one else): a provider would only be refused.
        self.kiosks_action.setVisible(w.desk.account.role in {r.value for r in DESK_ROLES})
        # Admins set the business up; reception may look. A provider is refused it all.
        self.setup_action = self._add(file, self.tr("Set&up…"), self.show_setup)
        self.setup_action.setEnabled(w.desk.account.role in {r.value for r in DESK_ROLES})
        self.setup_dialog: SetupDialog | None = None
        # The audit trail is the admins' (GET /audit): no one else is offered it.
        self.audit_action = self._add(file, self.tr("Audit &log…"), w.show_audit_log)
        self.audit_action.setVisible(w.role.admin)
        file.addSeparator()
        self._add(file, self.tr("Sign &out"), w.sign_out_requested.emit)
        # Ctrl+Q everywhere: the platform's "Quit" key is none at all on some (Windows,
        # and Qt's offscreen and minimal platforms).
        self._add(file, self.tr("&Quit"), w.close, "Ctrl+Q")
        booking = bar.addMenu(self.tr("&Booking"))
        new = self._add(booking, self.tr("&New booking…"), w.new_booking_here, "Ctrl+N")
        new.setVisible(front_desk)
        names = {
            "booking.check_in": self.tr("&Arrived"),
            "booking.start": self.tr("&Start"),
            "booking.complete": self.tr("&Complete"),
            "booking.no_show": self.tr("No-s&how"),
            "reschedule": self.tr("&Reschedule…"),
            "cancel": self.tr("Cance&l…"),
            "payment": self.tr("&Payment…"),
        }
        for key, text in names.items():
            action = self._add(booking, text, lambda _c=False, k=key: w.act(k), SHORTCUTS[key])
            action.setVisible(w.role.may(key))
        self.undo_action = self._add(
            booking, self.tr("&Undo move"), w.undo_move, QKeySequence.StandardKey.Undo
        )
        self.undo_action.setEnabled(False)
        self.undo_action.setVisible(front_desk)
        view = bar.addMenu(self.tr("&View"))
        self._add(
            view,
            self.tr("&Today"),
            lambda: w.go_to(w.today()),
            "Ctrl+T",
        )
        self._add(view, self.tr("&Previous"), lambda: w.step(-1), "Alt+Left")
        self._add(view, self.tr("&Next"), lambda: w.step(1), "Alt+Right")
        self._add(view, self.tr("&Day"), lambda: w.mode.setCurrentIndex(0), "Ctrl+D")
        self._add(view, self.tr("&Week"), lambda: w.mode.setCurrentIndex(1), "Ctrl+W")
        walkins = self._add(
            view, self.tr("Wal&k-ins"), lambda: w.side.setCurrentWidget(w.walkins), "Ctrl+K"
        )
        walkins.setVisible(front_desk)
        self._add(view, self.tr("&Conflicts"), lambda: w.side.setCurrentWidget(w.conflicts))
        language = view.addMenu(self.tr("&Language"))
        self.language_actions = QActionGroup(w)  # one checked: the language shown
        for code, name in (("es-AR", "Español (Argentina)"), ("en", "English")):
            action = self._add(language, name, lambda _c=False, c=code: self._pick_language(c))
            action.setCheckable(True)
            action.setChecked(code == i18n.current())
            action.setData(code)
            self.language_actions.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._add(help_menu, self.tr("&Keyboard"), w.show_keys, "F1")
        self._add(help_menu, self.tr("&Copy diagnostics"), w.copy_diagnostics)

    def _add(
        self, menu: QMenu, text: str, slot: Callable[..., object], shortcut: Shortcut = None
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def show_setup(self) -> SetupDialog:
        from ui.desk.setup.dialog import SetupDialog  # its tabs load on first use

        w = self.window
        self.setup_dialog = SetupDialog(w.desk, w.tasks, w)
        self.setup_dialog.open()
        return self.setup_dialog

    def _pick_language(self, code: str) -> None:
        if code != i18n.current():
            self.window.language_requested.emit(code)

    def keyboard_help(self) -> QMessageBox:
        """Every key of the menus, read from the menus themselves, so the list never
        tells a key the window does not have."""

        def row(key: str, what: str) -> str:
            return f"<tr><td>{escape(key)}</td><td>{escape(what)}</td></tr>"

        rows = [
            row(self.tr("Arrows"), self.tr("Move through the schedule")),
            row(self.tr("Enter"), self.tr("Open or book")),
        ]
        window: QMainWindow = self.window
        for title in window.menuBar().actions():
            menu = title.menu()
            if not isinstance(menu, QMenu):
                continue
            keyed = [a for a in _all_actions(menu) if not a.shortcut().isEmpty() and a.isVisible()]
            if not keyed:
                continue
            rows.append(f"<tr><th colspan=2 align=left>{escape(_plain(title.text()))}</th></tr>")
            for action in keyed:
                key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                rows.append(row(key, _plain(action.text())))
        box = QMessageBox(window)
        box.setWindowTitle(self.tr("Keyboard"))
        box.setTextFormat(Qt.TextFormat.RichText)  # our own words, escaped
        box.setText("<table cellspacing=0 cellpadding=3>" + "".join(rows) + "</table>")
        box.open()
        return box


def _all_actions(menu: QMenu) -> list[QAction]:
    """A menu's actions in order, those of its submenus included."""
    found: list[QAction] = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            found += _all_actions(sub)
        elif not action.isSeparator():
            found.append(action)
    return found


def _plain(text: str) -> str:
    """A menu text as read: no mnemonic ampersand, no ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
