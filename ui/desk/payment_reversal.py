"""Refunding or voiding a payment at the desk: the reason is asked, and the button that
does it says what it does (the confirmation). Offline too: it is a synced change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from app.desk import Desk
from ui.common.labels import money, payment_method
from ui.common.tasks import Tasks, describe
from ui.desk.customers import plain_label

REFUND, VOID = "payment.refund", "payment.void"


class PaymentReversalDialog(QDialog):
    """Signals: `reversal_recorded` once the refund or void is saved on this desk."""

    reversal_recorded = Signal()

    def __init__(
        self,
        desk: Desk,
        tasks: Tasks,
        change: str,
        payment: dict[str, Any],
        currency: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.desk, self.tasks, self.change, self.payment = desk, tasks, change, payment
        amount = money(int(payment["amount_minor"]), payment.get("currency") or currency)
        method = payment_method(payment["method"])
        if change == REFUND:
            self.setWindowTitle(self.tr("Refund payment"))
            question = self.tr(
                "Refund %1 paid by %2? The money goes back to the customer and comes "
                "off today's takings."
            )
            action = self.tr("&Refund")
        else:
            self.setWindowTitle(self.tr("Void payment"))
            question = self.tr(
                "Void %1 paid by %2? Only for a payment recorded by mistake: it will not "
                "count in any day's takings."
            )
            action = self.tr("&Void")
        self.question = plain_label(question.replace("%1", amount).replace("%2", method))
        self.question.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setMaxLength(500)
        self.error = plain_label()
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setEnabled(False)  # a reason is required
        self.reason.textChanged.connect(lambda text: self.confirm.setEnabled(bool(text.strip())))
        self.confirm.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.question)
        form.addRow(self.tr("R&eason"), self.reason)
        form.addRow(self.error)
        form.addRow(buttons)
        self.resize(460, 200)
        self.reason.setFocus()

    def save(self) -> None:
        args = {"payment_id": self.payment["payment_id"], "reason": self.reason.text().strip()}
        self.confirm.setEnabled(False)  # one click, one change
        self.tasks.submit(self.desk, self.change, args, self._done, self._failed)

    def _done(self, _final: dict[str, Any]) -> None:
        self.reversal_recorded.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(describe(exc))
        self.confirm.setEnabled(bool(self.reason.text().strip()))
