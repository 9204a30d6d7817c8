"""The selected booking: who, what, when, paid or not, and what can be done next.

Signals:
    action(str): the user asked for an action on the booking ("booking.check_in",
        "reschedule", "cancel", "payment", "ics", "customer", "history", "slip", "send").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.bookings import TRANSITIONS, BookingStatus
from app.sync.effects import BOOKING_STATUS
from ui.common.labels import booking_status
from ui.desk.customers import plain_label
from ui.desk.dayview import swatch
from ui.desk.dayview_model import STATUS_COLOURS

STATUS_ACTIONS = ("booking.check_in", "booking.start", "booking.complete", "booking.no_show")
SHORTCUTS = {
    "booking.check_in": "F6",
    "booking.start": "F7",
    "booking.complete": "F8",
    "booking.no_show": "F9",
    "reschedule": "Ctrl+R",
    "cancel": "Del",
    # Not Ctrl+P: that prints, as in every program. Not F10: Windows and the Linux
    # desktops give it to the menu bar. Ctrl+Shift+P keeps the P of Pago/Payment.
    "payment": "Ctrl+Shift+P",
}


class BookingPanel(QGroupBox):
    action = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Selected booking"))
        self.customer = plain_label()
        font = self.customer.font()
        font.setPointSizeF(font.pointSizeF() + 3)
        font.setBold(True)
        self.customer.setFont(font)
        self.when = plain_label()
        self.service = plain_label()
        self.status = plain_label()
        self.money = plain_label()
        self.notes = plain_label()
        self.notes.setWordWrap(True)
        self.care = plain_label()  # the customer's standing notes: what care needs
        self.care.setWordWrap(True)
        self.care.setStyleSheet(
            "background: #fff4cc; color: #5c4400; padding: 4px; border: 1px solid #e5cf7a;"
        )
        self.series = plain_label()  # a weekly series as a whole, filled in later
        self.series.setWordWrap(True)
        self.empty = plain_label(
            self.tr("Click a booking to see it here, or double-click free time to book.")
        )
        self.empty.setWordWrap(True)
        labels = {
            "booking.check_in": self.tr("Arrived"),
            "booking.start": self.tr("Start"),
            "booking.complete": self.tr("Complete"),
            "booking.no_show": self.tr("No-show"),
            "reschedule": self.tr("Reschedule…"),
            "cancel": self.tr("Cancel…"),
            "payment": self.tr("Payment…"),
            "customer": self.tr("Customer…"),
            "ics": self.tr("Save .ics…"),
            "history": self.tr("History…"),
            "slip": self.tr("Print slip…"),
            "send": self.tr("Send…"),
        }
        self.buttons: dict[str, QPushButton] = {}
        grid = self.button_grid = QGridLayout()
        for i, (key, text) in enumerate(labels.items()):
            shortcut = SHORTCUTS.get(key)
            b = QPushButton(text)
            b.setAccessibleName(text.rstrip("…"))
            if shortcut:  # also shown in the Booking menu, and by F1
                b.setToolTip(shortcut)
                b.setAccessibleDescription(shortcut)
            b.clicked.connect(lambda _c=False, k=key: self.action.emit(k))
            self.buttons[key] = b
            grid.addWidget(b, i // 2, i % 2)
        layout = QVBoxLayout(self)
        for w in (
            self.empty,
            self.customer,
            self.when,
            self.service,
            self.status,
            self.money,
            self.notes,
            self.care,
            self.series,
        ):
            layout.addWidget(w)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.legend = self._legend()
        layout.addWidget(self.legend)
        self.show_booking(None)

    def _legend(self) -> QWidget:
        """What the colours of the blocks mean."""
        legend = QWidget()
        legend.setAccessibleName(self.tr("Colours"))
        grid = QGridLayout(legend)
        grid.setContentsMargins(0, 8, 0, 0)
        for i, (code, colour) in enumerate(STATUS_COLOURS.items()):
            if code == "cancelled":
                continue
            chip = QLabel()
            chip.setFixedSize(14, 14)
            chip.setStyleSheet(f"background: {colour}; border: 1px solid #9ca3af;")
            grid.addWidget(chip, i // 3, (i % 3) * 2)
            grid.addWidget(plain_label(booking_status(code)), i // 3, (i % 3) * 2 + 1)
        # What the grid paints besides bookings: the same samples as it paints.
        for i, (kind, text) in enumerate(
            (
                ("break", self.tr("Break")),
                ("away", self.tr("Time off")),
                ("buffer", self.tr("Buffer")),
            )
        ):
            chip = QLabel()
            chip.setPixmap(swatch(kind))
            chip.setFixedSize(14, 14)
            grid.addWidget(chip, 2, i * 2)
            grid.addWidget(plain_label(text), 2, i * 2 + 1)
        pending = QLabel()
        pending.setPixmap(swatch("pending"))
        pending.setFixedSize(14, 14)
        grid.addWidget(pending, 3, 0)
        dashed = plain_label(self.tr("Dashed border: not yet on the server"))
        dashed.setWordWrap(True)  # one line in English, two in Spanish at 340 px
        grid.addWidget(dashed, 3, 1, 1, 5)
        legend.setToolTip(
            self.tr("Buffer: time a booking keeps free before or after itself (set per service).")
        )
        return legend

    def offer(self, keys: frozenset[str] | None, books: bool = True) -> None:
        """Only these actions' buttons (None: all); the rest are not this desk's to do.
        `books`: this desk books (a provider's own day does not)."""
        offered = [k for k in self.buttons if keys is None or k in keys]
        if not books:
            self.empty.setText(self.tr("Click a booking to see it here."))
        for key, b in self.buttons.items():
            self.button_grid.removeWidget(b)
            b.setVisible(key in offered)
        for i, key in enumerate(offered):  # two by two, with no holes where others were
            self.button_grid.addWidget(self.buttons[key], i // 2, i % 2)

    def show_booking(self, info: dict[str, Any] | None) -> None:
        """`info`: the booking row plus 'customer', 'service', 'provider', 'when', 'money'
        ("" for none), 'care' (the customer's notes) and 'fixed' (True: none of its
        status buttons apply: a booking read from the server, beyond the replica)."""
        has = info is not None
        self.empty.setVisible(not has)
        for w in (self.customer, self.when, self.service, self.status, self.notes):
            w.setVisible(has)
        self.series.setText("")
        self.series.setVisible(False)
        for b in self.buttons.values():
            b.setEnabled(has)
        if info is None:
            self.money.setVisible(False)
            self.care.setVisible(False)
            return
        self.customer.setText(info["customer"])
        self.when.setText(info["when"])
        self.service.setText(f"{info['service']} · {info['provider']}")
        pending = self.tr(" (waiting to sync)") if info.get("pending") else ""
        code_word = self.tr("Code")
        code = f"   {code_word} {info['code']}" if info.get("code") else ""
        self.status.setText(booking_status(info["status"]) + pending + code)
        self.money.setText(info["money"])
        self.money.setVisible(bool(info["money"]))
        self.notes.setText(info.get("notes") or "")
        care = info.get("care") or ""
        self.care.setText(self.tr("Customer notes: %1").replace("%1", care))
        self.care.setVisible(bool(care))
        allowed = TRANSITIONS[BookingStatus(info["status"])]
        if info.get("fixed"):
            allowed = frozenset()
            self.buttons["payment"].setEnabled(False)
        for key in STATUS_ACTIONS:
            self.buttons[key].setEnabled(BOOKING_STATUS[key] in allowed)
        self.buttons["cancel"].setEnabled(BookingStatus.CANCELLED in allowed)
        movable = info["status"] in ("requested", "confirmed") and not info.get("fixed")
        self.buttons["reschedule"].setEnabled(movable)

    def show_series(self, text: str) -> None:
        self.series.setText(text)
        self.series.setVisible(bool(text))
