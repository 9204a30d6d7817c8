"""The queue board against a real server with the demo clinic: a desk calls a walk-in,
the board shows it as being served and announces it with the chime; with the server
gone it keeps showing its replica and says since when; no customer name anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app import walkin_queue
from app.board import BoardSettings
from server.demo import DEMO_PASSWORD, RECEPTION_EMAIL
from server.models import Customer, WalkinTicket
from tests.helpers.boardui import SilentChime, dispose_board, open_board
from tests.helpers.deskui import synced, wait_until
from tests.helpers.live import LiveServer
from tests.helpers.privacy import leaked
from tests.ui.conftest import Desks, Run
from ui.board.main import BoardApp
from ui.desk.kiosks import KiosksDialog

WALKIN = "Zoe Tablero"


@contextmanager
def opened_board(
    run: Run[Any], server: LiveServer, folder: Path, language: str = "en"
) -> Iterator[BoardApp]:
    """Opened and closed within the test's body: pytest-qt turns Qt's events outside
    the asyncio loop between setup and body, where the board's sync cannot step."""
    app: BoardApp = run(
        open_board(server.base_url, RECEPTION_EMAIL, DEMO_PASSWORD, folder, language=language)
    )
    app.now = server.clock  # the board's day is the server's
    try:
        yield app
    finally:
        run(app.close())
        dispose_board(app)


def board_texts(app: BoardApp) -> list[str]:
    return [label.text() for label in app.window.findChildren(QLabel)]


def test_a_call_at_the_desk_is_served_and_announced_on_the_board_and_stays_offline(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine, tmp_path: Path
) -> None:
    with opened_board(run, demo_server, tmp_path / "board") as board:
        called_and_announced(run, desks, demo_server, demo_store, board)


def called_and_announced(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine, board: BoardApp
) -> None:
    desk_app, window = desks.open(demo_server)
    desk = desk_app.desk
    assert desk is not None
    panel = window.walkins
    desk_app.tasks.submit(
        desk,
        "walkin.create",
        {"location_id": walkin_queue.location_id(desk.replica), "customer_name": WALKIN},
    )
    run(synced(desk_app))
    zoe = run(
        wait_until(
            lambda: next((t for t in panel.tickets if t.customer_name == WALKIN and t.label), None),
            what="the ticket numbered by the server",
        )
    )
    # The board shows it waiting in the common line, and nobody is announced yet.
    run(wait_until(lambda: zoe.label in board.window.waiting.text(), what="Zoe waiting"))
    chimes = board.player.played
    assert isinstance(board.player, SilentChime)
    # The desk calls everyone ahead of Zoe, then Zoe.
    while True:
        first = next(t for t in panel.tickets if t.status == "waiting")
        panel.call_first()
        run(synced(desk_app))
        if first.ticket_id == zoe.ticket_id:
            break
    cards = board.window.cards

    def serving_zoe() -> bool:
        return any(c.isVisible() and zoe.label in c.serving.text() + c.also.text() for c in cards)

    run(wait_until(serving_zoe, what="Zoe now serving on the board"))
    assert zoe.label not in board.window.waiting.text()
    overlay = board.window.overlay
    announced = [overlay.number.text()] + [c.label for c in board.window.pending]
    assert overlay.isVisible()
    assert zoe.label in announced
    assert board.player.played > chimes
    assert "front desk" in overlay.where.text()  # called with no provider: the counter
    # Never a customer name: not on the board's screen, not in its replica.
    with Session(demo_store) as s:
        # Whole names: a last name alone may be a provider's too ("Dra. Sofía Rodríguez").
        names = {f"{c.first_name} {c.last_name}" for c in s.scalars(select(Customer))}
        names |= {t.customer_name for t in s.scalars(select(WalkinTicket)) if t.customer_name}
    assert WALKIN in names
    assert len(names) > 100
    shown = "\n".join(board_texts(board)).encode()
    assert leaked(names, shown) == []
    assert board.replica is not None
    path = board.replica.path
    raw = path.read_bytes() + b"".join(p.read_bytes() for p in path.parent.glob(path.name + "-*"))
    assert leaked(names, raw) == []
    # The server goes away: the board keeps its queue and says since when, discreetly.
    demo_server.stop()
    run(wait_until(lambda: "Offline since" in board.window.offline.text(), 30, "offline mark"))
    board.refresh()
    run(board.tasks.drain())
    assert serving_zoe()
    demo_server.start()


def test_the_board_in_spanish_says_who_is_served_in_spanish(
    run: Run[Any], tmp_path: Path, demo_server: LiveServer
) -> None:
    with opened_board(run, demo_server, tmp_path / "board-es", "es-AR") as board:
        texts = board_texts(board)
        assert "Atendiendo" in texts
        assert "Próximos" in texts
        assert "Now serving" not in texts


def test_the_desk_makes_a_board_code_that_enrols_the_board_and_revokes_it(
    run: Run[Any], desks: Desks, demo_server: LiveServer, tmp_path: Path
) -> None:
    _app, window = desks.open(demo_server)
    dialog = KiosksDialog(window.desk, window.tasks, window)
    board = BoardApp(
        BoardSettings(language="en"),
        settings_path=tmp_path / "b.json",
        data_dir=tmp_path / "b",
        use_keyring=False,
        player=SilentChime(),
    )
    screen = board.start()
    assert "not enrolled" in screen.message.text()

    async def scenario() -> None:
        dialog.create_kiosk("Sala de espera", kind="board")
        await wait_until(lambda: len(dialog.code.text()) == 9, what="the code")
        assert "turnero board" in dialog.panel.hint.text()
        await board.enroll(demo_server.base_url, dialog.code.text())
        await wait_until(lambda: board.view is not None, 20, "enrolled and synced")
        await wait_until(lambda: dialog.table.rowCount() == 1, what="listed")
        kind = dialog.table.item(0, 1)
        assert kind is not None
        assert kind.text() == "Queue board"
        dialog.table.selectRow(0)
        dialog.revoke_button.click()
        await wait_until(lambda: "revoked" in screen.message.text(), 20, "the board stopped")
        await board.close()

    try:
        run(scenario())
        assert board.settings.board() is None  # forgotten: enrolled again with a new code
    finally:
        run(board.close())
        dispose_board(board)
        dialog.close()
