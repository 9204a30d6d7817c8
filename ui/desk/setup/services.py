"""Services: name, how long, the buffers before and after, the price in the
business's currency, a colour, and whether it is offered. Making one longer or taking
it off is previewed first: the bookings to come it would break are listed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import setup_client as sc
from app.domain.errors import InvalidValueError
from app.domain.payments import format_amount
from app.takings import EXPONENTS
from ui.common import i18n
from ui.common.labels import money
from ui.desk.payments import parse_amount
from ui.desk.setup.common import (
    ColourButton,
    Column,
    ImpactDialog,
    RowsModel,
    SetupContext,
    SetupTab,
    button_row,
    minutes_text,
    select_where,
    selected,
    table_view,
    yes_no,
)


def minutes_box(maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSingleStep(5)
    box.setSuffix(" min")
    box.setMaximumWidth(160)
    return box


class ServicesTab(SetupTab):
    def __init__(self, ctx: SetupContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model: RowsModel[sc.Service] = RowsModel(
            [
                Column(self.tr("Name"), lambda s: s.name, lambda s: s.colour),
                Column(self.tr("Duration"), lambda s: minutes_text(s.duration_minutes)),
                Column(self.tr("Before"), lambda s: minutes_text(s.buffer_before_minutes)),
                Column(self.tr("After"), lambda s: minutes_text(s.buffer_after_minutes)),
                Column(self.tr("Price"), lambda s: money(s.price_minor, self.currency)),
                Column(self.tr("Active"), lambda s: yes_no(s.active)),
            ],
            self,
        )
        self.table = table_view(self.model, self.tr("Services"), stretch=0)
        self.name = QLineEdit()
        self.duration = minutes_box(24 * 60)
        self.duration.setMinimum(5)
        self.before = minutes_box(240)
        self.after = minutes_box(240)
        self.price = QLineEdit()
        self.colour = ColourButton()
        self.active = QCheckBox(self.tr("Offered"))
        self.save_button = QPushButton(self.tr("&Save changes"))
        self.new_button = QPushButton(self.tr("Add as ne&w service"))
        # A new service starts from an empty form, not by typing over a selected one.
        self.blank_button = QPushButton(self.tr("Empty the form"))
        left = QFormLayout()
        left.addRow(self.tr("&Name"), self.name)
        left.addRow(self.tr("&Duration"), self.duration)
        self.price_label = QLabel(self.tr("&Price"))
        self.price_label.setBuddy(self.price)
        left.addRow(self.price_label, self.price)
        right = QFormLayout()
        right.addRow(self.tr("Buffer &before"), self.before)
        right.addRow(self.tr("Buffer &after"), self.after)
        right.addRow(self.tr("&Colour"), self.colour)
        right.addRow("", self.active)
        editor = QGroupBox(self.tr("Service"))
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(24)
        columns.addLayout(right, 1)
        inner = QVBoxLayout(editor)
        inner.addLayout(columns)
        inner.addLayout(button_row(self.save_button, self.new_button, self.blank_button))
        self.body.addWidget(self.table, 1)
        self.body.addWidget(editor)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.add_new)
        self.blank_button.clicked.connect(self.blank)
        ctx.catalogue_changed.connect(self.show_catalogue)
        self.impact: ImpactDialog | None = None
        self.refresh_writable()

    @property
    def currency(self) -> str:
        return self.ctx.tenant.currency if self.ctx.tenant else "ARS"

    def set_writable(self, writable: bool) -> None:
        for w in (
            self.name,
            self.duration,
            self.before,
            self.after,
            self.price,
            self.colour,
            self.active,
        ):
            w.setEnabled(writable)
        self.save_button.setEnabled(writable and selected(self.table, self.model) is not None)
        self.new_button.setEnabled(writable)
        self.blank_button.setEnabled(writable)

    def blank(self) -> None:
        """An empty form for a new service: nothing selected, nothing to type over."""
        self.table.clearSelection()
        self.name.clear()
        self.duration.setValue(30)
        self.before.setValue(0)
        self.after.setValue(0)
        self.price.clear()
        self.active.setChecked(True)
        self.clear_error()
        self.name.setFocus()

    def show_catalogue(self) -> None:
        current = selected(self.table, self.model)
        self.price_label.setText(self.tr("&Price (%1)").replace("%1", self.currency))
        self.price.setPlaceholderText(self.tr("Price in %1").replace("%1", self.currency))
        self.price.setAccessibleName(self.tr("Price in %1").replace("%1", self.currency))
        self.model.set_rows(self.ctx.services)
        if current:
            select_where(self.table, self.model, lambda s: s.service_id == current.service_id)
        self._show_selected()

    def _show_selected(self) -> None:
        s = selected(self.table, self.model)
        if s is not None:
            self.name.setText(s.name)
            self.duration.setValue(s.duration_minutes)
            self.before.setValue(s.buffer_before_minutes)
            self.after.setValue(s.buffer_after_minutes)
            exponent = EXPONENTS.get(self.currency, 2)
            self.price.setText(format_amount(s.price_minor, exponent, i18n.current()))
            if s.colour:
                self.colour.set_colour(s.colour)
            self.active.setChecked(s.active)
        self.set_writable(self.ctx.writable)

    def _price(self) -> int:
        text = self.price.text().strip()
        if text in ("", "0"):
            return 0
        return parse_amount(text, EXPONENTS.get(self.currency, 2))

    def _form(self) -> sc.ServiceChange | None:
        name = self.name.text().strip()
        if not name:
            self.error.setText(self.tr("Write the service's name."))
            return None
        try:
            price = self._price()
        except InvalidValueError as exc:
            self.failed(exc)
            return None
        return sc.ServiceChange(
            name=name,
            duration_minutes=self.duration.value(),
            buffer_before_minutes=self.before.value(),
            buffer_after_minutes=self.after.value(),
            price_minor=price,
            colour=self.colour.colour(),
            active=self.active.isChecked(),
        )

    def _keep(self, service: sc.Service) -> None:
        others = [s for s in self.ctx.services if s.service_id != service.service_id]
        self.ctx.services = sorted([*others, service], key=lambda s: s.name.lower())
        self.ctx.catalogue_changed.emit()
        select_where(self.table, self.model, lambda s: s.service_id == service.service_id)

    def save(self) -> None:
        """Longer, with wider buffers or no longer offered: the bookings to come that
        would break are shown first; anything else is saved at once."""
        current = selected(self.table, self.model)
        change = self._form()
        if current is None or change is None:
            return
        risky = (
            (change.duration_minutes or 0) > current.duration_minutes
            or (change.buffer_before_minutes or 0) > current.buffer_before_minutes
            or (change.buffer_after_minutes or 0) > current.buffer_after_minutes
            or (current.active and not change.active)
        )
        if not risky:
            self._send(current.service_id, change)
            return

        def previewed(bookings: list[sc.AffectedBooking]) -> None:
            if not bookings:
                self._send(current.service_id, change)
                return
            self.impact = ImpactDialog(
                self.ctx, bookings, self.tr("Save the service as it is now?"), self
            )
            self.impact.accepted.connect(lambda: self._send(current.service_id, change))
            self.impact.open()

        self.run(sc.preview_service(self.ctx.api, current.service_id, change), previewed)

    def _send(self, service_id: str, change: sc.ServiceChange) -> None:
        self.run(sc.update_service(self.ctx.api, service_id, change), self._keep, saves=True)

    def add_new(self) -> None:
        change = self._form()
        if change is not None:
            self.run(sc.add_service(self.ctx.api, change), self._keep, saves=True)
