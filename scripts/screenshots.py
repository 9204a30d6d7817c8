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
from app.domain.availability import day_range
from app.domain.timezones import local_to_utc, zone
from app.sync.api import Upstream
from app.sync.engine import SyncState
from server.db.engine import make_engine, make_session_factory
from server.db.migrate import upgrade
from server.demo import ADMIN_EMAIL, DEMO_PASSWORD, PROVIDER_EMAIL, RECEPTION_EMAIL, build_demo
from tests.helpers.clinic import make_client, sign_in
from tests.helpers.deskui import open_desk_app, settle, wait_until
from tests.helpers.kioskfit import show_at
from tests.helpers.kioskui import open_kiosk
from tests.helpers.live import LiveServer
from ui.common.loop import run_until_done
from ui.desk.main import DeskApp
from ui.desk.payments import PaymentDialog
from ui.desk.setup.dialog import SetupDialog
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
    await shoot_cash_close(server.base_url, folder, as_of)
    await shoot_kiosk(server.base_url, folder)
    server.stop()


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
    day = as_of.astimezone(tz).date() + timedelta(days=7)  # a week on: free hours
    reception = staff_headers(base_url, RECEPTION_EMAIL)
    admin = staff_headers(base_url, ADMIN_EMAIL)
    provider = replica.all("provider")[0]["provider_id"]
    service = next(
        link["service_id"]
        for link in replica.all("provider_service")
        if link["provider_id"] == provider
    )
    body = {
        "customer_id": replica.all("customer")[0]["customer_id"],
        "service_id": service,
        "provider_id": provider,
    }

    def at(hour: int) -> str:
        return local_to_utc(day, time(hour), tz).isoformat()

    # Booked by reception at the first free hour, moved by the admin to a later one.
    bid = ""
    for hour in range(9, 17):
        made = httpx.post(
            f"{base_url}/bookings", json={**body, "start_at": at(hour)}, headers=reception
        )
        if made.status_code == 201:
            bid = made.json()[0]["booking_id"]
            break
    for later in range(hour + 2, 19):
        moved = httpx.post(
            f"{base_url}/bookings/{bid}/reschedule", json={"start_at": at(later)}, headers=admin
        )
        if moved.status_code == 200:
            break
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


async def settle_kiosk(kiosk: KioskApp) -> None:
    await kiosk.tasks.drain()
    await asyncio.sleep(0.2)


def main() -> int:
    OUT.mkdir(exist_ok=True)
    qt = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(qt)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as tmp, loop:
        run_until_done(loop, shoot(Path(tmp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
