"""The kiosk against a real server with the demo clinic: every check-in path, a walk-in
ticket, the idle reset, an offline check-in that reaches the desk, revocation, and
what its local file holds."""

from __future__ import annotations

import asyncio
import re
import unicodedata
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pypdf import PdfReader
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QLabel, QWidget
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.kiosk import KioskSettings, Match, Outcome
from app.sync.api import MemoryTokens, SyncApi, Tokens
from app.sync.engine import SyncEngine
from app.sync.replica import Replica
from server.demo import ADMIN_EMAIL, DEMO_PASSWORD, RECEPTION_EMAIL
from server.models import Booking, Customer, KioskDevice, WalkinTicket
from tests.helpers.deskui import wait_until
from tests.helpers.files import mode
from tests.helpers.kioskfit import kiosk_pages, show_page
from tests.helpers.kioskui import PIN
from tests.helpers.live import LiveServer
from tests.helpers.privacy import leaked
from tests.ui.conftest import Desks, Kiosks, Run, demo_morning
from tests.ui.test_translations import TS
from ui.desk.kiosks import KiosksDialog
from ui.kiosk.main import KioskApp

T = TypeVar("T")


def bookings_today(kiosk: KioskApp, status: str = "confirmed") -> list[dict[str, Any]]:
    assert kiosk.service is not None
    rows = [r for r in kiosk.service.replica.all("booking") if r["status"] == status]
    return sorted(rows, key=lambda r: r["start_at"])


def clock(at: datetime) -> Callable[[], datetime]:
    return lambda: at


def test_check_in_by_code_and_its_refusals(
    run: Run[Any], kiosks: Kiosks, demo_server: LiveServer
) -> None:
    kiosk = kiosks.open(demo_server)
    service, window = kiosk.service, kiosk.window
    assert service is not None
    first, second = bookings_today(kiosk)[:2]
    start = datetime.fromisoformat(first["start_at"])
    service.now = clock(start - timedelta(minutes=10))

    async def scenario() -> None:
        window.welcome.check_in_button.click()
        assert window.stack.currentWidget() is window.checkin
        # A wrong code: said on the same screen, nothing else shown.
        window.checkin.code.setText("ZZZZZZ")
        window.checkin.submit()
        await wait_until(lambda: "no booking" in window.checkin.message.text(), what="refusal")
        # The right one, typed loosely (a scanner may send a URL ending in it).
        window.checkin.code.setText(f" https://turnero.ar/b/{first['code'].lower()} ")
        window.checkin.submit()
        await wait_until(lambda: window.stack.currentWidget() is window.confirm, what="confirm")
        assert first["customer_label"] in window.confirm.hello.text()
        assert f"{start.astimezone(window.biz.time_zone):%H:%M}" in window.confirm.details.text()
        window.confirm.yes.click()
        await wait_until(lambda: window.stack.currentWidget() is window.message, what="thanks")
        assert "checked in" in window.message.body.text()
        arrived = service.replica.get("booking", first["booking_id"])
        assert arrived is not None
        assert arrived["status"] == "checked_in"
        # Again: already checked in.
        window.reset()
        window.welcome.check_in_button.click()
        window.checkin.code.setText(first["code"])
        window.checkin.submit()
        await wait_until(lambda: "already" in window.message.title.text(), what="already")

        def titled(words: str) -> Callable[[], bool]:
            return lambda: words in window.message.title.text()

        # Too early, and too late, for the second booking.
        later = datetime.fromisoformat(second["start_at"])
        for now, words in (
            (later - timedelta(hours=3), "early"),
            (later + timedelta(hours=2), "front desk"),
        ):
            service.now = clock(now)
            window.reset()
            window.welcome.check_in_button.click()
            window.checkin.code.setText(second["code"])
            window.checkin.submit()
            await wait_until(titled(words), what=words)

    run(scenario())


