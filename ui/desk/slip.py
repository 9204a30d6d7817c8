"""A booking's slip: painted by Qt for the screen, the printer or a PDF, with the QR
code the kiosk's reader takes, and sent by WhatsApp or email.

What it says and the links are `app.slip`'s; this paints and opens them. Everything
comes from the replica, so it works offline (a booking still waiting to reach the
server has no code yet, and its slip says so instead of showing a QR).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPixmap,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import slip as slips
from app.desk import Desk
from app.icalendar import booking_ics
from app.schedule import business
from app.slip import Slip, SlipWords
from ui.common.labels import long_date
from ui.common.qr import paint_qr
from ui.common.tasks import Tasks
from ui.common.terms import terms
from ui.desk import printing
from ui.desk.customers import plain_label

SLIP_MM = (105.0, 148.0)  # A6: a quarter of a sheet, or a slip from a label printer
PREVIEW_W = 360


def slip_words(vertical: str) -> SlipWords:
    """The slip's labels in the desk's language, the provider in the business's word.
    Literal translate() calls, so that lupdate finds every one."""
    return SlipWords(
        when=QCoreApplication.translate("slip", "Date"),
        time=QCoreApplication.translate("slip", "Time"),
        provider=terms(vertical).Provider,
        service=QCoreApplication.translate("slip", "Service"),
        address=QCoreApplication.translate("slip", "Address"),
        code=QCoreApplication.translate("slip", "Booking code"),
        no_code=QCoreApplication.translate("slip", "given when this desk reaches the server"),
        check_in=QCoreApplication.translate(
            "slip", "When you arrive, scan the QR code or type the booking code at the kiosk."
        ),
    )


def day_text(slip: Slip) -> str:
    return long_date(slip.start.date())


def paint_slip(p: QPainter, area: QRectF, slip: Slip, words: SlipWords) -> None:
    """The slip in `area` (device units, A6's proportions): one layout for paper and
    screen, measured in "millimetres" of an A6 sheet."""
    unit = area.height() / SLIP_MM[1]
    w = area.width()
    margin = 7 * unit
    p.fillRect(area, QColor("white"))

    def text(
        x: float,
        y: float,
        width: float,
        height: float,
        size: float,
        value: str,
        *,
        bold: bool = False,
        colour: str = "black",
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        spacing: float = 0,
        top: bool = False,
    ) -> None:
        font = QFont()
        font.setPixelSize(max(1, int(size * unit)))
        font.setBold(bold)
        if spacing:
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, spacing)
        p.setFont(font)
        p.setPen(QColor(colour))
        vertical = Qt.AlignmentFlag.AlignTop if top else Qt.AlignmentFlag.AlignVCenter
        flags = align | vertical | Qt.TextFlag.TextWordWrap
        p.drawText(
            QRectF(area.left() + x, area.top() + y * unit, width, height * unit), flags, value
        )

    text(margin, 5, w - 2 * margin, 10, 5.5, slip.business, bold=True)
    text(margin, 14, w - 2 * margin, 6, 3.6, slip.customer, colour="#333333")
    p.setPen(QColor("#999999"))
    p.drawLine(
        int(area.left() + margin),
        int(area.top() + 21 * unit),
        int(area.right() - margin),
        int(area.top() + 21 * unit),
    )
    label_w = 27 * unit
    value_x = margin + label_w
    value_w = w - value_x - margin
    y = 24.0
    for label, value in slips.slip_lines(slip, words, day_text(slip)):
        if label == words.code:
            continue  # the code has its own place, large, under its QR
        # As tall as the value wraps to (an address may take lines), at least a line.
        font = QFont()
        font.setPixelSize(max(1, int(3.8 * unit)))
        font.setBold(True)
        wrapped = QFontMetricsF(font).boundingRect(
            QRectF(0, 0, value_w, 1000 * unit), int(Qt.TextFlag.TextWordWrap), value
        )
        tall = max(7.0, wrapped.height() / unit + 2.5)
        text(margin, y, label_w, 5.5, 3.2, label, colour="#555555")
        text(value_x, y, value_w, tall, 3.8, value, bold=True, top=True)
        y += tall
    if slip.code:
        size = min(w * 0.55, 50 * unit)
        top = y + 5
        paint_qr(
            p,
            slips.qr_payload(slip.code),
            area.left() + (w - size) / 2,
            area.top() + top * unit,
            size,
        )
        below = top + size / unit
        text(
            0,
            below,
            w,
            9,
            7.5,
            slip.code,
            bold=True,
            align=Qt.AlignmentFlag.AlignHCenter,
            spacing=115,
        )
        text(
            margin,
            below + 9,
            w - 2 * margin,
            10,
            3.1,
            words.check_in,
            colour="#333333",
            align=Qt.AlignmentFlag.AlignHCenter,
        )
    else:
        text(margin, y + 6, label_w, 7, 3.2, words.code, colour="#555555")
        text(value_x, y + 6, w - value_x - margin, 11, 3.6, words.no_code)


def slip_image(slip: Slip, words: SlipWords, width: int = PREVIEW_W) -> QImage:
    """The slip as an image: the dialog's preview, and `make screenshots`."""
    height = round(width * SLIP_MM[1] / SLIP_MM[0])
    image = QImage(width, height, QImage.Format.Format_RGB32)
    p = QPainter(image)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_slip(p, QRectF(0, 0, width, height), slip, words)
    finally:
        p.end()
    return image


def slip_printer(printer: QPrinter | None = None) -> QPrinter:
    """A printer (or a new one) set to an A6 portrait page."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A6),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    return printer


def render_slip(slip: Slip, words: SlipWords, printer: QPrinter) -> bool:
    """The slip on the printer's page, as large as A6 fits on it. False when the
    printer (or the file) cannot be opened."""
    p = QPainter()
    if not p.begin(printer):
        return False
    try:
        page = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
        scale = min(page.width() / SLIP_MM[0], page.height() / SLIP_MM[1])
        area = QRectF(page.left(), page.top(), SLIP_MM[0] * scale, SLIP_MM[1] * scale)
        paint_slip(p, area, slip, words)
    finally:
        p.end()
    return True


def slip_pdf(slip: Slip, words: SlipWords, path: str | Path) -> bool:
    printer = slip_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(slip_stem(slip))
    printer.setCreator("Turnero")
    return render_slip(slip, words, printer)


def slip_stem(slip: Slip) -> str:
    return printing.file_stem(slip.business, slip.start.date(), slip.code or slip.customer)


class SlipDialog(QDialog):
    """The slip of one booking, to print, save as PDF, or send to the customer.

    `loaded` (for tests): done when the slip is read and shown.
    """

    def __init__(
        self,
        desk: Desk,
        tasks: Tasks,
        booking_id: str,
        parent: QWidget | None = None,
        send: bool = False,
    ) -> None:
        """`send`: opened to send it (the send buttons take the focus)."""
        super().__init__(parent)
        self.desk, self.tasks = desk, tasks
        self.slip: Slip | None = None
        self.words: SlipWords | None = None
        self.setWindowTitle(self.tr("Booking slip"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per booking opened
        self.preview = QLabel()
        self.preview.setAccessibleName(self.tr("Slip preview"))
        self.preview.setFixedSize(PREVIEW_W, round(PREVIEW_W * SLIP_MM[1] / SLIP_MM[0]))
        self.preview.setStyleSheet("border: 1px solid #b0b0b0; background: white;")
        self.print_button = QPushButton(self.tr("&Print…"))
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.whatsapp_button = QPushButton(self.tr("Send by &WhatsApp"))
        self.email_button = QPushButton(self.tr("Send by &email…"))
        self.note = plain_label(self.tr("Reading the booking…"))
        self.note.setWordWrap(True)
        self.note.setMinimumWidth(260)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side = QVBoxLayout()
        side.addWidget(plain_label(self.tr("On paper")))
        side.addWidget(self.print_button)
        side.addWidget(self.pdf_button)
        side.addSpacing(16)
        self.send_heading = plain_label(self.tr("To the customer"))
        side.addWidget(self.send_heading)
        side.addWidget(self.whatsapp_button)
        side.addWidget(self.email_button)
        side.addSpacing(12)
        side.addWidget(self.note)
        side.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        side.addWidget(buttons)
        row = QHBoxLayout(self)
        row.addWidget(self.preview)
        row.addLayout(side, 1)
        for b in (self.print_button, self.pdf_button, self.whatsapp_button, self.email_button):
            b.setEnabled(False)
        self.print_button.clicked.connect(self.print_slip)
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.whatsapp_button.clicked.connect(self.send_whatsapp)
        self.email_button.clicked.connect(lambda: self.send_email())
        self._send = send
        vertical = business(desk.replica).vertical  # the replica's tenant row: read once here
        self.loaded = tasks.run(
            tasks.call(slips.slip_of, desk.replica, booking_id),
            lambda found: self.show_slip(found, vertical),
        )

    def show_slip(self, found: Slip | None, vertical: str) -> None:
        if found is None:
            self.note.setText(self.tr("This booking is not on this desk."))
            return
        self.slip, self.words = found, slip_words(vertical)
        ratio = self.devicePixelRatio()  # sharp on a high-density screen too
        pixmap = QPixmap.fromImage(slip_image(found, self.words, round(PREVIEW_W * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        self.preview.setPixmap(pixmap)
        self.print_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        self.whatsapp_button.setEnabled(True)
        self.email_button.setEnabled(True)
        self.note.setText(
            ""
            if found.code
            else self.tr(
                "This booking has not reached the server yet: its code and QR come when "
                "the desk syncs."
            )
        )
        (self.whatsapp_button if self._send else self.print_button).setFocus()

    def message(self) -> str:
        assert self.slip is not None
        assert self.words is not None
        greeting = (
            self.tr("Hello %1, this is your booking:").replace("%1", self.slip.first_name)
            if self.slip.first_name
            else ""
        )
        return slips.message_text(self.slip, self.words, day_text(self.slip), greeting)

    def print_slip(self) -> bool:
        if self.slip is None or self.words is None:
            return False
        printer = printing.ask_printer(self, slip_stem(self.slip))
        if printer is None:
            return False
        return render_slip(self.slip, self.words, slip_printer(printer))

    def save_pdf(self, path: str | None = None) -> str | None:
        """Ask where (unless given), then write the PDF; its path, or None."""
        if self.slip is None or self.words is None:
            return None
        path = path or printing.ask_pdf_path(self, slip_stem(self.slip))
        if path is None:
            return None
        if not slip_pdf(self.slip, self.words, path):
            self.note.setText(self.tr("The PDF could not be written to %1.").replace("%1", path))
            return None
        self.note.setText(self.tr("Saved as %1").replace("%1", path))
        return path

    def send_whatsapp(self) -> bool:
        """WhatsApp with the message written, to the customer's phone (wa.me)."""
        if self.slip is None:
            return False
        url = slips.whatsapp_url(self.slip.phone, self.message(), self.slip.country)
        if url is None:
            self.note.setText(
                self.tr(
                    "This customer has no mobile phone on file. Add one with Customer… to "
                    "send the slip by WhatsApp."
                )
                if not self.slip.phone
                else self.tr("“%1” is not a phone number WhatsApp can use.").replace(
                    "%1", self.slip.phone
                )
            )
            return False
        opened = QDesktopServices.openUrl(QUrl.fromEncoded(url.encode()))
        self.note.setText(
            self.tr("WhatsApp opens with the message: press Send there.")
            if opened
            else self.tr("No browser or WhatsApp could be opened on this computer.")
        )
        return opened

    def send_email(self, ics_path: str | None = None) -> asyncio.Future[bool] | None:
        """The calendar file saved where staff choose (a mail link cannot attach it),
        then the mail program opened with the message; the file's folder is shown so
        it can be dragged in. The future (for tests) ends when both are done."""
        if self.slip is None or self.words is None:
            return None
        subject = self.tr("Your booking at %1").replace("%1", self.slip.business)
        url = slips.mailto_url(self.slip.email, subject, self.message())
        if url is None:
            self.note.setText(
                self.tr(
                    "This customer has no email address on file. Add one with Customer… to "
                    "send the slip by email."
                )
            )
            return None
        text = booking_ics(
            self.slip, self.slip.business, self.slip.provider, self.slip.address,
            code_label=self.tr("Code"),
        )  # fmt: skip
        path = ics_path or printing.ask_save_path(
            self, f"{self.slip.code or 'booking'}.ics", "iCalendar (*.ics)"
        )
        if path is None:
            return None

        async def go() -> bool:
            written = await self.tasks.call(printing.write_text, path, text)
            opened = QDesktopServices.openUrl(QUrl.fromEncoded(url.encode()))
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(written).parent)))
            self.note.setText(
                (
                    self.tr(
                        "Your mail program opens with the message. Attach the calendar file "
                        "yourself: a mail link cannot attach files. It is saved as %1."
                    )
                    if opened
                    else self.tr("No mail program could be opened. The calendar file is %1.")
                ).replace("%1", written)
            )
            return opened

        return self.tasks.run(go(), None, lambda exc: self.note.setText(str(exc)))
