"""Hours: each provider's working hours and breaks per weekday, typed as spans
("09:00-13:00, 14:00-18:00"). Before saving, the bookings to come that the new hours
would leave outside are listed and the admin confirms."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app import setup_client as sc
from app.domain.errors import InvalidValueError
from ui.desk.customers import plain_label
from ui.desk.setup.common import (
    ImpactDialog,
    SetupContext,
    SetupTab,
    button_row,
    heading,
)


def weekday_name(weekday: int) -> str:
    return (
        QCoreApplication.translate("setup", "Monday"),
        QCoreApplication.translate("setup", "Tuesday"),
        QCoreApplication.translate("setup", "Wednesday"),
        QCoreApplication.translate("setup", "Thursday"),
        QCoreApplication.translate("setup", "Friday"),
        QCoreApplication.translate("setup", "Saturday"),
        QCoreApplication.translate("setup", "Sunday"),
    )[weekday]


class HoursTab(SetupTab):
    def __init__(self, ctx: SetupContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.provider = QComboBox()
        self.provider.setAccessibleName(self.tr("Provider"))
        self.provider.setMinimumWidth(260)
        top = QHBoxLayout()
        top.addWidget(plain_label(self.tr("Provider:")))
        top.addWidget(self.provider)
        top.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(heading(self.tr("Day")), 0, 0)
        grid.addWidget(heading(self.tr("Working hours")), 0, 1)
        grid.addWidget(heading(self.tr("Breaks")), 0, 2)
        self.days: list[QLineEdit] = []
        self.breaks: list[QLineEdit] = []
        for weekday in range(7):
            day, pause = QLineEdit(), QLineEdit()
            day.setAccessibleName(self.tr("%1 working hours").replace("%1", weekday_name(weekday)))
            pause.setAccessibleName(self.tr("%1 breaks").replace("%1", weekday_name(weekday)))
            day.setPlaceholderText(self.tr("closed"))
            grid.addWidget(plain_label(weekday_name(weekday)), weekday + 1, 0)
            grid.addWidget(day, weekday + 1, 1)
            grid.addWidget(pause, weekday + 1, 2)
            self.days.append(day)
            self.breaks.append(pause)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        hint = plain_label(
            self.tr(
                "Write each day's spans as 09:00-13:00, 14:00-18:00; leave a day empty "
                "when it is closed. Breaks fall inside the working hours."
            )
        )
        hint.setWordWrap(True)
        self.save_button = QPushButton(self.tr("&Save hours…"))
        self.revert_button = QPushButton(self.tr("&Revert"))
        self.body.addLayout(top)
        self.body.addLayout(grid)
        self.body.addWidget(hint)
        self.body.addLayout(button_row(self.save_button, self.revert_button))
        self.body.addStretch(1)
        self.provider.currentIndexChanged.connect(lambda _i: self.reload())
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        ctx.catalogue_changed.connect(self.show_catalogue)
        self.impact: ImpactDialog | None = None
        self.shown: sc.Hours | None = None
        self.refresh_writable()

    def set_writable(self, writable: bool) -> None:
        for w in (*self.days, *self.breaks):
            w.setReadOnly(not writable)
        self.save_button.setEnabled(writable)
        self.revert_button.setEnabled(writable)

    def show_catalogue(self) -> None:
        keep = self.provider.currentData()
        self.provider.blockSignals(True)
        self.provider.clear()
        for p in self.ctx.providers:
            if p.active:
                self.provider.addItem(p.display_name, p.provider_id)
        self.provider.setCurrentIndex(max(0, self.provider.findData(keep)))
        self.provider.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        provider = self.provider.currentData()
        if provider is not None:
            self.run(sc.hours(self.ctx.api, provider), self.show_hours)

    def show_hours(self, hours: sc.Hours) -> None:
        self.shown = hours
        for weekday in range(7):
            self.days[weekday].setText(
                sc.intervals_text(i for i in hours.hours if i.weekday == weekday)
            )
            self.breaks[weekday].setText(
                sc.intervals_text(i for i in hours.breaks if i.weekday == weekday)
            )

    def typed(self) -> sc.Hours | None:
        """The hours as typed, or None after saying which day is not understood."""
        hours: list[sc.Interval] = []
        breaks: list[sc.Interval] = []
        for weekday in range(7):
            for box, into, what in (
                (self.days[weekday], hours, self.tr("%1 working hours")),
                (self.breaks[weekday], breaks, self.tr("%1 breaks")),
            ):
                try:
                    into += sc.parse_intervals(box.text(), weekday, "hours")
                except InvalidValueError:
                    name = what.replace("%1", weekday_name(weekday))
                    self.error.setText(
                        self.tr("%1: write spans like 09:00-13:00, 14:00-18:00.").replace(
                            "%1", name
                        )
                    )
                    box.setFocus()
                    return None
        return sc.Hours(tuple(hours), tuple(breaks))

    def save(self) -> None:
        provider = self.provider.currentData()
        self.clear_error()
        new = self.typed()
        if provider is None or new is None:
            return

        def previewed(bookings: list[sc.AffectedBooking]) -> None:
            if not bookings:
                self._put(provider, new)
                return
            self.impact = ImpactDialog(
                self.ctx,
                bookings,
                self.tr("Save %1's new hours?").replace("%1", self.provider.currentText()),
                self,
            )
            self.impact.accepted.connect(lambda: self._put(provider, new))
            self.impact.open()

        self.run(sc.preview_hours(self.ctx.api, provider, new), previewed)

    def _put(self, provider: str, new: sc.Hours) -> None:
        self.run(sc.set_hours(self.ctx.api, provider, new), self.show_hours, saves=True)
