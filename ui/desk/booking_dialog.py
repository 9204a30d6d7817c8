"""Booking from a free slot, rescheduling in a dialog, and cancelling with a reason.

The dialogs only read input and start changes; the rules live in app/ (the replica
refuses at once what it already knows is wrong, naming the field).

Signals (BookingDialog, RescheduleDialog):
    saved(list): the final args of the changes recorded.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import far_days, schedule
from app.changes import Changes
from app.desk import Desk
from app.domain.availability import Blocked, Hindrance, Slot
from app.domain.bookings import weekly_series
from app.domain.errors import DomainError
from app.sync.rows import iso
from ui.common.labels import short_weekday
from ui.common.tasks import Tasks, describe
from ui.common.terms import terms, with_mnemonic
from ui.desk.customers import CustomerPicker, plain_label

if TYPE_CHECKING:
    from ui.desk.waitlist import WaitlistDialog

ANY = ""


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class SlotList(QListWidget):
    """Free starts for a service on a day; each item carries (start, provider ids)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Suggested free times"))
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setSpacing(3)
        self.setMinimumHeight(110)

    def show_slots(
        self,
        slots: list[Slot],
        tz: Any,
        names: dict[str, str],
        wanted: datetime | None,
        *,
        dated: bool = False,
    ) -> None:
        """`dated`: slots of several days, each shown with its day ("jue 03/12 10:40")."""
        self.blockSignals(True)  # a refill is not the user choosing
        self.clear()
        for s in slots:
            who = names.get(str(s.provider_ids[0]), "") if len(s.provider_ids) == 1 else ""
            local = s.start_at.astimezone(tz)
            day = f"{short_weekday(local.date())} " if dated else ""
            text = f"{day}{local:%H:%M}" + (f"  {who}" if who else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (s.start_at, [str(p) for p in s.provider_ids]))
            self.addItem(item)
            if wanted is not None and s.start_at == wanted:
                self.setCurrentItem(item)
        if not slots and not dated:
            self.addItem(QListWidgetItem(self.tr("No free time on this day")))
        self.blockSignals(False)

    def chosen(self) -> tuple[datetime, list[str]] | None:
        item = self.currentItem()
        data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return data if data else None


