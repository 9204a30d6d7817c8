"""`make screenshots`: the desk's main screens with the demo clinic, as PNG files in
screenshots/, rendered offscreen against a real server on loopback."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import uuid
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import qasync
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget

from app import schedule
from app.board import Announcement
from app.domain.availability import day_range
from app.domain.timezones import local_to_utc, zone
from app.sync.api import Upstream
from app.sync.engine import SyncState
from server.db.engine import make_engine, make_session_factory
from server.db.migrate import upgrade
from server.demo import ADMIN_EMAIL, DEMO_PASSWORD, PROVIDER_EMAIL, RECEPTION_EMAIL, build_demo
from tests.helpers.boardui import open_board
from tests.helpers.clinic import make_client, sign_in
from tests.helpers.deskui import open_desk_app, settle, synced, wait_until
from tests.helpers.kioskfit import show_at
from tests.helpers.kioskui import open_kiosk
from tests.helpers.live import LiveServer
from ui.common.application import paint_on_this_thread
from ui.common.loop import run_until_done
from ui.desk.audit_log import AuditLogDialog
from ui.desk.main import DeskApp
from ui.desk.payments import PaymentDialog
from ui.desk.setup.dialog import SetupDialog
from ui.desk.window import DeskWindow
from ui.kiosk.main import KioskApp
from ui.kiosk.ticket import ticket_image

OUT = Path(__file__).resolve().parent.parent / "screenshots"
KIOSK_SCREENS = ((1366, 768), (1080, 1920))  # kiosk-<page>-<W>x<H>.png


def save(widget: QWidget, name: str) -> None:
    widget.grab().save(str(OUT / name))
    print(f"  {OUT / name}")


def weekday_morning(tz: ZoneInfo) -> datetime:
    """10:30 of the last weekday (today, from Monday to Friday): the pictures show a
    full working morning, with the same cast whatever the hour they are made at."""
    day = datetime.now(tz).date()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return local_to_utc(day, time(10, 30), tz)


async def shoot(folder: Path) -> None:
    db = folder / "demo.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    as_of = weekday_morning(zone("America/Argentina/Buenos_Aires"))
    with make_session_factory(engine)() as session:
        summary = build_demo(session, now=as_of)
        session.commit()
    assert summary.as_of == as_of, "the demo keeps a weekday morning as it is"
    server = LiveServer(engine)
    server.start()
    app, window = await open_desk_app(
        server.base_url, RECEPTION_EMAIL, DEMO_PASSWORD, folder / "desk", language="en"
    )
    assert app.desk is not None
    desk = app.desk
    window.resize(1440, 900)
    tz = window.biz.time_zone
    day = as_of.astimezone(tz).date()
    # The desk's "now" is the demo's: the red line where the statuses say, and that
    # morning's walk-in queue and check-ins.
    window.view.now_provider = lambda: as_of
    desk.engine.clock = lambda: as_of
    window.go_to(day)
    await settle(app)
    blocks = [b for c in window.model.columns for b in c.column.blocks]
    arrived = first(blocks, "checked_in")
    window.view.select(arrived.booking_id)
    window.view.scroll_to_minute(9 * 60)
    await settle(app)
    save(window, "desk-day.png")

    window.mode.setCurrentIndex(1)
    await settle(app)
    save(window, "desk-week.png")
    window.mode.setCurrentIndex(0)
    await settle(app)

    column = window.model.columns[0]
    free = schedule.suggest_slots(
        desk.replica,
        column.column.blocks[0].service_id,
        day,
        column.column.provider_id,
        now=datetime.now(UTC) - timedelta(days=30),
    )
    dialog = window.new_booking(column.column.provider_id, free[0].start_at if free else None)
    dialog.picker.search.setText("gar")
    dialog.picker._run_search()
    await settle(app)
    dialog.picker.results.setCurrentRow(0)
    await settle(app)
    save(dialog, "desk-booking.png")
    dialog.reject()

    window.side.setCurrentWidget(window.walkins)
    await settle(app)
    save(window, "desk-walkins.png")
    window.side.setCurrentWidget(window.panel)

    done = first(blocks, "in_service")
    row = desk.replica.get("booking", done.booking_id)
    assert row is not None
    payment = PaymentDialog(desk, app.tasks, row, window)
    payment.show()
    await settle(app)
    save(payment, "desk-payment.png")
    payment.reject()
    await shoot_report(app, window, "desk-report.png")
    await shoot_alerts(app, window, as_of)

    # The slip of a booking still to come this morning, as staff see it before printing.
    coming = first(blocks, "confirmed")
    slip = window.detail.show_slip({"booking_id": coming.booking_id})
    await slip.loaded
    await settle(app)
    save(slip, "desk-slip.png")
    slip.reject()

    # A conflict: this desk books a time offline that another desk takes meanwhile.
    server.stop()
    await wait_until(lambda: desk.status().state == "offline", what="offline")
    provider = column.column.provider_id
    service_id = column.column.blocks[0].service_id
    later = day + timedelta(days=1 if day.weekday() < 4 else 3)
    slot = schedule.suggest_slots(desk.replica, service_id, later, provider)[0]
    customer = desk.replica.all("customer")[5]["customer_id"]
    app.tasks.submit(
        desk,
        "booking.create",
        {
            "customer_id": customer,
            "service_id": service_id,
            "provider_id": provider,
            "start_at": slot.start_at.isoformat(),
        },
    )
    today_row = next(
        (
            r
            for r in schedule.bookings_between(desk.replica, *day_range(day, tz))
            if r["status"] == "confirmed"
        ),
        None,
    )
    if today_row is not None:
        app.tasks.submit(desk, "booking.check_in", {"booking_id": today_row["booking_id"]})
    await settle(app, 0.5)
    window.side.setCurrentWidget(window.panel)
    save(window, "desk-offline.png")
    with make_client(engine) as other:
        headers = sign_in(other, RECEPTION_EMAIL, DEMO_PASSWORD)
        other_customer = desk.replica.all("customer")[6]["customer_id"]
        taken = other.post(
            "/sync/push",
            headers=headers,
            json={
                "client_id": str(uuid.uuid4()),
                "mutations": [
                    {
                        "seq": 1,
                        "name": "booking.create",
                        "args": {
                            "booking_id": str(uuid.uuid4()),
                            "customer_id": other_customer,
                            "service_id": service_id,
                            "provider_id": provider,
                            "start_at": slot.start_at.isoformat(),
                        },
                    }
                ],
            },
        )
        assert taken.json()["results"][0]["status"] == "applied", taken.text
    server.start()
    await wait_until(lambda: desk.status().conflicts > 0, 30, "the conflict")
    await settle(app, 0.3)
    window.side.setCurrentWidget(window.conflicts)
    await settle(app, 0.3)
    save(window, "desk-conflicts.png")

    await shoot_provider(server.base_url, folder, as_of)

    window.side.setCurrentWidget(window.panel)
    app.switch_language("es-AR")
    spanish = app.window
    assert spanish is not None
    spanish.resize(1440, 900)
    spanish.view.now_provider = lambda: as_of
    spanish.view.select(arrived.booking_id)
    await settle(app, 0.3)
    spanish.view.scroll_to_minute(9 * 60)
    save(spanish, "desk-day-es.png")
    await shoot_report(app, spanish, "desk-report-es.png")
    # At a site hub whose link to central is down, on a small screen: the status bar
    # says the site works on, since when central is away and what waits for it.
    spanish.resize(1366, 768)
    since = as_of - timedelta(minutes=25)
    hub = Upstream("unreachable", since, 37)
    spanish.show_status(replace(desk.status(), state=SyncState.ONLINE, upstream=hub))
    await settle(app, 0.2)
    save(spanish, "desk-site-hub-es.png")

    await app.close_desk()
    await shoot_setup(server.base_url, folder)
    await shoot_history(server.base_url, folder, as_of)
    await shoot_audit_log(server.base_url, folder, as_of)
    await shoot_reminders(server.base_url, folder, as_of)
    await shoot_waitlist(server.base_url, folder, as_of)
    await shoot_cash_close(server.base_url, folder, as_of)
    await shoot_board(server, folder, as_of)
    await shoot_kiosk(server.base_url, folder)
    server.stop()


async def shoot_alerts(app: DeskApp, window: DeskWindow, as_of: datetime) -> None:
    """Three quarters of an hour on, on a laptop: who has waited too long since they
    arrived, who has not come, which walk-ins wait (the status bar counts them)."""
    assert app.desk is not None
    later = as_of + timedelta(minutes=45)
    app.desk.engine.clock = lambda: later
    window.view.now_provider = lambda: later
    size = window.size()
    window.resize(1366, 768)
    window.check_alerts()
    window.walkins.reload()
    window.side.setCurrentWidget(window.walkins)
    await wait_until(lambda: window.alerts.total > 0, what="the alerts")
    window.view.scroll_to_minute(later.astimezone(window.biz.time_zone).hour * 60 - 30)
    await settle(app, 0.3)
    save(window, "desk-alerts.png")
    app.desk.engine.clock = lambda: as_of
    window.view.now_provider = lambda: as_of
    window.check_alerts()
    window.walkins.reload()
    window.side.setCurrentWidget(window.panel)
    window.resize(size)
    await settle(app)


async def shoot_report(app: DeskApp, window: DeskWindow, name: str) -> None:
    """File > Day report for the demo's day: what the day's end looks like at noon."""
    report = window.show_report()
    await wait_until(lambda: report.report is not None, what="the report")
    await settle(app, 0.3)
    save(report, name)
    report.reject()


async def shoot_reminders(base_url: str, folder: Path, as_of: datetime) -> None:
    """Tomorrow's call list on a laptop's screen (1366x768), two already reminded."""
    app, _window = await open_desk_app(
        base_url, RECEPTION_EMAIL, DEMO_PASSWORD, folder / "reminders", language="en"
    )
    assert app.desk is not None
    app.desk.engine.clock = lambda: as_of
    for name, language in (("desk-reminders.png", "en"), ("desk-reminders-es.png", "es-AR")):
        if language != "en":
            app.switch_language(language)
        shown = app.window
        assert shown is not None
        shown.resize(1366, 768)
        dialog = shown.show_reminders()
        await dialog.loaded
        for _ in range(4):  # a Friday's tomorrow has nobody: the next day that has
            if dialog.model.rows:
                break
            dialog.day.setDate(dialog.day.date().addDays(1))
            await dialog.loaded
        if language == "en":
            for row in dialog.model.rows[:2]:
                app.desk.submit("booking.remind", {"booking_id": row.slip.booking_id})
            await settle(app, 0.5)
            await dialog.reload()
        await settle(app, 0.3)
        save(dialog, name)
        dialog.close()
    await app.close_desk()


async def shoot_waitlist(base_url: str, folder: Path, as_of: datetime) -> None:
    """The Waitlist tab on a laptop (1366x768), in English and in Spanish: people
    waiting for the next working day, and a cancellation that frees a slot for one of
    them, said over the schedule."""
    app, window = await open_desk_app(
        base_url, RECEPTION_EMAIL, DEMO_PASSWORD, folder / "waitlist", language="en"
    )
    desk = app.desk
    assert desk is not None
    desk.engine.clock = lambda: as_of
    tz = window.biz.time_zone
    day = as_of.astimezone(tz).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    lo, hi = day_range(day, tz)
    ahead = [
        r
        for r in schedule.bookings_between(desk.replica, lo, hi)
        if r["status"] == "confirmed"
        and datetime.fromisoformat(r["start_at"]).astimezone(tz).hour >= 10
    ]
    x, y = ahead[0], ahead[len(ahead) // 2]
    booked = {x["customer_id"], y["customer_id"]}
    people = [c for c in desk.replica.all("customer") if c["customer_id"] not in booked][10:14]

    def hours(b: dict[str, str]) -> tuple[str, str]:
        start = datetime.fromisoformat(b["start_at"]).astimezone(tz)
        end = datetime.fromisoformat(b["end_at"]).astimezone(tz)
        return f"{start:%H:%M}", f"{end:%H:%M}"

    wishes = [
        (x, {"provider_id": x["provider_id"]}, hours(x)),
        (y, {"provider_id": y["provider_id"]}, hours(y)),
        (x, {}, ("09:00", "12:00")),
        (x, {}, None),
    ]
    for who, (b, extra, between) in zip(people, wishes, strict=True):
        args = {
            "customer_id": who["customer_id"],
            "service_id": b["service_id"],
            "earliest_day": day.isoformat(),
            "latest_day": (day + timedelta(days=4 if between is None else 0)).isoformat(),
            **extra,
        }
        if between is not None:
            args |= {"from_time": between[0], "until_time": between[1]}
        desk.submit("waitlist.add", args)
        await synced(app)
    for name, language, cancelled in (
        ("desk-waitlist.png", "en", x),
        ("desk-waitlist-es.png", "es-AR", y),
    ):
        if language != "en":
            app.switch_language(language)
        shown = app.window
        assert shown is not None
        shown.resize(1366, 768)
        shown.view.now_provider = lambda: as_of
        shown.go_to(day)
        shown.side.setCurrentWidget(shown.waitlist)
        await settle(app, 0.3)
        app.tasks.submit(
            desk, "booking.cancel", {"booking_id": cancelled["booking_id"], "reason": "viaja"}
        )
        await synced(app)
        notices = shown.notice.notices
        await wait_until(notices.__len__, what="the waitlist notice")
        start = datetime.fromisoformat(cancelled["start_at"]).astimezone(tz)
        shown.view.scroll_to_minute(start.hour * 60 - 60)
        await settle(app, 0.3)
        save(shown, name)
    await app.close_desk()


async def shoot_provider(base_url: str, folder: Path, as_of: datetime) -> None:
    """A doctor's own desk on a laptop: their day, their patients, the one in the room."""
    app, window = await open_desk_app(
        base_url, PROVIDER_EMAIL, DEMO_PASSWORD, folder / "provider", language="en"
    )
    assert app.desk is not None
    app.desk.engine.clock = lambda: as_of
    day = as_of.astimezone(window.biz.time_zone).date()
    for name, language in (("desk-provider-day.png", "en"), ("desk-provider-day-es.png", "es-AR")):
        if language != "en":
            app.switch_language(language)
        shown = app.window
        assert shown is not None
        shown.resize(1366, 768)
        shown.view.now_provider = lambda: as_of
        shown.go_to(day)
        await settle(app)
        blocks = [b for c in shown.model.columns for b in c.column.blocks]
        here = [b for b in blocks if b.status in ("in_service", "checked_in")] or blocks
        shown.view.select(here[0].booking_id)
        shown.view.scroll_to_minute(as_of.astimezone(window.biz.time_zone).hour * 60 - 90)
        await settle(app, 0.3)
        save(shown, name)
    await app.close_desk()
    if app.window is not None:
        app.window.close()


