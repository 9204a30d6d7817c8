"""The walk-in ticket on paper: the number, the service, the estimated wait and a QR
code carrying the ticket's id, printed (QtPrintSupport) or, with no printer, saved as
a PDF. segno makes the QR matrix (pure Python, well kept); Qt paints it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from app.kiosk import Ticket
from app.private_files import private_file, private_folder
from ui.common.qr import paint_qr

TICKET_MM = (80, 120)  # a receipt printer's roll


def wait_text(wait: timedelta) -> str:
    minutes = int(wait.total_seconds() // 60)
    return f"~{minutes} min" if minutes < 60 else f"~{minutes // 60} h {minutes % 60:02d} min"


def paint_ticket(
    p: QPainter, area: QRectF, ticket: Ticket, business: str, tz: ZoneInfo, texts: dict[str, str]
) -> None:
    """Paint the ticket into `area` (device units): one layout for paper and screen."""
    w, h = area.width(), area.height()
    unit = h / 120  # one "millimetre" of the layout
    p.fillRect(area, QColor("white"))
    p.setPen(QColor("black"))

    def text(y: float, height: float, size: float, value: str, bold: bool = False) -> None:
        font = QFont()
        font.setPixelSize(max(1, int(size * unit)))
        font.setBold(bold)
        p.setFont(font)
        p.drawText(
            QRectF(area.left(), area.top() + y * unit, w, height * unit),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            value,
        )

    text(4, 8, 5, business, bold=True)
    text(14, 6, 4, texts["your_number"])
    text(20, 24, 20, ticket.label, bold=True)
    text(46, 7, 4.5, ticket.service)
    if ticket.wait is not None:  # no estimate (nobody free today): no line, not a dash
        text(54, 7, 4.5, f"{texts['wait']}: {wait_text(ticket.wait)}")
    text(61, 6, 3.5, f"{ticket.issued_at.astimezone(tz):%d/%m/%Y %H:%M}")
    size = min(w * 0.55, 46 * unit)
    left, top = area.left() + (w - size) / 2, area.top() + 68 * unit
    paint_qr(p, f"turnero:ticket:{ticket.ticket_id}", left, top, size, quiet=1)


def ticket_image(ticket: Ticket, business: str, tz: ZoneInfo, texts: dict[str, str]) -> QImage:
    """The ticket as an image (the screen's preview, and `make screenshots`)."""
    image = QImage(480, 720, QImage.Format.Format_RGB32)
    p = QPainter(image)
    try:
        paint_ticket(p, QRectF(0, 0, 480, 720), ticket, business, tz, texts)
    finally:
        p.end()
    return image


def print_ticket(
    ticket: Ticket, business: str, tz: ZoneInfo, texts: dict[str, str], pdf_folder: Path
) -> str:
    """On the default printer if there is one; else a PDF in `pdf_folder`. Returns
    the printer's name or the PDF's path."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QSizeF(*TICKET_MM), QPageSize.Unit.Millimeter, "ticket"))
    default = QPrinterInfo.defaultPrinter()
    where: str
    if default.isNull():
        # Private like the kiosk's other files; Qt truncates it, keeping its mode.
        where = str(private_file(private_folder(pdf_folder) / f"ticket-{ticket.label}.pdf"))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(where)
    else:
        printer.setPrinterName(default.printerName())
        where = default.printerName()
    p = QPainter(printer)
    try:
        paint_ticket(
            p, QRectF(printer.pageRect(QPrinter.Unit.DevicePixel)), ticket, business, tz, texts
        )
    finally:
        p.end()
    return where
