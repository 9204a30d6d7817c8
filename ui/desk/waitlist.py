"""The waitlist tab: who waits for a slot, in the order they asked, with the first free
slot that fits each; "Book" takes it in one click (the customer confirmed), "Add…" puts
someone on the list, "Withdraw" takes them off. Reading and matching are app/waitlist.

Signals (WaitlistPanel):
    booked(str, object): a booking was made from the list (its id and start), for the
        window to show it.
    slots_freed(list): a change freed slots that fit people waiting (app.waitlist.Freed).
"""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app import schedule, waitlist
from app.changes import Changes
from app.desk import Desk
from app.domain.errors import DomainError
from app.sync.rows import iso
from ui.common.tasks import Tasks, describe
from ui.common.terms import terms, with_mnemonic
from ui.desk.customers import CustomerPicker, plain_label
from ui.desk.waitlist_model import WaitlistModel, offer_text

ANY = ""


class WaitlistPanel(QWidget):
    booked = Signal(str, object)
    slots_freed = Signal(list)

    def __init__(self, desk: Desk, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        biz = schedule.business(desk.replica)
        self.tz = biz.time_zone
        self.current: waitlist.Waitlist | None = None
        self.model = WaitlistModel(self.tz, terms(biz.vertical).Customer, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Waitlist"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Three columns in the side panel's width: the name gives way (whole in the
        # tooltip, with the provider and notes), never the days or the time offered.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.book_button = QPushButton(self.tr("B&ook"))
        self.book_button.setToolTip(
            self.tr("Book the selected customer into the first free time that fits, confirmed")
        )
        self.add_button = QPushButton(self.tr("A&dd…"))
        self.add_button.setToolTip(self.tr("Put someone on the waitlist"))
        self.withdraw_button = QPushButton(self.tr("W&ithdraw"))
        self.withdraw_button.setToolTip(self.tr("Take the selected customer off the waitlist"))
        actions = QGridLayout()
        actions.addWidget(self.book_button, 0, 0, 1, 2)
        actions.addWidget(self.add_button, 1, 0)
        actions.addWidget(self.withdraw_button, 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.book_button.clicked.connect(lambda: self.book_selected())
        self.add_button.clicked.connect(lambda: self.add())
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.table.doubleClicked.connect(lambda _i: self.book_selected())

    # -- reading ------------------------------------------------------------------------

    def reload(self) -> None:
        replica, now = self.desk.replica, self.desk.engine.clock()
        self.tasks.run(self.tasks.call(waitlist.read, replica, now), self._shown)

    def _shown(self, found: waitlist.Waitlist) -> None:
        before, self.current = self.current, found
        kept = self.selected()
        self.model.show(found.fits, found.names)
        rows = [f.entry.entry_id for f in found.fits]
        # Keep the selection; else the first who can be booked now.
        first_fit = next((f.entry.entry_id for f in found.fits if f.first is not None), None)
        pick = kept if kept in rows else first_fit
        if pick is not None:
            self.table.selectRow(rows.index(pick))
        fitting = sum(f.first is not None for f in found.fits)
        self.summary.setText(
            self.tr("%n waiting", "", len(found.fits))
            + (" · " + self.tr("%n can be booked now", "", fitting) if fitting else "")
        )
        freed = waitlist.freed(before, found)
        if freed:
            self.slots_freed.emit(freed)

    def selected(self) -> str | None:
        chosen = self.table.selectionModel().selectedRows()
        return self.model.rows[chosen[0].row()].entry.entry_id if chosen else None

    def fit_of(self, entry_id: str | None) -> waitlist.Fit | None:
        return next((f for f in self.model.rows if f.entry.entry_id == entry_id), None)

    def select(self, entry_id: str) -> None:
        rows = [f.entry.entry_id for f in self.model.rows]
        if entry_id in rows:
            self.table.selectRow(rows.index(entry_id))

    def freed_text(self, freed: waitlist.Freed) -> str:
        """ "A slot fits Lucía García: mar 10:00 Dra. Gómez" (and how many more fit it)."""
        names = self.current.names if self.current is not None else {}
        text = (
            self.tr("A slot fits %1: %2")
            .replace("%1", freed.entries[0].customer)
            .replace("%2", offer_text(freed.offer, self.tz, names))
        )
        if len(freed.entries) > 1:
            text += " — " + self.tr("%n on the waitlist fit", "", len(freed.entries))
        return text

    # -- changes ------------------------------------------------------------------------

    def book_selected(self, entry_id: str | None = None) -> Any:
        """Book the entry into its first free fitting slot: the booking (confirmed) and
        the entry marked booked are recorded together, and reach the server together."""
        fit = self.fit_of(entry_id or self.selected())
        if fit is None:
            return None
        offer = fit.first
        if offer is None:
            self.tasks.failed.emit(
                self.tr("Nothing free fits %1 yet.").replace("%1", fit.entry.customer)
            )
            return None
        e = fit.entry
        booking_id = str(uuid.uuid4())
        changes = [
            (
                "booking.create",
                {
                    "booking_id": booking_id,
                    "customer_id": e.customer_id,
                    "service_id": e.service_id,
                    "provider_id": offer.provider_id,
                    "start_at": iso(offer.start),
                    "status": "confirmed",
                    "notes": e.notes,
                },
            ),
            ("waitlist.book", {"entry_id": e.entry_id, "booking_id": booking_id}),
        ]

        async def go() -> str:
            await self.tasks.call(self.desk.submit_together, changes)
            self.tasks.changed.emit(Changes(bookings=True, waitlist=True))
            return booking_id

        return self.tasks.run(go(), lambda made: self.booked.emit(made, offer.start))

    def withdraw_selected(self) -> None:
        entry_id = self.selected()
        if entry_id is not None:
            self.tasks.submit(self.desk, "waitlist.withdraw", {"entry_id": entry_id})

    def add(self, **given: Any) -> WaitlistDialog:
        dialog = WaitlistDialog(self.desk, self.tasks, parent=self, **given)
        dialog.open()
        return dialog


class WaitlistDialog(QDialog):
    """Put a customer on the waitlist: the service, with whom (or anyone), the days and,
    if they said, the hours. Prefilled from the booking dialog when no time suited.

    Signals:
        saved(dict): the final args of the entry recorded.
    """

    saved = Signal(dict)

    def __init__(
        self,
        desk: Desk,
        tasks: Tasks,
        *,
        day: date | None = None,
        customer: tuple[str, str] | None = None,
        service_id: str | None = None,
        provider_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        biz = schedule.business(desk.replica)
        words = terms(biz.vertical)
        today = desk.engine.clock().astimezone(biz.time_zone).date()
        first = max(day or today, today)
        self.setWindowTitle(self.tr("Add to waitlist"))
        self.resize(520, 520)
        self.picker = CustomerPicker(desk, tasks)
        if customer is not None:
            self.picker.set_customer(*customer)
        self.service = QComboBox()
        self.service.setAccessibleName(self.tr("Service"))
        for s in schedule.services(desk.replica):
            self.service.addItem(s["name"], s["service_id"])
        if service_id:
            self.service.setCurrentIndex(max(0, self.service.findData(service_id)))
        self.provider = QComboBox()
        self.provider.setAccessibleName(words.Provider)
        self.provider.addItem(self.tr("Any %1").replace("%1", words.provider), ANY)
        for p in schedule.providers(desk.replica):
            self.provider.addItem(p["display_name"], p["provider_id"])
        if provider_id:
            self.provider.setCurrentIndex(max(0, self.provider.findData(provider_id)))
        self.earliest = _date_edit(first, self.tr("From day"))
        self.latest = _date_edit(first + timedelta(days=7), self.tr("To day"))
        self.hours = QCheckBox(self.tr("Only &between"))
        self.from_time = _time_edit(time(9), self.tr("From time"))
        self.until_time = _time_edit(time(13), self.tr("Until time"))
        hours = QHBoxLayout()
        hours.addWidget(self.hours)
        hours.addWidget(self.from_time)
        hours.addWidget(plain_label("–"))
        hours.addWidget(self.until_time)
        hours.addStretch(1)
        self.hours.toggled.connect(self._hours_shown)
        self._hours_shown(False)
        days = QHBoxLayout()
        days.addWidget(self.earliest)
        days.addWidget(plain_label("–"))
        days.addWidget(self.latest)
        days.addStretch(1)
        self.notes = QLineEdit()
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setMaxLength(500)
        self.error = plain_label()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Add to waitlist"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        labels = [self.tr("&Service"), self.tr("&Days"), self.tr("No&tes")]
        taken = [*labels, self.hours.text(), self.picker.new_button.text(), self.save_button.text()]
        customer_label = with_mnemonic(words.Customer, taken)
        provider_label = with_mnemonic(words.Provider, [*taken, customer_label])
        form = QFormLayout()
        form.addRow(customer_label, self.picker)
        form.addRow(labels[0], self.service)
        form.addRow(provider_label, self.provider)
        days_label = QLabel(labels[1])
        days_label.setBuddy(self.earliest)  # Alt+D: the first day
        form.addRow(days_label, days)
        form.addRow("", hours)
        form.addRow(labels[2], self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.picker.setFocus()

    def _hours_shown(self, on: bool) -> None:
        self.from_time.setEnabled(on)
        self.until_time.setEnabled(on)

    def args(self) -> dict[str, Any]:
        if not self.picker.chosen:
            raise DomainError("customer_id", "required", self.tr("choose or create the customer"))
        args: dict[str, Any] = {
            "entry_id": str(uuid.uuid4()),
            "customer_id": self.picker.chosen,
            "service_id": self.service.currentData(),
            "earliest_day": _day(self.earliest).isoformat(),
            "latest_day": _day(self.latest).isoformat(),
            "notes": self.notes.text().strip(),
        }
        if self.provider.currentData():
            args["provider_id"] = self.provider.currentData()
        if self.hours.isChecked():
            args["from_time"] = self.from_time.time().toString("HH:mm")
            args["until_time"] = self.until_time.time().toString("HH:mm")
        return args

    def save(self) -> None:
        try:
            args = self.args()
        except DomainError as exc:
            self.error.setText(describe(exc))
            return

        def done(final: dict[str, Any]) -> None:
            self.saved.emit(final)
            self.accept()

        self.tasks.submit(
            self.desk, "waitlist.add", args, done, lambda e: self.error.setText(describe(e))
        )


def _date_edit(day: date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd dd/MM/yyyy")
    edit.setAccessibleName(name)
    return edit


def _time_edit(at: time, name: str) -> QTimeEdit:
    edit = QTimeEdit(QTime(at.hour, at.minute))
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
    return edit


def _day(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())
