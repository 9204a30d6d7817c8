"""Reminders: tomorrow's bookings (or another day's) as a call list, each with the
customer's phone, a one-click WhatsApp message and a "Reminded" check that syncs
(`booking.remind`, offline too). The list is `app.reminders`'; this shows it."""

from __future__ import annotations

import asyncio
from datetime import date

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import reminders
from app import slip as slips
from app.changes import Changes
from app.desk import Desk
from app.reminders import Reminder
from app.schedule import business
from ui.common.labels import error_text, long_date
from ui.common.tasks import Tasks
from ui.common.terms import terms
from ui.desk.booking_dialog import from_qdate, to_qdate
from ui.desk.customers import plain_label
from ui.desk.reminders_model import REMINDED, WHATSAPP, ReminderModel
from ui.desk.slip import slip_words


class RemindersDialog(QDialog):
    """The call list of one day: `day` first (tomorrow, by the desk's clock), then the
    one staff pick.

    `loaded` (for tests): the latest read, done when the list shows it.
    """

    def __init__(self, desk: Desk, tasks: Tasks, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        biz = business(desk.replica)
        self.tz, self.vertical = biz.time_zone, biz.vertical
        self.words = slip_words(biz.vertical)
        words = terms(biz.vertical)
        self.setWindowTitle(self.tr("Reminders"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.day = QDateEdit(to_qdate(day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dddd dd/MM/yyyy")
        self.day.setAccessibleName(self.tr("Day to remind"))
        self.summary = plain_label()
        self.note = plain_label()
        self.note.setWordWrap(True)
        self.model = ReminderModel(self.tz, words.Customer, words.Provider, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Bookings to remind"))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REMINDED, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(plain_label(self.tr("Bookings of")))
        top.addWidget(self.day)
        top.addStretch(1)
        top.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(980, 560)
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.model.reminded_chosen.connect(self.mark)
        tasks.changed.connect(self._changed)
        self.loaded = self.reload()

    def _changed(self, changes: Changes) -> None:
        if changes.bookings or changes.customers or changes.catalogue:
            self.reload()

    def shown_day(self) -> date:
        return from_qdate(self.day.date())

    def reload(self) -> asyncio.Future[list[Reminder]]:
        day = self.shown_day()
        self.loaded = self.tasks.run(
            self.tasks.call(reminders.call_list, self.desk.replica, day, self.tz),
            lambda rows: self.show_rows(day, rows),
        )
        return self.loaded

    def show_rows(self, day: date, rows: list[Reminder]) -> None:
        if day != self.shown_day():
            return  # another day was picked meanwhile: its own read shows it
        self.model.set_rows(rows)
        done = sum(1 for r in rows if r.reminded_at)
        self.summary.setText(
            self.tr("%1 bookings · %2 reminded")
            .replace("%1", str(len(rows)))
            .replace("%2", str(done))
            if rows
            else self.tr("No bookings to remind on %1.").replace("%1", long_date(day))
        )
        for i, r in enumerate(rows):
            button = QPushButton("WhatsApp")
            usable = slips.whatsapp_number(r.slip.phone, r.slip.country) is not None
            button.setEnabled(usable)
            button.setToolTip(
                self.tr("Opens WhatsApp with the reminder written for %1").replace(
                    "%1", r.slip.customer
                )
                if usable
                else self.tr("No mobile phone on file: call or add one with Customer…")
            )
            button.setAccessibleName(self.tr("WhatsApp to %1").replace("%1", r.slip.customer))
            button.clicked.connect(lambda _c=False, row=r: self.send_whatsapp(row))
            self.table.setIndexWidget(self.model.index(i, WHATSAPP), button)
        self.table.resizeColumnsToContents()

    def message(self, r: Reminder) -> str:
        greeting = self.tr("Hello %1, a reminder of your booking:").replace(
            "%1", r.slip.first_name or r.slip.customer
        )
        return slips.message_text(r.slip, self.words, long_date(r.slip.start.date()), greeting)

    def send_whatsapp(self, r: Reminder) -> bool:
        url = slips.whatsapp_url(r.slip.phone, self.message(r), r.slip.country)
        if url is None:
            return False
        opened = QDesktopServices.openUrl(QUrl.fromEncoded(url.encode()))
        self.note.setText(
            self.tr(
                "WhatsApp opens with the reminder for %1: send it there, then tick “Reminded”."
            ).replace("%1", r.slip.customer)
            if opened
            else self.tr("No browser or WhatsApp could be opened on this computer.")
        )
        return opened

    def mark(self, booking_id: str, reminded: bool) -> None:
        """Recorded in the replica at once and pushed when the network allows."""
        self.tasks.submit(
            self.desk,
            "booking.remind",
            {"booking_id": booking_id, "reminded": reminded},
            on_error=lambda exc: self.note.setText(error_text(exc)),
        )
