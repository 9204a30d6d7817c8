"""A desk for each role, and days beyond the replica: a provider's desk shows their
own day and column only; a date past the replica's window is read and booked on the
server online and refused plainly offline; a customer's whole history and a whole
weekly series come from the server."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

import httpx
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from sqlalchemy import Engine, select

from app.domain.timezones import local_to_utc
from app.sync.scope import DESK_DAYS_AHEAD, DESK_DAYS_BACK
from server.db.engine import ALL_TENANTS, make_session_factory
from server.demo import DEMO_PASSWORD, PROVIDER_EMAIL, RECEPTION_EMAIL
from server.models import Booking, Customer
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from tests.ui.test_desk_flow import server_booking
from ui.desk.booking_dialog import BookingDialog
from ui.desk.customers import CustomerProfileDialog
from ui.desk.window import DeskWindow


def staff_headers(server: LiveServer, email: str = RECEPTION_EMAIL) -> dict[str, str]:
    answer = httpx.post(
        f"{server.base_url}/auth/sign-in", json={"email": email, "password": DEMO_PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def menu_actions(title: QAction) -> list[QAction]:
    menu = title.menu()
    return menu.actions() if isinstance(menu, QMenu) else []


def table_codes(dialog: CustomerProfileDialog) -> list[str]:
    """The booking codes the history table lists."""
    items = [dialog.table.item(i, 3) for i in range(dialog.table.rowCount())]
    return [i.text() for i in items if i is not None]


def weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def working_provider(window: DeskWindow) -> str:
    """A provider who works on the day shown (and so can be booked then)."""
    return next(vc.column.provider_id for vc in window.model.columns if vc.column.work)


def test_a_providers_desk_shows_only_their_day_and_column(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine
) -> None:
    reception_app, reception = desks.open(demo_server, "reception")
    app, window = desks.open(demo_server, "provider", email=PROVIDER_EMAIL)
    assert app.desk is not None
    own = app.desk.account.provider_id
    assert own
    assert window.role.is_provider
    # Their day, under their words; one column, theirs, with their patients named.
    assert window.mode.currentText() == "My day"
    assert [vc.column.provider_id for vc in window.model.columns] == [own]
    assert len(reception.model.columns) > 1  # the business has others, not shown here
    assert window.panel.empty.text() == "Click a booking to see it here."  # not "to book"
    day = window.day
    while not window.model.columns[0].column.blocks:  # their next day of work
        day += timedelta(days=1)
        window.go_to(day)
        reception.go_to(day)
        run(settle(app))
        run(settle(reception_app))
        assert window.model.columns[0].column.provider_id == own
    blocks = window.model.columns[0].column.blocks
    assert blocks
    assert all(b.customer for b in blocks)
    ours = {b.booking_id for vc in reception.model.columns for b in vc.column.blocks} & {
        b.booking_id for b in blocks
    }
    assert ours == {b.booking_id for b in blocks}
    # Nothing of the front desk: no booking, no walk-ins, no takings, no moving.
    assert not window.new_button.isVisible()
    assert window.side.indexOf(window.walkins) == -1
    assert not window.view.movable
    actions = [a for title in window.menuBar().actions() for a in menu_actions(title)]
    hidden = {a.text() for a in actions if not a.isVisible()}
    assert {"&Takings of the day…", "&New booking…", "&Payment…", "&Arrived"} <= hidden
    visible_menu = {a.text() for a in actions if a.isVisible()}
    assert "&Start" in visible_menu
    window._slot_activated(0, blocks[0].start)  # double-click on free time books nobody
    assert window.new_booking_here() is None
    run(settle(app))
    assert window.findChildren(BookingDialog) == []
    window.mode.setCurrentIndex(1)
    run(settle(app))
    assert [window.week_provider.itemData(i) for i in range(window.week_provider.count())] == [own]
    assert not window.week_provider.isVisible()
    assert {vc.column.provider_id for vc in window.model.columns} == {own}
    window.mode.setCurrentIndex(0)
    run(settle(app))
    # A patient of theirs: who, their standing notes, whether they are here; and
    # starting them.
    waiting = next(b for b in blocks if b.status in ("confirmed", "checked_in"))
    noted = httpx.patch(
        f"{demo_server.base_url}/customers/{waiting.customer_id}",
        json={"notes": "Alergia a la penicilina"},
        headers=staff_headers(demo_server),
    )
    assert noted.status_code == 200, noted.text
    replica = app.desk.replica
    run(
        wait_until(
            lambda: (replica.get("booking", waiting.booking_id) or {}).get("customer_notes"),
            what="the customer's notes on the provider's desk",
        )
    )
    window.view.select(waiting.booking_id)
    run(settle(app))
    panel = window.panel
    assert panel.customer.text() == waiting.customer
    assert panel.care.text() == "Customer notes: Alergia a la penicilina"
    assert ("Arrived" if waiting.status == "checked_in" else "Confirmed") in panel.status.text()
    assert panel.money.isHidden()
    shown = {k for k, b in panel.buttons.items() if not b.isHidden()}
    assert shown == {"booking.start", "booking.complete", "ics"}
    window.act("booking.check_in")  # not theirs to do: nothing queued
    assert app.desk.status().pending == 0
    window.act("booking.start")
    run(synced(app))
    stored = server_booking(demo_store, waiting.booking_id)
    assert stored is not None
    assert stored.status == "in_service"


def test_the_server_gives_a_provider_their_own_customers_only(
    demo_server: LiveServer, demo_store: Engine
) -> None:
    """Through REST as through the sync: other providers' bookings do not exist."""
    provider = staff_headers(demo_server, PROVIDER_EMAIL)
    own = httpx.get(f"{demo_server.base_url}/auth/me", headers=provider).json()["provider_id"]
    now = demo_server.clock()
    params = {"start": (now - timedelta(days=7)).isoformat(), "end": now.isoformat()}
    listed = httpx.get(f"{demo_server.base_url}/bookings", params=params, headers=provider)
    assert listed.status_code == 200, listed.text
    rows = listed.json()
    # Their own, each with what care needs of its customer.
    assert rows
    assert {r["provider_id"] for r in rows} == {own}
    assert all(r["customer_label"] for r in rows)
    with make_session_factory(demo_store, scope=ALL_TENANTS)() as s:
        query = select(Booking).where(Booking.provider_id != uuid.UUID(own))
        other = s.scalars(query).first()
    assert other is not None
    # Asked by customer: only the bookings with this provider, never the others'.
    by_customer = httpx.get(
        f"{demo_server.base_url}/bookings",
        params={"customer_id": str(other.customer_id)},
        headers=provider,
    )
    assert str(other.booking_id) not in {r["booking_id"] for r in by_customer.json()}
    assert (
        httpx.get(f"{demo_server.base_url}/customers/{other.customer_id}", headers=provider)
    ).status_code == 403


