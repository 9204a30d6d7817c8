"""The day's or week's report (app/day_report.py) on screen, and printable."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import day_report, far_days
from app.desk import Desk
from app.domain.bookings import BookingStatus
from app.schedule import business
from ui.common.labels import long_date, money, payment_method
from ui.common.tasks import Tasks
from ui.common.terms import terms
from ui.desk.booking_dialog import from_qdate, to_qdate

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def hours(span: timedelta) -> str:
    """ "7:30 h": hours and minutes, as a schedule is read."""
    minutes = round(span.total_seconds() / 60)
    return f"{minutes // 60}:{minutes % 60:02d} h"


def minutes(span: timedelta | None) -> str:
    return "—" if span is None else f"{round(span.total_seconds() / 60)} min"


class ReportDialog(QDialog):
    """Bookings by outcome, walk-ins and their waits, takings per method, and each
    provider's booked hours against open hours, for a day or its week."""

    def __init__(self, desk: Desk, tasks: Tasks, day: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        self.biz = business(desk.replica)
        self.today = day  # the window's day: the replica's window is judged from it
        self.report: day_report.Report | None = None
        self.resize(900, 640)
        self.span = QComboBox()
        self.span.addItems([self.tr("Day"), self.tr("Week")])
        self.span.setAccessibleName(self.tr("Day or week"))
        self.date_edit = QDateEdit(to_qdate(day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd dd/MM/yyyy")
        self.date_edit.setAccessibleName(self.tr("Date of the report"))
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.notice = QLabel()  # days the desk does not hold
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a4b00;")
        self.notice.hide()
        top = QHBoxLayout()
        top.addWidget(self.span)
        top.addWidget(self.date_edit)
        top.addWidget(self.heading, 1)
        self.bookings_box = QGroupBox(self.tr("Bookings"))
        self.walkins_box = QGroupBox(self.tr("Walk-ins"))
        self.takings_box = QGroupBox(self.tr("Takings"))
        for box in (self.bookings_box, self.walkins_box, self.takings_box):
            box.setLayout(QGridLayout())
        boxes = QHBoxLayout()
        for box in (self.bookings_box, self.walkins_box, self.takings_box):
            boxes.addWidget(box, 1)
        who = terms(self.biz.vertical).Provider
        self.providers = QTableWidget(0, 4)
        self.providers.setAccessibleName(self.tr("Hours per provider"))
        self.providers.setHorizontalHeaderLabels(
            [who, self.tr("Open hours"), self.tr("Booked hours"), self.tr("Booked share")]
        )
        head = self.providers.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the names take the room
        self.providers.verticalHeader().hide()
        self.providers.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(
            self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.clicked.connect(self.print_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(boxes)
        layout.addWidget(self.providers, 1)
        layout.addWidget(buttons)
        self.span.currentIndexChanged.connect(lambda _i: self.load())
        self.date_edit.dateChanged.connect(lambda _d: self.load())
        self.load()

    @property
    def week(self) -> bool:
        return self.span.currentIndex() == 1

    def days(self) -> tuple[date, date]:
        day = from_qdate(self.date_edit.date())
        return day_report.week_of(day) if self.week else (day, day)

    def title(self) -> str:
        first, last = self.days()
        if first == last:
            return self.tr("Report of %1").replace("%1", long_date(first))
        return (
            self.tr("Report of the week %1 to %2")
            .replace("%1", f"{first:%d/%m}")
            .replace("%2", f"{last:%d/%m/%Y}")
        )

    def load(self) -> None:
        first, last = self.days()
        self.setWindowTitle(self.title())
        self.heading.setText(self.title())
        held_from, held_to = far_days.held_days(self.desk.replica, self.today)
        if first < held_from or last > held_to:
            # Never a short report that looks whole: say what is missing.
            self.notice.setText(
                self.tr(
                    "This desk holds the days from %1 to %2: days outside them are not counted."
                )
                .replace("%1", f"{held_from:%d/%m/%Y}")
                .replace("%2", f"{held_to:%d/%m/%Y}")
            )
        self.notice.setVisible(first < held_from or last > held_to)
        self.report = None
        self.tasks.run(
            self.tasks.call(day_report.report, self.desk.replica, first, last), self._show
        )

    def _pairs(self, r: day_report.Report) -> list[tuple[QGroupBox, list[tuple[str, str]]]]:
        """Each group's lines as label and value, for the screen and the paper alike."""
        s = r.by_status
        # Counted, so plural: not the one booking's status label.
        kept = [
            (self.tr("Completed"), str(s[BookingStatus.COMPLETED])),
            (self.tr("No-shows"), str(s[BookingStatus.NO_SHOW])),
            (self.tr("Cancelled"), str(s[BookingStatus.CANCELLED])),
        ]
        still = sum(
            s[c]
            for c in (
                BookingStatus.REQUESTED,
                BookingStatus.CONFIRMED,
                BookingStatus.CHECKED_IN,
                BookingStatus.IN_SERVICE,
            )
        )
        w = r.walkins
        return [
            (
                self.bookings_box,
                [(self.tr("Booked"), str(r.booked)), *kept, (self.tr("Still open"), str(still))],
            ),
            (
                self.walkins_box,
                [
                    (self.tr("Tickets taken"), str(w.issued)),
                    (self.tr("Served"), str(w.served)),
                    (self.tr("Left or cancelled"), str(w.cancelled)),
                    (self.tr("Average wait"), minutes(w.average_wait)),
                    (self.tr("Longest wait"), minutes(w.longest_wait)),
                ],
            ),
            (
                self.takings_box,
                [
                    *[
                        (payment_method(m), money(v, r.currency))
                        for m, v in r.takings_by_method.items()
                    ],
                    (self.tr("Total"), money(r.takings_total, r.currency)),
                ],
            ),
        ]

    def _provider_cells(self, p: day_report.ProviderHours) -> tuple[str, str, str, str]:
        share = "—" if p.share is None else f"{p.share:.0%}"
        return (p.name, hours(p.open), hours(p.booked), share)

    def _show(self, r: day_report.Report) -> None:
        if (r.first, r.last) != self.days():
            return  # an older answer, for a date since changed
        self.report = r
        for box, pairs in self._pairs(r):
            grid = box.layout()
            assert isinstance(grid, QGridLayout)
            while grid.count():
                old = grid.takeAt(0)
                if old is not None and (widget := old.widget()) is not None:
                    widget.deleteLater()
            for i, (label, value) in enumerate(pairs):
                grid.addWidget(QLabel(label), i, 0)
                shown = QLabel(value)
                shown.setAlignment(RIGHT)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(shown, i, 1)
        self.providers.setRowCount(len(r.providers))
        for i, p in enumerate(r.providers):
            for j, text in enumerate(self._provider_cells(p)):
                item = QTableWidgetItem(text)
                if j:
                    item.setTextAlignment(RIGHT)
                self.providers.setItem(i, j, item)

    def document(self) -> QTextDocument:
        """The report on paper: the same figures, data escaped, never markup."""
        assert self.report is not None
        parts = [f"<h2>{escape(self.biz.name)}</h2><h3>{escape(self.title())}</h3>"]
        if self.notice.isVisible():
            parts.append(f"<p><i>{escape(self.notice.text())}</i></p>")
        parts.append("<table cellpadding=8><tr>")
        for box, pairs in self._pairs(self.report):
            parts.append(f"<td valign=top><b>{escape(box.title())}</b><table cellpadding=2>")
            parts.extend(
                f"<tr><td>{escape(a)}</td><td align=right>{escape(b)}</td></tr>" for a, b in pairs
            )
            parts.append("</table></td>")
        parts.append("</tr></table><hr><table cellpadding=3 width=100%><thead><tr>")
        for j in range(self.providers.columnCount()):
            head = self.providers.horizontalHeaderItem(j)
            align = "right" if j else "left"
            parts.append(f"<th align={align}>{escape(head.text() if head else '')}</th>")
        parts.append("</tr></thead>")
        for p in self.report.providers:
            name, *figures = self._provider_cells(p)
            parts.append(
                f"<tr><td>{escape(name)}</td>"
                + "".join(f"<td align=right>{escape(x)}</td>" for x in figures)
                + "</tr>"
            )
        parts.append("</table>")
        doc = QTextDocument()
        doc.setHtml("".join(parts))
        return doc

    def print_report(self) -> None:
        from ui.desk.printing import print_document

        if self.report is not None:
            print_document(self.document(), self, self.windowTitle())
