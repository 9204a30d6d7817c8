"""A booking's history in the desk (admins): created, moved and cancelled, in words,
read from the server's audit trail; offline, the dialog says it cannot be read."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from datetime import datetime, timedelta
from typing import Any

import httpx

from app import schedule
from app.desk_role import desk_role
from app.signin import Account
from server.demo import ADMIN_EMAIL, DEMO_PASSWORD, RECEPTION_EMAIL
from tests.helpers.deskui import settle, synced
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from tests.ui.test_desk_roles import staff_headers
from ui.desk.history import BookingHistoryDialog
from ui.desk.window import DeskWindow


def _book_and_move(window: DeskWindow, server: LiveServer) -> tuple[str, datetime, datetime]:
    """A booking made and moved an hour later by reception, through the server."""
    replica = window.desk.replica
    day = server.clock().astimezone(window.biz.time_zone).date() + timedelta(days=8)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    customer = replica.all("customer")[3]["customer_id"]
    headers = staff_headers(server)
    for column in schedule.day_plan(replica, day).columns:
        for service in schedule.services(replica, column.provider_id):
            slots = schedule.suggest_slots(replica, service["service_id"], day, column.provider_id)
            starts = {s.start_at for s in slots}
            for slot in slots:
                later = slot.start_at + timedelta(hours=1)
                if later not in starts:
                    continue
                made = httpx.post(
                    f"{server.base_url}/bookings",
                    json={
                        "customer_id": customer,
                        "service_id": service["service_id"],
                        "provider_id": column.provider_id,
                        "start_at": slot.start_at.isoformat(),
                    },
                    headers=headers,
                )
                if made.status_code != 201:
                    continue
                bid = made.json()[0]["booking_id"]
                moved = httpx.post(
                    f"{server.base_url}/bookings/{bid}/reschedule",
                    json={"start_at": later.isoformat()},
                    headers=headers,
                )
                assert moved.status_code == 200, moved.text
                return bid, slot.start_at, later
    raise AssertionError("the demo has no slot free with the hour after it free too")


async def _done(future: Awaitable[Any]) -> Any:
    return await future


def hub_of(server: LiveServer, name: str) -> dict[str, str]:
    """A site hub the admin enrols, signed in: its access headers."""
    base = server.base_url
    admin = staff_headers(server, ADMIN_EMAIL)
    location = httpx.get(f"{base}/setup/locations", headers=admin).json()[0]["location_id"]
    made = httpx.post(
        f"{base}/setup/hubs", json={"location_id": location, "name": name}, headers=admin
    )
    assert made.status_code == 201, made.text
    code = made.json()["enrollment_code"]
    token = httpx.post(f"{base}/auth/hub-enroll", json={"enrollment_code": code}).json()
    signed = httpx.post(f"{base}/auth/device-sign-in", json={"device_token": token["device_token"]})
    assert signed.status_code == 200, signed.text
    return {"Authorization": f"Bearer {signed.json()['access_token']}"}


def forward(server: LiveServer, hub: dict[str, str], email: str, name: str, **args: Any) -> None:
    """One change of `email`'s desk, as its site hub forwards it to this server."""
    user = httpx.post(
        f"{server.base_url}/auth/sign-in", json={"email": email, "password": DEMO_PASSWORD}
    ).json()["user"]["user_id"]
    body = {
        "client_id": str(uuid.uuid4()),
        "origin": {"kind": "staff", "id": user},
        "mutations": [{"seq": 1, "name": name, "args": args}],
    }
    pushed = httpx.post(f"{server.base_url}/sync/push", json=body, headers=hub)
    assert pushed.json()["results"][0]["status"] == "applied", pushed.text


def test_an_admin_sees_a_moved_bookings_history_in_words(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server, "admin", email=ADMIN_EMAIL)
    bid, start, later = _book_and_move(window, demo_server)
    run(synced(app))
    window.go_to(later.astimezone(window.biz.time_zone).date())
    run(settle(app))
    window.view.select(bid)
    run(settle(app))
    button = window.panel.buttons["history"]
    assert button.isVisibleTo(window)
    assert button.isEnabled()
    assert button.text() == "History…"
    # Then reception's desk cancels it, through the site's hub.
    hub = hub_of(demo_server, "Sede Centro")
    forward(demo_server, hub, RECEPTION_EMAIL, "booking.cancel", booking_id=bid, reason="viaje")
    dialog = window.detail.show_history(window.detail.selected_row() or {})
    assert dialog.heading.text() == f"{window.panel.customer.text()} · {window.panel.when.text()}"
    assert window.panel.customer.text()  # whose booking it is, named
    run(_done(dialog.loaded))
    lines = dialog.model.stringList()
    tz = window.biz.time_zone
    assert len(lines) == 3, lines
    assert lines[0].startswith("Created by Recepción, ")
    assert lines[1].startswith(
        f"Moved by Recepción from {start.astimezone(tz):%H:%M} to {later.astimezone(tz):%H:%M}, "
    )
    assert lines[2].startswith("Cancelled by Recepción via the site hub Sede Centro, ")
    assert lines[2].endswith(": viaje")
    assert not dialog.note.isVisible()
    dialog.close()
    # Offline: said so, not an empty history.
    demo_server.stop()
    assert app.desk is not None
    offline = BookingHistoryDialog(app.desk, app.tasks, {"booking_id": bid}, tz, window)
    run(settle(app, 0.5))
    assert offline.loaded.done()
    assert offline.model.stringList() == []
    assert "cannot be reached" in offline.note.text()


def test_only_an_administrators_desk_offers_the_history() -> None:
    def account(role: str) -> Account:
        return Account("https://x", "a@x", "u", "U", role, "t", "T")

    assert desk_role(account("admin")).may("history")
    assert not desk_role(account("reception")).may("history")
    assert not desk_role(account("provider")).may("history")
    assert desk_role(account("reception")).may("reschedule")
