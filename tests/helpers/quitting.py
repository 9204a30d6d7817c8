"""`turnero <args>` in this process, as the console script runs it, quit the way a user
does once its window is up (and has found the server down). tests/ui/test_quit.py starts
it as a real process under the offscreen platform:

    python -m tests.helpers.quitting <how> <turnero arguments...>

`how`: "ctrl+q" (the desk's shortcut), "menu" (the desk's File > Quit), "close" (the
window's close button) or "pin" (the kiosk: Ctrl+Alt+Q, then the staff PIN from
TURNERO_TEST_PIN typed into the dialog that asks for it).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from ui.desk.window import DeskWindow
from ui.kiosk.pin_dialog import StaffPinDialog
from ui.kiosk.window import KioskWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def ready_window() -> QWidget | None:
    """The desk's or the kiosk's main window, once shown, loaded and offline."""
    for w in QApplication.topLevelWidgets():
        if not w.isVisible():
            continue
        if isinstance(w, DeskWindow) and w.model.columns and w.desk.status().state == "offline":
            return w
        if isinstance(w, KioskWindow) and w.service is not None:
            at_welcome = w.stack.currentWidget() is getattr(w, "welcome", None)
            if at_welcome and w.service.engine.status().state == "offline":
                return w
    return None


class Quitter(QObject):
    def __init__(self, how: str) -> None:
        super().__init__()
        self.how = how
        self.window: QWidget | None = None
        self.timer = QTimer(self, interval=50)
        self.timer.timeout.connect(self.step)
        self.timer.start()

    def step(self) -> None:
        if self.window is None:
            self.window = ready_window()
            if self.window is not None:
                self.window.activateWindow()  # offscreen, nothing activates by itself
                handle = self.window.windowHandle()
                if handle is not None:
                    handle.requestActivate()
            return
        if not self.window.isActiveWindow():
            return  # shortcuts reach the active window only
        self.timer.stop()
        self.quit(self.window)

    def quit(self, window: QWidget) -> None:
        if self.how == "ctrl+q":
            QTest.keyClick(window, Qt.Key.Key_Q, CTRL)
        elif self.how == "menu":
            assert isinstance(window, DeskWindow)
            file_menu = window.menuBar().actions()[0].menu()
            assert isinstance(file_menu, QMenu)
            [quit_action] = [a for a in file_menu.actions() if a.text() == "&Quit"]
            quit_action.trigger()
        elif self.how == "close":
            window.close()
        elif self.how == "pin":
            self.typing_pin = QTimer(self, interval=50)
            self.typing_pin.timeout.connect(self.type_pin)
            self.typing_pin.start()  # runs in the dialog's own event loop
            QTest.keyClick(window, Qt.Key.Key_Q, CTRL | ALT)
        else:
            raise SystemExit(f"unknown way to quit: {self.how}")

    def type_pin(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StaffPinDialog):
            self.typing_pin.stop()
            QTest.keyClicks(dialog.pin, os.environ["TURNERO_TEST_PIN"])
            QTest.keyClick(dialog.pin, Qt.Key.Key_Return)


def main() -> int:
    how, argv = sys.argv[1], sys.argv[2:]
    app = QApplication([sys.argv[0]])  # before turnero's, so the quitter can watch it
    quitter = Quitter(how)
    import turnero

    result = turnero.main(argv)
    if quitter.window is None:
        print(f"{app.applicationName()} ended before its window was ready", file=sys.stderr)
        return 3
    return result


if __name__ == "__main__":
    sys.exit(main())