def test_check_in_by_phone_needs_the_right_second_factor(
    run: Run[Any], kiosks: Kiosks, demo_server: LiveServer, demo_store: Engine
) -> None:
    kiosk = kiosks.open(demo_server)
    service, window = kiosk.service, kiosk.window
    assert service is not None
    target = bookings_today(kiosk)[0]
    with Session(demo_store) as s:
        booking = s.get(
            Booking, (s.scalars(select(Booking.tenant_id)).first(), uuid.UUID(target["booking_id"]))
        )
        assert booking is not None
        customer = s.get(Customer, (booking.tenant_id, booking.customer_id))
        assert customer is not None
        phone = customer.phone
    start = datetime.fromisoformat(target["start_at"])
    service.now = clock(start - timedelta(minutes=5))
    hhmm = f"{start.astimezone(window.biz.time_zone):%H:%M}"
    wrong = "23:59" if hhmm != "23:59" else "00:00"

    async def scenario() -> None:
        window.welcome.check_in_button.click()
        window.checkin.person_mode.click()
        window.checkin.phone.setText(phone[-10:])
        window.checkin.time.setText(wrong)
        window.checkin.submit()
        await wait_until(lambda: "no booking" in window.checkin.message.text(), what="refusal")
        window.checkin.time.setText(hhmm.replace(":", ""))  # typed without the colon
        window.checkin.submit()
        await wait_until(lambda: window.stack.currentWidget() is window.confirm, what="confirm")
        assert target["customer_label"] in window.confirm.hello.text()

    run(scenario())


def test_a_visit_over_missed_or_cancelled_is_said_so_not_take_a_seat(
    run: Run[Any], kiosks: Kiosks, demo_server: LiveServer, demo_store: Engine
) -> None:
    """The desk completed one visit, has another in service, marked a no-show and
    cancelled one; each customer comes to the kiosk and reads what became of it, not
    "your arrival is registered, you will be called"."""
    kiosk = kiosks.open(demo_server, language="es-AR")
    service, window = kiosk.service, kiosk.window
    assert service is not None
    done, seeing, missed, cancelled = bookings_today(kiosk)[:4]
    steps = {
        done["booking_id"]: ("checked_in", "in_service", "completed"),
        seeing["booking_id"]: ("checked_in", "in_service"),
        missed["booking_id"]: ("no_show",),
        cancelled["booking_id"]: ("cancelled",),
    }
    with httpx.Client(base_url=demo_server.base_url, timeout=10) as http:
        staff = http.post(
            "/auth/sign-in", json={"email": RECEPTION_EMAIL, "password": DEMO_PASSWORD}
        ).json()
        auth = {"Authorization": f"Bearer {staff['access_token']}"}
        for booking_id, statuses in steps.items():
            for status in statuses:
                moved = http.post(
                    f"/bookings/{booking_id}/status",
                    headers=auth,
                    json={"status": status, "reason": "Avisó por teléfono"},
                )
                assert moved.status_code == 200, moved.text
    with Session(demo_store) as s:
        booking = s.get(
            Booking,
            (s.scalars(select(Booking.tenant_id)).first(), uuid.UUID(cancelled["booking_id"])),
        )
        assert booking is not None
        customer = s.get(Customer, (booking.tenant_id, booking.customer_id))
        assert customer is not None
        phone = customer.phone

    def status_of(row: dict[str, Any]) -> str:
        assert service is not None
        return str((service.replica.get("booking", row["booking_id"]) or {}).get("status"))

    def said() -> str:
        return f"{window.message.title.text()} / {window.message.body.text()}"

    async def by_code(row: dict[str, Any]) -> str:
        window.reset()
        window.welcome.check_in_button.click()
        window.checkin.code.setText(row["code"])
        window.checkin.submit()
        await wait_until(lambda: window.stack.currentWidget() is window.message, what="answer")
        return said()

    async def scenario() -> dict[str, str]:
        await wait_until(lambda: status_of(cancelled) == "cancelled", 15, "the desk's changes")
        answers = {
            name: await by_code(row)
            for name, row in (
                ("done", done),
                ("seeing", seeing),
                ("missed", missed),
                ("cancelled", cancelled),
            )
        }
        # By phone and time too: the server finds the cancelled booking and says so.
        window.reset()
        window.welcome.check_in_button.click()
        window.checkin.person_mode.click()
        window.checkin.phone.setText(phone[-10:])
        start = datetime.fromisoformat(cancelled["start_at"])
        window.checkin.time.setText(f"{start.astimezone(window.biz.time_zone):%H:%M}")
        window.checkin.submit()
        await wait_until(lambda: window.stack.currentWidget() is window.message, what="phone")
        answers["cancelled by phone"] = said()
        return answers

    answers = run(scenario())

    def hhmm(row: dict[str, Any]) -> str:
        return f"{datetime.fromisoformat(row['start_at']).astimezone(window.biz.time_zone):%H:%M}"

    gone = f"Este turno fue cancelado / Era a las {hhmm(cancelled)}. " + (
        "Si necesitás uno nuevo, consultá en recepción."
    )
    assert answers == {
        "done": f"Tu visita de hoy ya terminó / Tu turno de las {hhmm(done)} ya fue atendido. "
        "Si necesitás algo más, consultá en recepción.",
        "seeing": "Tu turno ya empezó / Si saliste un momento, avisá en recepción, por favor.",
        "missed": f"Tu turno figura como ausente / Era a las {hhmm(missed)}. "
        "Acercate a recepción, por favor: te van a ayudar.",
        "cancelled": gone,
        "cancelled by phone": gone,
    }


