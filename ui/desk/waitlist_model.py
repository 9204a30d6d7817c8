"""The waitlist as a table model: who and what for, the days and hours asked, and the
first free slot that fits (or a dash), in the order they asked."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from app.waitlist import Entry, Fit, Offer
from ui.common.labels import short_weekday
from ui.common.table_model import HeadedRows, Index

WHO, WHEN, FIRST = range(3)
FITS_COLOUR = QColor("#dff3e4")  # a row someone can be booked for now


def days_asked(e: Entry) -> str:
    """ "02/12–09/12 · 09:00–12:00": the days, then the hours if any were said."""
    days = (
        f"{e.earliest:%d/%m}" if e.earliest == e.latest else f"{e.earliest:%d/%m}–{e.latest:%d/%m}"
    )
    if e.from_time is None and e.until_time is None:
        return days
    start = f"{e.from_time:%H:%M}" if e.from_time else ""
    end = f"{e.until_time:%H:%M}" if e.until_time else ""
    return f"{days} · {start}–{end}"


def offer_text(offer: Offer, tz: ZoneInfo, names: dict[str, str]) -> str:
    """ "mar 10:00 Dra. Gómez": the day, the time, with whom."""
    local = offer.start.astimezone(tz)
    return f"{short_weekday(local.date())} {local:%H:%M} {names.get(offer.provider_id, '')}".strip()


class WaitlistModel(HeadedRows[Fit]):
    def __init__(self, tz: ZoneInfo, customer_word: str, parent: QObject | None = None) -> None:
        """`customer_word`: the business's ("Paciente", "Cliente")."""
        heads = (
            customer_word,
            QCoreApplication.translate("waitlist", "Days asked"),
            QCoreApplication.translate("waitlist", "First free"),
        )
        super().__init__(heads, parent)
        self.tz = tz
        self.names: dict[str, str] = {}

    def show(self, fits: list[Fit], names: dict[str, str]) -> None:
        self.names = names  # the tooltips' providers, read as the rows are shown
        self.set_rows(fits)

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        fit = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(fit, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(fit)
        if role == Qt.ItemDataRole.BackgroundRole and fit.first is not None:
            return FITS_COLOUR
        if role == Qt.ItemDataRole.UserRole:
            return fit.entry.entry_id
        return None

    def _text(self, fit: Fit, col: int) -> str:
        e = fit.entry
        if col == WHO:
            return f"{e.customer} · {e.service}" + (" ⟳" if e.pending else "")
        if col == WHEN:
            return days_asked(e)
        if fit.first is None:
            return "—"
        local = fit.first.start.astimezone(self.tz)  # with whom: in the tooltip
        return f"{short_weekday(local.date())} {local:%H:%M}"

    def _tooltip(self, fit: Fit) -> str:
        e = fit.entry
        with_whom = (
            self.names.get(e.provider_id, "")
            if e.provider_id
            else QCoreApplication.translate("waitlist", "anyone")
        )
        lines = [
            f"{e.customer} · {e.phone}" if e.phone else e.customer,
            f"{e.service} · {with_whom}",
            days_asked(e),
        ]
        if e.notes:
            lines.append(e.notes)
        if fit.first is None:
            lines.append(QCoreApplication.translate("waitlist", "Nothing free fits yet"))
        else:
            lines.append("→ " + offer_text(fit.first, self.tz, self.names))
        return "\n".join(lines)
