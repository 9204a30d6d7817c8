"""Paper and files: the day's schedule to a printer or a PDF, a report, a booking .ics.

The day is printed as a document built from the day's data (every provider, every
booking), not as a picture of the screen: the screen shows a scrolled part of the day,
a selection and the current time, none of which belong on paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from app.schedule import Column, DayPlan, Interval
from ui.common.labels import booking_status, long_date


@dataclass(frozen=True)
class Printout:
    """A document and what every page says above it: who and when."""

    document: QTextDocument
    business: str
    heading: str  # the date, or the provider and the week
    name: str  # the print job's name, and the PDF's title


def pdf_printer(path: str | Path, landscape: bool = True) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
            QMarginsF(12, 12, 12, 12),
        )
    )
    return printer


# -- the schedule as a document ------------------------------------------------------------

STYLE = """
th { text-align: left; }
th.title { background-color: #dde3ea; font-size: 11.5pt; padding: 5px; }
th.heads { background-color: #f0f0f0; }
span.hours { font-size: 9pt; font-weight: normal; color: #333333; }
td.none { color: #666666; font-style: italic; }
p.gap { font-size: 6pt; margin: 0px; }
"""
# The same columns in every table, so the page reads as one list.
WIDTHS = (12, 27, 27, 14, 20)


def _span(iv: Interval, tz: ZoneInfo) -> str:
    return f"{iv[0].astimezone(tz):%H:%M}–{iv[1].astimezone(tz):%H:%M}"


def _hours_line(column: Column, tz: ZoneInfo) -> str:
    """ "Hours 08:00–12:00, 13:00–17:00 · Break 10:30–10:45 · Away 14:00–17:00"."""
    parts = []
    if column.work:
        spans = ", ".join(_span(iv, tz) for iv in column.work)
        parts.append(QCoreApplication.translate("printing", "Hours %1").replace("%1", spans))
    else:
        parts.append(QCoreApplication.translate("printing", "Not working this day"))
    if column.breaks:
        spans = ", ".join(_span(iv, tz) for iv in column.breaks)
        parts.append(QCoreApplication.translate("printing", "Break %1").replace("%1", spans))
    if column.away:
        spans = ", ".join(_span(iv, tz) for iv in column.away)
        parts.append(QCoreApplication.translate("printing", "Away %1").replace("%1", spans))
    return " · ".join(parts)


def _section(title: str, column: Column, tz: ZoneInfo, first: bool) -> str:
    """A provider's (or a day's) table. Its title and column names are header rows, so
    a table that runs onto the next page says again whose list it is."""
    heads = (
        QCoreApplication.translate("printing", "Time"),
        QCoreApplication.translate("printing", "Customer"),
        QCoreApplication.translate("printing", "Service"),
        QCoreApplication.translate("printing", "Status"),
        QCoreApplication.translate("printing", "Notes"),
    )
    out = [
        "" if first else "<p class=gap>&nbsp;</p>",
        "<table width=100% border=1 cellspacing=0 cellpadding=4"
        " style='border-collapse: collapse; border-color: #999999'><thead>",
        f"<tr><th class=title colspan={len(heads)}>{escape(title)}&nbsp;&nbsp; "
        f"<span class=hours>{escape(_hours_line(column, tz))}</span></th></tr>",
    ]
    if not column.blocks:
        none = QCoreApplication.translate("printing", "No bookings")
        out.append(f"</thead><tr><td class=none colspan={len(heads)}>{escape(none)}</td></tr>")
        out.append("</table>")
        return "".join(out)
    out.append(
        "<tr>"
        + "".join(
            f"<th class=heads width={w}%>{escape(h)}</th>"
            for h, w in zip(heads, WIDTHS, strict=True)
        )
        + "</tr></thead>"
    )
    for b in sorted(column.blocks, key=lambda b: (b.start, b.booking_id)):
        status = booking_status(b.status)
        if b.pending:
            status += QCoreApplication.translate("printing", " (waiting to sync)")
        cells = (
            escape(_span((b.start, b.end), tz)),
            escape(b.customer),
            escape(b.service),
            escape(status),
            escape(b.notes),
        )
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _document(sections: Sequence[tuple[str, Column]], tz: ZoneInfo) -> QTextDocument:
    doc = QTextDocument()
    font = QFont(doc.defaultFont())
    font.setPointSizeF(9.5)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(STYLE)
    doc.setHtml("".join(_section(title, c, tz, i == 0) for i, (title, c) in enumerate(sections)))
    return doc


def file_stem(business: str, first: date, provider: str = "") -> str:
    """ "Clínica San Martín 2026-11-26": a file name to suggest, with no folder in it."""
    name = " ".join(p for p in (business, provider, f"{first:%Y-%m-%d}") if p)
    return "".join("-" if ch in '/\\:*?"<>|' else ch for ch in name).strip()


def day_printout(business: str, plan: DayPlan) -> Printout:
    """Every provider of the day with every booking, in the order of the schedule."""
    return Printout(
        _document([(c.name, c) for c in plan.columns], plan.tz),
        business,
        long_date(plan.day),
        file_stem(business, plan.day),
    )


def week_printout(business: str, provider: str, plans: Sequence[DayPlan]) -> Printout:
    """One provider's week, a section per day."""
    first, last = plans[0].day, plans[-1].day
    heading = (
        QCoreApplication.translate("printing", "%1 · week of %2 to %3")
        .replace("%1", provider)
        .replace("%2", f"{first:%d/%m}")
        .replace("%3", f"{last:%d/%m/%Y}")
    )
    return Printout(
        _document([(long_date(p.day), p.columns[0]) for p in plans if p.columns], plans[0].tz),
        business,
        heading,
        file_stem(business, first, provider),
    )


# -- onto paper ------------------------------------------------------------------------------


def render(printout: Printout, printer: QPrinter) -> bool:
    """The document page by page, each under a header (business, date) and above its
    page number. False when the printer (or the file) cannot be opened."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        doc = printout.document
        layout = doc.documentLayout()
        layout.setPaintDevice(printer)  # type set in points comes out the same size
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        width, height = float(area.width()), float(area.height())
        small = QFont(doc.defaultFont())
        small.setPointSizeF(9)
        bold = QFont(small)
        bold.setBold(True)
        line = QFontMetricsF(small, printer).height()
        top, bottom = line * 2.2, line * 1.8
        body = height - top - bottom
        doc.setPageSize(QSizeF(width, body))
        pages = doc.pageCount()
        rule = QPen(Qt.GlobalColor.gray)
        rule.setWidthF(printer.resolution() / 96)
        for page in range(pages):
            if page:
                printer.newPage()
            painter.setFont(bold)
            painter.drawText(
                QRectF(0, 0, width, line), Qt.AlignmentFlag.AlignLeft, printout.business
            )
            painter.setFont(small)
            painter.drawText(
                QRectF(0, 0, width, line), Qt.AlignmentFlag.AlignRight, printout.heading
            )
            painter.setPen(rule)
            painter.drawLine(0, int(line * 1.4), int(width), int(line * 1.4))
            painter.setPen(QPen(Qt.GlobalColor.black))
            painter.save()
            painter.translate(0, top - page * body)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * body, width, body)
            painter.setClipRect(context.clip)  # the layout draws whole lines past the clip
            layout.draw(painter, context)
            painter.restore()
            painter.drawText(
                QRectF(0, height - line, width, line),
                Qt.AlignmentFlag.AlignHCenter,
                QCoreApplication.translate("printing", "Page %1 of %2")
                .replace("%1", str(page + 1))
                .replace("%2", str(pages)),
            )
    finally:
        painter.end()
    return True


def printout_pdf(printout: Printout, path: str | Path) -> bool:
    printer = pdf_printer(path, landscape=False)
    printer.setDocName(printout.name)
    printer.setCreator("Turnero")
    return render(printout, printer)


def ask_printer(parent: QWidget, title: str) -> QPrinter | None:
    """The system's print dialog; the printer the user chose, or None."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    if QPrintDialog(printer, parent).exec():
        return printer
    return None


def ask_pdf_path(parent: QWidget, stem: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("printing", "Save as PDF"),
        f"{stem}.pdf",
        QCoreApplication.translate("printing", "PDF documents (*.pdf)"),
    )
    if not path:
        return None
    return path if path.lower().endswith(".pdf") else f"{path}.pdf"


def print_document(doc: QTextDocument, parent: QWidget, title: str) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    if QPrintDialog(printer, parent).exec():
        doc.print_(printer)


def ask_save_path(parent: QWidget, suggested: str, filters: str) -> str | None:
    """Where to save a file, asked with Qt's dialog; None if staff cancel. The writing
    is the caller's, on the worker thread: a slow or network disk never freezes the desk."""
    # Not parent.tr(): that looks the text up under the parent's class, which lupdate
    # cannot know, so the title stayed in English.
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("printing", "Save"), suggested, filters
    )
    return path or None


def write_text(path: str, text: str) -> str:
    """Blocking: run it on the worker (Tasks.call). Lines exactly as given (CRLF in .ics)."""
    Path(path).write_text(text, encoding="utf-8", newline="")
    return path
