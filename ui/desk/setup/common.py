"""What the setup tabs share: the context (connection, catalogue, offline or not), a
base tab with its offline banner and error line, a table model over typed rows, and
the list of bookings a change would leave out.

Signals (SetupContext):
    offline_changed(bool): the server stopped (or started again) answering.
    catalogue_changed(): tenant, locations, providers or services were read again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import setup_client as sc
from app.desk import Desk
from app.domain.staff import Role
from app.schedule import business
from app.sync.api import OfflineError
from app.sync.engine import SyncState
from ui.common.table_model import HeadedRows, Index
from ui.common.tasks import Tasks, describe
from ui.desk.customers import plain_label

T = TypeVar("T")
ERROR_STYLE = "color: #b00020"
SAVED_STYLE = "color: #1b6e20"
BANNER_STYLE = "background: #fff4ce; color: #5c4400; padding: 6px; border: 1px solid #e0c36a;"
NOT_ONLINE = (SyncState.OFFLINE, SyncState.SIGNED_OUT, SyncState.UNTRUSTED)


class SetupContext(QObject):
    """The desk's connection, what the tabs all show (the business, its locations,
    providers and services) and whether changes can be made now."""

    offline_changed = Signal(bool)
    catalogue_changed = Signal()

    def __init__(self, desk: Desk, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk, self.tasks, self.api = desk, tasks, desk.central
        self.tz: ZoneInfo = business(desk.replica).time_zone
        self.admin = desk.account.role == Role.ADMIN.value
        self.offline = desk.status().state in NOT_ONLINE
        self.tenant: sc.Tenant | None = None
        self.locations: list[sc.Location] = []
        self.providers: list[sc.Provider] = []
        self.services: list[sc.Service] = []

    @property
    def writable(self) -> bool:
        """Changes are offered: an admin, with the server answering."""
        return self.admin and not self.offline

    def set_offline(self, offline: bool) -> None:
        if offline != self.offline:
            self.offline = offline
            self.offline_changed.emit(offline)

    def run(
        self,
        work: Awaitable[T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> asyncio.Future[T]:
        """`work` on the loop; an unreachable server turns every tab read-only."""

        def done(value: T) -> None:
            self.set_offline(False)
            on_done(value)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OfflineError):
                self.set_offline(True)
            on_error(exc)

        return self.tasks.run(work, done, failed)

    def reload_catalogue(self, on_error: Callable[[BaseException], None]) -> asyncio.Future[Any]:
        async def read() -> tuple[Any, ...]:
            return await asyncio.gather(
                sc.tenant(self.api),
                sc.locations(self.api),
                sc.providers(self.api),
                sc.services(self.api),
            )

        def keep(found: tuple[Any, ...]) -> None:
            self.tenant, self.locations, self.providers, self.services = found
            self.catalogue_changed.emit()

        return self.run(read(), keep, on_error)

    def provider_name(self, provider_id: str | None) -> str:
        for p in self.providers:
            if p.provider_id == provider_id:
                return p.display_name
        return ""

    def local(self, instant: datetime | None) -> str:
        """An instant as the business's wall clock, or a dash."""
        if instant is None:
            return "—"
        return f"{instant.astimezone(self.tz):%d/%m/%Y %H:%M}"


class SetupTab(QWidget):
    """A tab: a banner when changes cannot be made (offline, or not an admin), the
    tab's own content in `body`, and one error line."""

    def __init__(self, ctx: SetupContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.banner = plain_label()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.error = plain_label()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName(self.tr("Error"))
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.error)
        # Subclasses call refresh_writable() once their widgets exist.
        ctx.offline_changed.connect(lambda _o: self.refresh_writable())

    def refresh_writable(self) -> None:
        if self.ctx.offline:
            self.banner.setText(
                self.tr(
                    "The server cannot be reached: this is what it last said, and nothing "
                    "can be changed until the desk is online again."
                )
            )
        elif not self.ctx.admin:
            self.banner.setText(self.tr("Only an administrator can change this."))
        self.banner.setVisible(not self.ctx.writable)
        self.set_writable(self.ctx.writable)

    def set_writable(self, writable: bool) -> None:
        """Enable or disable what changes things; tabs override."""

    def failed(self, exc: BaseException) -> None:
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setText(describe(exc))

    def clear_error(self) -> None:
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.clear()

    def saved(self) -> None:
        """Say that a change was saved: most saves change nothing else on screen."""
        self.error.setStyleSheet(SAVED_STYLE)
        self.error.setText(self.tr("Saved."))

    def run(
        self, work: Awaitable[T], on_done: Callable[[T], None], *, saves: bool = False
    ) -> asyncio.Future[T]:
        """`work` in the background, then `on_done`; `saves`: it is a change, and the
        tab says "Saved." once it is made."""
        self.clear_error()

        def done(result: T) -> None:
            on_done(result)
            if saves:
                self.saved()

        return self.ctx.run(work, done, self.failed)


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    colour: Callable[[T], str | None] | None = None  # a swatch before the text


