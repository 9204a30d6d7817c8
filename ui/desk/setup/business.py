"""Business: its name, time zone, slot size, vertical, country (for its holidays and
phone numbers), branding colour and logo."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app import setup_client as sc
from app.domain.errors import InvalidValueError
from app.domain.tenants import check_logo
from app.domain.timezones import all_zone_names
from app.domain.verticals import verticals
from app.schedule import business
from ui.common import i18n
from ui.common.tasks import describe
from ui.desk.setup.common import ColourButton, SetupContext, SetupTab, button_row

# The countries a business of ours is likely in first; any other ISO code is accepted.
V = TypeVar("V")
COUNTRIES = ("AR", "UY", "CL", "PY", "BO", "PE", "BR", "MX", "CO", "ES", "US")


def country_name(code: str) -> str:
    return {
        "AR": QCoreApplication.translate("setup", "Argentina"),
        "UY": QCoreApplication.translate("setup", "Uruguay"),
        "CL": QCoreApplication.translate("setup", "Chile"),
        "PY": QCoreApplication.translate("setup", "Paraguay"),
        "BO": QCoreApplication.translate("setup", "Bolivia"),
        "PE": QCoreApplication.translate("setup", "Peru"),
        "BR": QCoreApplication.translate("setup", "Brazil"),
        "MX": QCoreApplication.translate("setup", "Mexico"),
        "CO": QCoreApplication.translate("setup", "Colombia"),
        "ES": QCoreApplication.translate("setup", "Spain"),
        "US": QCoreApplication.translate("setup", "United States"),
    }.get(code, code)


def if_changed(new: V, old: V | None) -> V | None:
    return None if new == old else new


class BusinessTab(SetupTab):
    def __init__(self, ctx: SetupContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.name = QLineEdit()
        self.name.setMinimumWidth(420)
        self.time_zone = QComboBox()
        self.time_zone.setEditable(True)
        self.time_zone.addItems(sorted(all_zone_names()))
        self.time_zone.setMinimumWidth(420)
        self.slot = QSpinBox()
        self.slot.setRange(5, 240)
        self.slot.setSingleStep(5)
        self.slot.setSuffix(" min")
        self.vertical = QComboBox()
        for key, preset in verticals().items():
            self.vertical.addItem(preset.name.get(i18n.current()) or preset.name["en"], key)
        self.country = QComboBox()
        for code in COUNTRIES:
            self.country.addItem(f"{country_name(code)} ({code})", code)
        self.colour = ColourButton()
        # The desk's alerts (app/alerts.py): the same on every desk, kept at the server.
        self.alert_waiting, self.alert_late, self.alert_walkin = (
            QSpinBox(minimum=1, maximum=480, suffix=" min") for _ in range(3)
        )
        self.logo = QLabel()
        self.logo.setMinimumSize(160, 40)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.logo.setAccessibleName(self.tr("Logo"))
        self.logo_button = QPushButton(self.tr("C&hoose file…"))
        self.no_logo_button = QPushButton(self.tr("Re&move logo"))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.no_logo_button)
        logo_row.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Time zone"), self.time_zone)
        form.addRow(self.tr("Slot &interval"), self.slot)
        form.addRow(self.tr("&Kind of business"), self.vertical)
        form.addRow(self.tr("&Country"), self.country)
        form.addRow(self.tr("&Branding colour"), self.colour)
        form.addRow(self.tr("Logo"), logo_row)
        form.addRow(self.tr("Alert when arrived and &waiting over"), self.alert_waiting)
        form.addRow(self.tr("Alert when &late, not arrived, after"), self.alert_late)
        form.addRow(self.tr("Alert when a walk-in &queues over"), self.alert_walkin)
        self.save_button = QPushButton(self.tr("&Save"))
        self.revert_button = QPushButton(self.tr("&Revert"))
        self.body.addLayout(form)
        self.body.addLayout(button_row(self.save_button, self.revert_button))
        self.body.addStretch(1)
        self.new_logo: str | None = None  # base64; "" removes it; None leaves it
        self.logo_button.clicked.connect(self.ask_logo)
        self.no_logo_button.clicked.connect(self.remove_logo)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.show_catalogue)
        ctx.catalogue_changed.connect(self.show_catalogue)
        self._show_logo(business(ctx.desk.replica).logo)
        self.refresh_writable()

    def set_writable(self, writable: bool) -> None:
        for w in (
            self.name,
            self.time_zone,
            self.slot,
            self.vertical,
            self.country,
            self.colour,
            self.alert_waiting,
            self.alert_late,
            self.alert_walkin,
            self.logo_button,
            self.no_logo_button,
            self.save_button,
            self.revert_button,
        ):
            w.setEnabled(writable)

    def show_catalogue(self) -> None:
        t = self.ctx.tenant
        if t is None:
            return
        self.name.setText(t.name)
        self.time_zone.setCurrentText(t.time_zone)
        self.slot.setValue(t.slot_minutes)
        self.alert_waiting.setValue(t.alert_waiting_minutes)
        self.alert_late.setValue(t.alert_late_minutes)
        self.alert_walkin.setValue(t.alert_walkin_minutes)
        self.vertical.setCurrentIndex(max(0, self.vertical.findData(t.vertical)))
        if self.country.findData(t.country) < 0:
            self.country.addItem(t.country, t.country)
        self.country.setCurrentIndex(self.country.findData(t.country))
        self.colour.set_colour(t.primary_colour)
        self.new_logo = None

    def _show_logo(self, data: str | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(base64.b64decode(data)):
            self.logo.setPixmap(
                pixmap.scaledToHeight(56, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.logo.setPixmap(QPixmap())
            self.logo.setText(self.tr("(no logo)"))

    def ask_logo(self) -> None:
        path, _kind = QFileDialog.getOpenFileName(
            self, self.tr("Logo"), "", self.tr("Images (*.png *.svg)")
        )
        if path:
            self.set_logo_file(Path(path))

    def set_logo_file(self, path: Path) -> bool:
        """Take the logo in `path` (PNG or SVG, up to 256 KB) for the next save."""
        self.clear_error()
        try:
            data = check_logo(path.read_bytes(), "logo")
        except (OSError, InvalidValueError) as exc:
            self.error.setText(
                self.tr("%1 cannot be the logo: %2")
                .replace("%1", path.name)
                .replace("%2", describe(exc))
            )
            return False
        self.new_logo = base64.b64encode(data).decode()
        self._show_logo(self.new_logo)
        return True

    def remove_logo(self) -> None:
        self.new_logo = ""
        self._show_logo(None)

    def change(self) -> sc.TenantChange:
        """What differs from the business as the server last said."""
        t = self.ctx.tenant
        return sc.TenantChange(
            name=if_changed(self.name.text().strip(), t.name if t else None),
            time_zone=if_changed(self.time_zone.currentText().strip(), t.time_zone if t else None),
            slot_minutes=if_changed(self.slot.value(), t.slot_minutes if t else None),
            vertical=if_changed(self.vertical.currentData(), t.vertical if t else None),
            country=if_changed(self.country.currentData(), t.country if t else None),
            primary_colour=if_changed(self.colour.colour(), t.primary_colour if t else None),
            logo_base64=self.new_logo,
            alert_waiting_minutes=if_changed(
                self.alert_waiting.value(), t.alert_waiting_minutes if t else None
            ),
            alert_late_minutes=if_changed(
                self.alert_late.value(), t.alert_late_minutes if t else None
            ),
            alert_walkin_minutes=if_changed(
                self.alert_walkin.value(), t.alert_walkin_minutes if t else None
            ),
        )

    def save(self) -> None:
        change = self.change()
        if not change.body():
            return

        def saved(t: sc.Tenant) -> None:
            self.ctx.tenant = t
            self.ctx.catalogue_changed.emit()

        self.run(sc.update_tenant(self.ctx.api, change), saved, saves=True)
