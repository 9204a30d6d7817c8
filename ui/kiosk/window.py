"""The kiosk's window: full screen, no decorations, ignores close; a staff PIN leaves.
It walks a customer through check-in or a walk-in ticket, and forgets everything
typed after a short idle time.

Signals:
    enroll_requested(str, str, str, str): server, enrollment code, staff PIN, and the
        certificate authority staff confirmed ("" to go by the pinned one).
    language_requested(str): a customer picked a language for this session.
"""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLayout,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.kiosk import ExitPin, KioskService, Match, Outcome, PinCheck, Ticket
from app.schedule import business
from app.sync.engine import SyncState, SyncStatus
from ui.common.tasks import Tasks
from ui.kiosk.pages import (
    CertificatePage,
    CheckInPage,
    ConfirmPage,
    EnrollPage,
    MessagePage,
    TicketPage,
    WalkinPage,
    WelcomePage,
)
from ui.kiosk.pin_dialog import StaffPinDialog
from ui.kiosk.scale import BORDER, Metrics, metrics_for
from ui.kiosk.ticket import print_ticket, wait_text

DONE_SECONDS = 8  # a result stays this long, then the welcome screen returns
PAGES = (
    CertificatePage,
    CheckInPage,
    ConfirmPage,
    EnrollPage,
    MessagePage,
    TicketPage,
    WalkinPage,
    WelcomePage,
)


def style(primary: str, accent: str, m: Metrics) -> str:
    """The kiosk's look, with type and paddings for the window's size (`m`)."""
    px = m.px
    pad = m.padding
    touch = m.touch - 2 * (pad + BORDER)  # min-height counts the text's box only
    # An upright stand has height to spare: what a customer reads (hello, the result,
    # a refusal) is larger there, legible from a step back.
    read = 1.35 if m.portrait else 1.0
    return f"""
    QWidget {{ background: #ffffff; color: #111111; font-size: {px(22)}px; }}
    QLabel#title {{ font-size: {px(40 * read)}px; font-weight: bold; color: {primary}; }}
    QLabel#subtitle {{ font-size: {px(30 * read)}px; }}
    QLabel#message {{ font-size: {px(24 * read)}px; color: #8a1c00; }}
    QLabel#number {{ font-size: {px(140)}px; font-weight: bold; color: {primary}; }}
    QLabel#fingerprint {{ font-family: "DejaVu Sans Mono", monospace; font-size: {px(30)}px;
                         font-weight: bold; }}
    QLabel#offline {{ font-size: 14px; color: #9a9a9a; background: transparent; }}
    QLabel#caption {{ font-size: {px(26)}px; background: transparent; }}
    QPushButton {{ border-radius: {px(14)}px; padding: {pad}px; font-size: {px(28)}px;
                   border: {BORDER}px solid #111111; min-height: {touch}px; }}
    QPushButton#primary {{ background: {primary}; color: #ffffff; border-color: {primary};
                           font-weight: bold; }}
    QPushButton#secondary {{ background: #ffffff; color: #111111; }}
    QPushButton#choice {{ background: #f2f2f2; color: #111111; }}
    QPushButton#key {{ background: #f2f2f2; font-size: {px(28)}px; font-weight: bold;
                       padding: 0px; min-height: 0px; }}
    QPushButton#mode {{ font-size: {px(24)}px; }}
    QPushButton#mode:checked {{ background: {accent}; color: #111111; font-weight: bold; }}
    QPushButton#language {{ font-size: {px(22)}px; padding: {pad}px {px(28)}px; }}
    QLineEdit#entry {{ font-size: {px(34)}px; padding: {px(8)}px;
                       border: {BORDER}px solid #111111; border-radius: {px(10)}px; }}
    """