def test_too_many_misses_rest_the_phone_lookup_and_say_so(
    run: Run[Any], kiosks: Kiosks, demo_server: LiveServer
) -> None:
    """After five misses (the server's default) the kiosk says why phone/DNI rests and
    what to do instead, rather than waiting for an answer that will not come."""
    kiosk = kiosks.open(demo_server)
    window = kiosk.window

    async def scenario() -> None:
        window.welcome.check_in_button.click()
        window.checkin.person_mode.click()
        window.checkin.time.setText("2359")
        for n in range(5):
            window.checkin.phone.setText(f"11 4000 00{n:02d}")
            window.checkin.submit()
            await wait_until(lambda: "no booking" in window.checkin.message.text(), what="miss")
        window.checkin.phone.setText("11 4000 0099")
        window.checkin.submit()
        await wait_until(lambda: "Too many tries" in window.checkin.message.text(), what="rest")
        assert "booking code" in window.checkin.message.text()

    run(scenario())


def test_a_walk_in_ticket_is_numbered_by_the_kiosk_and_printed(
    run: Run[Any],
    kiosks: Kiosks,
    demo_server: LiveServer,
    demo_store: Engine,
    tmp_path: Path,
    usual_umask: None,
) -> None:
    kiosk = kiosks.open(demo_server)
    service, window = kiosk.service, kiosk.window
    assert service is not None
    # Half past nine at the clinic: someone is free this morning, whatever the day.
    service.now = clock(demo_morning() + timedelta(minutes=30))

    async def scenario() -> None:
        window.welcome.walk_in_button.click()
        window.walkin.chosen.emit(None)  # "Something else": any provider
        await wait_until(lambda: window.stack.currentWidget() is window.ticket, what="ticket")
        assert window.ticket.number.text() == f"{service.identity.ticket_prefix}001"
        assert re.match(r"Estimated wait: ~\d+ (min|h)", window.ticket.wait.text())
        assert window.printed_to.endswith(".pdf")  # no printer here: a PDF instead
        assert Path(window.printed_to).read_bytes().startswith(b"%PDF")
        assert "Estimated wait: ~" in pdf_text(Path(window.printed_to))
        # The kiosk's files are its user's alone: the ticket, its settings, its replica.
        pdf = Path(window.printed_to)
        replica = service.replica.path
        assert kiosk.settings_path is not None
        assert {f.name: mode(f) for f in (pdf, kiosk.settings_path, replica)} == {
            pdf.name: "0o600",
            "kiosk.json": "0o600",
            replica.name: "0o600",
        }
        assert (mode(pdf.parent), mode(replica.parent)) == ("0o700", "0o700")
        await wait_until(lambda: service.engine.status().pending == 0, what="pushed")

    run(scenario())
    with Session(demo_store) as s:
        labels = set(s.scalars(select(WalkinTicket.label)))
    assert "A001" in labels


def test_a_ticket_with_no_estimate_says_nothing_of_the_wait(
    run: Run[Any], kiosks: Kiosks, demo_server: LiveServer
) -> None:
    """Late at night nobody is free any more today: the customer gets the number and
    the people ahead, not "Espera estimada: —", on the screen or on paper."""
    kiosk = kiosks.open(demo_server, language="es-AR")
    service, window = kiosk.service, kiosk.window
    assert service is not None
    service.now = clock(demo_morning() + timedelta(hours=14, minutes=30))  # 23:30

    async def scenario() -> None:
        window.welcome.walk_in_button.click()
        window.walkin.chosen.emit(None)
        await wait_until(lambda: window.stack.currentWidget() is window.ticket, what="ticket")

    run(scenario())
    assert re.fullmatch(r"\d+ personas? antes que vos", window.ticket.wait.text())
    printed = pdf_text(Path(window.printed_to))
    assert window.ticket.number.text() in printed
    assert "Espera" not in printed
    assert "—" not in printed


