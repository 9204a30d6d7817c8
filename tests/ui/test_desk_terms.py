"""The desk speaks the business's words: "paciente" and "profesional" at a clinic,
"cliente" and "barbero" at a barbershop, from the vertical the setup names; the Alt
letters of a dialog stay apart whatever the words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
from PySide6.QtWidgets import QAbstractButton, QFormLayout, QLabel

from server.demo import ADMIN_EMAIL, DEMO_PASSWORD
from tests.helpers.deskui import wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from tests.ui.test_desk_mnemonics import mnemonic
from ui.desk.booking_dialog import BookingDialog


def form_labels(dialog: BookingDialog) -> list[str]:
    form = dialog.form
    labels = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel):
            labels.append(label.text())
    return labels


def alt_letters(dialog: BookingDialog) -> list[str]:
    texts = form_labels(dialog) + [b.text() for b in dialog.findChildren(QAbstractButton)]
    return [f"{k}:{t}" for t in texts if (k := mnemonic(t)) is not None]


def test_the_booking_dialog_names_people_as_the_business_does(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    app, window = desks.open(demo_server, language="es-AR")
    assert app.desk is not None
    day = demo_instant.astimezone(window.biz.time_zone).date()
    clinic = BookingDialog(app.desk, app.tasks, day=day)
    labels = [t.replace("&", "") for t in form_labels(clinic)]
    assert labels[0] == "Paciente"
    assert "Profesional" in labels
    assert clinic.provider.itemText(0) == "Cualquier profesional"
    assert clinic.picker.new_button.text().replace("&", "") == "Nuevo paciente…"
    letters = alt_letters(clinic)
    assert len(letters) == len({x.split(":")[0] for x in letters}), " ".join(sorted(letters))
    clinic.close()

    # The administrator makes it a barbershop: the desk hears it and says so.
    with httpx.Client(base_url=demo_server.base_url) as http:
        signed = http.post("/auth/sign-in", json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD})
        admin = {"Authorization": f"Bearer {signed.json()['access_token']}"}
        changed = http.patch("/setup/tenant", headers=admin, json={"vertical": "barbershop"})
        assert changed.status_code == 200, changed.text
    replica = app.desk.replica
    run(
        wait_until(
            lambda: replica.all("tenant")[0].get("vertical") == "barbershop",
            what="the business's new kind",
        )
    )
    shop = BookingDialog(app.desk, app.tasks, day=day)
    labels = [t.replace("&", "") for t in form_labels(shop)]
    assert labels[0] == "Cliente"
    assert "Barbero" in labels
    assert shop.provider.itemText(0) == "Cualquier barbero"
    letters = alt_letters(shop)
    assert len(letters) == len({x.split(":")[0] for x in letters}), " ".join(sorted(letters))
    shop.close()


def test_in_english_too_the_words_are_the_clinics_and_alt_letters_stay_apart(
    desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    app, window = desks.open(demo_server, language="en")
    assert app.desk is not None
    day = demo_instant.astimezone(window.biz.time_zone).date()
    dialog = BookingDialog(app.desk, app.tasks, day=day)
    labels = [t.replace("&", "") for t in form_labels(dialog)]
    assert labels[0] == "Patient"
    assert "Practitioner" in labels
    assert dialog.provider.itemText(0) == "Any practitioner"
    letters = alt_letters(dialog)
    assert len(letters) == len({x.split(":")[0] for x in letters}), " ".join(sorted(letters))
    dialog.close()
