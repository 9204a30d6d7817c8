"""Locations: where the business works (name, address, and a time zone when it is
not the business's)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QPushButton, QWidget

from app import setup_client as sc
from app.domain.timezones import all_zone_names
from ui.desk.setup.common import (
    Column,
    RowsModel,
    SetupContext,
    SetupTab,
    button_row,
    table_view,
)


class LocationsTab(SetupTab):
    def __init__(self, ctx: SetupContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model: RowsModel[sc.Location] = RowsModel(
            [
                Column(self.tr("Name"), lambda loc: loc.name),
                Column(self.tr("Address"), lambda loc: loc.address),
                Column(self.tr("Time zone"), self._zone),
            ],
            self,
        )
        self.table = table_view(self.model, self.tr("Locations"))
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.time_zone = QComboBox()
        self.time_zone.setEditable(True)
        self.time_zone.addItem(self.tr("(the business's)"), "")
        for name in sorted(all_zone_names()):
            self.time_zone.addItem(name, name)
        self.add_button = QPushButton(self.tr("&Add location"))
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("A&ddress"), self.address)
        form.addRow(self.tr("&Time zone"), self.time_zone)
        form.addRow("", button_row(self.add_button))
        adding = QGroupBox(self.tr("New location"))
        adding.setLayout(form)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(adding)
        self.add_button.clicked.connect(self.add)
        ctx.catalogue_changed.connect(lambda: self.model.set_rows(ctx.locations))
        self.refresh_writable()

    def _zone(self, loc: sc.Location) -> str:
        if loc.time_zone:
            return loc.time_zone
        business = self.ctx.tenant.time_zone if self.ctx.tenant else ""
        return self.tr("%1 (the business's)").replace("%1", business)

    def set_writable(self, writable: bool) -> None:
        for w in (self.name, self.address, self.time_zone, self.add_button):
            w.setEnabled(writable)

    def add(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.setText(self.tr("Write the location's name."))
            return
        typed = self.time_zone.currentText().strip()
        zone = typed if typed in all_zone_names() else ""  # else the business's

        def added(loc: sc.Location) -> None:
            self.ctx.locations = [*self.ctx.locations, loc]
            self.ctx.catalogue_changed.emit()
            self.name.clear()
            self.address.clear()

        self.run(
            sc.add_location(self.ctx.api, name, self.address.text().strip(), zone),
            added,
            saves=True,
        )
