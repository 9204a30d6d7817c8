"""Paper and files: the day's schedule to a printer or a PDF, a report, a booking .ics."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

# Not parent.tr(): that looks the text up under the parent's class, which lupdate
# cannot know, so the title stayed in English.
translate = QCoreApplication.translate


def pdf_printer(path: str | Path, landscape: bool = True) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
            QMarginsF(10, 10, 10, 10),
        )
    )
    return printer


def render_widget(widget: QWidget, printer: QPrinter, title: str) -> None:
    """The widget as it looks, scaled to fit one page under a title line."""
    painter = QPainter(printer)
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        painter.drawText(QRectF(0, 0, page.width(), 60), Qt.AlignmentFlag.AlignLeft, title)
        pixmap = widget.grab()
        scale = min(page.width() / pixmap.width(), (page.height() - 80) / pixmap.height())
        painter.translate(0, 80)
        painter.scale(scale, scale)
        painter.drawPixmap(0, 0, pixmap)
    finally:
        painter.end()


def print_widget(widget: QWidget, parent: QWidget, title: str) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    if QPrintDialog(printer, parent).exec():
        render_widget(widget, printer, title)


def save_widget_pdf(
    widget: QWidget, parent: QWidget, title: str, path: str | None = None
) -> str | None:
    if path is None:
        path, _ = QFileDialog.getSaveFileName(
            parent, translate("printing", "Save as PDF"), f"{title}.pdf", "PDF (*.pdf)"
        )
    if not path:
        return None
    render_widget(widget, pdf_printer(path), title)
    return path


def print_document(doc: QTextDocument, parent: QWidget, title: str) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    if QPrintDialog(printer, parent).exec():
        doc.print_(printer)


def save_text(parent: QWidget, suggested: str, text: str, filters: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, translate("printing", "Save"), suggested, filters)
    if not path:
        return None
    Path(path).write_text(text, encoding="utf-8", newline="")
    return path
