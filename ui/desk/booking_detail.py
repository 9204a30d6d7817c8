"""The selected booking, between the schedule and the side panel: what the panel shows
of it (who, what, when, paid or due) and what its buttons and the Booking menu do
(change its status, or open the dialog that does the rest).

The paid/due rule is `app.takings.balance`; only its wording is here.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from app import schedule, takings
from app.icalendar import booking_ics
from ui.common.labels import long_date
from ui.common.labels import money as money_text
from ui.desk.booking_dialog import CancelDialog, RescheduleDialog
from ui.desk.booking_panel import STATUS_ACTIONS
from ui.desk.customers import CustomerProfileDialog
from ui.desk.payments import PaymentDialog

if TYPE_CHECKING:
    from ui.desk.window import DeskWindow


class BookingDetail(QObject):
    """The booking selected in `window`'s schedule, shown in its panel and acted on."""

    def __init__(self, window: DeskWindow) -> None:
        super().__init__(window)
        self.window = window

    def selected_row(self) -> dict[str, Any] | None:
        w = self.window
        if w.view.selected is None:
            return None
        return w.desk.replica.get("booking", w.view.selected)

    def show_selected(self, focus: bool = False) -> None:
        w = self.window
        row = self.selected_row()
        if row is None or row["status"] == "cancelled":
            w.panel.show_booking(None)
            return
        replica = w.desk.replica
        tz = w.biz.time_zone
        start = datetime.fromisoformat(row["start_at"]).astimezone(tz)
        end = datetime.fromisoformat(row["end_at"]).astimezone(tz)
        info = {
            **row,
            "customer": schedule.customer_name(replica.get("customer", row["customer_id"])),
            "service": (replica.get("service", row["service_id"]) or {}).get("name", ""),
            "provider": (replica.get("provider", row["provider_id"]) or {}).get("display_name", ""),
            "when": f"{long_date(start.date())}  {start:%H:%M}–{end:%H:%M}",
            "money": self.money_line(row),
        }
        w.panel.show_booking(info)
        if focus:
            w.side.setCurrentWidget(w.panel)

    def money_line(self, row: dict[str, Any]) -> str:
        """Paid, not paid yet, or paid so much with so much due."""
        owed = takings.balance(self.window.desk.replica, row)
        cur = self.window.biz.currency
        if owed.settled:
            return self.tr("Paid %1").replace("%1", money_text(owed.paid_minor, cur))
        if owed.paid_minor == 0:
            return self.tr("Not paid yet · %1").replace("%1", money_text(owed.price_minor, cur))
        return (
            self.tr("Paid %1 · due %2")
            .replace("%1", money_text(owed.paid_minor, cur))
            .replace("%2", money_text(owed.due_minor, cur))
        )

    def act(self, key: str) -> None:
        """What the panel's button or the Booking menu item `key` asks for."""
        w = self.window
        row = self.selected_row()
        if row is None:
            return
        if key in STATUS_ACTIONS:
            w.tasks.submit(w.desk, key, {"booking_id": row["booking_id"]})
        elif key == "reschedule":
            RescheduleDialog(w.desk, w.tasks, row, w).open()
        elif key == "cancel":
            dialog = CancelDialog(w)
            if dialog.exec() and dialog.text():
                w.tasks.submit(
                    w.desk,
                    "booking.cancel",
                    {"booking_id": row["booking_id"], "reason": dialog.text()},
                )
        elif key == "payment":
            PaymentDialog(w.desk, w.tasks, row, w).open()
        elif key == "customer":
            CustomerProfileDialog(w.desk, w.tasks, row["customer_id"], w).open()
        elif key == "ics":
            self.save_ics(row)

    def save_ics(self, row: dict[str, Any]) -> asyncio.Future[str] | None:
        """Ask where, then write on the worker; None if there is nothing to save or staff
        cancel. The future (for tests) ends when the file is written."""
        from ui.desk.printing import ask_save_path, write_text

        w = self.window
        found = w.model.block(row["booking_id"])
        if found is None:
            return None
        block = found[1]
        provider = (w.desk.replica.get("provider", block.provider_id) or {}).get("display_name", "")
        text = booking_ics(block, w.biz.name, provider, code_label=self.tr("Code"))
        path = ask_save_path(w, f"{block.code or 'booking'}.ics", "iCalendar (*.ics)")
        if path is None:
            return None
        return w.tasks.run(w.tasks.call(write_text, path, text))
