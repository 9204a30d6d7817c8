"""Time off: a provider's, or a whole location's (a holiday: every provider there at
once). The country's national holidays are offered to add in one click. Before adding,
the bookings to come it would leave out are listed and the admin confirms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import setup_client as sc
from app.domain.timezones import local_to_utc
from ui.desk.customers import plain_label
from ui.desk.setup.common import (
    Column,
    ImpactDialog,
    RowsModel,
    SetupContext,
    SetupTab,
    button_row,
    selected,
    table_view,
)

LOCATION, PROVIDER = "location", "provider"


@dataclass(frozen=True)
class Entry:
    """A row of the list: one provider's time off, or a whole location's group."""

    key: str  # time_off_id, or group_id for a location's
    start_at: datetime
    end_at: datetime
    reason: str
    who: str
    group: bool


class TimeOffTab(SetupTab):
    def __init__(self, ctx: SetupContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.scope = QComboBox()
        self.scope.setAccessibleName(self.tr("Whose time off"))
        self.scope.setMinimumWidth(320)
        top = QHBoxLayout()
        top.addWidget(plain_label(self.tr("Time off of:")))
        top.addWidget(self.scope)
        top.addStretch(1)
        self.model: RowsModel[Entry] = RowsModel(
            [
                Column(self.tr("From"), lambda e: ctx.local(e.start_at)),
                Column(self.tr("To"), lambda e: ctx.local(e.end_at)),
                Column(self.tr("Who"), lambda e: e.who),
                Column(self.tr("Reason"), lambda e: e.reason),
            ],
            self,
        )
        self.table = table_view(self.model, self.tr("Time off"))
        self.delete_button = QPushButton(self.tr("&Delete"))
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(button_row(self.delete_button))
        self.start = self._when()
        self.start.setAccessibleName(self.tr("From"))
        self.end = self._when()
        self.end.setAccessibleName(self.tr("To"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.add_button = QPushButton(self.tr("&Add time off…"))
        form = QFormLayout()
        form.addRow(self.tr("&From"), self.start)
        form.addRow(self.tr("&To"), self.end)
        form.addRow(self.tr("&Reason"), self.reason)
        form.addRow("", self.add_button)
        adding = QGroupBox(self.tr("New time off"))
        adding.setLayout(form)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setAccessibleName(self.tr("Year"))
        self.holiday_model: RowsModel[sc.Holiday] = RowsModel(
            [
                Column(self.tr("Date"), lambda h: f"{h.day:%d/%m/%Y}"),
                Column(self.tr("Holiday"), lambda h: h.name),
            ],
            self,
        )
        self.holidays = table_view(self.holiday_model, self.tr("National holidays"))
        self.holiday_button = QPushButton(self.tr("Add &holiday"))
        holiday_box = QGroupBox(self.tr("National holidays"))
        hb = QVBoxLayout(holiday_box)
        year_row = QHBoxLayout()
        year_row.addWidget(plain_label(self.tr("Year:")))
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        year_row.addWidget(self.holiday_button)
        hb.addLayout(year_row)
        hb.addWidget(self.holidays, 1)
        right = QVBoxLayout()
        right.addWidget(adding)
        right.addWidget(holiday_box, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.body.addLayout(top)
        self.body.addLayout(columns, 1)
        today = ctx.desk.engine.clock().astimezone(ctx.tz).date()  # the desk's clock
        self.year.setValue(today.year)
        self.set_range(today + timedelta(days=1), time(0), today + timedelta(days=2), time(0))
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        self.year.valueChanged.connect(lambda _y: self.reload_holidays())
        self.delete_button.clicked.connect(self.delete_selected)
        self.add_button.clicked.connect(self.add_typed)
        self.holiday_button.clicked.connect(self.add_selected_holiday)
        self.holidays.doubleClicked.connect(lambda _i: self.add_selected_holiday())
        ctx.catalogue_changed.connect(self.show_catalogue)
        self.impact: ImpactDialog | None = None
        self.refresh_writable()

    @staticmethod
    def _when() -> QDateTimeEdit:
        edit = QDateTimeEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        return edit

    def set_range(self, start_day: date, start: time, end_day: date, end: time) -> None:
        for edit, d, t in ((self.start, start_day, start), (self.end, end_day, end)):
            edit.setDateTime(QDateTime(QDate(d.year, d.month, d.day), QTime(t.hour, t.minute)))

    def _instant(self, edit: QDateTimeEdit) -> datetime:
        q = edit.dateTime()
        d, t = q.date(), q.time()
        return local_to_utc(
            date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()), self.ctx.tz
        )

    def set_writable(self, writable: bool) -> None:
        for w in (
            self.start,
            self.end,
            self.reason,
            self.add_button,
            self.delete_button,
            self.holiday_button,
        ):
            w.setEnabled(writable)

    # -- reading ------------------------------------------------------------------------------

    def show_catalogue(self) -> None:
        keep = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        for loc in self.ctx.locations:
            self.scope.addItem(
                self.tr("Whole location: %1").replace("%1", loc.name),
                f"{LOCATION}:{loc.location_id}",
            )
        for p in self.ctx.providers:
            if p.active:
                self.scope.addItem(p.display_name, f"{PROVIDER}:{p.provider_id}")
        self.scope.setCurrentIndex(max(0, self.scope.findData(keep)))
        self.scope.blockSignals(False)
        self.reload()
        if not self.holiday_model.rows:
            self.reload_holidays()

    def reload(self) -> None:
        scope = self.scope.currentData()
        if scope is None:
            return
        kind, key = scope.split(":", 1)
        if kind == LOCATION:
            self.run(sc.location_time_off(self.ctx.api, key), self._show_groups)
        else:
            self.run(sc.provider_time_off(self.ctx.api, key), self._show_rows)

    def _show_groups(self, groups: list[sc.TimeOffGroup]) -> None:
        self.model.set_rows(
            sorted(
                (
                    Entry(
                        g.group_id,
                        g.start_at,
                        g.end_at,
                        g.reason,
                        self.tr("%n provider(s)", "", len(g.provider_ids)),
                        True,
                    )
                    for g in groups
                ),
                key=lambda e: e.start_at,
            )
        )

    def _show_rows(self, rows: list[sc.TimeOff]) -> None:
        self.model.set_rows(
            sorted(
                (
                    Entry(
                        r.time_off_id,
                        r.start_at,
                        r.end_at,
                        r.reason,
                        self.tr("Whole location") if r.group_id else self.tr("Only this provider"),
                        False,
                    )
                    for r in rows
                ),
                key=lambda e: e.start_at,
            )
        )

    def reload_holidays(self) -> None:
        self.run(sc.holidays(self.ctx.api, self.year.value()), self._show_holidays)

    def _show_holidays(self, rows: list[sc.Holiday]) -> None:
        """The year's holidays, scrolled to the next one to come: in November nobody
        is planning January's."""
        self.holiday_model.set_rows(rows)
        today = self.ctx.desk.engine.clock().astimezone(self.ctx.tz).date()
        coming = next((i for i, h in enumerate(rows) if h.day >= today), None)
        if coming is not None:
            self.holidays.scrollTo(self.holiday_model.index(coming, 0))

    # -- changing -----------------------------------------------------------------------------

    def add_typed(self) -> None:
        start, end = self._instant(self.start), self._instant(self.end)
        if end <= start:
            self.error.setText(self.tr("The time off must end after it starts."))
            return
        self.add(sc.TimeOffIn(start, end, self.reason.text().strip()))

    def add_selected_holiday(self) -> None:
        holiday = selected(self.holidays, self.holiday_model)
        if holiday is None:
            self.error.setText(self.tr("Choose a holiday in the list."))
            return
        tz = self.ctx.tz
        new = sc.TimeOffIn(
            local_to_utc(holiday.day, time(0), tz),
            local_to_utc(holiday.day + timedelta(days=1), time(0), tz),
            holiday.name,
        )
        if any((e.start_at, e.end_at) == (new.start_at, new.end_at) for e in self.model.rows):
            self.error.setText(self.tr("%1 is already in the list.").replace("%1", holiday.name))
            return
        self.add(new)

    def add(self, new: sc.TimeOffIn) -> None:
        """Preview, then add (at once when no booking is affected)."""
        scope = self.scope.currentData()
        if scope is None:
            return
        kind, key = scope.split(":", 1)
        api = self.ctx.api
        if kind == LOCATION:
            preview = sc.preview_location_time_off(api, key, new)
        else:
            preview = sc.preview_provider_time_off(api, key, new)

        def save() -> None:
            if kind == LOCATION:
                self.run(
                    sc.add_location_time_off(api, key, new), lambda _r: self.reload(), saves=True
                )
            else:
                self.run(
                    sc.add_provider_time_off(api, key, new), lambda _r: self.reload(), saves=True
                )

        def previewed(bookings: list[sc.AffectedBooking]) -> None:
            if not bookings:
                save()
                return
            self.impact = ImpactDialog(
                self.ctx, bookings, self.tr("Add this time off anyway?"), self
            )
            self.impact.accepted.connect(save)
            self.impact.open()

        self.run(preview, previewed)

    def delete_selected(self) -> None:
        entry = selected(self.table, self.model)
        if entry is None:
            return
        if entry.group:
            work = sc.delete_time_off_group(self.ctx.api, entry.key)
        else:
            work = sc.delete_time_off(self.ctx.api, entry.key)
        self.run(work, lambda _r: self.reload(), saves=True)
