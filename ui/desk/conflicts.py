"""Offline changes the server refused, each with its reason and a fix in one click:
book another free time (the server's suggestions first) or discard it.

Signals:
    settled(): a conflict was fixed or discarded.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import schedule
from app.changes import Changes
from app.desk import Desk
from app.sync.replica import ConflictRecord
from ui.common.labels import change_name, refusal
from ui.common.tasks import Tasks, describe
from ui.desk.customers import plain_label

SLOT_CODES = {"slot_taken", "outside_working_hours", "provider_unavailable", "no_provider_free"}


class ConflictsPanel(QWidget):
    settled = Signal()

    def __init__(self, desk: Desk, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        self.setAccessibleName(self.tr("Conflicts"))
        self.intro = plain_label(
            self.tr(
                "Changes made offline that the server could not accept. Nothing was lost: "
                "pick another time or discard each one."
            )
        )
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Refused changes"))
        self.list.setWordWrap(True)
        self.alternatives = QListWidget()
        self.alternatives.setAccessibleName(self.tr("Other free times"))
        self.alternatives.setFlow(QListWidget.Flow.LeftToRight)
        self.alternatives.setWrapping(True)
        self.alternatives.setMaximumHeight(90)
        self.rebook = QPushButton(self.tr("Book the time ch&osen"))
        self.discard = QPushButton(self.tr("&Discard this change"))
        self.error = plain_label()
        self.error.setStyleSheet("color: #b00020")
        buttons = QHBoxLayout()
        buttons.addWidget(self.rebook)
        buttons.addWidget(self.discard)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel(self.tr("Other free times that day:")))
        layout.addWidget(self.alternatives)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.conflicts: list[ConflictRecord] = []
        self.list.currentRowChanged.connect(self._selected)
        self.rebook.clicked.connect(self.rebook_selected)
        self.discard.clicked.connect(self.discard_selected)

    def reload(self) -> None:
        self.tasks.run(self.tasks.call(self.desk.replica.conflicts), self._show)

    def _describe(self, c: ConflictRecord) -> str:
        replica = self.desk.replica
        tz = schedule.business(replica).time_zone
        what = change_name(c.name)
        a = c.args
        if "start_at" in a:
            when = datetime.fromisoformat(a["start_at"]).astimezone(tz)
            customer = schedule.customer_name(replica.get("customer", a.get("customer_id", "")))
            booking = replica.get("booking", a.get("booking_id", "")) or {}
            if not customer and booking:
                customer = schedule.customer_name(replica.get("customer", booking["customer_id"]))
            what += f" — {customer} {when:%d/%m %H:%M}"
        return f"{what}\n{refusal(c.code, c.message)}"

    def _show(self, conflicts: list[ConflictRecord]) -> None:
        current = self.list.currentRow()
        self.conflicts = conflicts
        self.list.clear()
        for c in conflicts:
            self.list.addItem(QListWidgetItem(self._describe(c)))
        if conflicts:
            self.list.setCurrentRow(min(max(0, current), len(conflicts) - 1))
        else:
            self.alternatives.clear()
        self.rebook.setEnabled(bool(conflicts))
        self.discard.setEnabled(bool(conflicts))

    def _selected(self, row: int) -> None:
        self.alternatives.clear()
        self.error.clear()
        if not 0 <= row < len(self.conflicts):
            return
        c = self.conflicts[row]
        can_rebook = c.code in SLOT_CODES and c.name in ("booking.create", "booking.reschedule")
        self.rebook.setEnabled(can_rebook)
        if can_rebook:
            self.tasks.run(self.tasks.call(self._free_times, c), self._show_alternatives)

    def _free_times(self, c: ConflictRecord) -> list[tuple[datetime, str]]:
        """The server's suggestions still free here, else what the replica finds free."""
        replica = self.desk.replica
        tz = schedule.business(replica).time_zone
        a = c.args
        booking = replica.get("booking", a.get("booking_id", "")) or {}
        service_id = a.get("service_id") or booking.get("service_id")
        provider_id = a.get("provider_id") or booking.get("provider_id")
        day = datetime.fromisoformat(a["start_at"]).astimezone(tz).date()
        free = schedule.suggest_slots(replica, service_id, day, provider_id) if service_id else []
        free_starts = {s.start_at: s for s in free}
        offered = [datetime.fromisoformat(s["start_at"]) for s in c.details.get("alternatives", [])]
        chosen = [s for s in offered if s in free_starts] or list(free_starts)
        return [(s, provider_id or str(free_starts[s].provider_ids[0])) for s in chosen[:12]]

    def _show_alternatives(self, options: list[tuple[datetime, str]]) -> None:
        tz = schedule.business(self.desk.replica).time_zone
        self.alternatives.clear()
        for start, provider_id in options:
            item = QListWidgetItem(f"{start.astimezone(tz):%H:%M}")
            item.setData(Qt.ItemDataRole.UserRole, (start, provider_id))
            self.alternatives.addItem(item)
        if options:
            self.alternatives.setCurrentRow(0)
        else:
            self.alternatives.addItem(self.tr("No free time left that day"))

    def current(self) -> ConflictRecord | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def rebook_selected(self) -> None:
        c = self.current()
        item = self.alternatives.currentItem()
        choice = item.data(Qt.ItemDataRole.UserRole) if item else None
        if c is None or not choice:
            return
        start, provider_id = choice
        args: dict[str, Any] = {**c.args, "start_at": start.isoformat(), "provider_id": provider_id}
        if c.name == "booking.create":
            args.pop("booking_id", None)  # a new booking: the refused one never existed

        async def fix() -> None:
            await self.tasks.call(self.desk.submit, c.name, args)
            await self.tasks.call(self.desk.engine.discard_conflict, c.seq)
            self.tasks.changed.emit(Changes.of_change(c.name) | Changes(conflicts=True))

        self.tasks.run(
            fix(), lambda _r: self.settled.emit(), lambda e: self.error.setText(describe(e))
        )

    def discard_selected(self) -> None:
        c = self.current()
        if c is None:
            return

        async def drop() -> None:
            await self.tasks.call(self.desk.engine.discard_conflict, c.seq)
            self.tasks.changed.emit(Changes(conflicts=True))

        self.tasks.run(drop(), lambda _r: self.settled.emit())