def pdf_text(path: Path) -> str:
    """The text of a PDF as a reader sees it (pypdf: no system tool needed)."""
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in PdfReader(path).pages))
    # Ligatures undone and the gaps between words one space each, as a reader copies.
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def english_texts() -> list[re.Pattern[str]]:
    """The UI's English words that Spanish says otherwise, from the Linguist file: as
    patterns for a whole line (a "%1" stands for anything), and long ones for a part."""
    patterns = []
    for message in ET.parse(TS).iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        spanish = "" if translation is None else (translation.text or "")
        if spanish == source or not re.sub(r"%\w", "", source).strip(" .,:"):
            continue
        pattern = re.escape(source).replace("%1", ".*").replace("%n", ".*")
        for line in pattern.split("\\\n"):
            patterns.append(re.compile(f"^{line}$" if len(line) < 16 else line))
    return patterns


def visible_texts(window: QWidget) -> list[str]:
    lines = []
    for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if w.isVisible() and w.text():
            lines.extend(w.text().splitlines())
    return lines


def test_the_spanish_kiosk_says_nothing_in_english(
    run: Run[Any], kiosks: Kiosks, demo_server: LiveServer, tmp_path: Path
) -> None:
    """Every page of a Spanish kiosk, every answer to a check-in, and a refused
    enrollment, read in Spanish ("What do you come for?" was reported in English)."""
    english = english_texts()
    assert any(p.search("What do you come for?") for p in english)  # the list is right
    kiosk = kiosks.open(demo_server, language="es-AR")
    service, window = kiosk.service, kiosk.window
    assert service is not None
    seen: dict[str, list[str]] = {}
    for name, show in kiosk_pages(window, service):
        show_page(show)
        seen[name] = visible_texts(window)
    start = datetime.fromisoformat(bookings_today(kiosk)[0]["start_at"])
    for outcome in Outcome:
        window.stack.setCurrentWidget(window.checkin)  # where a refusal is said
        window.show_match(Match(outcome, "b", "María G.", start, "Dra. Ana", "Consulta"))
        window.done_timer.stop()
        show_page(lambda: None)
        seen[outcome] = visible_texts(window)
    window.stack.setCurrentWidget(window.welcome)

    fresh = KioskApp(
        KioskSettings(language="es-AR"),
        settings_path=tmp_path / "fresh.json",
        data_dir=tmp_path / "fresh",
        use_keyring=False,
    )
    screen = fresh.start()
    screen.resize(1280, 800)
    screen.show()
    page = screen.enroll_page
    assert page is not None
    page.server.setText(demo_server.base_url)
    page.code.setText("ABCD-EFGH")  # mistyped
    page.pin.setText(PIN)

    async def refused() -> None:
        page.submit()
        await wait_until(lambda: page.message.text(), what="the refusal")
        await fresh.tasks.drain()

    try:
        run(refused())
        seen["enrollment"] = visible_texts(screen)
    finally:
        run(fresh.close())
        screen.allow_close = True
        screen.close()
        fresh.tasks.shutdown()
    found = {
        where: [line for line in lines if any(p.search(line) for p in english)]
        for where, lines in seen.items()
    }
    assert {where: lines for where, lines in found.items() if lines} == {}
    assert "¿A qué venís?" in seen["walkin"]


def test_idle_returns_to_welcome_and_forgets_what_was_typed(
    run: Run[Any], kiosks: Kiosks, demo_server: LiveServer
) -> None:
    kiosk = kiosks.open(demo_server)
    window = kiosk.window
    window.idle.setInterval(300)

    async def scenario() -> None:
        window.welcome.check_in_button.click()
        window.checkin.person_mode.click()
        window.checkin.phone.setText("1145678910")
        window.checkin.birth.setText("17/05/1980")
        window.idle.start()
        await wait_until(lambda: window.stack.currentWidget() is window.welcome, 5, "welcome")
        assert window.checkin.phone.text() == ""
        assert window.checkin.birth.text() == ""
        assert window.checkin.code.text() == ""

    run(scenario())