async def shoot_setup(base_url: str, folder: Path) -> None:
    """File > Setup as the administrator sees it, on a 1366x768 laptop, in English and
    then in Spanish: staff, services, a provider's hours, time off with the national
    holidays, the business."""
    app, window = await open_desk_app(
        base_url, ADMIN_EMAIL, DEMO_PASSWORD, folder / "admin", language="en"
    )
    for suffix in ("", "-es"):
        if suffix:
            app.switch_language("es-AR")
            assert app.window is not None
            window = app.window
        dialog = window.menus.show_setup()
        dialog.resize(1366, 768)
        ctx, staff = dialog.ctx, dialog.staff
        await wait_until(lambda: ctx.tenant is not None, what="the setup")  # noqa: B023
        await app.tasks.drain()
        await wait_until(lambda: staff.model.rows, what="the staff")  # noqa: B023
        dialog.staff.table.selectRow(0)
        await setup_shot(app, dialog, dialog.staff, f"desk-admin-staff{suffix}.png")
        dialog.services.table.selectRow(0)
        await setup_shot(app, dialog, dialog.services, f"desk-admin-services{suffix}.png")
        await setup_shot(app, dialog, dialog.hours, f"desk-admin-hours{suffix}.png")
        # The first national holiday still to come, picked to add for the whole location.
        holidays = dialog.time_off.holiday_model.rows
        today = datetime.now(dialog.ctx.tz).date()
        coming = next((i for i, h in enumerate(holidays) if h.day >= today), 0)
        if holidays:
            dialog.time_off.holidays.selectRow(coming)
            if not suffix:  # added once, listed as the whole location's
                dialog.time_off.add_selected_holiday()
            await app.tasks.drain()
            dialog.time_off.holidays.selectRow(min(coming + 1, len(holidays) - 1))
        await setup_shot(app, dialog, dialog.time_off, f"desk-admin-timeoff{suffix}.png")
        await setup_shot(app, dialog, dialog.business, f"desk-admin-business{suffix}.png")
        dialog.close()
    await app.close_desk()
    assert app.window is not None
    app.window.close()
    app.tasks.shutdown()


