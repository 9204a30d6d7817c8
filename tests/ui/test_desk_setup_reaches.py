"""What an administrator sets up in the desk holds on every other desk at once: a new
service's buffers and a new provider's hours and break shape a receptionist's next
booking, judged on her own desk before the server is asked."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest

from app.domain.errors import DomainError
from app.domain.timezones import local_to_utc
from server.demo import ADMIN_EMAIL
from tests.helpers.deskui import wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from tests.ui.test_desk_setup import open_setup, settle_dialog
from ui.desk.setup.common import ImpactDialog


def test_a_service_and_provider_set_up_by_the_admin_shape_receptions_next_bookings(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    _admin_app, admin = desks.open(demo_server, name="admin", email=ADMIN_EMAIL)
    reception_app, _reception = desks.open(demo_server, name="reception")
    reception = reception_app.desk
    assert reception is not None
    dialog = open_setup(run, admin)

    # A 20-minute service that needs 10 minutes after each visit.
    services = dialog.services
    services.table.clearSelection()
    services.name.setText("Control breve")
    services.duration.setValue(20)
    services.after.setValue(10)
    services.price.setText("9,000")
    services.new_button.click()
    run(settle_dialog(dialog))
    service = next(s for s in dialog.ctx.services if s.name == "Control breve")

    # A provider who gives it, on Mondays 09:00-13:00 with a break at 11:00.
    providers = dialog.providers
    providers.table.clearSelection()
    providers.name.setText("Dra. Nueva")
    for i in range(providers.services.count()):
        item = providers.services.item(i)
        if item.text() == "Control breve":
            item.setCheckState(item.checkState().Checked)
    providers.new_button.click()
    run(settle_dialog(dialog))
    assert providers.error.text() == "Saved."
    provider = next(p for p in dialog.ctx.providers if p.display_name == "Dra. Nueva")
    hours = dialog.hours
    hours.provider.setCurrentIndex(hours.provider.findData(provider.provider_id))
    run(wait_until(lambda: hours.shown is not None, what="the hours"))
    run(settle_dialog(dialog))
    for weekday in range(7):
        hours.days[weekday].setText("09:00-13:00" if weekday == 0 else "")
        hours.breaks[weekday].setText("11:00-11:30" if weekday == 0 else "")
    hours.save_button.click()
    run(settle_dialog(dialog))
    if isinstance(hours.impact, ImpactDialog):  # a new provider has nothing to break
        hours.impact.accept()
        run(settle_dialog(dialog))
    assert hours.error.text() == "Saved."
    dialog.close()

    # Reception's desk hears of both without being asked.
    pid, sid = str(provider.provider_id), str(service.service_id)
    run(
        wait_until(
            lambda: any(h["provider_id"] == pid for h in reception.replica.all("provider_hours")),
            what="the new hours at reception",
        )
    )
    tz = reception_app.window.biz.time_zone if reception_app.window else None
    assert tz is not None
    monday = demo_instant.astimezone(tz).date() + timedelta(days=7)
    monday -= timedelta(days=monday.weekday())
    customer = reception.replica.all("customer")[0]["customer_id"]

    def book(hhmm: str) -> dict[str, Any]:
        hour, minute = map(int, hhmm.split(":"))
        start = local_to_utc(monday, datetime.min.time().replace(hour=hour, minute=minute), tz)
        args = {
            "booking_id": str(uuid.uuid4()),
            "provider_id": pid,
            "service_id": sid,
            "customer_id": customer,
            "start_at": start.isoformat(),
        }
        return reception.submit("booking.create", args)

    book("09:00")
    with pytest.raises(DomainError) as buffer:
        book("09:20")  # the 10 minutes after the first visit are the provider's
    assert buffer.value.field == "start_at"
    book("09:30")
    with pytest.raises(DomainError) as lunch:
        book("11:00")
    assert lunch.value.field == "start_at"
    with pytest.raises(DomainError):
        book("08:30")  # before the day's hours
