"""The walk-in queue panel: tickets from kiosks and the desk, estimated waits, call,
assign, serve, cancel; long waits stand out."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import alerts, schedule, walkin_queue
from app.desk import Desk
from ui.common.labels import walkin_status
from ui.common.tasks import Tasks
from ui.desk.customers import plain_label


def minutes(d: timedelta | None) -> str:
    """A wait that fits a narrow column: "12 min", "1 h 05"."""
    if d is None:
        return "—"
    total = int(d.total_seconds() // 60)
    return f"{total // 60} h {total % 60:02d}" if total >= 60 else f"{total} min"


TICKET, WHO, WAITED, ESTIMATE, STATUS = range(5)


class WalkinPanel(QWidget):
    def __init__(self, desk: Desk, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        self.tickets: list[walkin_queue.QueuedTicket] = []
        # Five columns that fit the side panel (340 px) in either language: the name
        # and the service share one, the rest are short.
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Walk-in queue"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Name"),
                self.tr("Waited"),
                self.tr("Est."),
                self.tr("Status"),
            ]
        )
        tips = (
            self.tr("Ticket number"),
            self.tr("Who, and what they came for"),
            self.tr("How long they have waited"),
            self.tr("Estimated wait, from the providers' calendars and the queue"),
            self.tr("Status"),
        )
        for i, tip in enumerate(tips):
            header_item = self.table.horizontalHeaderItem(i)
            if header_item is not None:
                header_item.setToolTip(tip)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHO, QHeaderView.ResizeMode.Stretch)
        # Short words with the whole meaning in a tooltip: they fit two to a row.
        self.new_button = QPushButton(self.tr("New tic&ket…"))
        self.new_button.setToolTip(self.tr("Give a number to someone without a booking"))
        self.call_next = QPushButton(self.tr("&Call next"))
        self.call_next.setToolTip(self.tr("Call the first one waiting"))
        self.assign_to = QComboBox()
        self.assign_to.setAccessibleName(self.tr("Provider to assign"))
        self.assign_to.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.assign_to.setMinimumContentsLength(8)
        self.assign = QPushButton(self.tr("&Assign"))
        self.assign.setToolTip(self.tr("Call the selected ticket to this provider"))
        self.serve = QPushButton(self.tr("&Served"))
        self.serve.setToolTip(self.tr("The selected ticket has been served"))
        self.cancel = QPushButton(self.tr("Cance&l ticket"))
        self.cancel.setToolTip(self.tr("The selected ticket left without being served"))
        # A wait is highlighted past the business's threshold (Setup > Business), the
        # same on every desk and after a restart.
        self.long_wait = timedelta(minutes=alerts.DEFAULT_MINUTES["walkin"])
        self.summary = plain_label()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        actions = QGridLayout()
        for i, w in enumerate((self.new_button, self.call_next, self.serve, self.cancel)):
            actions.addWidget(w, i // 2, i % 2)
        actions.addWidget(self.assign_to, 2, 0)
        actions.addWidget(self.assign, 2, 1)
        actions.setColumnStretch(0, 1)
        actions.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.new_button.clicked.connect(self.new_ticket)
        self.call_next.clicked.connect(self.call_first)
        self.assign.clicked.connect(self.assign_selected)
        self.serve.clicked.connect(lambda: self._act("walkin.serve"))
        self.cancel.clicked.connect(lambda: self._act("walkin.cancel"))
        self._timer = QTimer(self, interval=30_000)
        self._timer.timeout.connect(self.reload)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def reload(self) -> None:
        if self.assign_to.count() == 0:  # providers arrive with the first sync
            for p in schedule.providers(self.desk.replica):
                self.assign_to.addItem(p["display_name"], p["provider_id"])
        self.tasks.run(self.tasks.call(self._read), self._shown)

    def _read(self) -> tuple[list[walkin_queue.QueuedTicket], timedelta]:
        replica = self.desk.replica
        queue = walkin_queue.queue(replica, self.desk.engine.clock())
        return queue, alerts.thresholds(replica).walkin

    def _shown(self, read: tuple[list[walkin_queue.QueuedTicket], timedelta]) -> None:
        self.long_wait = read[1]
        self._show(read[0])

    def _show(self, tickets: list[walkin_queue.QueuedTicket]) -> None:
        selected = self.selected()
        self.tickets = tickets
        self.table.setRowCount(len(tickets))
        long_wait = self.long_wait
        waiting = 0
        for i, t in enumerate(tickets):
            who = " · ".join(x for x in (t.customer_name, t.service) if x)
            cells = (
                t.label,
                who,
                minutes(t.waited),
                minutes(t.wait) if t.status == "waiting" else "",
                walkin_status(t.status) + (" ⟳" if t.pending else ""),
            )
            overdue = t.status == "waiting" and t.waited >= long_wait
            waiting += t.status == "waiting"
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, t.ticket_id)
                if j == WHO and who:
                    item.setToolTip(who)  # in full, where the column cuts it
                if overdue:
                    item.setBackground(QColor("#ffd7d7"))
                    item.setToolTip(
                        self.tr("Waiting longer than %1 min").replace(
                            "%1", str(int(long_wait.total_seconds() // 60))
                        )
                    )
                self.table.setItem(i, j, item)
            if t.ticket_id == selected:
                self.table.selectRow(i)
        self.summary.setText(self.tr("%n waiting", "", waiting))

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _act(self, name: str, ticket_id: str | None = None, provider_id: str | None = None) -> None:
        ticket_id = ticket_id or self.selected()
        if ticket_id is None:
            return
        args: dict[str, Any] = {"ticket_id": ticket_id}
        if provider_id:
            args["provider_id"] = provider_id
        self.tasks.submit(self.desk, name, args)

    def call_first(self) -> None:
        first = next((t for t in self.tickets if t.status == "waiting"), None)
        if first is not None:
            self._act("walkin.call", first.ticket_id)

    def assign_selected(self) -> None:
        self._act("walkin.call", provider_id=self.assign_to.currentData())

    def new_ticket(self) -> None:
        dialog = NewTicketDialog(self.desk, self)
        if dialog.exec():
            self.tasks.submit(self.desk, "walkin.create", dialog.args())


class NewTicketDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("New walk-in ticket"))
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Customer's name"))
        self.service = QComboBox()
        self.service.setAccessibleName(self.tr("Service"))
        for s in schedule.services(desk.replica):
            self.service.addItem(s["name"], s["service_id"])
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Service"), self.service)
        form.addRow(buttons)

    def args(self) -> dict[str, Any]:
        return {
            "location_id": walkin_queue.location_id(self.desk.replica),
            "service_id": self.service.currentData(),
            "customer_name": self.name.text().strip(),
        }