class KioskWindow(QMainWindow):
    enroll_requested = Signal(str, str, str, str)
    language_requested = Signal(str)

    def __init__(
        self,
        tasks: Tasks,
        *,
        exit_pin: ExitPin,
        idle_seconds: int = 45,
        tickets_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.exit_pin, self.tickets_dir = tasks, exit_pin, tickets_dir
        self.pin_dialog: StaffPinDialog | None = None
        self.service: KioskService | None = None
        self.allow_close = False
        self.current: Match | None = None
        self.last_ticket: Ticket | None = None
        self.setWindowTitle("Turnero")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        # The screen's size is the window's, whatever the pages ask for: a page that
        # does not fit must be fixed, not push the kiosk's buttons below the screen.
        main_layout = self.layout()
        assert main_layout is not None
        main_layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.offline = QLabel("●", self)
        self.offline.setObjectName("offline")
        self.offline.setAccessibleName(self.tr("Offline"))
        self.offline.hide()
        self.idle = QTimer(self, singleShot=True, interval=idle_seconds * 1000)
        self.idle.timeout.connect(self.reset)
        self.done_timer = QTimer(self, singleShot=True, interval=DONE_SECONDS * 1000)
        self.done_timer.timeout.connect(self.reset)
        app = QApplication.instance()
        assert app is not None  # a window needs its application
        self.app: QCoreApplication = app
        self.app.installEventFilter(self)  # any touch or key, anywhere, restarts the idle timer
        exit_key = QShortcut(QKeySequence("Ctrl+Alt+Q"), self)
        exit_key.activated.connect(self.ask_to_leave)
        self.enroll_page: EnrollPage | None = None
        self.certificate_page: CertificatePage | None = None
        self.colours = ("#1f6f8b", "#99c24d")
        self.metrics: Metrics | None = None

    # -- building ---------------------------------------------------------------------

    def show_enroll(self, server: str, revoked: bool = False) -> EnrollPage:
        self.service = None
        self._clear_stack()
        self.colours = ("#1f6f8b", "#99c24d")
        self.certificate_page = None
        self.enroll_page = EnrollPage(server, revoked)
        self.enroll_page.enroll.connect(self.enroll_requested)
        self.stack.addWidget(self.enroll_page)
        self.fit(force=True)
        return self.enroll_page

    def show_certificate(self) -> CertificatePage:
        """The server's certificate changed: a page for staff (the kiosk has stopped)."""
        self.service = None
        self.enroll_page = None
        self._clear_stack()
        self.colours = ("#1f6f8b", "#99c24d")
        self.certificate_page = CertificatePage()
        self.stack.addWidget(self.certificate_page)
        self.fit(force=True)
        return self.certificate_page

    def start(self, service: KioskService) -> None:
        self.service = service
        self.enroll_page = None
        self.certificate_page = None
        self.build()

    def build(self) -> None:
        """(Re)build the screens: at start, when the business's data arrives, and when a
        customer switches language."""
        assert self.service is not None
        self._clear_stack()
        biz = business(self.service.replica)
        self.biz = biz
        self.colours = (biz.primary_colour, biz.accent_colour)
        logo = None
        if biz.logo:
            logo = QPixmap()
            logo.loadFromData(base64.b64decode(biz.logo))
        self.welcome = WelcomePage(biz.name, logo)
        self.checkin = CheckInPage()
        self.confirm = ConfirmPage()
        self.message = MessagePage()
        services = [(s["service_id"], s["name"]) for s in self.service.services()]
        self.walkin = WalkinPage(services)
        self.ticket = TicketPage()
        for page in (
            self.welcome,
            self.checkin,
            self.confirm,
            self.message,
            self.walkin,
            self.ticket,
        ):
            self.stack.addWidget(page)
        self.welcome.check_in.connect(self.go_check_in)
        self.welcome.walk_in.connect(lambda: self.stack.setCurrentWidget(self.walkin))
        self.welcome.language.connect(self.language_requested)
        self.checkin.by_code.connect(self.find_by_code)
        self.checkin.by_person.connect(self.find_by_person)
        self.checkin.back.connect(self.reset)
        self.confirm.confirmed.connect(self.confirm_arrival)
        self.confirm.not_me.connect(self.go_check_in)
        self.message.done.connect(self.reset)
        self.walkin.chosen.connect(self.take_ticket)
        self.walkin.back.connect(self.reset)
        self.ticket.done.connect(self.reset)
        self.stack.setCurrentWidget(self.welcome)
        self.fit(force=True)

    # -- fitting the screen -----------------------------------------------------------

    def fit(self, force: bool = False) -> None:
        """Type, keys and spacing for the window's present size: every page fits from
        1024x768 to 1920x1080 and on a portrait screen (ui/kiosk/scale.py)."""
        m = metrics_for(self.width(), self.height())
        if m == self.metrics and not force:
            return
        self.metrics = m
        self.setStyleSheet(style(*self.colours, m))
        for i in range(self.stack.count()):
            page = self.stack.widget(i)
            if isinstance(page, PAGES):
                page.fit(m)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()
        self.offline.move(self.width() - 24, self.height() - 24)

    def _clear_stack(self) -> None:
        while (page := self.stack.widget(0)) is not None:
            self.stack.removeWidget(page)
            page.deleteLater()

    # -- idle and privacy -------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.KeyPress,
            QEvent.Type.TouchBegin,
        ):
            self.idle.start()
        return False

    def reset(self) -> None:
        """Back to the welcome screen, with nothing of the last customer left on it."""
        self.done_timer.stop()
        self.current = None
        if self.service is None:
            return
        for field in self.findChildren(QLineEdit):
            field.clear()
        self.checkin.clear()
        self.confirm.show_match("", "", "", "")
        self.message.show_message("", "")
        self.ticket.number.clear()
        self.ticket.wait.clear()
        self.stack.setCurrentWidget(self.welcome)
        self.language_requested.emit("")  # back to the kiosk's own language

    # -- check-in ---------------------------------------------------------------------

    def go_check_in(self) -> None:
        self.checkin.clear()
        self.stack.setCurrentWidget(self.checkin)

    def find_by_code(self, code: str) -> None:
        assert self.service is not None
        self.tasks.run(self.tasks.call(self.service.find_by_code, code), self.show_match)

    def find_by_person(self, phone: str, dni: str, time: str, birth: str) -> None:
        assert self.service is not None
        if not (phone.strip() or dni.strip()) or not (time or birth):
            self.checkin.message.setText(
                self.tr(
                    "Type your phone or DNI, and your appointment's time or your date of birth."
                )
            )
            return
        self.checkin.message.setText(self.tr("Looking for your booking…"))
        self.tasks.run(self.service.find_by_person(phone, dni, time, birth), self.show_match)

    def _when(self, match: Match) -> str:
        return f"{match.start.astimezone(self.biz.time_zone):%H:%M}" if match.start else ""

    def show_match(self, match: Match) -> None:
        self.current = match
        if match.outcome is Outcome.FOUND:
            self.confirm.show_match(match.label, self._when(match), match.provider, match.service)
            self.stack.setCurrentWidget(self.confirm)
        elif match.outcome is Outcome.NOT_FOUND:
            self.checkin.message.setText(
                self.tr(
                    "We found no booking for today with those details. "
                    "Check them, or ask at the front desk."
                )
            )
        elif match.outcome is Outcome.OFFLINE:
            self.checkin.message.setText(
                self.tr(
                    "Checking in by phone or DNI is not available right now. "
                    "Use your booking code, or ask at the front desk."
                )
            )
        elif match.outcome is Outcome.LOCKED:
            self.checkin.message.setText(
                self.tr(
                    "Too many tries on this kiosk: checking in by phone or DNI will be back "
                    "in a few minutes. Use your booking code, or ask at the front desk."
                )
            )
        elif match.outcome is Outcome.ALREADY:
            self.show_result(
                self.tr("You are already checked in"),
                self.tr("Please take a seat; you will be called."),
            )
        elif match.outcome is Outcome.IN_SERVICE:
            self.show_result(
                self.tr("Your appointment has already started"),
                self.tr("If you stepped out for a moment, please tell the front desk."),
            )
        elif match.outcome is Outcome.COMPLETED:
            self.show_result(
                self.tr("Your visit today is over"),
                self.tr(
                    "Your appointment at %1 is done. "
                    "If you need anything else, please ask at the front desk."
                ).replace("%1", self._when(match)),
            )
        elif match.outcome is Outcome.NO_SHOW:
            self.show_result(
                self.tr("Your appointment was marked as missed"),
                self.tr("It was at %1. Please see the front desk; they will help you.").replace(
                    "%1", self._when(match)
                ),
            )
        elif match.outcome is Outcome.CANCELLED:
            self.show_result(
                self.tr("This appointment was cancelled"),
                self.tr(
                    "It was at %1. If you need a new one, please ask at the front desk."
                ).replace("%1", self._when(match)),
            )
        elif match.outcome is Outcome.TOO_EARLY:
            self.show_result(
                self.tr("It is a bit early"),
                self.tr(
                    "Your appointment is at %1. "
                    "Check-in opens an hour before; please come back then."
                ).replace("%1", self._when(match)),
            )
        elif match.outcome is Outcome.TOO_LATE:
            self.show_result(
                self.tr("Please see the front desk"),
                self.tr("Your appointment was at %1. The front desk will help you.").replace(
                    "%1", self._when(match)
                ),
            )

    def show_result(self, title: str, body: str) -> None:
        self.message.show_message(title, body)
        self.stack.setCurrentWidget(self.message)
        self.done_timer.start()

    def confirm_arrival(self) -> None:
        assert self.service is not None
        match = self.current
        if match is None:
            return
        self.tasks.run(
            self.tasks.call(self.service.check_in, match.booking_id),
            lambda _r: self.show_result(
                self.tr("Thank you, %1").replace("%1", match.label),
                self.tr("You are checked in. Please take a seat; you will be called."),
            ),
            lambda _e: self.show_result(
                self.tr("Something went wrong"), self.tr("Please ask at the front desk.")
            ),
        )

    # -- walk-in ----------------------------------------------------------------------

    def take_ticket(self, service_id: str | None) -> None:
        assert self.service is not None
        self.tasks.run(self.tasks.call(self.service.take_ticket, service_id), self.show_ticket)

    def ticket_texts(self) -> dict[str, str]:
        return {"your_number": self.tr("Your number"), "wait": self.tr("Estimated wait")}

    def show_ticket(self, ticket: Ticket) -> None:
        self.last_ticket = ticket
        self.ticket.number.setText(ticket.label)
        lines = [self.tr("%n person(s) ahead of you", "", ticket.ahead)]
        if ticket.wait is not None:  # no estimate (nobody free today): say nothing of it
            lines.insert(0, f"{self.tr('Estimated wait')}: {wait_text(ticket.wait)}")
        self.ticket.wait.setText("\n".join(lines))
        where = print_ticket(
            ticket, self.biz.name, self.biz.time_zone, self.ticket_texts(), self.tickets_dir
        )
        self.printed_to = where
        self.ticket.printed.setText(
            self.tr("Take your ticket below.")
            if not where.endswith(".pdf")
            else self.tr("Please remember your number: you will be called by it.")
        )
        self.stack.setCurrentWidget(self.ticket)
        self.done_timer.start()

    # -- connection -------------------------------------------------------------------

    def show_status(self, status: SyncStatus) -> None:
        """A discreet mark for staff; nothing alarming for customers."""
        # Kept while a retry is under way ("syncing"): only a sync that worked clears
        # it, so it does not blink at every attempt while the network is down.
        if status.state in (SyncState.OFFLINE, SyncState.UNTRUSTED):
            self.offline.setVisible(True)
        elif status.state is SyncState.ONLINE:
            self.offline.setVisible(False)
        self.offline.setToolTip(self.tr("Offline: working from this kiosk's copy"))
        self.offline.move(self.width() - 24, self.height() - 24)
        self.offline.raise_()

    # -- leaving ----------------------------------------------------------------------

    def ask_to_leave(self) -> StaffPinDialog:
        """Staff pressed Ctrl+Alt+Q: ask for the PIN (or say that leaving is locked)."""
        if self.pin_dialog is not None:
            self.pin_dialog.close()
            self.pin_dialog.deleteLater()
        dialog = self.pin_dialog = StaffPinDialog(self.exit_pin.locked_for(), self)
        dialog.pin_entered.connect(self.leave)
        dialog.open()
        return dialog

    def leave(self, pin: str) -> asyncio.Future[PinCheck]:
        """Check `pin` on the worker (Argon2 is slow on purpose); leave if it is right."""
        return self.tasks.run(self.tasks.call(self.exit_pin.check, pin), self._pin_checked)

    def _pin_checked(self, check: PinCheck) -> None:
        dialog = self.pin_dialog
        if not check.ok:
            if dialog is not None:
                dialog.show_refusal(check)
            return
        self.allow_close = True
        if dialog is not None:
            dialog.accept()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.allow_close:
            event.ignore()  # customers cannot close the kiosk
            return
        self.app.removeEventFilter(self)
        self.idle.stop()
        self.done_timer.stop()
        super().closeEvent(event)
