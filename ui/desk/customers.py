"""Finding and keeping customers: search as you type, a quick create, the profile.

Signals (CustomerPicker):
    customer_chosen(str): a customer id was picked (or just created).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import customer_records, far_days
from app.desk import Desk
from app.domain.customers import parse_birth_date
from app.domain.errors import DomainError
from app.schedule import business, customer_name
from app.sync.scope import DESK_DAYS_BACK
from ui.common.labels import booking_status
from ui.common.tasks import Tasks, describe
from ui.common.terms import terms


def plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class CustomerPicker(QWidget):
    customer_chosen = Signal(str)

    def __init__(self, desk: Desk, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        self.chosen: str | None = None
        words = terms(business(desk.replica).vertical)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name, phone or DNI"))
        self.search.setAccessibleName(self.tr("Search %1").replace("%1", words.customers))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Matching %1").replace("%1", words.customers))
        self.results.setMaximumHeight(130)
        self.new_button = QPushButton(self.tr("&New %1…").replace("%1", words.customer))
        self.new_button.setAccessibleName(self.tr("Create a new %1").replace("%1", words.customer))
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.results)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._run_search)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._choose_first)
        self.results.currentItemChanged.connect(self._picked)
        self.new_button.clicked.connect(self.create_customer)
        self.setFocusProxy(self.search)

    def _run_search(self) -> None:
        text = self.search.text()
        self.tasks.run(
            self.tasks.call(customer_records.search, self.desk.replica, text), self._show_results
        )

    def _show_results(self, rows: list[dict[str, Any]]) -> None:
        self.results.clear()
        for c in rows:
            extra = " · ".join(x for x in (c.get("phone"), c.get("national_id")) if x)
            item = QListWidgetItem(f"{customer_name(c)}    {extra}")
            item.setData(Qt.ItemDataRole.UserRole, c["customer_id"])
            self.results.addItem(item)

    def _choose_first(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)

    def _picked(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.chosen = item.data(Qt.ItemDataRole.UserRole)
            self.customer_chosen.emit(self.chosen)

    def set_customer(self, customer_id: str, label: str) -> None:
        self.results.clear()
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, customer_id)
        self.results.addItem(item)
        self.results.setCurrentItem(item)

    def create_customer(self) -> None:
        dialog = NewCustomerDialog(self.desk, self.tasks, self.search.text(), self)
        dialog.created.connect(lambda cid, name: self.set_customer(cid, name))
        dialog.open()


class NewCustomerDialog(QDialog):
    """Signals: created(str, str): id and name of the customer just recorded."""

    created = Signal(str, str)

    def __init__(self, desk: Desk, tasks: Tasks, guess: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        customer = terms(business(desk.replica).vertical).customer
        self.setWindowTitle(self.tr("New %1").replace("%1", customer))
        self.setMinimumWidth(420)
        self.first = QLineEdit()
        self.last = QLineEdit()
        self.phone = QLineEdit()
        self.dni = QLineEdit()
        self.email = QLineEdit()
        self.birth = QLineEdit()
        self.birth.setPlaceholderText(self.tr("dd/mm/yyyy"))
        words = guess.split()
        if words and not any(ch.isdigit() for ch in guess):
            self.first.setText(words[0])
            self.last.setText(" ".join(words[1:]))
        elif guess:
            self.phone.setText(guess)
        form = QFormLayout(self)
        for label, w in (
            (self.tr("&First name"), self.first),
            (self.tr("&Last name"), self.last),
            (self.tr("&Phone"), self.phone),
            (self.tr("&DNI"), self.dni),
            (self.tr("&Email"), self.email),
            (self.tr("Date of &birth"), self.birth),
        ):
            w.setAccessibleName(label.replace("&", ""))
            form.addRow(label, w)
        self.error = plain_label()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def args(self) -> dict[str, Any]:
        """The change to record; raises a DomainError naming a field typed wrong."""
        a = {"first_name": self.first.text(), "last_name": self.last.text()}
        for key, w in (("phone", self.phone), ("national_id", self.dni), ("email", self.email)):
            if w.text().strip():
                a[key] = w.text().strip()
        born = parse_birth_date(self.birth.text())
        if born is not None:
            a["date_of_birth"] = born.isoformat()
        return a

    def save(self) -> None:
        def done(final: dict[str, Any]) -> None:
            self.created.emit(final["customer_id"], customer_name(final))
            self.accept()

        try:
            args = self.args()
        except DomainError as exc:
            self.error.setText(describe(exc))
            return
        self.tasks.submit(
            self.desk,
            "customer.create",
            args,
            done,
            lambda e: self.error.setText(describe(e)),
        )


class CustomerProfileDialog(QDialog):
    """One customer: contact details and notes (editable), visits, no-shows, history."""

    def __init__(self, desk: Desk, tasks: Tasks, customer_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk, self.tasks, self.customer_id = desk, tasks, customer_id
        self.shown: dict[str, Any] = {}  # the details as loaded, to send only what changed
        self.setWindowTitle(terms(business(desk.replica).vertical).Customer)
        self.resize(640, 560)
        self.name = plain_label()
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() + 4)
        font.setBold(True)
        self.name.setFont(font)
        self.counts = plain_label()
        self.phone = QLineEdit()
        self.dni = QLineEdit()
        self.email = QLineEdit()
        self.birth = QLineEdit()
        self.birth.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        form = QFormLayout()
        for label, w in (
            (self.tr("&Phone"), self.phone),
            (self.tr("&DNI"), self.dni),
            (self.tr("&Email"), self.email),
            (self.tr("Date of &birth"), self.birth),
            (self.tr("&Notes"), self.notes),
        ):
            w.setAccessibleName(label.replace("&", ""))
            form.addRow(label, w)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Service"), self.tr("Status"), self.tr("Code")]
        )
        self.table.setAccessibleName(self.tr("Booking history"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()  # row numbers mean nothing here
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.error = plain_label()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.counts)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """The whole history from the server when online; the replica's offline."""
        work = far_days.history(
            self.desk.replica, self.desk.central, self.tasks.call, self.customer_id
        )
        self.tasks.run(work, lambda found: self._show(*found))

    def _show(self, h: customer_records.History | None, whole: bool = True) -> None:
        if h is None:
            self.name.setText(self.tr("This customer is no longer here."))
            return
        c = h.customer
        self.name.setText(customer_name(c))
        born = c.get("date_of_birth") or ""
        self.shown = {
            "phone": c.get("phone") or "",
            "national_id": c.get("national_id") or "",
            "email": c.get("email") or "",
            "date_of_birth": born,
            "notes": c.get("notes") or "",
        }
        self.phone.setText(self.shown["phone"])
        self.dni.setText(self.shown["national_id"])
        self.email.setText(self.shown["email"])
        self.birth.setText(f"{date.fromisoformat(born):%d/%m/%Y}" if born else "")
        self.notes.setPlainText(self.shown["notes"])
        counts = (
            self.tr("%1 visits · %2 no-shows")
            .replace("%1", str(h.completed))
            .replace("%2", str(h.no_shows))
        )
        if not whole:  # offline: the replica holds 30 days back only
            counts += self.tr(" (offline: the last %1 days only)").replace(
                "%1", str(DESK_DAYS_BACK)
            )
        self.counts.setText(counts)
        tz = self.desk_tz()
        self.table.setRowCount(len(h.bookings))
        for i, b in enumerate(h.bookings):
            cells = (
                f"{b.start.astimezone(tz):%d/%m/%Y %H:%M}",
                b.service,
                booking_status(b.status),
                b.code,
            )
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def desk_tz(self) -> Any:
        return business(self.desk.replica).time_zone

    def changes(self) -> dict[str, Any]:
        """What the staff changed, as a customer.update; raises a DomainError naming a
        field typed wrong."""
        born = parse_birth_date(self.birth.text())
        now = {
            "phone": self.phone.text().strip(),
            "national_id": self.dni.text().strip(),
            "email": self.email.text().strip(),
            "date_of_birth": born.isoformat() if born else "",
            "notes": self.notes.toPlainText(),
        }
        changed: dict[str, Any] = {k: v for k, v in now.items() if v != self.shown.get(k)}
        if "date_of_birth" in changed:
            changed["date_of_birth"] = changed["date_of_birth"] or None  # cleared
        return changed

    def save(self) -> None:
        try:
            changed = self.changes()
        except DomainError as exc:
            self.error.setText(describe(exc))
            return
        if not changed:
            self.accept()
            return
        self.tasks.submit(
            self.desk,
            "customer.update",
            {"customer_id": self.customer_id, **changed},
            lambda _f: self.accept(),
            lambda e: self.error.setText(describe(e)),
        )