async def shoot_history(base_url: str, folder: Path, as_of: datetime) -> None:
    """A booking's history as an admin reads it: booked by reception, moved by the
    admin, cancelled by reception with its reason; in English, then in Spanish."""
    app, window = await open_desk_app(
        base_url, ADMIN_EMAIL, DEMO_PASSWORD, folder / "history", language="en"
    )
    assert app.desk is not None
    replica = app.desk.replica
    app.desk.engine.clock = lambda: as_of
    await wait_until(lambda: replica.all("provider_hours"), what="the admin's replica")
    await settle(app)
    tz = window.biz.time_zone
    reception = staff_headers(base_url, RECEPTION_EMAIL)
    admin = staff_headers(base_url, ADMIN_EMAIL)
    # Booked by reception at a free time a week on or later, moved by the admin to a
    # later one: free times as the admin's replica sees them (the demo fills many hours,
    # and not every provider works every day).
    week_on = as_of.astimezone(tz).date() + timedelta(days=7)
    service, provider, free = next(
        (link["service_id"], link["provider_id"], slots)
        for day in (week_on + timedelta(days=i) for i in range(14))
        for link in sorted(replica.all("provider_service"), key=lambda r: r["provider_id"])
        if len(
            slots := schedule.suggest_slots(
                replica, link["service_id"], day, link["provider_id"], now=as_of
            )
        )
        >= 2
    )
    body = {
        "customer_id": replica.all("customer")[0]["customer_id"],
        "service_id": service,
        "provider_id": provider,
    }
    made = httpx.post(
        f"{base_url}/bookings",
        json={**body, "start_at": free[0].start_at.isoformat()},
        headers=reception,
    )
    made.raise_for_status()
    bid = made.json()[0]["booking_id"]
    httpx.post(
        f"{base_url}/bookings/{bid}/reschedule",
        json={"start_at": free[len(free) // 2].start_at.isoformat()},
        headers=admin,
    ).raise_for_status()
    cancel = {"status": "cancelled", "reason": "Se mudó de ciudad"}
    httpx.post(
        f"{base_url}/bookings/{bid}/status", json=cancel, headers=reception
    ).raise_for_status()
    for name, language in (("desk-history.png", "en"), ("desk-history-es.png", "es-AR")):
        if language != "en":
            app.switch_language(language)
        shown = app.window
        assert shown is not None
        dialog = shown.detail.show_history({"booking_id": bid})
        dialog.resize(620, 300)
        await dialog.loaded
        await settle(app, 0.3)
        save(dialog, name)
        dialog.close()
    await app.close_desk()
    if app.window is not None:
        app.window.close()
    app.tasks.shutdown()


async def shoot_audit_log(base_url: str, folder: Path, as_of: datetime) -> None:
    """The day's audit log as an admin reads it: setup changes, a booking made, moved
    and cancelled, a move refused, and a booking a site hub forwarded for reception."""
    app, window = await open_desk_app(
        base_url, ADMIN_EMAIL, DEMO_PASSWORD, folder / "audit", language="en"
    )
    assert app.desk is not None
    replica = app.desk.replica
    app.desk.engine.clock = lambda: as_of
    await wait_until(lambda: replica.all("provider_hours"), what="the admin's replica")
    tz = window.biz.time_zone
    day = as_of.astimezone(tz).date() + timedelta(days=7)
    reception = staff_headers(base_url, RECEPTION_EMAIL)
    admin = staff_headers(base_url, ADMIN_EMAIL)
    mine = [b for b in replica.all("booking") if b["status"] == "confirmed"]
    early = local_to_utc(day, time(5), tz).isoformat()
    refused = httpx.post(
        f"{base_url}/bookings/{mine[0]['booking_id']}/reschedule",
        json={"start_at": early},
        headers=reception,
    )
    assert refused.status_code in (409, 422), refused.text
    hub = hub_headers(base_url, admin, replica.all("location")[0]["location_id"], "Sede Centro")
    user = httpx.get(f"{base_url}/setup/staff", headers=admin).json()
    origin = next(u["user_id"] for u in user if u["email"] == RECEPTION_EMAIL)
    provider = replica.all("provider")[0]["provider_id"]
    service = next(
        s["service_id"] for s in replica.all("provider_service") if s["provider_id"] == provider
    )
    # The first free time from a week on, as the server offers it: one change, applied.
    start = ""
    for d in range(14):
        offered = httpx.get(
            f"{base_url}/availability",
            params={"service_id": service, "provider_id": provider,
                    "day": (day + timedelta(days=d)).isoformat()},
            headers=reception,
        ).json()["slots"]  # fmt: skip
        if offered:
            start = offered[0]["start_at"]
            break
    args = {
        "booking_id": str(uuid.uuid4()),
        "customer_id": replica.all("customer")[2]["customer_id"],
        "service_id": service,
        "provider_id": provider,
        "start_at": start,
    }
    body = {
        "client_id": str(uuid.uuid4()),
        "origin": {"kind": "staff", "id": origin},
        "mutations": [{"seq": 1, "name": "booking.create", "args": args}],
    }
    httpx.post(f"{base_url}/sync/push", json=body, headers=hub).raise_for_status()
    await synced(app)
    # The server stamps events by its own (real) clock: the log shows that day.
    today = datetime.now(tz).date()
    for name, language in (("desk-audit-log.png", "en"), ("desk-audit-log-es.png", "es-AR")):
        if language != "en":
            app.switch_language(language)
        shown = app.window
        assert shown is not None
        dialog = AuditLogDialog(app.desk, app.tasks, shown.biz, today, shown)
        await dialog.people_loaded
        await dialog.loaded
        dialog.show()
        # The booking the site hub forwarded: its fields below.
        dialog.table.selectRow(dialog.model.rowCount() - 1)
        await settle(app, 0.3)
        save(dialog, name)
        dialog.close()
    await app.close_desk()
    if app.window is not None:
        app.window.close()
    app.tasks.shutdown()


def hub_headers(base_url: str, admin: dict[str, str], location: str, name: str) -> dict[str, str]:
    """A site hub the admin enrols, signed in at central."""
    made = httpx.post(
        f"{base_url}/setup/hubs", json={"location_id": location, "name": name}, headers=admin
    )
    made.raise_for_status()
    code = made.json()["enrollment_code"]
    token = httpx.post(f"{base_url}/auth/hub-enroll", json={"enrollment_code": code}).json()
    signed = httpx.post(
        f"{base_url}/auth/device-sign-in", json={"device_token": token["device_token"]}
    )
    signed.raise_for_status()
    return {"Authorization": f"Bearer {signed.json()['access_token']}"}


async def shoot_cash_close(base_url: str, folder: Path, as_of: datetime) -> None:
    """File › Cash close at the end of a morning: the till opened with a float, this
    desk's payments and a refund, the count with a shortfall and its note; in Spanish
    over the window on a 1366x768 laptop, then the dialog alone in English."""
    app, window = await open_desk_app(
        base_url, RECEPTION_EMAIL, DEMO_PASSWORD, folder / "cash", language="es-AR"
    )
    desk = app.desk
    assert desk is not None
    desk.engine.clock = lambda: as_of
    tz = window.biz.time_zone
    today = as_of.astimezone(tz).date()
    window.go_to(today)
    booking = next(
        b
        for b in desk.replica.all("booking")
        if datetime.fromisoformat(b["start_at"]).astimezone(tz).date() == today
    )
    opened = {"till_id": desk.replica.client_id, "day": today.isoformat()}
    desk.submit("cash.open", {**opened, "float_minor": 2_000_000})
    paid = []
    for amount, method in ((1_850_000, "cash"), (2_400_000, "card"), (900_000, "transfer"),
                           (1_200_000, "cash")):  # fmt: skip
        args = {"booking_id": booking["booking_id"], "amount_minor": amount, "method": method}
        paid.append(desk.submit("payment.record", args)["payment_id"])
    desk.submit("payment.refund", {"payment_id": paid[-1], "reason": "Cobrado dos veces"})
    window.resize(1366, 768)
    for name, language in (("desk-cash-close.png", "es-AR"), ("desk-cash-close-en.png", "en")):
        if language != "es-AR":
            app.switch_language(language)
        shown = app.window
        assert shown is not None
        dialog = shown.show_cash_close()
        await settle(app, 0.3)
        counts = {"cash": "38.400", "card": "24.000", "transfer": "9.000", "other": ""}
        for method, text in counts.items():
            dialog.counted[method].setText(text)
        dialog.note.setText("Faltan $100: vuelto mal dado a las 10:15")
        await settle(app, 0.2)
        if language == "es-AR":
            # As it sits on the laptop's screen: the dialog over the window.
            picture = shown.grab()
            painter = QPainter(picture)
            over = dialog.grab()
            painter.drawPixmap(
                (picture.width() - over.width()) // 2, (picture.height() - over.height()) // 2, over
            )
            painter.end()
            picture.save(str(OUT / name))
            print(f"  {OUT / name}")
        else:
            save(dialog, name)
        dialog.close()
    await app.close_desk()
    if app.window is not None:
        app.window.close()
    app.tasks.shutdown()


def staff_headers(base_url: str, email: str) -> dict[str, str]:
    answer = httpx.post(
        f"{base_url}/auth/sign-in", json={"email": email, "password": DEMO_PASSWORD}
    )
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


async def setup_shot(app: DeskApp, dialog: SetupDialog, tab: QWidget, name: str) -> None:
    dialog.tabs.setCurrentWidget(tab)
    dialog.show()
    await settle(app, 0.3)
    save(dialog, name)


def first(blocks: list[schedule.Block], status: str) -> schedule.Block:
    """The first block of the day with `status`; the demo makes one at a weekday 10:30."""
    for block in blocks:
        if block.status == status:
            return block
    raise SystemExit(f"screenshots: the demo day has no {status} booking to show")


async def shoot_kiosk(base_url: str, folder: Path) -> None:
    kiosk = await open_kiosk(base_url, RECEPTION_EMAIL, DEMO_PASSWORD, folder / "kiosk")
    assert kiosk.service is not None
    window = kiosk.window
    await settle_kiosk(kiosk)
    save(window, "kiosk-welcome.png")
    # A booking of today that can be checked in: the kiosk's clock is set beside it.
    rows = [r for r in kiosk.service.replica.all("booking") if r["status"] == "confirmed"]
    rows.sort(key=lambda r: r["start_at"])
    target = rows[len(rows) // 2]
    kiosk.service.now = lambda: datetime.fromisoformat(target["start_at"]) - timedelta(minutes=10)
    window.welcome.check_in_button.click()
    window.checkin.code.setText(target["code"].lower())
    await settle_kiosk(kiosk)
    save(window, "kiosk-checkin.png")
    # Phone or DNI, after too many misses on this kiosk.
    window.checkin.person_mode.click()
    window.checkin.time.setText("2359")
    for n in range(6):
        window.checkin.phone.setText(f"11 4000 00{n:02d}")
        window.checkin.submit()
        await settle_kiosk(kiosk)
        await asyncio.sleep(0.3)
    save(window, "kiosk-locked.png")
    window.checkin.code_mode.click()
    window.checkin.submit()
    await wait_until(lambda: window.stack.currentWidget() is window.confirm, what="confirm")
    window.confirm.yes.click()
    await wait_until(lambda: window.stack.currentWidget() is window.message, what="done")
    await settle_kiosk(kiosk)
    save(window, "kiosk-confirmed.png")
    window.reset()
    window.welcome.walk_in_button.click()
    await settle_kiosk(kiosk)
    save(window, "kiosk-walkin.png")
    first_service = kiosk.service.services()[0]["service_id"]
    window.walkin.chosen.emit(first_service)
    await wait_until(lambda: window.stack.currentWidget() is window.ticket, what="ticket")
    await settle_kiosk(kiosk)
    ticket = window.last_ticket
    assert ticket is not None
    image = ticket_image(ticket, window.biz.name, window.biz.time_zone, window.ticket_texts())
    image.save(str(OUT / "kiosk-ticket.png"))
    print(f"  {OUT / 'kiosk-ticket.png'}")
    # The pages a customer goes through, on the commonest kiosk screens: a landscape
    # 1366x768 panel and a portrait 1080x1920 stand. Another booking: the first is in.
    second = next(r for r in rows if r["booking_id"] != target["booking_id"])
    kiosk.service.now = lambda: datetime.fromisoformat(second["start_at"]) - timedelta(minutes=5)
    for width, height in KIOSK_SCREENS:
        await show_at(window, width, height)
        window.reset()
        window.welcome.check_in_button.click()
        window.checkin.code.setText(second["code"])
        await settle_kiosk(kiosk)
        save(window, f"kiosk-checkin-{width}x{height}.png")
        window.checkin.submit()
        await wait_until(lambda: window.stack.currentWidget() is window.confirm, what="confirm")
        await settle_kiosk(kiosk)
        save(window, f"kiosk-confirm-{width}x{height}.png")
        window.confirm.no.click()  # not confirmed: the booking serves the next screen too
        window.reset()
        window.welcome.walk_in_button.click()
        await settle_kiosk(kiosk)
        save(window, f"kiosk-walkin-{width}x{height}.png")
    await show_at(window, 1280, 800)
    window.reset()
    window.language_requested.emit("en")
    await settle_kiosk(kiosk)
    save(window, "kiosk-welcome-en.png")
    await kiosk.close()
    window.allow_close = True
    window.close()
    kiosk.tasks.shutdown()


async def shoot_board(server: LiveServer, folder: Path, as_of: datetime) -> None:
    """The waiting room's TV that morning: who is being served and who is next, on a
    1920x1080 TV and a 1366x768 one; a call over the whole board; in Spanish."""
    server.clock.at = as_of  # the board reads "today" by the server's clock
    try:
        for language, suffix in (("en", ""), ("es-AR", "-es")):
            board = await open_board(
                server.base_url,
                RECEPTION_EMAIL,
                DEMO_PASSWORD,
                folder / f"board{suffix}",
                language=language,
            )
            board.now = lambda: as_of
            window = board.window
            sizes = [(1920, 1080)] + ([(1366, 768)] if not suffix else [])
            for width, height in sizes:
                window.resize(width, height)
                board.refresh()
                await board.tasks.drain()
                await asyncio.sleep(0.3)
                name = f"board{suffix}" + ("" if width == 1920 else f"-{width}x{height}")
                save(window, f"{name}.png")
            window.resize(1920, 1080)
            view = board.view
            assert view is not None
            assert view.called, "the demo's morning has someone called"
            call = view.called[0]
            names = {lane.provider_id: lane.name for lane in view.lanes}
            window.announce([Announcement(call.key, call.label, names.get(call.provider_id, ""))])
            await asyncio.sleep(0.2)
            save(window, f"board-call{suffix}.png")
            await board.close()
            board.timer.stop()
            window.hide()  # not close(): the last window closed would end the loop
            window.deleteLater()
            board.tasks.shutdown()
    finally:
        server.clock.at = None


async def settle_kiosk(kiosk: KioskApp) -> None:
    await kiosk.tasks.drain()
    await asyncio.sleep(0.2)


def main() -> int:
    OUT.mkdir(exist_ok=True)
    paint_on_this_thread()  # as the desk, kiosk and board run
    qt = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(qt)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as tmp, loop:
        run_until_done(loop, shoot(Path(tmp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
