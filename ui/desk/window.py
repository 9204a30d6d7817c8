"""The desk's main window: the schedule in the middle, the selected booking, the
walk-in queue and the conflicts beside it, the connection always in sight.

Signals:
    sign_out_requested(): the user signed out.
    language_requested(str): the user picked another language ("es-AR" or "en").
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QDate, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import alerts, far_days, schedule
from app.changes import EVERYTHING, Changes
from app.desk import Desk
from app.desk_role import desk_role
from app.domain.availability import day_range
from app.sync.engine import SyncStatus
from app.sync.scope import DESK_DAYS_AHEAD, DESK_DAYS_BACK
from ui.common.labels import long_date, short_weekday
from ui.common.screens import fitted
from ui.common.tasks import Tasks, describe
from ui.desk.actions import DeskMenus
from ui.desk.booking_detail import BookingDetail
from ui.desk.booking_dialog import (
    BookingDialog,
    from_qdate,
    to_qdate,
)
from ui.desk.booking_panel import BookingPanel
from ui.desk.cash_close import CashCloseDialog
from ui.desk.conflicts import ConflictsPanel
from ui.desk.connection import ConnectionIndicator
from ui.desk.customers import plain_label
from ui.desk.dayview import HEADER_H, ScheduleView
from ui.desk.dayview_model import ScheduleModel
from ui.desk.notices import NoticeArea, NoticeKind
from ui.desk.payments import TakingsDialog
from ui.desk.report import ReportDialog
from ui.desk.waitlist import WaitlistPanel
from ui.desk.walkins import WalkinPanel

if TYPE_CHECKING:
    from ui.desk.audit_log import AuditLogDialog
    from ui.desk.printing import Printout
    from ui.desk.reminders import RemindersDialog


@dataclass(frozen=True)
class ViewState:
    """What the receptionist was looking at, kept when the window is rebuilt (another
    language): the day, day or week (and whose week), the booking selected, how far
    the schedule was scrolled, the side panel's width and tab, the window's place."""

    day: date
    week: bool
    week_provider: str | None
    selected: str | None
    scroll: int
    body_sizes: list[int]
    side_tab: int
    geometry: QByteArray
    size: QSize


class DeskWindow(QMainWindow):
    sign_out_requested = Signal()
    language_requested = Signal(str)

    def __init__(self, desk: Desk, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        # Reception's desk, or a provider's own day (app/desk_role.py).
        self.role = desk_role(desk.account)
        self.biz = schedule.business(desk.replica)
        self.day = self.today()
        self.week_mode = False
        self.undo_moves: list[tuple[str, str, str]] = []  # booking, old start, old provider
        self.arrived: set[str] | None = None  # today's checked-in bookings, for notices
        self._pending_view: ViewState | None = None  # see restore_view
        # The bookings shown from the server (a day beyond the replica), by id.
        self.fetched: dict[str, dict[str, Any]] = {}
        self._loads = 0  # the latest load: a slower, older answer is not shown over it
        self.setWindowTitle(f"Turnero — {self.biz.name}")
        self.resize(fitted(self, QSize(1360, 860)))
        self.model = ScheduleModel(self)
        self.view = ScheduleView(self.model)
        self.panel = BookingPanel()
        self.detail = BookingDetail(self)  # what the panel shows and its buttons do
        self.walkins = WalkinPanel(desk, tasks)
        self.waitlist = WaitlistPanel(desk, tasks)
        self.conflicts = ConflictsPanel(desk, tasks)
        self.connection = ConnectionIndicator()
        self._build()
        self._reload_timer = QTimer(self, singleShot=True, interval=60)
        self._reload_timer.timeout.connect(self._reload_due)
        self._due = Changes()  # what moved since the last reload
        self._clock = QTimer(self, interval=60_000)
        self._clock.timeout.connect(self.view.viewport().update)  # the now line moves
        self._clock.timeout.connect(self.check_alerts)  # and waits grow
        self.alerts = alerts.Alerts()
        self._clock.start()
        tasks.changed.connect(self.reload_soon)
        tasks.failed.connect(self.show_error)
        tasks.status_changed.connect(self.show_status)
        self.reload()

    # -- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        header = QWidget()
        header.setObjectName("brand")
        self.brand = header
        header.setStyleSheet(
            f"#brand {{ background: {self.biz.primary_colour}; }} "
            "#brand QLabel { color: white; } "
        )
        top = QHBoxLayout(header)
        top.setContentsMargins(10, 6, 10, 6)
        logo = QLabel()
        if self.biz.logo:
            pixmap = QPixmap()
            if pixmap.loadFromData(base64.b64decode(self.biz.logo)):
                logo.setPixmap(
                    pixmap.scaledToHeight(32, Qt.TransformationMode.SmoothTransformation)
                )
        top.addWidget(logo)
        self.brand_logo = logo
        name = plain_label(self.biz.name)
        self.brand_name = name
        font = name.font()
        font.setPointSizeF(font.pointSizeF() + 4)
        font.setBold(True)
        name.setFont(font)
        # On a narrow screen the name gives way (it is in the title bar too), not the
        # buttons: a long business name or a logo must not push the window off-screen.
        name.setMinimumWidth(60)
        top.addWidget(name, 1)
        top.addStretch(1)
        self.today_button = QPushButton(self.tr("&Today"))
        self.prev_button = QPushButton("◀")
        self.prev_button.setAccessibleName(self.tr("Previous day"))
        self.next_button = QPushButton("▶")
        self.next_button.setAccessibleName(self.tr("Next day"))
        self.date_edit = QDateEdit(to_qdate(self.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd dd/MM/yyyy")
        self.date_edit.setAccessibleName(self.tr("Date shown"))
        self.mode = QComboBox()
        if self.role.is_provider:
            self.mode.addItems([self.tr("My day"), self.tr("My week")])
        else:
            self.mode.addItems([self.tr("Day"), self.tr("Week")])
        self.mode.setAccessibleName(self.tr("Day or week"))
        self.week_provider = QComboBox()
        self.week_provider.setAccessibleName(self.tr("Provider for the week"))
        self._fill_week_providers()
        self.week_provider.setVisible(False)
        self.new_button = QPushButton(self.tr("&New booking"))
        self.new_button.setVisible(self.role.front_desk)  # a provider books nobody
        self.view.movable = self.role.front_desk
        for w in (
            self.today_button,
            self.prev_button,
            self.next_button,
            self.date_edit,
            self.mode,
            self.week_provider,
            self.new_button,
        ):
            top.addWidget(w)
        # Over the grid's top right, below the column headers: a notice never moves it.
        self.notice = NoticeArea(self.view, top=HEADER_H)
        side = QTabWidget()
        side.setMinimumWidth(300)
        side.addTab(self.panel, self.tr("Booking"))
        if self.role.front_desk:
            side.addTab(self.walkins, self.tr("Walk-ins"))
            side.addTab(self.waitlist, self.tr("Waitlist"))
        side.addTab(self.conflicts, self.tr("Conflicts"))
        self.side = side
        # A splitter: the receptionist decides how much room the side panel takes.
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.view)
        body.addWidget(side)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 0)
        body.setChildrenCollapsible(False)
        body.setSizes([10_000, 340])  # the schedule takes what the panel does not need
        self.body = body
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)
        self.user_label = plain_label(
            f"{self.desk.account.display_name} · {self.desk.account.server}"
        )
        # What needs the desk's eye now (app/alerts.py); hidden when nothing does.
        self.alert_label = plain_label("")
        self.alert_label.setObjectName("alerts")
        self.alert_label.setStyleSheet(
            "QLabel#alerts { background: #fde8e8; color: #9b1c1c; font-weight: bold;"
            " border-radius: 3px; padding: 1px 8px; }"
        )
        self.alert_label.hide()
        self.statusBar().addWidget(self.connection, 1)
        self.statusBar().addPermanentWidget(self.alert_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self._menus()
        self.today_button.clicked.connect(lambda: self.go_to(self.today()))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.date_edit.dateChanged.connect(lambda q: self.go_to(from_qdate(q)))
        self.mode.currentIndexChanged.connect(lambda i: self.set_week_mode(i == 1))
        self.week_provider.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button.clicked.connect(self.new_booking_here)
        self.view.booking_selected.connect(lambda _b: self.show_selected())
        self.view.booking_activated.connect(lambda _b: self.show_selected(focus=True))
        self.view.slot_activated.connect(self._slot_activated)
        self.view.booking_moved.connect(self._moved)
        self.panel.action.connect(self.act)
        self.connection.conflicts_clicked.connect(
            lambda: self.side.setCurrentWidget(self.conflicts)
        )
        # What waits in the outbox stays in this user's replica for after the sign-in.
        self.connection.sign_in_clicked.connect(self.sign_out_requested.emit)
        self.conflicts.settled.connect(lambda: self.reload_soon(Changes(conflicts=True)))
        self.waitlist.slots_freed.connect(self._slots_freed)
        self.waitlist.booked.connect(self.show_booking)

    def _menus(self) -> None:
        self.menus = DeskMenus(self)
        # The actions the window (and its tests) change later.
        self.kiosks_action = self.menus.kiosks_action
        self.undo_action = self.menus.undo_action
        self.language_actions = self.menus.language_actions

    # -- what the receptionist was looking at ---------------------------------------------

    def view_state(self) -> ViewState:
        return ViewState(
            day=self.day,
            week=self.week_mode,
            week_provider=self.week_provider.currentData(),
            selected=self.view.selected,
            scroll=self.view.verticalScrollBar().value(),
            body_sizes=self.body.sizes(),
            side_tab=self.side.currentIndex(),
            geometry=self.saveGeometry(),
            size=self.size(),
        )

    def restore_view(self, state: ViewState) -> None:
        """The same day, mode, selection, scroll and panel widths as `state` (a window
        rebuilt in another language): the selection and scroll once the plan is in."""
        self.restoreGeometry(state.geometry)  # the place, and maximized or not
        whole = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
        if not self.windowState() & whole:
            self.resize(state.size)  # restoreGeometry may shrink it to fit a screen
        self.body.setSizes(state.body_sizes)
        self.side.setCurrentIndex(state.side_tab)
        self._pending_view = state
        if state.week_provider is not None:
            found = self.week_provider.findData(state.week_provider)
            if found >= 0:
                self.week_provider.setCurrentIndex(found)
        self.go_to(state.day)
        self.mode.setCurrentIndex(1 if state.week else 0)

    def _settle_view(self, week: bool, days: list[date]) -> bool:
        """Once the plan restore_view asked for is shown: its selection and scroll."""
        state = self._pending_view
        if state is None or state.week != week or state.day not in days:
            return False
        self._pending_view = None
        if state.selected is not None and self.model.block(state.selected) is not None:
            self.view.select(state.selected)
        self.view.verticalScrollBar().setValue(state.scroll)
        return True

    # -- loading ------------------------------------------------------------------------

    def today(self) -> date:
        """Today in the business's zone, by the desk's clock (a test states it)."""
        return self.desk.engine.clock().astimezone(self.biz.time_zone).date()

    def reload_soon(self, changes: Changes = EVERYTHING) -> None:
        """Reload what `changes` concerns in a moment (a burst of them reloads once)."""
        self._due |= changes
        self._reload_timer.start()

    def _reload_due(self) -> None:
        due, self._due = self._due, Changes()
        if due:
            self.reload(due)

    def _apply_branding(self, biz: schedule.Business) -> None:
        """The business's name, colours and logo; they arrive with the first sync."""
        if biz == self.biz:
            return
        self.biz = biz
        self.setWindowTitle(f"Turnero — {biz.name}")
        self.brand_name.setText(biz.name)
        self.brand.setStyleSheet(
            f"#brand {{ background: {biz.primary_colour}; }} #brand QLabel {{ color: white; }}"
        )
        pixmap = QPixmap()
        if biz.logo and pixmap.loadFromData(base64.b64decode(biz.logo)):
            self.brand_logo.setPixmap(
                pixmap.scaledToHeight(32, Qt.TransformationMode.SmoothTransformation)
            )
        else:  # none, or one removed in setup since
            self.brand_logo.clear()
        if self.week_provider.count() == 0:
            self._fill_week_providers()

    def _fill_week_providers(self) -> None:
        shown = self.role.shown_providers
        for p in schedule.providers(self.desk.replica):
            if shown is None or p["provider_id"] in shown:
                self.week_provider.addItem(p["display_name"], p["provider_id"])

    def reload(self, changes: Changes = EVERYTHING) -> None:
        """Read again what `changes` concerns: the day or week (bookings, the customers
        and payments they show, the catalogue), the walk-in queue, the conflicts."""
        replica = self.desk.replica
        if changes.catalogue:
            self.tasks.run(self.tasks.call(schedule.business, replica), self._apply_branding)
        if changes.walkins or changes.catalogue:
            self.walkins.reload()
        if changes.conflicts:
            self.conflicts.reload()
        if self.role.front_desk and (changes.waitlist or changes.bookings or changes.catalogue):
            self.waitlist.reload()  # a booking gone or moved may free someone's slot
        if changes.bookings or changes.walkins or changes.catalogue:
            self.check_alerts()
        if not (changes.bookings or changes.customers or changes.payments or changes.catalogue):
            return
        self.tasks.run(self.tasks.call(self._arrivals), self._notice_arrivals)
        if self.week_mode:
            monday = self.day - timedelta(days=self.day.weekday())
            provider = self.week_provider.currentData()
            if provider is None:
                return
            self._load([monday + timedelta(days=i) for i in range(7)], [provider])
        else:
            self._load([self.day], self.role.shown_providers)

    def _load(self, days: list[date], provider_ids: list[str] | None) -> None:
        """The days from the replica, or from the server beyond its window (app/far_days)."""
        self._loads += 1
        load, week = self._loads, self.week_mode
        today = self.desk.engine.clock().astimezone(self.biz.time_zone).date()
        work = far_days.plans(
            self.desk.replica, self.desk.central, self.tasks.call, days, provider_ids, today
        )

        def show(shown: far_days.Shown) -> None:
            if load != self._loads:
                return  # the receptionist has moved on meanwhile
            self.fetched = shown.fetched
            if week:
                self._show_week(shown.plans)
            else:
                self._show_day(shown.plans[0])

        def not_shown(exc: BaseException) -> None:
            if load != self._loads:
                return
            self.fetched = {}
            if isinstance(exc, far_days.NotOnThisDeskError):
                self.model.set_unavailable(self.not_on_this_desk(days[0]))
            else:
                self.model.set_unavailable(describe(exc))
            self.show_selected()

        self.tasks.run(work, show, not_shown)

    def not_on_this_desk(self, day: date) -> str:
        return (
            self.tr(
                "%1 is not available offline. This desk keeps the bookings of %2 days back "
                "to %3 days ahead; connect to the server to see or book this date."
            )
            .replace("%1", long_date(day))
            .replace("%2", str(DESK_DAYS_BACK))
            .replace("%3", str(DESK_DAYS_AHEAD))
        )

    def _show_day(self, plan: schedule.DayPlan) -> None:
        first_load = not self.model.columns
        self.model.set_day(plan)
        if not self._settle_view(False, [plan.day]) and first_load:
            now = self.desk.engine.clock()
            target = (
                now
                if now.astimezone(plan.tz).date() == plan.day
                else plan.first + timedelta(hours=1)
            )
            self.view.scroll_to_minute(self.model.minute_of(target, 0) - 60 if plan.columns else 0)
        self.show_selected()

    def _show_week(self, plans: list[schedule.DayPlan]) -> None:
        headers = [short_weekday(p.day) for p in plans]
        self.model.set_week(plans, headers)
        self._settle_view(True, [p.day for p in plans])
        self.show_selected()

    def show_status(self, status: SyncStatus) -> None:
        # Only the indicator: rows that moved come as Tasks.changed, saying which.
        self.connection.show_status(status, self.biz.time_zone)

    # -- alerts ---------------------------------------------------------------------------

    def check_alerts(self) -> None:
        now = self.desk.engine.clock()
        work = self.tasks.call(alerts.alerts, self.desk.replica, now, self.role.shown_providers)
        self.tasks.run(work, self._show_alerts)

    def _show_alerts(self, found: alerts.Alerts) -> None:
        self.alerts = found
        marks = {b: ("late", t) for b, t in found.late.items()}
        marks.update({b: ("waiting", t) for b, t in found.waiting.items()})
        self.view.set_alerts(marks)
        parts = []
        if found.late:
            parts.append(self.tr("%n late", "", len(found.late)))
        if found.waiting:
            parts.append(self.tr("%n waiting long", "", len(found.waiting)))
        if found.walkins:
            parts.append(self.tr("%n walk-ins waiting long", "", len(found.walkins)))
        self.alert_label.setText("⚠ " + " · ".join(parts))
        self.alert_label.setToolTip(
            self.tr(
                "Late: past its start, nobody arrived. Waiting long: arrived and not yet "
                "attended. Marked in today's schedule; the times are the business's "
                "(File > Setup > Business)."
            )
        )
        self.alert_label.setVisible(found.total > 0)

    # -- arrivals from the kiosk (or another desk) ----------------------------------------

    def _arrivals(self) -> dict[str, str] | None:
        if not self.desk.replica.meta("last_sync_at"):
            return None
        tz = self.biz.time_zone
        lo, hi = day_range(self.today(), tz)
        rows = schedule.bookings_between(self.desk.replica, lo, hi)
        return {
            r["booking_id"]: schedule.customer_name(
                self.desk.replica.get("customer", r["customer_id"]), r
            )
            for r in rows
            if r["status"] == "checked_in" and not r.get("pending")
        }

    def _notice_arrivals(self, arrived: dict[str, str] | None) -> None:
        if arrived is None:
            return  # no first sync yet: nothing to compare with
        known, self.arrived = self.arrived, set(arrived)
        if known is None:
            return
        new = [name for bid, name in arrived.items() if bid not in known]
        if new:
            # Stays until the receptionist has seen it: someone is waiting.
            self.show_notice(
                self.tr("Arrived: %1").replace("%1", ", ".join(new)), NoticeKind.ARRIVAL
            )

    def show_notice(self, text: str, kind: NoticeKind = NoticeKind.INFO) -> None:
        """Over the grid; an arrival or a warning stays until dismissed, the rest go."""
        self.notice.show_notice(text, kind)

    def show_error(self, text: str) -> None:
        self.show_notice("⚠ " + text, NoticeKind.WARNING)

    # -- navigation ---------------------------------------------------------------------

    def go_to(self, day: date) -> None:
        if day == self.day:
            return
        self.day = day
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self.reload()

    def step(self, direction: int) -> None:
        self.go_to(self.day + timedelta(days=7 * direction if self.week_mode else direction))

    def set_week_mode(self, week: bool) -> None:
        self.week_mode = week
        self.week_provider.setVisible(week and self.role.front_desk)
        if week and self.view.selected:
            found = self.model.block(self.view.selected)
            if found:
                self.week_provider.setCurrentIndex(
                    max(0, self.week_provider.findData(found[1].provider_id))
                )
        self.reload()

    # -- the selected booking --------------------------------------------------------------

    def selected_row(self) -> dict[str, Any] | None:
        return self.detail.selected_row()

    def show_selected(self, focus: bool = False) -> None:
        self.detail.show_selected(focus)

    def act(self, key: str) -> None:
        self.detail.act(key)

    def save_ics(self, row: dict[str, Any]) -> asyncio.Future[str] | None:
        return self.detail.save_ics(row)

    # -- booking and moving ----------------------------------------------------------------

    def new_booking(
        self, provider_id: str | None = None, start: datetime | None = None
    ) -> BookingDialog:
        dialog = BookingDialog(
            self.desk, self.tasks, day=self.day, provider_id=provider_id, start=start, parent=self
        )
        dialog.saved.connect(self._booked)
        dialog.open()
        return dialog

    def new_booking_here(self) -> BookingDialog | None:
        """A new booking at the time and provider picked in the schedule, if any."""
        if not self.role.front_desk:
            return None
        cell = self.view.cursor_cell
        if cell is None or cell[0] >= len(self.model.columns):
            return self.new_booking()
        column, minute = cell
        if self.model.block_at(column, minute) is not None:
            return self.new_booking(self.model.columns[column].column.provider_id)
        vc = self.model.columns[column]
        if self.week_mode:
            self.day = vc.day
        return self.new_booking(vc.column.provider_id, self.model.instant(column, minute))

    def _slots_freed(self, freed: list[Any]) -> None:
        """Someone waiting fits a slot a change has just freed: say so until seen."""
        self.show_notice(self.waitlist.freed_text(freed[0]), NoticeKind.ARRIVAL)

    def show_booking(self, booking_id: str, start: datetime) -> None:
        """Go to the day of a booking just made elsewhere (the waitlist) and select it."""
        self.go_to(start.astimezone(self.biz.time_zone).date())
        self.view.select(booking_id)

    def _booked(self, done: list[dict[str, Any]]) -> None:
        if done:
            self.view.select(done[0]["booking_id"])

    def _slot_activated(self, column: int, start: datetime) -> None:
        if not self.role.front_desk:
            return
        vc = self.model.columns[column]
        if self.week_mode:
            self.day = vc.day
        self.new_booking(vc.column.provider_id, start)

    def _moved(self, booking_id: str, column: int, start: datetime) -> None:
        row = self.desk.replica.get("booking", booking_id)
        if row is None:
            return
        provider = self.model.columns[column].column.provider_id
        self.move_booking(
            booking_id, start, provider, remember=(row["start_at"], row["provider_id"])
        )

    def move_booking(
        self, booking_id: str, start: datetime, provider_id: str, remember: tuple[str, str] | None
    ) -> None:
        args = {
            "booking_id": booking_id,
            "start_at": start.astimezone(UTC).isoformat(),
            "provider_id": provider_id,
        }

        def done(_final: dict[str, Any]) -> None:
            if remember is not None:
                self.undo_moves.append((booking_id, *remember))
                self.undo_action.setEnabled(True)
                local = start.astimezone(self.biz.time_zone)
                self.show_notice(
                    self.tr("Moved to %1. Ctrl+Z undoes it.").replace("%1", f"{local:%H:%M}")
                )

        self.tasks.submit(self.desk, "booking.reschedule", args, done)

    def undo_move(self) -> None:
        if not self.undo_moves:
            return
        booking_id, start, provider = self.undo_moves.pop()
        self.undo_action.setEnabled(bool(self.undo_moves))
        self.move_booking(booking_id, datetime.fromisoformat(start), provider, remember=None)

    # -- printing and reports ---------------------------------------------------------------

    def _printing_week(self) -> bool:
        return self.week_mode and self.week_provider.currentData() is not None

    def printout_name(self) -> str:
        """A name for the printout's file or print job: business, provider, first day."""
        from ui.desk.printing import file_stem

        if self._printing_week():
            monday = self.day - timedelta(days=self.day.weekday())
            return file_stem(self.biz.name, monday, self.week_provider.currentText())
        return file_stem(self.biz.name, self.day)

    async def printout(self) -> Printout:
        """What File > Print day and Save day as PDF put on paper: the day shown, every
        provider; in week mode the week of the provider shown."""
        from ui.desk.printing import day_printout, week_printout

        replica, day = self.desk.replica, self.day
        if self._printing_week():
            provider = self.week_provider.currentData()
            monday = day - timedelta(days=day.weekday())
            plans = await self.tasks.call(schedule.week_plan, replica, provider, monday)
            return week_printout(self.biz.name, self.week_provider.currentText(), plans)
        plan = await self.tasks.call(schedule.day_plan, replica, day)
        return day_printout(self.biz.name, plan)

    def print_day(self) -> asyncio.Future[bool] | None:
        """The print dialog first; the day is read and laid out once a printer is chosen."""
        from ui.desk.printing import ask_printer, render

        printer = ask_printer(self, self.printout_name())
        if printer is None:
            return None

        async def go() -> bool:
            done = render(await self.printout(), printer)
            if not done:
                self.show_error(self.tr("The printer could not be opened."))
            return done

        return self.tasks.run(go())

    def save_day_pdf(self, path: str | None = None) -> asyncio.Future[str | None] | None:
        """The day (or the week) as a PDF at `path`, or where the user says."""
        from ui.desk.printing import ask_pdf_path, printout_pdf

        target = path or ask_pdf_path(self, self.printout_name())
        if not target:
            return None

        async def go() -> str | None:
            if not printout_pdf(await self.printout(), target):
                self.show_error(self.tr("Could not write %1.").replace("%1", target))
                return None
            self.show_notice(self.tr("Saved %1.").replace("%1", target))
            return target

        return self.tasks.run(go())

    def show_reminders(self) -> RemindersDialog:
        """Tomorrow's call list, "tomorrow" by the desk's clock in the business's zone."""
        from app.reminders import tomorrow
        from ui.desk.reminders import RemindersDialog

        dialog = RemindersDialog(
            self.desk, self.tasks, tomorrow(self.desk.engine.clock(), self.biz.time_zone), self
        )
        dialog.open()
        return dialog

    def show_cash_close(self) -> CashCloseDialog:
        dialog = CashCloseDialog(self.desk, self.tasks, self.day, self)
        dialog.open()
        return dialog

    def show_takings(self) -> TakingsDialog:
        dialog = TakingsDialog(self.desk, self.tasks, self.day, self)
        dialog.open()
        return dialog

    def show_report(self) -> ReportDialog:
        dialog = ReportDialog(self.desk, self.tasks, self.day, self)
        dialog.open()
        return dialog

    def copy_diagnostics(self) -> str:
        """Versions, server, sync state and recent errors to the clipboard (no secrets)."""
        from PySide6 import __version__ as qt
        from PySide6.QtWidgets import QApplication

        from app.diagnostics import diagnostics

        text = diagnostics(
            app="desk",
            qt=qt,
            server=self.desk.account.server,
            user=f"{self.desk.account.display_name} <{self.desk.account.email}>",
            status=self.desk.status(),
            replica_rows=self.desk.replica.count(),
            last_error=self.desk.engine.last_error,
        )
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(text)
        self.show_notice(self.tr("Diagnostics copied: paste them into your message to support."))
        return text

    def show_audit_log(self) -> AuditLogDialog:
        from ui.desk.audit_log import AuditLogDialog

        # The business's today by the desk's clock (the server's, under tests).
        today = self.desk.engine.clock().astimezone(self.biz.time_zone).date()
        dialog = AuditLogDialog(self.desk, self.tasks, self.biz, today, self)
        dialog.open()
        return dialog

    def show_kiosks(self) -> None:
        from ui.desk.kiosks import KiosksDialog

        KiosksDialog(self.desk, self.tasks, self).open()

    def show_keys(self) -> QMessageBox:
        return self.menus.keyboard_help()

    def detach(self) -> None:
        """The desk this window shows is being closed: stop reading its replica (no
        more reloads on changes, sync news or timers). Safe to call twice."""
        if getattr(self, "_detached", False):
            return
        self._detached = True
        self.tasks.changed.disconnect(self.reload_soon)
        self.tasks.failed.disconnect(self.show_error)
        self.tasks.status_changed.disconnect(self.show_status)
        self._clock.stop()
        self._reload_timer.stop()
        self.walkins.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clock.stop()
        self._reload_timer.stop()
        self.walkins.stop()
        super().closeEvent(event)
