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

from app import far_days, schedule, takings
from app.icalendar import booking_ics
from ui.common.labels import long_date
from ui.common.labels import money as money_text
from ui.desk.booking_dialog import CancelDialog, RescheduleDialog
from ui.desk.booking_panel import STATUS_ACTIONS
from ui.desk.customers import CustomerProfileDialog
from ui.desk.history import BookingHistoryDialog
from ui.desk.payments import PaymentDialog
from ui.desk.slip import SlipDialog

if TYPE_CHECKING:
    from ui.desk.window import DeskWindow


class BookingDetail(QObject):
    """The booking selected in `window`'s schedule, shown in its panel and acted on."""

    def __init__(self, window: DeskWindow) -> None:
        super().__init__(window)
        self.window = window
        window.panel.offer(window.role.offered(window.panel.buttons), books=window.role.front_desk)

    def selected_row(self) -> dict[str, Any] | None:
        """The selected booking's row: the replica's, or the server's (a far day's)."""
        w = self.window
        if w.view.selected is None:
            return None
        return w.desk.replica.get("booking", w.view.selected) or w.fetched.get(w.view.selected)

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
        customer = replica.get("customer", row["customer_id"])
        fixed = self.is_fetched(row)
        info = {
            **row,
            "customer": schedule.customer_name(customer, row),
            "care": schedule.care_notes(customer, row),
            "service": (replica.get("service", row["service_id"]) or {}).get("name", ""),
            "provider": (replica.get("provider", row["provider_id"]) or {}).get("display_name", ""),
            "when": f"{long_date(start.date())}  {start:%H:%M}–{end:%H:%M}",
            # The replica holds no payments of a far day's booking, nor a provider's.
            "money": self.money_line(row) if w.role.front_desk and not fixed else "",
            "fixed": fixed,
        }
        w.panel.show_booking(info)
        if row.get("series_id"):
            self.show_series(row["series_id"], row["booking_id"])
        if focus:
            w.side.setCurrentWidget(w.panel)

    def is_fetched(self, row: dict[str, Any]) -> bool:
        """A booking read from the server, beyond the replica: the desk shows it, and
        changes it only through the booking dialogs' server paths."""
        return row["booking_id"] in self.window.fetched and not row.get("pending")

    def show_series(self, series_id: str, booking_id: str) -> None:
        """The weekly series as a whole, past the replica's window too (app/far_days)."""
        w = self.window
        work = far_days.series(w.desk.replica, w.desk.central, w.tasks.call, series_id, booking_id)

        def show(found: far_days.Series | None) -> None:
            if found is None or w.view.selected != booking_id:
                return
            tz = w.biz.time_zone
            text = (
                self.tr("Weekly series: %1 of %2, %3 to %4")
                .replace("%1", str(found.position))
                .replace("%2", str(found.count))
                .replace("%3", f"{found.first.astimezone(tz):%d/%m/%Y}")
                .replace("%4", f"{found.last.astimezone(tz):%d/%m/%Y}")
            )
            if not found.whole:
                text += self.tr(" (offline: only what this desk holds)")
            w.panel.show_series(text)

        w.tasks.run(work, show, lambda _e: None)  # a series line is a nicety, not a must

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
        if row is None or not w.role.may(key):
            return
        if self.is_fetched(row) and key not in ("customer", "ics", "history"):
            return  # beyond the replica: its checks and outbox cannot take the change
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
        elif key == "history":
            self.show_history(row)
        elif key in ("slip", "send"):
            self.show_slip(row, send=key == "send")

    def show_slip(self, row: dict[str, Any], send: bool = False) -> SlipDialog:
        """The booking's slip: to print, or to send to the customer (`send`)."""
        w = self.window
        dialog = SlipDialog(w.desk, w.tasks, row["booking_id"], w, send=send)
        dialog.open()
        return dialog

    def show_history(self, row: dict[str, Any]) -> BookingHistoryDialog:
        """The booking's audit trail, read from the server (admins)."""
        w = self.window
        heading = f"{w.panel.customer.text()} · {w.panel.when.text()}"
        dialog = BookingHistoryDialog(w.desk, w.tasks, row, w.biz.time_zone, w, heading)
        dialog.open()
        return dialog

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
        # Where to go: the location's address, in the customer's calendar too.
        place = w.desk.replica.get("location", row.get("location_id") or "") or {}
        text = booking_ics(
            block, w.biz.name, provider, place.get("address") or "", code_label=self.tr("Code")
        )
        path = ask_save_path(w, f"{block.code or 'booking'}.ics", "iCalendar (*.ics)")
        if path is None:
            return None
        return w.tasks.run(w.tasks.call(write_text, path, text))
