"""The real queue board application, enrolled on a live server by staff's one-time code
(File > Kiosks… > New queue board… makes the same), for tests and `make screenshots`."""

from __future__ import annotations

from pathlib import Path

import httpx

from app.board import BoardSettings
from tests.helpers.deskui import wait_until
from ui.board.main import BoardApp
from ui.board.sound import ChimePlayer


class SilentChime(ChimePlayer):
    """Counts the chimes and plays none: a test machine has no speaker to hear."""

    def play(self) -> None:
        self.played += 1


def board_code(base_url: str, email: str, password: str, name: str = "Sala de espera") -> str:
    with httpx.Client(base_url=base_url, timeout=10) as http:
        staff = http.post("/auth/sign-in", json={"email": email, "password": password}).json()
        auth = {"Authorization": f"Bearer {staff['access_token']}"}
        location = http.get("/setup/locations", headers=auth).json()[0]["location_id"]
        made = http.post(
            "/setup/kiosks",
            headers=auth,
            json={"location_id": location, "name": name, "kind": "board"},
        )
        assert made.status_code == 201, made.text
        return str(made.json()["enrollment_code"])


async def open_board(
    base_url: str, email: str, password: str, folder: Path, *, language: str = "en"
) -> BoardApp:
    folder.mkdir(parents=True, exist_ok=True)
    app = BoardApp(
        BoardSettings(language=language),
        settings_path=folder / "board.json",
        data_dir=folder,
        use_keyring=False,
        player=SilentChime(),
    )
    window = app.start()
    window.resize(1920, 1080)
    window.show()
    await app.enroll(base_url, board_code(base_url, email, password))
    await wait_until(lambda: app.view is not None, 20, "the board's first sync")
    return app


def dispose_board(app: BoardApp) -> None:
    """After `await app.close()`, outside the loop: closing the last window may end
    Qt's (and so asyncio's) loop."""
    app.timer.stop()
    app.window.close()
    app.window.deleteLater()
    app.tasks.shutdown()
