"""The customer's profile labels and edits every detail (phone, DNI, email, date of
birth, notes) through the customer.update change, which the server validates too; the
new-customer form takes a date of birth (the kiosk checks in by it)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget
from sqlalchemy import Engine, select

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import Customer
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from ui.desk.customers import CustomerProfileDialog, NewCustomerDialog


def labelled(dialog: QWidget) -> dict[str, QWidget]:
    """Each field of the dialog's form by the label shown beside it."""
    [form] = dialog.findChildren(QFormLayout)
    found = {}
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is not None and field is not None:
            text = label.widget()
            assert isinstance(text, QLabel)
            widget = field.widget()
            assert widget is not None
            found[text.text().replace("&", "")] = widget
    return found


def stored(engine: Engine, customer_id: str) -> Customer:
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        found = s.scalars(
            select(Customer).where(Customer.customer_id == uuid.UUID(customer_id))
        ).one()
        s.expunge(found)
        return found


def test_the_profile_labels_each_detail_and_saves_every_one(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    customer_id = app.desk.replica.all("customer")[7]["customer_id"]
    before = stored(demo_store, customer_id)
    dialog = CustomerProfileDialog(app.desk, app.tasks, customer_id, window)
    run(settle(app))
    fields = labelled(dialog)
    assert list(fields) == ["Phone", "DNI", "Email", "Date of birth", "Notes"]
    assert dialog.phone.text() == before.phone
    assert dialog.dni.text() == before.national_id
    assert before.date_of_birth is not None
    assert dialog.birth.text() == f"{before.date_of_birth:%d/%m/%Y}"

    dialog.phone.setText("4567-8901")  # no area code: refused here, nothing queued
    dialog.save()
    run(settle(app))
    assert dialog.error.text() == (
        "The phone is not valid: write it with its area code, e.g. 11 4567-8901."
    )
    assert app.desk.status().pending == 0

    dialog.phone.setText("11 4567-8902")
    dialog.dni.setText("29.876.543")
    dialog.email.setText("Nueva@Example.com")
    dialog.birth.setText("17/05/1980")
    dialog.notes.setPlainText("Avisar por WhatsApp")
    dialog.save()
    run(synced(app))
    after = stored(demo_store, customer_id)
    assert (after.phone, after.national_id, after.email, after.date_of_birth, after.notes) == (
        "+541145678902",
        "29876543",
        "nueva@example.com",
        date(1980, 5, 17),
        "Avisar por WhatsApp",
    )
    assert after.first_name == before.first_name


def test_a_new_customer_is_made_with_a_date_of_birth(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    dialog = NewCustomerDialog(app.desk, app.tasks, "", window)
    assert list(labelled(dialog)) == [
        "First name",
        "Last name",
        "Phone",
        "DNI",
        "Email",
        "Date of birth",
    ]
    made: list[str] = []
    dialog.created.connect(lambda cid, _name: made.append(cid))
    dialog.first.setText("Julia")
    dialog.last.setText("Ferro")
    dialog.phone.setText("011 15 4444-0000")
    dialog.birth.setText("31/02/1990")  # no such day
    dialog.save()
    run(settle(app))
    assert dialog.error.text() == "Type the date as day/month/year, e.g. 17/05/1980."
    assert not made
    dialog.birth.setText("02/03/1990")
    dialog.save()
    run(wait_until(lambda: made, what="the customer made"))
    run(synced(app))
    new = stored(demo_store, made[0])
    assert (new.first_name, new.phone, new.date_of_birth) == (
        "Julia",
        "+5491144440000",
        date(1990, 3, 2),
    )


def test_no_label_cuts_its_last_letter(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    """A label with a mnemonic ("&Teléfono") is drawn in two runs, the underlined letter
    apart; it must be as wide as that, or its last letter is cut ("Teléfonc")."""
    app, window = desks.open(demo_server, language="es-AR")
    assert app.desk is not None
    customer_id = app.desk.replica.all("customer")[7]["customer_id"]
    dialog = CustomerProfileDialog(app.desk, app.tasks, customer_id, window)
    dialog.show()
    run(settle(app))
    labels = [w for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    assert labels
    for label in labels:
        text = label.text()
        at = text.index("&")
        metrics = label.fontMetrics()
        runs = [text[:at], text[at + 1], text[at + 2 :]]
        drawn = sum(metrics.horizontalAdvance(r) for r in runs if r)
        assert label.width() >= drawn, text