class RowsModel(HeadedRows[T]):
    """Typed rows shown through `columns`; read-only (the tabs edit in their forms)."""

    def __init__(self, columns: Sequence[Column[T]], parent: QObject | None = None) -> None:
        super().__init__([c.title for c in columns], parent)
        self.columns = list(columns)

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.DecorationRole and column.colour is not None:
            colour = column.colour(row)
            return QColor(colour) if colour else None
        return None


def table_view(model: QAbstractTableModel, name: str, stretch: int | None = None) -> QTableView:
    """Rows selected whole, read-only; every column as wide as its text, and the
    `stretch` column (else the last) takes the room left."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()  # row numbers mean nothing here
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setMinimumSectionSize(70)  # an empty list still shows readable headings
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.setWordWrap(False)
    return view


def selected(view: QTableView, model: RowsModel[T]) -> T | None:
    rows = view.selectionModel().selectedRows()
    return model.rows[rows[0].row()] if rows else None


def select_where(view: QTableView, model: RowsModel[T], match: Callable[[T], bool]) -> None:
    for i, row in enumerate(model.rows):
        if match(row):
            view.selectRow(i)
            return


def impact_reason(code: str) -> str:
    return {
        "outside_hours": QCoreApplication.translate("setup", "Outside the new hours"),
        "in_time_off": QCoreApplication.translate("setup", "During the time off"),
        "overlaps_after_change": QCoreApplication.translate(
            "setup", "Overlaps the next booking once longer"
        ),
        "provider_inactive": QCoreApplication.translate("setup", "The provider would be inactive"),
    }.get(code, code)


def impact_columns(ctx: SetupContext) -> list[Column[sc.AffectedBooking]]:
    return [
        Column(QCoreApplication.translate("setup", "When"), lambda b: ctx.local(b.start_at)),
        Column(QCoreApplication.translate("setup", "Code"), lambda b: b.code),
        Column(QCoreApplication.translate("setup", "Provider"), lambda b: b.provider_name),
        Column(QCoreApplication.translate("setup", "Service"), lambda b: b.service_name),
        Column(QCoreApplication.translate("setup", "Customer"), lambda b: b.customer_name),
        Column(QCoreApplication.translate("setup", "Why"), lambda b: impact_reason(b.reason)),
    ]


class ImpactDialog(QDialog):
    """The bookings to come that a change leaves outside the rules, before it is saved.
    They are kept as they are; the admin saves anyway (accept) or goes back."""

    def __init__(
        self,
        ctx: SetupContext,
        bookings: list[sc.AffectedBooking],
        question: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bookings this change affects"))
        self.resize(860, 420)
        self.model: RowsModel[sc.AffectedBooking] = RowsModel(impact_columns(ctx), self)
        self.model.set_rows(bookings)
        self.table = table_view(self.model, self.tr("Affected bookings"))
        text = plain_label(
            self.tr(
                "%n booking(s) to come would be left outside the new setup. They are "
                "kept as they are: call or move them after saving.",
                "",
                len(bookings),
            )
        )
        text.setWordWrap(True)
        ask = plain_label(question)
        ask.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("&Save anyway"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        back = buttons.addButton(self.tr("&Go back"), QDialogButtonBox.ButtonRole.RejectRole)
        # Enter must not break bookings: saving anyway takes a deliberate click.
        self.save_button.setAutoDefault(False)
        back.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        layout.addWidget(ask)
        layout.addWidget(buttons)


class BookingsList(QWidget):
    """Bookings shown in a tab (a refusal that names them); hidden when empty."""

    def __init__(self, ctx: SetupContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RowsModel[sc.AffectedBooking] = RowsModel(impact_columns(ctx), self)
        self.table = table_view(self.model, self.tr("Bookings to come"))
        self.table.setMinimumHeight(110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.setVisible(False)

    def show_bookings(self, bookings: list[sc.AffectedBooking]) -> None:
        self.model.set_rows(bookings)
        self.setVisible(bool(bookings))


class ColourButton(QPushButton):
    """A colour, shown as a swatch; a click opens the colour picker."""

    def __init__(self, colour: str = "#5b8def", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Colour"))
        self.setMinimumWidth(110)
        self.setMaximumWidth(200)
        self.clicked.connect(self._pick)
        self.set_colour(colour)

    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        self._colour = QColor(colour).name() if QColor(colour).isValid() else "#5b8def"
        text = "#000000" if QColor(self._colour).lightness() > 140 else "#ffffff"
        self.setText(self._colour)
        self.setStyleSheet(
            f"QPushButton {{ background: {self._colour}; color: {text}; }}"
            " QPushButton:disabled { background: #e0e0e0; color: #808080; }"
        )

    def _pick(self) -> None:
        # The window as parent: a child of this button would take on its colours.
        chosen = QColorDialog.getColor(QColor(self._colour), self.window(), self.tr("Colour"))
        if chosen.isValid():
            self.set_colour(chosen.name())


def button_row(*buttons: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


def yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("setup", "Yes")
        if value
        else QCoreApplication.translate("setup", "No")
    )


def minutes_text(minutes: int) -> str:
    """45 min, 1 h, 1 h 30 min."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def heading(text: str) -> QLabel:
    label = plain_label(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
