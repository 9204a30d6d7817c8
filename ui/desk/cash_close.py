"""File › Cash close… ("Caja"): open this desk's till for the day with a float, then
close it with what was counted per method against what was expected; a difference
needs a note; the close prints. Offline too: opening and closing are synced changes,
and the server keeps one close per till and day."""

from __future__ import annotations

import socket
import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import takings as takings_mod
from app.cash import TillDay, till_day_of
from app.desk import Desk
from app.domain import cash
from app.domain.errors import InvalidValueError
from app.domain.payments import format_amount
from app.schedule import business
from ui.common import i18n
from ui.common.labels import money, payment_method
from ui.common.tasks import Tasks, describe
from ui.desk.customers import plain_label
from ui.desk.payments import parse_amount

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def parse_count(text: str, exponent: int) -> int:
    """A counted amount: empty or zero is nothing in the drawer (a count of 0 is real)."""
    cleaned = text.strip().replace("$", "").replace(" ", "")
    if not cleaned or cleaned.strip("0.,") == "":
        return 0
    return parse_amount(text, exponent)


class CashCloseDialog(QDialog):
    def __init__(self, desk: Desk, tasks: Tasks, day: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk, self.tasks, self.day = desk, tasks, day
        self.biz = business(desk.replica)
        self.exponent = takings_mod.EXPONENTS.get(self.biz.currency, 2)
        self.till: TillDay | None = None
        self.setWindowTitle(self.tr("Cash close of %1").replace("%1", f"{day:%d/%m/%Y}"))
        self.state = plain_label()
        self.state.setWordWrap(True)
        self.float_amount = QLineEdit()
        self.float_amount.setAccessibleName(self.tr("Float"))
        self.float_amount.setPlaceholderText(format_amount(0, self.exponent, i18n.current()))
        self.open_button = QPushButton(self.tr("&Open the day"))
        self.open_button.clicked.connect(self.open_day)
        opening = QFormLayout()
        opening.addRow(self.tr("&Float (%1)").replace("%1", self.biz.currency), self.float_amount)
        opening.addRow("", self.open_button)
        self.opening = QWidget()
        self.opening.setLayout(opening)
        # Per method: expected, counted (typed), difference.
        grid = QGridLayout()
        for j, head in enumerate(
            (self.tr("Method"), self.tr("Expected"), self.tr("Counted"), self.tr("Difference"))
        ):
            label = QLabel(f"<b>{head}</b>")
            if j:
                label.setAlignment(RIGHT)
            grid.addWidget(label, 0, j)
        self.expected: dict[str, QLabel] = {}
        self.counted: dict[str, QLineEdit] = {}
        self.difference: dict[str, QLabel] = {}
        for i, m in enumerate(cash.METHODS, start=1):
            grid.addWidget(plain_label(payment_method(m)), i, 0)
            self.expected[m] = plain_label()
            self.counted[m] = QLineEdit()
            self.counted[m].setAccessibleName(
                self.tr("Counted %1").replace("%1", payment_method(m))
            )
            self.counted[m].setAlignment(RIGHT)
            self.counted[m].textChanged.connect(self._show_differences)
            self.difference[m] = plain_label()
            for label in (self.expected[m], self.difference[m]):
                label.setAlignment(RIGHT)
            grid.addWidget(self.expected[m], i, 1)
            grid.addWidget(self.counted[m], i, 2)
            grid.addWidget(self.difference[m], i, 3)
        grid.setColumnStretch(0, 1)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setMaxLength(1000)
        self.note.setPlaceholderText(self.tr("Required when a count differs"))
        self.close_button = QPushButton(self.tr("Close the &day"))
        self.close_button.clicked.connect(self.close_day)
        closing = QFormLayout()
        closing.addRow(grid)
        closing.addRow(self.tr("&Note"), self.note)
        closing.addRow("", self.close_button)
        self.closing = QWidget()
        self.closing.setLayout(closing)
        self.error = plain_label()
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(
            self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.clicked.connect(self.print_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.opening)
        layout.addWidget(self.closing)
        layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 360)
        self.tasks.changed.connect(self._changed)
        self.reload()

    # -- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.tasks.run(self.tasks.call(till_day_of, self.desk.replica, self.day), self._show)

    def _changed(self, changes: Any) -> None:
        if getattr(changes, "payments", False) and self.isVisible():
            self.reload()

    def _show(self, till: TillDay) -> None:
        self.till = till
        cur = till.currency
        if not till.opened:
            state = self.tr("This desk's till is not open for this day yet.")
        elif till.closed:
            assert till.closed_at is not None
            state = self.tr("Closed at %1.").replace(
                "%1", f"{till.closed_at.astimezone(self.biz.time_zone):%H:%M}"
            )
        else:
            assert till.opened_at is not None
            state = (
                self.tr("Open since %1 with a float of %2.")
                .replace("%1", f"{till.opened_at.astimezone(self.biz.time_zone):%H:%M}")
                .replace("%2", money(till.float_minor, cur))
            )
        if till.pending:
            state += " " + self.tr("(waiting to sync)")
        self.state.setText(state)
        self.opening.setVisible(not till.opened)
        self.closing.setVisible(till.opened)
        for m in cash.METHODS:
            self.expected[m].setText(money((till.expected or {}).get(m, 0), cur))
            self.counted[m].setReadOnly(till.closed)
            if till.counted is not None:
                self.counted[m].setText(
                    format_amount(till.counted.get(m, 0), self.exponent, i18n.current())
                )
        if till.closed:
            self.note.setText(till.note)
        self.note.setReadOnly(till.closed)
        self.close_button.setVisible(not till.closed)
        self.print_button.setEnabled(till.opened)
        self._show_differences()

    def counts(self) -> dict[str, int]:
        """What was typed per method; raises naming the method's field."""
        out = {}
        for m in cash.METHODS:
            try:
                out[m] = parse_count(self.counted[m].text(), self.exponent)
            except InvalidValueError as exc:
                raise InvalidValueError(f"counted.{m}", exc.code, exc.message) from None
        return out

    def _show_differences(self) -> None:
        till = self.till
        if till is None or till.expected is None:
            return
        try:
            counted = self.counts()
        except InvalidValueError:
            return
        # Once counting has begun, every method shows its difference: an empty field is
        # nothing counted, which is a difference too.
        typed = till.closed or any(f.text().strip() for f in self.counted.values())
        for m, diff in cash.differences(counted, till.expected).items():
            text = money(diff, till.currency) if typed else ""
            self.difference[m].setText(("+" if diff > 0 else "") + text if typed else "")
            self.difference[m].setStyleSheet("color: #b00020" if typed and diff else "")

    # -- changing ----------------------------------------------------------------------------

    def open_day(self) -> None:
        try:
            amount = parse_count(self.float_amount.text(), self.exponent)
        except InvalidValueError as exc:
            self.error.setText(describe(exc))
            return
        args = {
            "close_id": str(uuid.uuid4()),
            "till_id": self.desk.replica.client_id,
            "day": self.day.isoformat(),
            "float_minor": amount,
        }
        self.error.clear()
        self.tasks.submit(self.desk, "cash.open", args, self._saved, self._failed)

    def close_day(self) -> None:
        if self.till is None or self.till.row is None:
            return
        try:
            counted = self.counts()
        except InvalidValueError as exc:
            self.error.setText(describe(exc))
            return
        args = {
            "close_id": self.till.row["close_id"],
            "counted": counted,
            "note": self.note.text().strip(),
        }
        self.error.clear()
        self.tasks.submit(self.desk, "cash.close", args, self._saved, self._failed)

    def _saved(self, _final: dict[str, Any]) -> None:
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(describe(exc))

    # -- paper ------------------------------------------------------------------------------

    def document(self) -> Any:
        from ui.desk.cash_report import close_document

        assert self.till is not None
        return close_document(self.biz.name, self.till, self.biz.time_zone, socket.gethostname())

    def print_report(self) -> None:
        from ui.desk.printing import print_document

        if self.till is not None and self.till.opened:
            print_document(self.document(), self, self.windowTitle())
