"""The business's audit log, for administrators (File › Audit log…): a day's changes,
or one person's or device's, as the server recorded them; read a page at a time from
central (app/audit_log.py reads them; this says them)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import audit_log
from app.audit_log import FieldChange, LogEntry, LogPage, Person
from app.desk import Desk
from app.schedule import Business
from app.sync.api import OfflineError
from ui.common.labels import (
    booking_status,
    change_name,
    field_name,
    money,
    payment_method,
    payment_status,
    refusal,
    walkin_status,
)
from ui.common.tasks import Tasks, describe
from ui.common.terms import terms
from ui.desk.customers import plain_label
from ui.desk.history import fill
from ui.desk.setup.common import Column, RowsModel, table_view

ARROW = " → "
MONEY_FIELDS = frozenset({"amount_minor", "price_minor"})


class AuditLogDialog(QDialog):
    """A day's audit events, oldest first, narrowed to one person or device if chosen;
    the selected event's fields, before and after, below."""

    def __init__(
        self,
        desk: Desk,
        tasks: Tasks,
        biz: Business,
        today: date,
        parent: QWidget | None = None,
        page_size: int = audit_log.PAGE,
    ) -> None:
        """`today`: the business's day by the desk's clock (the day shown first)."""
        super().__init__(parent)
        self.desk, self.tasks, self.biz, self.page_size = desk, tasks, biz, page_size
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(1240, 640)  # fits a 1366x768 screen with the desk's frame around it
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.who = QComboBox()
        self.who.addItem(self.tr("Everyone"), "")
        self.who.setMinimumContentsLength(24)
        day_label, who_label = plain_label(self.tr("&Day:")), plain_label(self.tr("&Who:"))
        day_label.setBuddy(self.day)
        who_label.setBuddy(self.who)
        filters = QHBoxLayout()
        for w in (day_label, self.day, who_label, self.who):
            filters.addWidget(w)
        filters.addStretch(1)
        self.model = LogModel(self._columns(), self)
        self.table = table_view(self.model, self.tr("Changes"), stretch=4)
        # Where and how it ended can be long: a fixed share, the whole in the tooltip
        # and in the panel below, so the fields keep the room.
        header = self.table.horizontalHeader()
        for column, width in ((2, 230), (5, 260)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Fields before and after"))
        self.details.setMaximumHeight(130)
        self.details.setTabChangesFocus(True)
        self.note = plain_label()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.more = QPushButton(self.tr("Load &more"))
        self.more.setEnabled(False)
        buttons.addButton(self.more, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.names: dict[str, str] = {}  # rows' names by id, from the desk's replica
        self.next_cursor = ""
        self.asked = 0  # the newest reading asked for: an older one's answer is dropped
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.who.currentIndexChanged.connect(lambda _i: self.reload())
        self.more.clicked.connect(self.load_more)
        self.table.selectionModel().selectionChanged.connect(lambda _s, _d: self.show_details())
        self.table.setFocus()
        # For tests: the people's list read, and the reading under way.
        self.people_loaded = tasks.run(audit_log.people(desk.central), self.show_people, _ignore)
        self.loaded = self.reload()

    # -- reading -----------------------------------------------------------------------

    def chosen_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def reload(self) -> Any:
        """The chosen day's (and person's) first page, in place of what is shown."""
        self.model.set_rows([])
        self.details.clear()
        self.next_cursor = ""
        self.more.setEnabled(False)
        self.note.setText(self.tr("Reading the audit log from the server…"))
        self.note.setVisible(True)
        return self._read(first=True)

    def load_more(self) -> Any:
        self.more.setEnabled(False)
        self.loaded = self._read(first=False)
        return self.loaded

    def _read(self, first: bool) -> Any:
        self.asked += 1
        asked = self.asked
        person = str(self.who.currentData() or "")

        async def work() -> LogPage:
            got = await audit_log.page(
                self.desk.central, self.chosen_day(), person, self.next_cursor, self.page_size
            )
            wanted = audit_log.named_ids(got.entries)
            wanted = {k: v - self.names.keys() for k, v in wanted.items()}
            self.names |= await self.tasks.call(audit_log.names, self.desk.replica, wanted)
            return got

        def done(got: LogPage) -> None:
            if asked == self.asked:
                self.show_page(got, first)

        def failed(exc: BaseException) -> None:
            if asked == self.asked:
                self.failed(exc)

        self.loaded = self.tasks.run(work(), done, failed)
        return self.loaded

    def show_people(self, found: list[Person]) -> None:
        labels = {"staff": "%1", "kiosk": self.tr("Kiosk %1"), "hub": self.tr("Site hub %1")}
        for p in found:
            self.who.addItem(labels[p.kind].replace("%1", p.name), p.person_id)

    def show_page(self, got: LogPage, first: bool) -> None:
        rows = got.entries if first else [*self.model.rows, *got.entries]
        self.model.set_rows(rows)
        self.next_cursor = got.next
        self.more.setEnabled(bool(got.next))
        if not rows:
            self.note.setText(self.tr("No changes are recorded for this day."))
        self.note.setVisible(not rows)
        if rows and first:
            self.table.selectRow(0)
        self.show_details()

    def failed(self, exc: BaseException) -> None:
        self.note.setVisible(True)
        self.more.setEnabled(bool(self.next_cursor))
        if isinstance(exc, OfflineError):
            self.note.setText(
                self.tr("The server cannot be reached: the audit log is kept there. Try "
                        "again when the desk is online.")
            )  # fmt: skip
        else:
            self.note.setText(describe(exc))

    def show_details(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.details.clear()
            return
        e = self.model.rows[rows[0].row()]
        lines = [f"{self.what(e)} · {self.client(e)} · {self.outcome(e)}"]
        lines += [self.field_line(f) for f in e.fields]
        self.details.setPlainText("\n".join(lines))

    # -- words ---------------------------------------------------------------------------

    def _columns(self) -> list[Column[LogEntry]]:
        return [
            Column(self.tr("Time"), lambda e: f"{e.at.astimezone(self.biz.time_zone):%H:%M:%S}"),
            Column(self.tr("Who"), self.who_text),
            Column(self.tr("From"), self.client),
            Column(self.tr("What"), self.what),
            Column(self.tr("Before → after"), self.changes),
            Column(self.tr("Outcome"), self.outcome),
        ]

    def who_text(self, e: LogEntry) -> str:
        if e.actor_kind == "kiosk":
            return self.tr("Kiosk %1").replace("%1", e.actor_name or "?")
        if e.actor_kind == "hub":
            return self.tr("Site hub %1").replace("%1", e.actor_name or "?")
        return e.actor_name or self.tr("a former user")

    def client(self, e: LogEntry) -> str:
        """Which client sent it: a sync client's change (by its short id and number),
        or a request straight to the server; and the site hub that carried it."""
        if e.source == "sync":
            text = fill(self.tr("Sync %1 #%2"), e.client_id[:8], str(e.client_seq or ""))
        else:
            text = self.tr("Request to the server")
        if e.hub_name:
            text += " " + self.tr("via the site hub %1").replace("%1", e.hub_name)
        return text

    def noun(self, entity: str) -> str:
        return {
            "booking": self.tr("Booking"),
            "customer": terms(self.biz.vertical).Customer,
            "payment": self.tr("Payment"),
            "walkin_ticket": self.tr("Walk-in ticket"),
            "provider": terms(self.biz.vertical).Provider,
            "provider_hours": self.tr("Working hours"),
            "provider_service": self.tr("Services of a provider"),
            "time_off": self.tr("Time off"),
            "service": self.tr("Service"),
            "location": self.tr("Location"),
            "tenant": self.tr("Business"),
            "staff_user": self.tr("Staff member"),
        }.get(entity, entity)

    def what(self, e: LogEntry) -> str:
        """The change in words: "Booking moved", "Booking marked “Arrived”"."""
        noun = self.noun(e.entity)
        if e.kind == "refused":
            change = audit_log.change_of(e)
            return change_name(change) if change else noun
        if e.kind == "status":
            return fill(self.tr("%1: now “%2”"), noun, self.value(e.entity, "status", e.status))
        text = {
            "created": self.tr("%1 added"),
            "moved": self.tr("%1 moved"),
            "cancelled": self.tr("%1 cancelled"),
            "deleted": self.tr("%1 removed"),
        }.get(e.kind, self.tr("%1 changed"))
        return fill(text, noun)

    def outcome(self, e: LogEntry) -> str:
        if e.kind != "refused":
            return self.tr("Applied")
        return fill(self.tr("Refused: %1"), refusal(e.code, e.code.replace("_", " ")))

    def changes(self, e: LogEntry) -> str:
        """The fields in one line (the panel below lists them one a line)."""
        return "; ".join(self.field_line(f) for f in e.fields)

    def field_line(self, f: FieldChange) -> str:
        label = self.field_label(f.name)
        before, after = (self.value(f.entity, f.name, v) for v in (f.before, f.after))
        if f.before is None:
            return f"{label}: {after}"
        return f"{label}: {before}{ARROW}{after}"

    def field_label(self, name: str) -> str:
        own = {
            "status": self.tr("Status"),
            "notes": self.tr("Notes"),
            "cancel_reason": self.tr("Reason"),
            "price_minor": self.tr("Price"),
            "display_name": self.tr("Name"),
            "name": self.tr("Name"),
            "role": self.tr("Role"),
            "active": self.tr("Active"),
            "password_hash": self.tr("Password"),
            "location_id": self.tr("Location"),
            "booking_id": self.tr("Booking"),
            "number": self.tr("Number"),
            "duration_minutes": self.tr("Duration"),
        }
        return own.get(name) or field_name(name).replace("_", " ")

    def value(self, entity: str, name: str, value: Any) -> str:
        """A field's value as a person reads it: names for ids, local times, money."""
        if value is None or value == "":
            return "—"
        if value == "(hidden)":
            return self.tr("(hidden)")
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if name in audit_log.NAMED:
            return self.names.get(str(value)) or str(value)[:8]
        if name in MONEY_FIELDS and isinstance(value, int):
            return money(value, self.biz.currency)
        if name == "method":
            return payment_method(str(value))
        if name == "status":
            words = {"payment": payment_status, "walkin_ticket": walkin_status}
            return words.get(entity, booking_status)(str(value))
        if isinstance(value, str) and "T" in value and value[:4].isdigit():
            try:
                when = datetime.fromisoformat(value)
            except ValueError:
                return value
            if when.tzinfo is not None:
                return f"{when.astimezone(self.biz.time_zone):%d/%m %H:%M}"
        return str(value)


class LogModel(RowsModel[LogEntry]):
    """The events' rows; a cell too long for its column is read whole in its tooltip."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)


def _ignore(_exc: BaseException) -> None:
    """The people's list is a convenience: without it, the log still reads everyone's."""
