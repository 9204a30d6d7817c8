"""Two desks on one server: changes cross between them, offline work converges, a
double booking made offline surfaces as a conflict that staff fix in one click, and
an arrival at the kiosk is announced."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select

from app import schedule
from app.domain.availability import day_range
from app.domain.bookings import ACTIVE_STATUSES
from server.db.engine import ALL_TENANTS, make_session_factory
from server.demo import ADMIN_EMAIL, DEMO_PASSWORD, build_demo
from server.models import Booking
from tests.helpers.clinic import enrol_kiosk
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from tests.ui.test_desk_flow import free_slot
from ui.desk.main import DeskApp
from ui.desk.window import DeskWindow


def book(app: DeskApp, window: DeskWindow, slot_at: datetime, column: int, customer: int) -> None:
    """Book through the desk as the dialog does: the replica checks, the outbox keeps."""
    assert app.desk is not None
    provider = window.model.columns[column].column.provider_id
    service = schedule.services(app.desk.replica, provider)[0]["service_id"]
    args = {
        "customer_id": app.desk.replica.all("customer")[customer]["customer_id"],
        "service_id": service,
        "provider_id": provider,
        "start_at": slot_at.isoformat(),
    }
    app.tasks.submit(app.desk, "booking.create", args)


def bookings_of(window: DeskWindow) -> dict[str, tuple[str, str, str]]:
    rows = window.desk.replica.all("booking")
    return {r["booking_id"]: (r["status"], r["start_at"], r["provider_id"]) for r in rows}


def server_bookings(engine: Engine) -> dict[str, tuple[str, str, str]]:
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        return {
            str(b.booking_id): (b.status, b.start_at.isoformat(), str(b.provider_id))
            for b in s.scalars(select(Booking))
        }


def overlaps(engine: Engine) -> int:
    active = {s.value for s in ACTIVE_STATUSES}
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        rows = [b for b in s.scalars(select(Booking)) if b.status in active]
    count = 0
    for a in rows:
        for b in rows:
            if a.booking_id < b.booking_id and a.provider_id == b.provider_id:
                count += a.busy_from < b.busy_until and b.busy_from < a.busy_until
    return count


def test_a_change_on_one_desk_appears_on_the_other(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    a, wa = desks.open(demo_server, "a")
    _b, wb = desks.open(demo_server, "b")
    day, column, slot = free_slot(wa)
    wa.go_to(day)
    wb.go_to(day)
    run(settle(a))
    book(a, wa, slot.start_at, column, 3)
    run(synced(a))
    [new] = [x for x in wa.model.columns[column].column.blocks if x.start == slot.start_at]
    # B hears the hint and pulls: the block appears in its day view, not pending.
    found = run(wait_until(lambda: wb.model.block(new.booking_id), what="the booking on B"))
    assert found[1].customer == new.customer
    assert not found[1].pending


def test_offline_desks_keep_working_and_converge_when_the_server_returns(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine
) -> None:
    a, wa = desks.open(demo_server, "a")
    b, wb = desks.open(demo_server, "b")
    day, column, slot = free_slot(wa)
    for w in (wa, wb):
        w.go_to(day)
    demo_server.stop()
    desk_a, desk_b = a.desk, b.desk
    assert desk_a is not None
    assert desk_b is not None
    run(wait_until(lambda: desk_a.status().state == "offline", what="A offline"))
    run(wait_until(lambda: desk_b.status().state == "offline", what="B offline"))
    assert "Offline" in wa.connection.state.text()

    book(a, wa, slot.start_at, column, 1)
    other = (column + 1) % len(wb.model.columns)
    free_b = schedule.suggest_slots(
        desk_b.replica,
        schedule.services(desk_b.replica, wb.model.columns[other].column.provider_id)[0][
            "service_id"
        ],
        day,
        wb.model.columns[other].column.provider_id,
    )
    book(b, wb, free_b[-1].start_at, other, 2)
    run(settle(a))
    run(settle(b))
    # A checks in one of today's bookings too (a confirmed one), offline.
    tz = wa.biz.time_zone
    today = [
        r
        for r in schedule.bookings_between(desk_a.replica, *day_range(datetime.now(tz).date(), tz))
        if r["status"] == "confirmed"
    ]
    if today:
        a.tasks.submit(desk_a, "booking.check_in", {"booking_id": today[0]["booking_id"]})
    run(settle(a))
    pending_a = desk_a.status().pending
    assert pending_a == (2 if today else 1)
    run(wait_until(lambda: "waiting" in wa.connection.pending.text(), what="count shown"))
    assert str(pending_a) in wa.connection.pending.text()
    new_a = [bid for bid, v in bookings_of(wa).items() if v[1] == slot.start_at.isoformat()]
    assert new_a
    assert wa.model.block(new_a[0]) is not None  # shown at once, while offline

    demo_server.start()
    run(synced(a, 30))
    run(synced(b, 30))
    run(wait_until(lambda: bookings_of(wa) == bookings_of(wb), 30, "the desks to agree"))
    server = server_bookings(demo_store)
    desk_view = bookings_of(wa)
    assert all(server[k][0] == v[0] for k, v in desk_view.items())
    assert new_a[0] in server
    if today:
        assert server[today[0]["booking_id"]][0] == "checked_in"
    assert desk_a.status().conflicts == desk_b.status().conflicts == 0
    assert overlaps(demo_store) == 0


def test_the_same_slot_booked_offline_twice_shows_one_conflict_fixed_in_one_click(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine
) -> None:
    a, wa = desks.open(demo_server, "a")
    b, wb = desks.open(demo_server, "b")
    day, column, slot = free_slot(wa)
    demo_server.stop()
    desk_a, desk_b = a.desk, b.desk
    assert desk_a is not None
    assert desk_b is not None
    run(wait_until(lambda: desk_a.status().state == "offline", what="A offline"))
    run(wait_until(lambda: desk_b.status().state == "offline", what="B offline"))
    for app, window, customer in ((a, wa, 4), (b, wb, 5)):
        window.go_to(day)
        book(app, window, slot.start_at, column, customer)
        run(settle(app))
        assert app.desk is not None
        assert app.desk.status().pending == 1
    demo_server.start()
    run(synced(a, 30))
    run(synced(b, 30))
    run(wait_until(lambda: desk_a.status().conflicts + desk_b.status().conflicts == 1, 30, "1"))
    loser, window = (a, wa) if desk_a.status().conflicts else (b, wb)
    assert loser.desk is not None
    run(wait_until(lambda: window.connection.conflicts.isVisible(), what="the conflict shown"))
    window.connection.conflicts.click()
    panel = window.conflicts
    assert window.side.currentWidget() is panel
    run(wait_until(lambda: panel.list.count() == 1, what="the conflict listed"))
    assert "overlaps" in panel.list.item(0).text()
    run(
        wait_until(
            lambda: (
                panel.alternatives.currentItem() is not None
                and panel.alternatives.currentItem().data(256)
            ),
            what="free times offered",
        )
    )
    chosen_start, _provider = panel.alternatives.currentItem().data(256)
    panel.rebook.click()
    run(synced(loser, 30))
    run(
        wait_until(
            lambda: loser.desk is not None and loser.desk.status().conflicts == 0, 30, "settled"
        )
    )
    mine = [
        v
        for v in server_bookings(demo_store).values()
        if v[2] == wa.model.columns[column].column.provider_id
        and v[1] in (slot.start_at.isoformat(), chosen_start.isoformat())
    ]
    assert len(mine) == 2
    assert chosen_start != slot.start_at
    assert overlaps(demo_store) == 0


def test_a_kiosk_check_in_is_announced_on_the_desk(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server)
    assert app.desk is not None
    tz = window.biz.time_zone
    lo, hi = day_range(datetime.now(tz).date(), tz)
    waiting = [
        r for r in schedule.bookings_between(app.desk.replica, lo, hi) if r["status"] == "confirmed"
    ]
    if not waiting:
        pytest.fail("the demo has no confirmed booking today to check in")
    target = waiting[0]
    name = schedule.customer_name(app.desk.replica.get("customer", target["customer_id"]))
    with httpx.Client(base_url=demo_server.base_url, timeout=10) as http:
        admin = http.post("/auth/sign-in", json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD})
        auth = {"Authorization": f"Bearer {admin.json()['access_token']}"}
        kiosk = enrol_kiosk(http, auth, target["location_id"])
        device = http.post("/auth/device-sign-in", json={"device_token": kiosk["device_token"]})
        token = {"Authorization": f"Bearer {device.json()['access_token']}"}
        pushed = http.post(
            "/sync/push",
            headers=token,
            json={
                "client_id": str(uuid.uuid4()),
                "mutations": [
                    {
                        "seq": 1,
                        "name": "booking.check_in",
                        "args": {"booking_id": target["booking_id"]},
                    }
                ],
            },
        )
        assert pushed.json()["results"][0]["status"] == "applied", pushed.text
    run(
        wait_until(
            lambda: window.notice.isVisible() and name in window.notice.text(),
            15,
            "the arrival notice",
        )
    )
    assert window.notice.text().startswith("Arrived")
    assert window.notice.notices[-1].timer is None  # it stays until seen


@pytest.mark.postgres
def test_offline_booking_reaches_postgresql_end_to_end(
    run: Run[Any], desks: Desks, pg_store: Engine
) -> None:
    """The whole path once on the central store: demo tenant on PostgreSQL, a desk
    books offline, the server comes back, the booking is in PostgreSQL."""
    with make_session_factory(pg_store, scope=ALL_TENANTS)() as session:
        build_demo(session)
        session.commit()
    server = LiveServer(pg_store)
    server.start()
    try:
        app, window = desks.open(server)
        assert app.desk is not None
        _day, column, slot = free_slot(window)
        server.stop()
        run(wait_until(lambda: app.desk is not None and app.desk.status().state == "offline"))
        book(app, window, slot.start_at, column, 7)
        run(settle(app))
        assert app.desk.status().pending == 1
        server.start()
        run(synced(app, 30))
        stored = server_bookings(pg_store)
        assert any(
            v[1] == slot.start_at.isoformat() and v[0] == "confirmed" for v in stored.values()
        )
        assert overlaps(pg_store) == 0
    finally:
        server.stop()
