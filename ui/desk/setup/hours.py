"""Hours: each provider's working hours and breaks per weekday, typed as spans
("09:00-13:00, 14:00-18:00"), as a week in force since always or from a date on
("from 01/03/2027, Tuesdays 10-19"). Before saving, the bookings to come that the new
hours would leave outside are listed and the admin confirms."""

from __future__ import annotations

from datetime import date

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
        # The provider's weeks: choosing one shows it; "From" says which week a save
        # replaces (empty: the one in force since always), a new date adds a week.
        self.week = QComboBox()
        self.week.setAccessibleName(self.tr("Week"))
        self.valid_from = QLineEdit()
        self.valid_from.setAccessibleName(self.tr("From"))
        self.valid_from.setPlaceholderText(self.tr("dd/mm/yyyy, empty: always"))
        self.valid_from.setMaximumWidth(200)
        top = QHBoxLayout()
        top.addWidget(plain_label(self.tr("Provider:")))
        top.addWidget(self.provider)
        top.addWidget(plain_label(self.tr("Week:")))
        top.addWidget(self.week)
        top.addWidget(plain_label(self.tr("From:")))
        top.addWidget(self.valid_from)
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
                "when it is closed. Breaks fall inside the working hours. With a date in "
                "From, the week takes over from that day on and the one before stays in "
                "force until then; save a dated week with every day empty to remove it."
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
        self.week.activated.connect(lambda _i: self.show_week(self.chosen_week()))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        ctx.catalogue_changed.connect(self.show_catalogue)
        self.impact: ImpactDialog | None = None
        self.shown: sc.Hours | None = None  # the week in the grid, as last read
        self.weeks: sc.Weeks | None = None
        self.refresh_writable()

    def set_writable(self, writable: bool) -> None:
        for w in (*self.days, *self.breaks, self.valid_from):
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
            self.run(sc.hours(self.ctx.api, provider), self.show_weeks)

    def week_label(self, start: date | None) -> str:
        if start is None:
            return self.tr("Since always")
        return self.tr("From %1").replace("%1", f"{start:%d/%m/%Y}")

    def show_weeks(self, weeks: sc.Weeks, chosen: date | None = None) -> None:
        """List the provider's weeks and show `chosen`'s (the one in force since always
        if it is gone)."""
        self.weeks = weeks
        self.week.clear()
        for w in weeks.weeks:
            # By its ISO day: a Python date would come back from Qt as a QDate.
            self.week.addItem(self.week_label(w.valid_from), _key(w.valid_from))
        self.show_week(chosen if weeks.week(chosen) is not None else None)

    def show_week(self, start: date | None) -> None:
        week = (self.weeks.week(start) if self.weeks else None) or sc.Hours((), (), start)
        self.week.setCurrentIndex(max(0, self.week.findData(_key(start))))
        self.valid_from.setText("" if start is None else f"{start:%d/%m/%Y}")
        self.show_hours(week)

    def chosen_week(self) -> date | None:
        key = self.week.currentData()
        return date.fromisoformat(key) if key else None

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
        try:
            start = sc.parse_valid_from(self.valid_from.text())
        except InvalidValueError:
            self.error.setText(self.tr("From: write a date like 01/03/2027, or leave it empty."))
            self.valid_from.setFocus()
            return None
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
        return sc.Hours(tuple(hours), tuple(breaks), start)

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
            title = self.tr("Save %1's new hours?").replace("%1", self.provider.currentText())
            if new.valid_from is not None:
                title = (
                    self.tr("Save %1's new hours from %2?")
                    .replace("%1", self.provider.currentText())
                    .replace("%2", f"{new.valid_from:%d/%m/%Y}")
                )
            self.impact = ImpactDialog(self.ctx, bookings, title, self)
            self.impact.accepted.connect(lambda: self._put(provider, new))
            self.impact.open()

        self.run(sc.preview_hours(self.ctx.api, provider, new), previewed)

    def _put(self, provider: str, new: sc.Hours) -> None:
        self.run(
            sc.set_hours(self.ctx.api, provider, new),
            lambda weeks: self.show_weeks(weeks, new.valid_from),
            saves=True,
        )


def _key(start: date | None) -> str:
    return start.isoformat() if start else ""