def test_an_offline_check_in_reaches_the_desk_when_the_network_returns(
    run: Run[Any], kiosks: Kiosks, demo_server: LiveServer, tmp_path: Path
) -> None:
    kiosk = kiosks.open(demo_server)
    service, window = kiosk.service, kiosk.window
    assert service is not None
    target = bookings_today(kiosk)[-1]
    service.now = clock(datetime.fromisoformat(target["start_at"]) - timedelta(minutes=15))
    body = httpx.post(
        f"{demo_server.base_url}/auth/sign-in",
        json={"email": RECEPTION_EMAIL, "password": DEMO_PASSWORD},
    ).json()
    desk = SyncEngine(
        Replica(tmp_path / "desk.db"),
        SyncApi(
            demo_server.base_url, MemoryTokens(Tokens(body["access_token"], body["refresh_token"]))
        ),
    )
    demo_server.stop()

    async def scenario() -> None:
        await wait_until(lambda: service.engine.status().state == "offline", what="offline")
        window.welcome.check_in_button.click()
        window.checkin.code.setText(target["code"])
        window.checkin.submit()
        await wait_until(lambda: window.stack.currentWidget() is window.confirm, what="confirm")
        window.confirm.yes.click()
        await wait_until(lambda: window.stack.currentWidget() is window.message, what="thanks")
        assert service.engine.status().pending == 1
        # Discreet, for staff; it stays while the engine retries (the new change woke it).
        assert window.offline.isVisible()
        demo_server.start()
        await wait_until(lambda: service.engine.status().pending == 0, 30, "the push")
        await wait_until(lambda: not window.offline.isVisible(), what="the mark to go")
        await desk.sync_once()
        row = desk.replica.get("booking", target["booking_id"])
        assert row is not None
        assert row["status"] == "checked_in"
        await desk.api.aclose()
        desk.replica.close()

    run(scenario())


def test_a_revoked_kiosk_stops_and_asks_to_be_enrolled_again(
    run: Run[Any], kiosks: Kiosks, demo_server: LiveServer, demo_store: Engine
) -> None:
    kiosk = kiosks.open(demo_server)
    assert kiosk.service is not None
    device = kiosk.service.identity.device_id
    with httpx.Client(base_url=demo_server.base_url, timeout=10) as http:
        admin = http.post("/auth/sign-in", json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD})
        auth = {"Authorization": f"Bearer {admin.json()['access_token']}"}
        assert http.post(f"/setup/kiosks/{device}/revoke", headers=auth).status_code == 200

    async def scenario() -> None:
        await wait_until(
            lambda: kiosk.window.enroll_page is not None and kiosk.service is None,
            10,
            "the enrollment screen",
        )
        page = kiosk.window.enroll_page
        assert page is not None
        assert kiosk.window.stack.currentWidget() is page
        assert any("revoked" in w.text() for w in page.findChildren(type(page.message)))

    run(scenario())
    assert kiosk.settings.identity is None
    with Session(demo_store) as s:
        assert s.scalars(select(KioskDevice.revoked_at)).first() is not None


def test_the_kiosk_file_holds_no_phone_email_or_dni(
    run: Run[Any], kiosks: Kiosks, demo_server: LiveServer, demo_store: Engine, tmp_path: Path
) -> None:
    kiosk = kiosks.open(demo_server, "private")
    assert kiosk.service is not None
    path = kiosk.service.replica.path
    run(kiosk.close())
    raw = path.read_bytes() + b"".join(p.read_bytes() for p in path.parent.glob(path.name + "-wal"))
    with Session(demo_store) as s:
        customers = s.scalars(select(Customer)).all()
    secrets = {c.phone for c in customers if c.phone} | {
        c.national_id for c in customers if c.national_id
    }
    secrets |= {c.email for c in customers if c.email}
    assert len(secrets) > 300
    assert leaked(secrets, raw) == []
    assert b"Consulta" in raw  # the file was read, and it has what check-in needs


