"""Kiosks of the business, and its queue boards (the waiting room's screens): enrol a
new one with a one-time code, see which are in use, revoke one (it stops at once and
asks to be enrolled again). The panel is the Setup
window's Kiosks tab; File > Kiosks shows it alone, for reception."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.desk import Desk
from app.schedule import business
from app.walkin_queue import location_id
from ui.common.tasks import Tasks, describe
from ui.desk.customers import plain_label


class KiosksPanel(QWidget):
    def __init__(self, desk: Desk, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        self.tz = business(desk.replica).time_zone
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("Kiosks"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Kind"), self.tr("Enrolled"), self.tr("State")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()  # row numbers mean nothing here
        self.code = QLabel()
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.code.font()
        font.setPointSizeF(font.pointSizeF() + 10)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = plain_label()
        self.hint.setWordWrap(True)
        self.error = plain_label()
        self.error.setStyleSheet("color: #b00020")
        self.new_button = QPushButton(self.tr("&New kiosk…"))
        self.new_board_button = QPushButton(self.tr("New &queue board…"))
        self.revoke_button = QPushButton(self.tr("&Revoke"))
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.new_board_button)
        row.addWidget(self.revoke_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.code)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        self.new_button.clicked.connect(self.ask_new)
        self.new_board_button.clicked.connect(self.ask_new_board)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.kiosks: list[dict[str, Any]] = []
        self.reload()

    def reload(self) -> None:
        self.tasks.run(self.desk.central.call("GET", "/setup/kiosks"), self._show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(describe(exc))

    def _show(self, kiosks: list[dict[str, Any]]) -> None:
        self.kiosks = kiosks
        self.table.setRowCount(len(kiosks))
        for i, k in enumerate(kiosks):
            enrolled = (
                f"{datetime.fromisoformat(k['enrolled_at']).astimezone(self.tz):%d/%m/%Y %H:%M}"
                if k.get("enrolled_at")
                else self.tr("waiting for its code")
            )
            state = self.tr("Revoked") if k.get("revoked_at") else self.tr("In use")
            kind = (
                self.tr("Queue board")
                if k.get("kind") == "board"
                else self.tr("Kiosk (tickets %1)").replace("%1", k["ticket_prefix"])
            )
            for j, text in enumerate((k["name"], kind, enrolled, state)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def ask_new(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("New kiosk"), self.tr("Where is it? (a name)")
        )
        if ok and name.strip():
            self.create_kiosk(name.strip())

    def ask_new_board(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("New queue board"), self.tr("Where is it? (a name)")
        )
        if ok and name.strip():
            self.create_kiosk(name.strip(), kind="board")

    def create_kiosk(self, name: str, kind: str = "kiosk") -> None:
        """A kiosk, or with `kind` "board" a queue board, and its one-time code."""
        body = {"location_id": location_id(self.desk.replica), "name": name, "kind": kind}

        def made(kiosk: dict[str, Any]) -> None:
            until = datetime.fromisoformat(kiosk["enrollment_expires_at"]).astimezone(self.tz)
            self.code.setText(kiosk["enrollment_code"])
            hint = (
                self.tr(
                    "On the board's PC, before %1, run: turnero board --server ADDRESS "
                    "--enroll CODE. It works once."
                )
                if kind == "board"
                else self.tr("Type this code at the kiosk before %1. It works once.")
            )
            self.hint.setText(hint.replace("%1", f"{until:%H:%M}"))
            self.reload()

        self.tasks.run(self.desk.central.call("POST", "/setup/kiosks", body), made, self._failed)

    def revoke_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        kiosk = self.kiosks[rows[0].row()]
        self.tasks.run(
            self.desk.central.call("POST", f"/setup/kiosks/{kiosk['device_id']}/revoke"),
            lambda _k: self.reload(),
            self._failed,
        )


class KiosksDialog(QDialog):
    """The kiosks alone (File > Kiosks), as the Setup window's tab shows them."""

    def __init__(self, desk: Desk, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kiosks"))
        self.resize(620, 420)
        self.panel = KiosksPanel(desk, tasks)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        # What callers of the dialog reach for, from before the panel.
        self.table, self.code, self.error = self.panel.table, self.panel.code, self.panel.error
        self.revoke_button, self.create_kiosk = self.panel.revoke_button, self.panel.create_kiosk
