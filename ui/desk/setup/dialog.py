"""The Setup window: the business's staff, providers, services, hours, time off,
details, locations and kiosks, one tab each. Admins change them; reception sees what
it may read (no staff list) and manages kiosks, as the server allows."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from app.desk import Desk
from ui.common.screens import fitted
from ui.common.tasks import Tasks
from ui.desk.kiosks import KiosksPanel
from ui.desk.setup.business import BusinessTab
from ui.desk.setup.common import SetupContext, SetupTab
from ui.desk.setup.hours import HoursTab
from ui.desk.setup.locations import LocationsTab
from ui.desk.setup.providers import ProvidersTab
from ui.desk.setup.services import ServicesTab
from ui.desk.setup.staff import StaffTab
from ui.desk.setup.timeoff import TimeOffTab


class SetupDialog(QDialog):
    def __init__(self, desk: Desk, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Setup"))
        self.resize(fitted(self, QSize(1180, 720)))
        self.ctx = SetupContext(desk, tasks, self)
        self.tabs = QTabWidget()
        self.staff = StaffTab(self.ctx)
        self.providers = ProvidersTab(self.ctx)
        self.services = ServicesTab(self.ctx)
        self.hours = HoursTab(self.ctx)
        self.time_off = TimeOffTab(self.ctx)
        self.business = BusinessTab(self.ctx)
        self.locations = LocationsTab(self.ctx)
        self.kiosks = KiosksPanel(desk, tasks)
        if self.ctx.admin:  # the server lists staff to admins only
            self.tabs.addTab(self.staff, self.tr("Staff"))
        else:
            self.staff.hide()
        self.tabs.addTab(self.providers, self.tr("Providers"))
        self.tabs.addTab(self.services, self.tr("Services"))
        self.tabs.addTab(self.hours, self.tr("Hours"))
        self.tabs.addTab(self.time_off, self.tr("Time off"))
        self.tabs.addTab(self.business, self.tr("Business"))
        self.tabs.addTab(self.locations, self.tr("Locations"))
        self.tabs.addTab(self.kiosks, self.tr("Kiosks"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.reload()

    def setup_tabs(self) -> list[SetupTab]:
        return [
            self.staff,
            self.providers,
            self.services,
            self.hours,
            self.time_off,
            self.business,
            self.locations,
        ]

    def reload(self) -> None:
        """Everything again from the server: the catalogue, which the tabs show as it
        comes, and the staff."""
        self.ctx.reload_catalogue(self._failed)
        self.staff.reload()

    def _failed(self, exc: BaseException) -> None:
        for tab in self.setup_tabs():
            tab.failed(exc)

    def show_tab(self, tab: QWidget) -> None:
        self.tabs.setCurrentWidget(tab)


def show_setup(desk: Desk, tasks: Tasks, parent: QWidget | None = None) -> SetupDialog:
    dialog = SetupDialog(desk, tasks, parent)
    dialog.open()
    return dialog
