"""The real kiosk application, enrolled on a live server by staff's one-time code,
driven from tests and `make screenshots`."""

from __future__ import annotations

from pathlib import Path

import httpx

from app.kiosk import KioskSettings
from tests.helpers.deskui import wait_until
from ui.kiosk.main import KioskApp

PIN = "2468"


def enrollment_code(base_url: str, email: str, password: str, name: str = "Entrada") -> str:
    with httpx.Client(base_url=base_url, timeout=10) as http:
        staff = http.post("/auth/sign-in", json={"email": email, "password": password}).json()
        auth = {"Authorization": f"Bearer {staff['access_token']}"}
        location = http.get("/setup/locations", headers=auth).json()[0]["location_id"]
        made = http.post(
            "/setup/kiosks", headers=auth, json={"location_id": location, "name": name}
        )
        assert made.status_code == 201, made.text
        return str(made.json()["enrollment_code"])


async def open_kiosk(
    base_url: str, email: str, password: str, folder: Path, *, language: str = "es-AR"
) -> KioskApp:
    folder.mkdir(parents=True, exist_ok=True)
    app = KioskApp(
        KioskSettings(language=language, idle_seconds=45),
        settings_path=folder / "kiosk.json",
        data_dir=folder,
        use_keyring=False,
    )
    window = app.start()
    window.resize(1280, 800)
    window.show()
    page = window.enroll_page
    assert page is not None
    page.server.setText(base_url)
    page.code.setText(enrollment_code(base_url, email, password))
    page.pin.setText(PIN)
    page.submit()
    try:
        await wait_until(lambda: app.has_data, 20, "the kiosk's first sync")
    except AssertionError as exc:
        state = app.service.engine.status() if app.service else page.message.text()
        last = app.service.engine.last_error if app.service else ""
        raise AssertionError(f"{exc}: {state} {last}") from None
    await wait_until(lambda: window.stack.currentWidget() is window.welcome, 5, "the welcome")
    await app.tasks.drain()
    return app