class BookingDialog(QDialog):
    saved = Signal(list)

    def __init__(
        self,
        desk: Desk,
        tasks: Tasks,
        *,
        day: date,
        provider_id: str | None = None,
        start: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        self.wanted = start
        self.far = False  # the day is beyond the replica: its slots and booking are the server's
        self.biz = schedule.business(desk.replica)
        self.words = terms(self.biz.vertical)
        self.setWindowTitle(self.tr("New booking"))
        self.resize(560, 620)
        self.picker = CustomerPicker(desk, tasks)
        self.service = QComboBox()
        self.service.setAccessibleName(self.tr("Service"))
        self.provider = QComboBox()
        self.provider.setAccessibleName(self.words.Provider)
        self.date = QDateEdit(to_qdate(day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd dd/MM/yyyy")
        self.date.setAccessibleName(self.tr("Date"))
        self.slots = SlotList()
        self.why = plain_label()
        self.why.setWordWrap(True)
        self.why.setAccessibleName(self.tr("Why that time cannot be booked"))
        self.why.setStyleSheet(
            "background: #fff4cc; color: #5c4400; padding: 6px; border: 1px solid #e5cf7a;"
        )
        self.next_slots = SlotList()
        self.next_slots.setAccessibleName(self.tr("Next free times"))
        self.next_slots.setMinimumHeight(64)
        self.notes = QLineEdit()
        self.notes.setAccessibleName(self.tr("Notes"))
        self.repeat = QCheckBox(self.tr("R&epeat"))
        self.every = QSpinBox(minimum=1, maximum=12)
        self.every.setAccessibleName(self.tr("Every how many weeks"))
        self.every.setSuffix(self.tr(" week(s)"))
        self.times = QSpinBox(minimum=2, maximum=52, value=4)
        self.times.setAccessibleName(self.tr("How many bookings in all"))
        self.times.setSuffix(self.tr(" times"))
        repeat_row = QHBoxLayout()
        repeat_row.addWidget(self.repeat)
        repeat_row.addWidget(plain_label(self.tr("every")))
        repeat_row.addWidget(self.every)
        repeat_row.addWidget(self.times)
        repeat_row.addStretch(1)
        self.error = plain_label()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Book"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        # No time suits: the customer waits for one to free (ui/desk/waitlist.py).
        self.waitlist_button = buttons.addButton(
            self.tr("Add to &waitlist…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.waitlist_button.clicked.connect(lambda: self.add_to_waitlist())
        # The business's words for who is booked and with whom, with Alt letters
        # clear of the rest of the dialog's.
        labels = [self.tr("&Service"), self.tr("&Date"), self.tr("F&ree times")]
        labels += [self.tr("Ne&xt free times"), self.tr("No&tes")]
        taken = [*labels, self.repeat.text(), self.picker.new_button.text(), self.tr("&Book")]
        taken.append(self.waitlist_button.text())
        customer = with_mnemonic(self.words.Customer, taken)
        provider = with_mnemonic(self.words.Provider, [*taken, customer])
        form = QFormLayout()
        form.addRow(customer, self.picker)
        form.addRow(labels[0], self.service)
        form.addRow(provider, self.provider)
        form.addRow(labels[1], self.date)
        form.addRow(labels[2], self.slots)
        form.addRow(self.why)
        form.addRow(labels[3], self.next_slots)
        form.addRow(labels[4], self.notes)
        form.addRow("", repeat_row)
        self.form = form
        form.setRowVisible(self.why, False)
        form.setRowVisible(self.next_slots, False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill(provider_id)
        self.service.currentIndexChanged.connect(self.refresh_slots)
        self.provider.currentIndexChanged.connect(self.refresh_services)
        self.date.dateChanged.connect(self.refresh_slots)
        self.next_slots.currentItemChanged.connect(self._take_next_free)
        self.picker.setFocus()

    def _fill(self, provider_id: str | None) -> None:
        replica = self.desk.replica
        self.names = {p["provider_id"]: p["display_name"] for p in schedule.providers(replica)}
        self.provider.addItem(self.tr("Any %1").replace("%1", self.words.provider), ANY)
        for pid, name in self.names.items():
            self.provider.addItem(name, pid)
        if provider_id:
            self.provider.setCurrentIndex(max(0, self.provider.findData(provider_id)))
        self._show_services(schedule.services(replica, provider_id))

    def refresh_services(self) -> None:
        """The services of the provider chosen; with "any provider", every service
        some provider gives. Then the free times for the service kept or the first."""
        provider = self.provider.currentData() or None
        self.tasks.run(
            self.tasks.call(schedule.services, self.desk.replica, provider), self._show_services
        )

    def _show_services(self, services: list[dict[str, Any]]) -> None:
        kept = self.service.currentData()
        self.service.blockSignals(True)
        self.service.clear()
        for s in services:
            minutes = s["duration_minutes"]
            self.service.addItem(f"{s['name']} ({minutes} min)", s["service_id"])
        self.service.setCurrentIndex(max(0, self.service.findData(kept)))
        self.service.blockSignals(False)
        self.refresh_slots()

    def refresh_slots(self) -> None:
        service_id = self.service.currentData()
        if not service_id:
            self._show_advice(schedule.SlotAdvice([], None, [], []))
            return
        provider = self.provider.currentData() or None
        day = from_qdate(self.date.date())
        wanted, now = self.wanted, self.desk.engine.clock()
        replica, today = self.desk.replica, now.astimezone(self.biz.time_zone).date()

        async def advice() -> schedule.SlotAdvice:
            self.far = not await self.tasks.call(far_days.holds, replica, [day], today)
            if not self.far:
                return await self.tasks.call(
                    lambda: schedule.advise(
                        replica, service_id, day, provider, wanted=wanted, now=now
                    )
                )
            # Beyond the replica it does not know who is booked: the server does.
            slots = await far_days.free_slots(self.desk.central, service_id, day, provider)
            return schedule.SlotAdvice(slots, None, [], [])

        def cannot(exc: BaseException) -> None:
            self.slots.clear()
            self.error.setText(describe(exc))

        self.error.setText("")
        self.tasks.run(advice(), self._show_advice, cannot)

    def _show_advice(self, advice: schedule.SlotAdvice) -> None:
        """The day's free times; why the time asked for cannot be booked; the next ones."""
        tz = self.biz.time_zone
        self.slots.show_slots(advice.slots, tz, self.names, self.wanted)
        reasons = [
            self.reason_text(blocked, advice.requested, self.names.get(provider, ""))
            for provider, blocked in advice.blocked
        ]
        self.why.setText("\n".join(reasons))
        self.form.setRowVisible(self.why, bool(reasons))
        self.next_slots.show_slots(advice.next_free, tz, self.names, None, dated=True)
        self.form.setRowVisible(self.next_slots, bool(advice.next_free))

    def reason_text(self, blocked: Blocked, requested: datetime | None, provider: str) -> str:
        """Why `requested` cannot be booked with `provider`, in the desk's language (the
        reason itself comes from the availability rules)."""
        tz = self.biz.time_zone
        when = f"{requested.astimezone(tz):%H:%M}" if requested else ""
        span = ""
        if blocked.span is not None:
            a, b = (t.astimezone(tz) for t in blocked.span)
            same = requested is not None and a.date() == b.date() == requested.astimezone(tz).date()
            span = f"{a:%H:%M}–{b:%H:%M}" if same else f"{a:%d/%m %H:%M} – {b:%d/%m %H:%M}"
        texts = {
            Hindrance.PAST: self.tr("%1 has already passed."),
            Hindrance.OUTSIDE_HOURS: self.tr(
                "%1 is outside %2's working hours (with the time the service needs)."
            ),
            Hindrance.TIME_OFF: self.tr("At %1 %2 is away (time off %3)."),
            Hindrance.BREAK: self.tr("%1 falls in %2's break (%3)."),
            Hindrance.OVERLAP: self.tr("%1 overlaps %2's booking at %3."),
            Hindrance.NEIGHBOUR_BUFFER: self.tr(
                "%1 falls in the buffer kept free around %2's booking at %3."
            ),
            Hindrance.OWN_BUFFER: self.tr(
                "At %1 the buffer this service keeps free around it would reach %2's booking at %3."
            ),
        }
        return texts[blocked.reason].replace("%1", when).replace("%2", provider).replace("%3", span)

    def _take_next_free(self, item: QListWidgetItem | None) -> None:
        """One of the next free times: show its day with it chosen."""
        data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not data:
            return
        self.wanted = data[0]
        day = self.wanted.astimezone(self.biz.time_zone).date()
        if from_qdate(self.date.date()) != day:
            self.date.setDate(to_qdate(day))  # refreshes
        else:
            self.refresh_slots()

    def args(self) -> list[dict[str, Any]]:
        customer = self.picker.chosen
        if not customer:
            raise DomainError("customer_id", "required", self.tr("choose or create the customer"))
        chosen = self.slots.chosen()
        if chosen is None:
            raise DomainError("start_at", "required", self.tr("pick one of the free times"))
        start, provider_ids = chosen
        provider = self.provider.currentData() or provider_ids[0]
        base = {
            "customer_id": customer,
            "service_id": self.service.currentData(),
            "provider_id": provider,
            "notes": self.notes.text().strip(),
        }
        if not self.repeat.isChecked():
            return [{**base, "start_at": iso(start)}]
        series = str(uuid.uuid4())
        starts = weekly_series(
            start, self.biz.time_zone, every_weeks=self.every.value(), count=self.times.value()
        )
        return [{**base, "start_at": iso(s), "series_id": series} for s in starts]

    def add_to_waitlist(self) -> WaitlistDialog:
        """The waitlist dialog with what is chosen here; this one closes."""
        from ui.desk.waitlist import WaitlistDialog

        item = self.picker.results.currentItem()
        customer = (self.picker.chosen, item.text()) if self.picker.chosen and item else None
        dialog = WaitlistDialog(
            self.desk,
            self.tasks,
            day=from_qdate(self.date.date()),
            customer=customer,
            service_id=self.service.currentData(),
            provider_id=self.provider.currentData() or None,
            parent=self.parentWidget(),
        )
        self.reject()
        dialog.open()
        return dialog

    def save(self) -> None:
        try:
            changes = self.args()
        except DomainError as exc:
            self.error.setText(describe(exc))
            return
        if self.far:
            self._book_on_server(changes)
            return

        async def book_all() -> list[dict[str, Any]]:
            done = []
            for a in changes:  # one by one: a later week may be taken, the first still holds
                try:
                    done.append(await self.tasks.call(self.desk.submit, "booking.create", a))
                except DomainError as exc:
                    if not done:
                        raise
                    when = a["start_at"][:10]
                    self.error.setText(
                        self.tr("Not booked on %1: ").replace("%1", when) + describe(exc)
                    )
            self.tasks.changed.emit(Changes(bookings=True))
            return done

        def finished(done: list[dict[str, Any]]) -> None:
            self.saved.emit(done)
            if len(done) == len(changes):
                self.accept()

        self.tasks.run(book_all(), finished, lambda e: self.error.setText(describe(e)))

    def _book_on_server(self, changes: list[dict[str, Any]]) -> None:
        """A day beyond the replica: booked on the server at once, a series whole or
        not at all (the server checks every week against what it holds)."""
        body = {k: v for k, v in changes[0].items() if k != "series_id"}
        if len(changes) > 1:
            body["repeat"] = {"every_weeks": self.every.value(), "count": len(changes)}

        def done(made: list[dict[str, Any]]) -> None:
            self.tasks.changed.emit(Changes(bookings=True))
            self.saved.emit(made)
            self.accept()

        self.tasks.run(
            far_days.book(self.desk.central, body), done, lambda e: self.error.setText(describe(e))
        )


class RescheduleDialog(QDialog):
    saved = Signal(list)

    def __init__(
        self, desk: Desk, tasks: Tasks, booking: dict[str, Any], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.desk, self.tasks, self.booking = desk, tasks, booking
        self.biz = schedule.business(desk.replica)
        self.words = terms(self.biz.vertical)
        self.setWindowTitle(self.tr("Reschedule"))
        self.resize(480, 360)
        self.provider = QComboBox()
        self.provider.setAccessibleName(self.words.Provider)
        self.names = {p["provider_id"]: p["display_name"] for p in schedule.providers(desk.replica)}
        for pid, name in self.names.items():
            self.provider.addItem(name, pid)
        self.provider.setCurrentIndex(max(0, self.provider.findData(booking["provider_id"])))
        start = datetime.fromisoformat(booking["start_at"]).astimezone(self.biz.time_zone)
        self.date = QDateEdit(to_qdate(start.date()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd dd/MM/yyyy")
        self.date.setAccessibleName(self.tr("Date"))
        self.slots = SlotList()
        self.error = plain_label()
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        labels = [self.tr("&Date"), self.tr("F&ree times")]
        form.addRow(with_mnemonic(self.words.Provider, labels), self.provider)
        form.addRow(labels[0], self.date)
        form.addRow(labels[1], self.slots)
        form.addRow(self.error)
        form.addRow(buttons)
        self.provider.currentIndexChanged.connect(self.refresh_slots)
        self.date.dateChanged.connect(self.refresh_slots)
        self.refresh_slots()

    def refresh_slots(self) -> None:
        provider = self.provider.currentData()
        day = from_qdate(self.date.date())
        service_id = self.booking["service_id"]

        def free() -> list[Slot]:
            # The booking's own time is free for itself: hide it from its own busy list.
            replica = self.desk.replica
            slots = schedule.suggest_slots(replica, service_id, day, provider)
            return [s for s in slots if s.start_at.isoformat() != self.booking["start_at"]]

        self.tasks.run(
            self.tasks.call(free),
            lambda slots: self.slots.show_slots(slots, self.biz.time_zone, self.names, None),
        )

    def _saved(self, final: dict[str, Any]) -> None:
        self.saved.emit([final])
        self.accept()

    def save(self) -> None:
        chosen = self.slots.chosen()
        if chosen is None:
            self.error.setText(self.tr("Pick one of the free times."))
            return
        args = {
            "booking_id": self.booking["booking_id"],
            "start_at": iso(chosen[0]),
            "provider_id": self.provider.currentData(),
        }
        self.tasks.submit(
            self.desk,
            "booking.reschedule",
            args,
            self._saved,
            lambda e: self.error.setText(describe(e)),
        )


class CancelDialog(QDialog):
    """Cancel a booking; the reason is required and kept with it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cancel booking"))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.addItems(
            [
                self.tr("Customer cancelled"),
                self.tr("Provider unavailable"),
                self.tr("Booked by mistake"),
            ]
        )
        self.reason.setCurrentText("")
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(60)
        self.note.setAccessibleName(self.tr("Details"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Cancel &booking"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Keep it"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Reason"), self.reason)
        form.addRow(self.tr("De&tails"), self.note)
        form.addRow(buttons)

    def text(self) -> str:
        parts = [self.reason.currentText().strip(), self.note.toPlainText().strip()]
        return " — ".join(p for p in parts if p)
