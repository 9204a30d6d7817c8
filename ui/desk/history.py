"""A booking's history, for administrators: each change in words, read from the
server's audit trail (app/audit_trail.py decides what happened; this says it)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QListView,
    QVBoxLayout,
    QWidget,
)

from app import audit_trail
from app.audit_trail import HistoryEntry
from app.desk import Desk
from app.sync.api import OfflineError
from ui.common.labels import booking_status
from ui.common.tasks import Tasks, describe
from ui.desk.customers import plain_label


class BookingHistoryDialog(QDialog):
    """What was done to one booking, by whom and when, oldest first."""

    def __init__(
        self,
        desk: Desk,
        tasks: Tasks,
        row: dict[str, Any],
        tz: ZoneInfo,
        parent: QWidget | None = None,
        heading: str = "",
    ) -> None:
        """`heading`: whose booking and when, as the panel shows it."""
        super().__init__(parent)
        self.tz = tz
        self.setWindowTitle(self.tr("Booking history"))
        self.heading = plain_label(heading)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setVisible(bool(heading))
        self.setMinimumSize(520, 320)
        self.model = QStringListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        self.list.setAccessibleName(self.tr("Changes"))
        self.note = plain_label(self.tr("Reading the history from the server…"))
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        work = audit_trail.booking_history(desk.central, row["booking_id"])
        # For tests: the read, done when the list is filled (or the error shown).
        self.loaded = tasks.run(work, self.show_entries, self.failed)

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.model.setStringList([self.sentence(e) for e in entries])
        self.note.setText("" if entries else self.tr("No changes are recorded for this booking."))
        self.note.setVisible(not entries)

    def failed(self, exc: BaseException) -> None:
        if isinstance(exc, OfflineError):
            self.note.setText(
                self.tr("The server cannot be reached: the history is kept there. Try again "
                        "when the desk is online.")
            )  # fmt: skip
        else:
            self.note.setText(describe(exc))

    def local(self, when: datetime | None) -> str:
        return "" if when is None else f"{when.astimezone(self.tz):%H:%M}"

    def stamp(self, when: datetime) -> str:
        return f"{when.astimezone(self.tz):%d/%m %H:%M}"

    def who(self, e: HistoryEntry) -> str:
        """ "by Ana", "at the kiosk Entrada", "by the site hub Sede"; and "via the site
        hub Sede Centro" when a hub carried the change to central."""
        if e.actor_kind == "kiosk":
            text = self.tr("at the kiosk %1").replace("%1", e.actor_name or "?")
        elif e.actor_kind == "hub":
            text = self.tr("by the site hub %1").replace("%1", e.actor_name or "?")
        else:
            text = self.tr("by %1").replace("%1", e.actor_name or self.tr("a former user"))
        if e.hub_name:
            text += " " + self.tr("via the site hub %1").replace("%1", e.hub_name)
        return text

    def sentence(self, e: HistoryEntry) -> str:
        """%1 is who, %2 when; %3 and %4 what the kind of change adds."""
        extra: tuple[str, ...] = ()
        if e.kind == "created":
            text = self.tr("Created %1, %2")
        elif e.kind == "moved":
            text = self.tr("Moved %1 from %3 to %4, %2")
            extra = (self.local(e.start_before), self.local(e.start_after))
        elif e.kind == "cancelled":
            text, extra = self.tr("Cancelled %1, %2: %3"), (e.reason,)
        elif e.kind == "status":
            text, extra = self.tr("Marked “%3” %1, %2"), (booking_status(e.status),)
        elif e.kind == "refused":
            text, extra = self.tr("A change %1 was refused (%3), %2"), (e.code,)
        else:
            text = self.tr("Changed %1, %2")
        return fill(text, self.who(e), self.stamp(e.at), *extra)


def fill(text: str, *values: str) -> str:
    """%1, %2... replaced in one pass: a value that holds "%2" stays as it is."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], text)