def far_day_with_a_booking(
    server: LiveServer, window: DeskWindow, provider_id: str, day: date
) -> dict[str, Any]:
    """A booking on `day`, made on the server by another desk."""
    headers = staff_headers(server)
    services = [
        link["service_id"]
        for link in window.desk.replica.all("provider_service")
        if link["provider_id"] == provider_id
    ]
    customer = window.desk.replica.all("customer")[3]["customer_id"]
    tz = window.biz.time_zone
    for hour in range(8, 18):
        made = httpx.post(
            f"{server.base_url}/bookings",
            json={
                "customer_id": customer,
                "service_id": services[0],
                "provider_id": provider_id,
                "start_at": local_to_utc(day, time(hour), tz).isoformat(),
            },
            headers=headers,
        )
        if made.status_code == 201:
            row: dict[str, Any] = made.json()[0]
            return row
    raise AssertionError(f"no free hour on {day}")


def test_a_date_beyond_the_window_is_shown_and_booked_online_and_refused_offline(
    run: Run[Any],
    desks: Desks,
    demo_server: LiveServer,
    demo_store: Engine,
    demo_instant: datetime,
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    tz = window.biz.time_zone
    far = weekday(demo_instant.astimezone(tz).date() + timedelta(days=120))
    assert far > demo_instant.astimezone(tz).date() + timedelta(days=DESK_DAYS_AHEAD)
    window.go_to(far)
    run(settle(app))
    provider = working_provider(window)
    there = far_day_with_a_booking(demo_server, window, provider, far)
    window.reload()
    run(settle(app))
    # Shown: the other desk's booking is there, read from the server.
    assert window.model.message == ""
    found = window.model.block(there["booking_id"])
    assert found is not None
    assert found[1].customer
    assert app.desk.replica.get("booking", there["booking_id"]) is None  # not kept
    window.view.select(there["booking_id"])
    run(settle(app))
    assert window.panel.customer.text() == found[1].customer
    assert not window.panel.buttons["booking.check_in"].isEnabled()
    # Booked: the dialog's free times are the server's (that hour is not offered)...
    dialog = window.new_booking(provider)
    run(settle(app))
    assert dialog.far
    offered = [dialog.slots.item(i) for i in range(dialog.slots.count())]
    role = Qt.ItemDataRole.UserRole
    starts = [i.data(role)[0] for i in offered if i.data(role)]
    assert starts
    assert datetime.fromisoformat(there["start_at"]) not in starts
    customer = app.desk.replica.all("customer")[5]
    dialog.picker.set_customer(customer["customer_id"], "x")
    dialog.slots.setCurrentRow(0)
    dialog.save()
    run(settle(app, 0.3))
    # ...and the booking lands on the server at once, and on the day shown.
    with make_session_factory(demo_store, scope=ALL_TENANTS)() as s:
        made = s.scalars(
            select(Booking).where(
                Booking.customer_id == uuid.UUID(customer["customer_id"]),
                Booking.start_at == starts[0],
            )
        ).first()
    assert made is not None
    assert window.model.block(str(made.booking_id)) is not None
    # Offline: said plainly, not an empty free day; and a booking there is refused.
    demo_server.stop()
    run(wait_until(lambda: app.desk and app.desk.status().state == "offline", what="offline"))
    window.go_to(far + timedelta(days=1))
    run(settle(app))
    assert window.model.columns == []
    assert "not available offline" in window.model.message
    dialog = window.new_booking(provider)
    run(settle(app))
    assert dialog.slots.count() == 0
    assert "not available offline" in dialog.error.text()
    dialog.reject()
    # Within the window the desk works on offline as ever.
    window.go_to(demo_instant.astimezone(tz).date() + timedelta(days=DESK_DAYS_AHEAD - 1))
    run(settle(app))
    assert window.model.message == ""
    assert window.model.columns


def test_customer_history_beyond_the_window_comes_from_the_server(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    customer = app.desk.replica.all("customer")[7]
    long_ago = demo_server.clock() - timedelta(days=DESK_DAYS_BACK + 40)
    with make_session_factory(demo_store, scope=ALL_TENANTS)() as s:
        person = s.get(
            Customer, (uuid.UUID(app.desk.account.tenant_id), uuid.UUID(customer["customer_id"]))
        )
        assert person is not None
        template = s.scalars(select(Booking)).first()
        assert template is not None
        old = Booking(
            tenant_id=template.tenant_id,
            booking_id=uuid.uuid4(),
            code="OLDNOS",
            location_id=template.location_id,
            provider_id=template.provider_id,
            service_id=template.service_id,
            customer_id=person.customer_id,
            start_at=long_ago,
            end_at=long_ago + timedelta(minutes=30),
            busy_from=long_ago,
            busy_until=long_ago + timedelta(minutes=30),
            status="no_show",
            price_minor=0,
        )
        s.add(old)
        s.commit()
    dialog = CustomerProfileDialog(app.desk, app.tasks, customer["customer_id"], window)
    run(settle(app))
    codes = table_codes(dialog)
    assert "OLDNOS" in codes
    local = app.desk.replica.all(
        "booking", "json_extract(data, '$.customer_id') = ?", [customer["customer_id"]]
    )
    no_shows = sum(1 for r in local if r["status"] == "no_show") + 1
    assert f"{no_shows} no-shows" in dialog.counts.text()
    dialog.reject()
    # Offline: the replica's, and it says so.
    demo_server.stop()
    run(wait_until(lambda: app.desk and app.desk.status().state == "offline", what="offline"))
    dialog = CustomerProfileDialog(app.desk, app.tasks, customer["customer_id"], window)
    run(settle(app))
    codes = table_codes(dialog)
    assert "OLDNOS" not in codes
    assert f"last {DESK_DAYS_BACK} days only" in dialog.counts.text()
    dialog.reject()


def test_a_weekly_series_past_the_window_is_shown_whole(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_instant: datetime
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    tz = window.biz.time_zone
    first = demo_instant.astimezone(tz).date() + timedelta(days=DESK_DAYS_AHEAD - 6)
    first = weekday(first)
    window.go_to(first)
    run(settle(app))
    provider = working_provider(window)
    services = [
        link["service_id"]
        for link in app.desk.replica.all("provider_service")
        if link["provider_id"] == provider
    ]
    customer = app.desk.replica.all("customer")[9]["customer_id"]
    made = None
    for hour in range(8, 18):
        answer = httpx.post(
            f"{demo_server.base_url}/bookings",
            json={
                "customer_id": customer,
                "service_id": services[0],
                "provider_id": provider,
                "start_at": local_to_utc(first, time(hour), tz).isoformat(),
                "repeat": {"every_weeks": 1, "count": 4},
            },
            headers=staff_headers(demo_server),
        )
        if answer.status_code == 201:
            made = answer.json()
            break
    assert made is not None
    run(synced(app))
    window.reload()
    run(settle(app))
    # The first week is in the replica; the rest are beyond it, on the server only.
    assert app.desk.replica.get("booking", made[0]["booking_id"]) is not None
    assert app.desk.replica.get("booking", made[-1]["booking_id"]) is None
    window.view.select(made[0]["booking_id"])
    run(settle(app, 0.3))
    last = datetime.fromisoformat(made[-1]["start_at"]).astimezone(tz)
    assert window.panel.series.isVisible()
    assert window.panel.series.text() == (
        f"Weekly series: 1 of 4, {first:%d/%m/%Y} to {last:%d/%m/%Y}"
    )
