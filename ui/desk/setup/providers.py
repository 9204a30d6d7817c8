"""Providers: who gives which services, in which colour, and whether they take
bookings. Deactivating one with bookings to come is refused; those bookings are
listed so the admin can move them first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import setup_client as sc
from app.sync.api import RefusedError
from ui.desk.setup.common import (
    BookingsList,
    ColourButton,
    Column,
    RowsModel,
    SetupContext,
    SetupTab,
    button_row,
    heading,
    select_where,
    selected,
    table_view,
    yes_no,
)

HAS_FUTURE_BOOKINGS = "provider_has_future_bookings"


def checklist(name: str) -> QListWidget:
    box = QListWidget()
    box.setAccessibleName(name)
    return box


def fill_checklist(box: QListWidget, items: list[tuple[str, str]], checked: set[str]) -> None:
    box.clear()
    for key, text in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        box.addItem(item)


def checked_keys(box: QListWidget) -> list[str]:
    return [
        box.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    ]


class ProvidersTab(SetupTab):
    def __init__(self, ctx: SetupContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model: RowsModel[sc.Provider] = RowsModel(
            [
                Column(self.tr("Name"), lambda p: p.display_name, lambda p: p.colour),
                Column(self.tr("Location"), self._location),
                Column(self.tr("Active"), lambda p: yes_no(p.active)),
                Column(self.tr("Services given"), self._services),
            ],
            self,
        )
        self.table = table_view(self.model, self.tr("Providers"), stretch=3)
        self.name = QLineEdit()
        self.colour = ColourButton()
        self.location = QComboBox()
        self.location.setAccessibleName(self.tr("Location"))
        self.active = QCheckBox(self.tr("Takes bookings"))
        self.services = checklist(self.tr("Services given"))
        self.save_button = QPushButton(self.tr("&Save changes"))
        self.new_button = QPushButton(self.tr("A&dd as new provider"))
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Colour"), self.colour)
        form.addRow(self.tr("&Location"), self.location)
        form.addRow("", self.active)
        editor = QGroupBox(self.tr("Provider"))
        row = QHBoxLayout(editor)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(button_row(self.save_button, self.new_button))
        left.addStretch(1)
        row.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(heading(self.tr("Services given")))
        right.addWidget(self.services)
        row.addLayout(right, 1)
        self.bookings = BookingsList(ctx)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(editor)
        self.body.addWidget(self.bookings)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.add_new)
        ctx.catalogue_changed.connect(self.show_catalogue)
        self.refresh_writable()

    def _location(self, p: sc.Provider) -> str:
        return next(
            (loc.name for loc in self.ctx.locations if loc.location_id == p.location_id), ""
        )

    def _services(self, p: sc.Provider) -> str:
        names = {s.service_id: s.name for s in self.ctx.services}
        return ", ".join(names[s] for s in p.service_ids if s in names)

    def set_writable(self, writable: bool) -> None:
        for w in (self.name, self.colour, self.location, self.active, self.services):
            w.setEnabled(writable)
        self.save_button.setEnabled(writable and selected(self.table, self.model) is not None)
        self.new_button.setEnabled(writable)

    def show_catalogue(self, keep: str | None = None) -> None:
        current = selected(self.table, self.model)
        keep = keep or (current.provider_id if current else None)
        self.location.clear()
        for loc in self.ctx.locations:
            self.location.addItem(loc.name, loc.location_id)
        self.model.set_rows(self.ctx.providers)
        if keep:
            select_where(self.table, self.model, lambda p: p.provider_id == keep)
        self._show_selected()

    def _show_selected(self) -> None:
        p = selected(self.table, self.model)
        self.bookings.show_bookings([])
        services = [(s.service_id, s.name) for s in self.ctx.services]
        if p is None:
            fill_checklist(self.services, services, set())
            self.set_writable(self.ctx.writable)
            return
        self.name.setText(p.display_name)
        self.colour.set_colour(p.colour)
        self.location.setCurrentIndex(max(0, self.location.findData(p.location_id)))
        self.active.setChecked(p.active)
        fill_checklist(self.services, services, set(p.service_ids))
        self.set_writable(self.ctx.writable)

    def _keep(self, provider: sc.Provider) -> None:
        others = [p for p in self.ctx.providers if p.provider_id != provider.provider_id]
        self.ctx.providers = [*others, provider]
        self.ctx.providers.sort(key=lambda p: p.display_name.lower())
        self.ctx.catalogue_changed.emit()
        select_where(self.table, self.model, lambda p: p.provider_id == provider.provider_id)

    def save(self) -> None:
        p = selected(self.table, self.model)
        if p is None:
            return
        change = sc.ProviderChange(
            display_name=self.name.text().strip(),
            colour=self.colour.colour(),
            service_ids=checked_keys(self.services),
            active=self.active.isChecked(),
        )
        self.clear_error()

        def kept(changed: sc.Provider) -> None:
            self._keep(changed)
            self.saved()

        self.ctx.run(sc.update_provider(self.ctx.api, p.provider_id, change), kept, self._refused)

    def _refused(self, exc: BaseException) -> None:
        self.failed(exc)
        if isinstance(exc, RefusedError) and exc.code == HAS_FUTURE_BOOKINGS:
            bookings = sc.blocking_bookings(exc)
            self.error.setText(
                self.tr(
                    "This provider still has %n booking(s) to come. Move or cancel them "
                    "first, then deactivate.",
                    "",
                    len(bookings),
                )
            )
            self.bookings.show_bookings(bookings)
            self.active.setChecked(True)  # as the provider still is

    def add_new(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("Write the provider's name."))
            return
        work = sc.add_provider(
            self.ctx.api,
            self.name.text().strip(),
            self.location.currentData(),
            self.colour.colour(),
            checked_keys(self.services),
        )
        self.run(work, self._keep, saves=True)
