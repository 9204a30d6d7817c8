"""The reminders' call list as a table model: time, customer, phone, provider, service,
the WhatsApp column (its button is the view's) and the "Reminded" check.

Signals:
    reminded_chosen(str, bool): staff ticked (or unticked) a booking's "Reminded".
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from app.reminders import Reminder
from app.slip import phone_shown
from ui.common.table_model import HeadedRows, Index

TIME, CUSTOMER, PHONE, PROVIDER, SERVICE, WHATSAPP, REMINDED = range(7)


class ReminderModel(HeadedRows[Reminder]):
    reminded_chosen = Signal(str, bool)

    def __init__(
        self, tz: ZoneInfo, customer_word: str, provider_word: str, parent: QObject | None = None
    ) -> None:
        """`customer_word`, `provider_word`: the business's ("Paciente", "Profesional")."""
        heads = (
            QCoreApplication.translate("reminders", "Time"),
            customer_word,
            QCoreApplication.translate("reminders", "Phone"),
            provider_word,
            QCoreApplication.translate("reminders", "Service"),
            "WhatsApp",
            QCoreApplication.translate("reminders", "Reminded"),
        )
        super().__init__(heads, parent)
        self.tz = tz

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == Qt.ItemDataRole.CheckStateRole and col == REMINDED:
            return Qt.CheckState.Checked if r.reminded_at else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole and col == REMINDED:
            return self.heads[REMINDED] + ": " + (self._text(r, col) or "—")
        return None

    def _text(self, r: Reminder, col: int) -> str:
        s = r.slip
        if col == TIME:
            return f"{s.start.astimezone(self.tz):%H:%M}"
        if col == CUSTOMER:
            return s.customer
        if col == PHONE:
            return phone_shown(s.phone, s.country) or QCoreApplication.translate(
                "reminders", "no phone"
            )
        if col == PROVIDER:
            return s.provider
        if col == SERVICE:
            return s.service
        if col == REMINDED and r.reminded_at is not None:
            when = f"{r.reminded_at.astimezone(self.tz):%d/%m %H:%M}"
            if r.pending:
                when += QCoreApplication.translate("reminders", " (waiting to sync)")
            return when
        return ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == REMINDED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = 0) -> bool:  # noqa: N802 (Qt's)
        """A tick is a wish, not the row: the change goes through the desk, and the
        list shows it when the replica says so."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != REMINDED:
            return False
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.reminded_chosen.emit(self.rows[index.row()].slip.booking_id, ticked)
        return True
