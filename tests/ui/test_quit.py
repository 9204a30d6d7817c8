"""Quitting ends the desk and the kiosk cleanly: exit status 0, no traceback, and the
change still waiting in the outbox kept for the next start.

Real processes (`turnero desk`, `turnero kiosk` under the offscreen platform), quit the
way a user does (tests/helpers/quitting.py: Ctrl+Q, File > Quit, the close button, the
kiosk's staff PIN), with their server on loopback down, so the change cannot go out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import keyring
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.credentials import KeyringTokens, Preferences
from app.desk import Desk, replica_path
from app.kiosk import KioskService, KioskSettings, enroll, hash_pin
from app.signin import Account, sign_in
from app.sync.api import MemoryTokens, SyncApi
from app.sync.engine import SyncEngine
from app.sync.replica import Replica
from server.demo import DEMO_PASSWORD, RECEPTION_EMAIL
from server.models import Customer
from tests.helpers import file_keyring
from tests.helpers.kioskui import PIN, enrollment_code
from tests.helpers.live import LiveServer
from tests.ui.conftest import Run

ROOT = Path(__file__).resolve().parents[2]


class Home:
    """The folders a desk or kiosk process uses (XDG), and its keyring file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config = root / "config" / "turnero"
        self.data = root / "data" / "turnero"
        self.logs = root / "state" / "turnero" / "log"
        self.keyring = root / "keyring.json"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(self.root / "config"),
            "XDG_DATA_HOME": str(self.root / "data"),
            "XDG_STATE_HOME": str(self.root / "state"),
            "XDG_CACHE_HOME": str(self.root / "cache"),
            "PYTHON_KEYRING_BACKEND": file_keyring.BACKEND,
            file_keyring.ENV: str(self.keyring),
            "PYTHONPATH": str(ROOT),
            "TURNERO_TEST_PIN": PIN,
        }

    def run(self, how: str, *argv: str) -> subprocess.CompletedProcess[str]:
        """`turnero argv...`, quit `how` once its window is up; its exit and output."""
        try:
            return subprocess.run(
                [sys.executable, "-m", "tests.helpers.quitting", how, *argv],
                cwd=ROOT,
                env=self.env(),
                capture_output=True,
                text=True,
                timeout=180,
            )
        except subprocess.TimeoutExpired as exc:
            err = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr
            raise AssertionError(f"it did not quit:\n{err}") from None


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Home]:
    """The process's folders, and its keyring file as this process's keyring while the
    test prepares the session the process resumes."""
    made = Home(tmp_path / "home")
    made.config.mkdir(parents=True)
    monkeypatch.setenv(file_keyring.ENV, str(made.keyring))
    previous = keyring.get_keyring()
    keyring.set_keyring(file_keyring.FileKeyring())
    yield made
    keyring.set_keyring(previous)


def assert_clean_exit(done: subprocess.CompletedProcess[str], log: Path) -> None:
    assert done.returncode == 0, done.stderr[-4000:]
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    assert "Traceback" not in log.read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["ctrl+q", "menu", "close"])
def test_the_desk_quits_cleanly_and_keeps_what_waits_to_be_sent(
    how: str, run: Run[Any], home: Home, demo_server: LiveServer, demo_store: Engine
) -> None:
    async def signed_in_then_offline_change() -> dict[str, Any]:
        account, tokens = await sign_in(demo_server.base_url, RECEPTION_EMAIL, DEMO_PASSWORD)
        KeyringTokens(account.server, account.email).save(tokens)  # the session it resumes
        Preferences(
            server=account.server,
            email=account.email,
            language="en",
            account=json.dumps(asdict(account)),
        ).save(home.config / "desk.json")
        desk = Desk.open(account, KeyringTokens(account.server, account.email), data_dir=home.data)
        await desk.engine.sync_once()
        demo_server.stop()  # an outage: what the receptionist does now waits in the outbox
        change = desk.submit("customer.create", {"first_name": "Pending", "last_name": "Quit"})
        await desk.close()
        return change

    change = run(signed_in_then_offline_change())

    done = home.run(how, "desk")

    assert_clean_exit(done, home.logs / "desk.log")
    account_json = json.loads(Preferences.load(home.config / "desk.json").account)
    replica = Replica(replica_path(Account(**account_json), home.data))
    try:
        assert [(p.name, p.args["customer_id"]) for p in replica.pending()] == [
            ("customer.create", change["customer_id"])
        ]
    finally:
        replica.close()

    # The next start sends it.
    demo_server.start()

    async def next_start() -> None:
        account = Account(**account_json)
        desk = Desk.open(account, KeyringTokens(account.server, account.email), data_dir=home.data)
        try:
            await desk.engine.sync_once()
        finally:
            await desk.close()

    run(next_start())
    with Session(demo_store) as s:
        names = s.execute(
            select(Customer.first_name, Customer.last_name).where(Customer.last_name == "Quit")
        ).all()
    assert [tuple(n) for n in names] == [("Pending", "Quit")]


def test_the_kiosk_leaves_with_the_staff_pin_cleanly_and_keeps_its_ticket(
    run: Run[Any], home: Home, demo_server: LiveServer
) -> None:
    base = demo_server.base_url

    async def enrolled_then_offline_ticket() -> tuple[str, str]:
        identity, tokens = await enroll(base, enrollment_code(base, RECEPTION_EMAIL, DEMO_PASSWORD))
        KioskSettings(identity=asdict(identity), pin_hash=hash_pin(PIN), language="en").save(
            home.config / "kiosk.json"
        )
        KeyringTokens(identity.server, f"kiosk:{identity.device_id}").save(tokens)
        path = home.data / "replicas" / f"kiosk-{identity.device_id}.db"
        replica = Replica(path)
        api = SyncApi(identity.server, MemoryTokens(tokens))
        engine = SyncEngine(replica, api)
        try:
            await engine.sync_once()
            demo_server.stop()
            ticket = KioskService(identity, replica, api, engine).take_ticket(None)
        finally:
            await api.aclose()
            replica.close()
        return str(path), ticket.ticket_id

    path, ticket_id = run(enrolled_then_offline_ticket())

    done = home.run("pin", "kiosk", "--windowed")

    assert_clean_exit(done, home.logs / "kiosk.log")
    replica = Replica(Path(path))
    try:
        assert [(p.name, p.args["ticket_id"]) for p in replica.pending()] == [
            ("walkin.create", ticket_id)
        ]
    finally:
        replica.close()