def test_the_kiosks_dialog_says_plainly_when_the_server_is_away(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    _app, window = desks.open(demo_server)
    demo_server.stop()
    dialog = KiosksDialog(window.desk, window.tasks, window)

    async def scenario() -> None:
        await wait_until(lambda: dialog.error.text() != "", 15, "the error")

    run(scenario())
    assert dialog.error.text() == (
        "The server cannot be reached now. Try again when the desk is online."
    )
    dialog.close()


def test_the_desk_enrols_a_kiosk_with_a_code_and_revokes_it(
    run: Run[Any], desks: Desks, demo_server: LiveServer, tmp_path: Path
) -> None:
    _app, window = desks.open(demo_server)
    dialog = KiosksDialog(window.desk, window.tasks, window)
    kiosk = KioskApp(
        KioskSettings(language="en"),
        settings_path=tmp_path / "k.json",
        data_dir=tmp_path / "k",
        use_keyring=False,
    )
    screen = kiosk.start()

    async def scenario() -> None:
        dialog.create_kiosk("Sala de espera")
        await wait_until(lambda: len(dialog.code.text()) == 9, what="the code")
        page = screen.enroll_page
        assert page is not None
        page.server.setText(demo_server.base_url)
        page.pin.setText(PIN)
        page.code.setText("ABCD-EFGH")  # mistyped
        page.submit()
        await wait_until(lambda: "not valid" in page.message.text(), what="the refusal")
        assert page.message.text() == "This code is not valid or has expired. Ask for a new one."
        page.code.setText(dialog.code.text())
        page.submit()
        await wait_until(lambda: kiosk.has_data, 20, "enrolled and synced")
        await wait_until(lambda: dialog.table.rowCount() == 1, what="listed")
        dialog.table.selectRow(0)
        dialog.revoke_button.click()
        await wait_until(
            lambda: kiosk.service is None and screen.enroll_page is not None,
            10,
            "the kiosk stopped",
        )
        await kiosk.tasks.drain()

    try:
        run(scenario())
        state = dialog.table.item(0, 3)
        assert state is not None
        assert "Revoked" in state.text()
        # Leaving needs the staff PIN; a wrong one keeps the kiosk open.
        asked = screen.ask_to_leave()
        asked.pin.setText("0000")
        asked.submit()
        run(wait_until(lambda: "Wrong PIN" in asked.message.text(), what="the refusal"))
        screen.close()
        assert not screen.allow_close
        asked.pin.setText(PIN)
        asked.submit()
        run(wait_until(lambda: screen.allow_close, what="the way out"))
    finally:
        run(kiosk.close())
        screen.allow_close = True
        screen.close()
        kiosk.tasks.shutdown()


async def wait_for(future: asyncio.Future[T]) -> T:
    return await future


def test_five_wrong_pins_lock_leaving_and_staff_are_told_for_how_long(
    qapp: QApplication, run: Run[Any], kiosks: Kiosks, demo_server: LiveServer
) -> None:
    kiosk = kiosks.open(demo_server)
    window = kiosk.window
    kiosk.exit_pin.now = lambda: datetime(2026, 11, 30, 12, tzinfo=UTC)
    dialog = window.ask_to_leave()
    assert dialog.isVisible()
    said = []
    for n in range(5):
        dialog.pin.setText(f"135{n}")
        dialog.submit()
        run(wait_until(lambda: dialog.pin.isEnabled() or "locked" in dialog.message.text()))
        said.append(dialog.message.text())
    assert said == [
        "Wrong PIN. After 4 more wrong one(s), leaving locks for some minutes.",
        "Wrong PIN. After 3 more wrong one(s), leaving locks for some minutes.",
        "Wrong PIN. After 2 more wrong one(s), leaving locks for some minutes.",
        "Wrong PIN. After 1 more wrong one(s), leaving locks for some minutes.",
        "Too many wrong PINs: leaving is locked for 5 minute(s).",
    ]
    assert not dialog.pin.isVisible()  # nothing to type while locked, only a way out
    assert dialog.buttons.standardButtons() == QDialogButtonBox.StandardButton.Close
    # Asked again (or after a restart: it is in the settings file), still locked.
    dialog.reject()
    again = window.ask_to_leave()
    assert again.message.text() == "Too many wrong PINs: leaving is locked for 5 minute(s)."
    assert not again.pin.isVisible()
    assert kiosk.settings_path is not None
    assert KioskSettings.load(kiosk.settings_path).pin_locked_until == "2026-11-30T12:05:00+00:00"
    check = run(wait_for(window.leave(PIN)))  # the right PIN, typed anyway, changes nothing
    assert (check.ok, window.allow_close) == (False, False)
    kiosk.exit_pin.now = lambda: datetime(2026, 11, 30, 12, 5, tzinfo=UTC)
    quits = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)  # the kiosk closing would end the test's loop
    try:
        assert run(wait_for(window.leave(PIN))).ok
        run(wait_until(lambda: not window.isVisible(), what="the kiosk to close"))
    finally:
        qapp.setQuitOnLastWindowClosed(quits)
