"""The cash close on paper: the till's day, per method what was expected, counted and
the difference, and the note. Data goes in escaped, never as markup."""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from app.cash import TillDay
from app.domain.cash import METHODS
from ui.common.labels import money, payment_method


def close_document(business: str, till: TillDay, tz: ZoneInfo, desk_name: str) -> QTextDocument:
    """`tz`: the business's zone, for the times; `desk_name`: how staff call this PC."""
    cur = till.currency
    title = QCoreApplication.translate("cash_report", "Cash close of %1").replace(
        "%1", f"{till.day:%d/%m/%Y}"
    )
    parts = [f"<h2>{escape(business)}</h2>", f"<h3>{escape(title)}</h3>"]
    facts = [
        (QCoreApplication.translate("cash_report", "Desk"), desk_name),
        (QCoreApplication.translate("cash_report", "Float"), money(till.float_minor, cur)),
    ]
    if till.opened_at is not None:
        facts.append(
            (
                QCoreApplication.translate("cash_report", "Opened"),
                f"{till.opened_at.astimezone(tz):%H:%M}",
            )
        )
    if till.closed_at is not None:
        facts.append(
            (
                QCoreApplication.translate("cash_report", "Closed"),
                f"{till.closed_at.astimezone(tz):%H:%M}",
            )
        )
    parts.append("<table cellpadding=3>")
    parts += [f"<tr><td>{escape(a)}</td><td>{escape(b)}</td></tr>" for a, b in facts]
    parts.append("</table><hr><table cellpadding=4 width=100%><thead><tr>")
    heads = [
        QCoreApplication.translate("cash_report", "Method"),
        QCoreApplication.translate("cash_report", "Expected"),
        QCoreApplication.translate("cash_report", "Counted"),
        QCoreApplication.translate("cash_report", "Difference"),
    ]
    parts.append(
        f"<th align=left>{escape(heads[0])}</th>"
        + "".join(f"<th align=right>{escape(h)}</th>" for h in heads[1:])
        + "</tr></thead>"
    )
    expected = till.expected or {}
    counted = till.counted or {}
    diffs = till.differences() or {}
    for m in METHODS:
        cells = [
            money(expected.get(m, 0), cur),
            money(counted[m], cur) if m in counted else "",
            money(diffs[m], cur) if m in diffs else "",
        ]
        parts.append(
            f"<tr><td>{escape(payment_method(m))}</td>"
            + "".join(f"<td align=right>{escape(c)}</td>" for c in cells)
            + "</tr>"
        )
    parts.append("</table>")
    if till.note:
        note = QCoreApplication.translate("cash_report", "Note")
        parts.append(f"<p><b>{escape(note)}:</b> {escape(till.note)}</p>")
    if not till.closed:
        still = QCoreApplication.translate("cash_report", "Not closed yet.")
        parts.append(f"<p><i>{escape(still)}</i></p>")
    doc = QTextDocument()
    doc.setHtml("".join(parts))
    return doc
