"""Taking a payment at the counter, and the end-of-day takings (printable)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import takings as takings_mod
from app.desk import Desk
from app.domain.errors import InvalidValueError
from app.domain.payments import TRANSITIONS, PaymentMethod, PaymentStatus, format_amount
from app.schedule import business
from ui.common import i18n
from ui.common.labels import money, payment_method, payment_status
from ui.common.tasks import Tasks, describe
from ui.common.terms import terms
from ui.desk.customers import plain_label
from ui.desk.payment_reversal import REFUND, VOID, PaymentReversalDialog


def parse_amount(text: str, exponent: int = 2) -> int:
    """An amount typed either way -> minor units: "1.500,50", "1,500.50", "1500.50",
    "$ 15.000" (ARS 15,000.00, whatever the screen's language: an Argentine admin with
    the desk in English still types "15.000"). The last separator is the decimal one
    if at most `exponent` digits follow it; with three after it, it groups thousands."""
    cleaned = text.strip().replace("$", "").replace(" ", "").replace("\u00a0", "")
    last = max(cleaned.rfind("."), cleaned.rfind(","))
    if last >= 0 and 0 < len(cleaned) - last - 1 <= exponent:
        whole, fraction = cleaned[:last], cleaned[last + 1 :]
    else:
        whole, fraction = cleaned, ""
    cleaned = whole.replace(".", "").replace(",", "") + (f".{fraction}" if fraction else "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidValueError(
            "amount_minor", "not_a_number", "type an amount, e.g. 1.500,00"
        ) from None
    minor = value * (10**exponent)
    if minor != minor.to_integral_value() or minor <= 0:
        raise InvalidValueError("amount_minor", "out_of_range", "must be a positive amount")
    return int(minor)


class PaymentDialog(QDialog):
    def __init__(
        self, desk: Desk, tasks: Tasks, booking: dict[str, Any], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.desk, self.tasks, self.booking = desk, tasks, booking
        self.currency = business(desk.replica).currency
        self.exponent = takings_mod.EXPONENTS.get(self.currency, 2)
        self.setWindowTitle(self.tr("Payment"))
        self.resize(460, 380)
        price = int(booking.get("price_minor") or 0)
        paid = takings_mod.paid_minor(desk.replica, booking["booking_id"])
        due = max(0, price - paid)
        self.summary = plain_label(
            self.tr("Price %1 · paid %2 · due %3")
            .replace("%1", money(price, self.currency))
            .replace("%2", money(paid, self.currency))
            .replace("%3", money(due, self.currency))
        )
        self.amount = QLineEdit(format_amount(due, self.exponent, i18n.current()) if due else "")
        self.amount.setAccessibleName(self.tr("Amount"))
        self.method = QComboBox()
        self.method.setAccessibleName(self.tr("Payment method"))
        for m in PaymentMethod:
            self.method.addItem(payment_method(m.value), m.value)
        self.reference = QLineEdit()
        self.reference.setAccessibleName(self.tr("Reference"))
        self.reference.setPlaceholderText(self.tr("Card voucher or transfer number"))
        self.history = QTableWidget(0, 4)
        self.history.setAccessibleName(self.tr("Payments of this booking"))
        self.history.setHorizontalHeaderLabels(
            [self.tr("Amount"), self.tr("Method"), self.tr("Status"), self.tr("Reason")]
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().hide()  # row numbers mean nothing here
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.history.itemSelectionChanged.connect(self._selection_changed)
        self.refund_button = QPushButton(self.tr("Re&fund…"))
        self.void_button = QPushButton(self.tr("&Void…"))
        self.refund_button.clicked.connect(lambda: self.reverse(REFUND))
        self.void_button.clicked.connect(lambda: self.reverse(VOID))
        self.reversal: PaymentReversalDialog | None = None
        self.payments: list[dict[str, Any]] = []
        self._fill(takings_mod.payments_for(desk.replica, booking["booking_id"]))
        self.error = plain_label()
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Record payment"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.summary)
        form.addRow(self.tr("&Amount (%1)").replace("%1", self.currency), self.amount)
        form.addRow(self.tr("&Method"), self.method)
        form.addRow(self.tr("R&eference"), self.reference)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.history, 1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.refund_button)
        actions.addWidget(self.void_button)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.amount.setFocus()

    def _fill(self, payments: list[dict[str, Any]]) -> None:
        """The booking's payments, refunded and voided ones with their reason."""
        self.payments = payments
        self.history.setRowCount(len(payments))
        for row, p in enumerate(payments):
            status = payment_status(p["status"]) + (
                self.tr(" (waiting to sync)") if p.get("pending") else ""
            )
            for j, text in enumerate(
                (
                    money(int(p["amount_minor"]), p.get("currency") or self.currency),
                    payment_method(p["method"]),
                    status,
                    p.get("reason") or "",
                )
            ):
                self.history.setItem(row, j, QTableWidgetItem(text))
        self._selection_changed()

    def selected_payment(self) -> dict[str, Any] | None:
        rows = self.history.selectionModel().selectedRows()
        return self.payments[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        """Refund and void offered only where the payment's state allows them."""
        p = self.selected_payment()
        allowed = TRANSITIONS[PaymentStatus(p["status"])] if p else frozenset()
        self.refund_button.setEnabled(PaymentStatus.REFUNDED in allowed)
        self.void_button.setEnabled(PaymentStatus.VOIDED in allowed)

    def reverse(self, change: str) -> PaymentReversalDialog | None:
        """Ask the reason for refunding or voiding the selected payment."""
        payment = self.selected_payment()
        if payment is None:
            return None
        self.reversal = PaymentReversalDialog(
            self.desk, self.tasks, change, payment, self.currency, self
        )
        self.reversal.reversal_recorded.connect(self._reload)
        self.reversal.open()
        return self.reversal

    def _reload(self) -> None:
        work = self.tasks.call(
            takings_mod.payments_for, self.desk.replica, self.booking["booking_id"]
        )
        self.tasks.run(work, self._fill)

    def save(self) -> None:
        try:
            amount = parse_amount(self.amount.text(), self.exponent)
        except InvalidValueError as exc:
            self.error.setText(describe(exc))
            return
        args = {
            "booking_id": self.booking["booking_id"],
            "amount_minor": amount,
            "method": self.method.currentData(),
            "reference": self.reference.text().strip(),
        }
        self.tasks.submit(
            self.desk,
            "payment.record",
            args,
            lambda _f: self.accept(),
            lambda e: self.error.setText(describe(e)),
        )


class TakingsDialog(QDialog):
    """The day's takings per method, and each payment; printable for the cash-up."""

    def __init__(self, desk: Desk, tasks: Tasks, day: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk, self.tasks, self.day = desk, tasks, day
        self.biz = business(desk.replica)
        self.setWindowTitle(self.tr("Takings of %1").replace("%1", f"{day:%d/%m/%Y}"))
        self.resize(860, 560)  # every column, the amount included, without scrolling
        self.totals = QTableWidget(0, 2)
        self.totals.setAccessibleName(self.tr("Totals per method"))
        self.totals.setHorizontalHeaderLabels([self.tr("Method"), self.tr("Total")])
        self.lines = QTableWidget(0, 6)
        self.lines.setAccessibleName(self.tr("Payments of the day"))
        self.lines.setHorizontalHeaderLabels(self._heads())
        for t in (self.totals, self.lines):
            t.horizontalHeader().setStretchLastSection(True)
            t.verticalHeader().hide()  # row numbers count nothing the cash-up needs
            t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(
            self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.clicked.connect(self.print_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addWidget(self.lines, 1)
        layout.addWidget(buttons)
        self.report: takings_mod.Takings | None = None
        tasks.run(tasks.call(takings_mod.takings, desk.replica, day), self._show)

    def _heads(self) -> list[str]:
        return [
            self.tr("Time"),
            terms(self.biz.vertical).Customer,
            self.tr("Service"),
            self.tr("Method"),
            self.tr("Reference"),
            self.tr("Amount"),
        ]

    def _cells(self, line: takings_mod.TakingsLine) -> tuple[str, ...]:
        """One payment as the table and the printout show it."""
        assert self.report is not None
        return (
            f"{line.time.astimezone(self.biz.time_zone):%H:%M}",
            line.customer,
            line.service,
            self.tr("%1 refund").replace("%1", payment_method(line.method))
            if line.refund
            else payment_method(line.method),
            line.reason if line.refund else line.reference,
            money(line.amount_minor, self.report.currency),
        )

    def _show(self, report: takings_mod.Takings) -> None:
        self.report = report
        cur = report.currency
        rows = [(payment_method(m), money(v, cur)) for m, v in report.by_method.items()]
        rows.append((self.tr("Total"), money(report.total_minor, cur)))
        self.totals.setRowCount(len(rows))
        for i, (a, b) in enumerate(rows):
            self.totals.setItem(i, 0, QTableWidgetItem(a))
            item = QTableWidgetItem(b)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.totals.setItem(i, 1, item)
        self.lines.setRowCount(len(report.lines))
        for i, line in enumerate(report.lines):
            for j, text in enumerate(self._cells(line)):
                item = QTableWidgetItem(text)
                if j == len(self._heads()) - 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.lines.setItem(i, j, item)
        self.totals.resizeColumnsToContents()
        self.lines.resizeColumnsToContents()

    def document(self) -> QTextDocument:
        """The report as a plain document for printing (data escaped, never markup)."""
        from html import escape

        assert self.report is not None
        cur = self.report.currency
        parts = [
            f"<h2>{escape(self.biz.name)}</h2>",
            f"<h3>{escape(self.windowTitle())}</h3><table cellpadding=4>",
        ]
        for m, v in self.report.by_method.items():
            parts.append(
                f"<tr><td>{escape(payment_method(m))}</td>"
                f"<td align=right>{escape(money(v, cur))}</td></tr>"
            )
        parts.append(
            f"<tr><td><b>{escape(self.tr('Total'))}</b></td><td align=right><b>"
            f"{escape(money(self.report.total_minor, cur))}</b></td></tr></table><hr>"
            "<table cellpadding=3 width=100%><thead><tr>"
            + "".join(f"<th align=left>{escape(h)}</th>" for h in self._heads()[:-1])
            + f"<th align=right>{escape(self._heads()[-1])}</th></tr></thead>"
        )
        for line in self.report.lines:
            *words, amount = self._cells(line)
            parts.append(
                "<tr>"
                + "".join(f"<td>{escape(x)}</td>" for x in words)
                + f"<td align=right>{escape(amount)}</td></tr>"
            )
        parts.append("</table>")
        doc = QTextDocument()
        doc.setHtml("".join(parts))
        return doc

    def print_report(self) -> None:
        from ui.desk.printing import print_document

        if self.report is not None:
            print_document(self.document(), self, self.windowTitle())
