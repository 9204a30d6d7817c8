"""Where the desk keeps its session: the keyring or memory, never a plain file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.credentials import KeyringTokens, Preferences, RunOnlyTokens, keyring_available
from app.sync.api import Tokens


class MemoryKeyring(KeyringBackend):
    # Negative: keyring must never pick this on its own when it looks for backends.
    priority = -1

    def __init__(self) -> None:
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError(username)
        del self.store[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def test_headless_there_is_no_keyring_and_the_desk_knows() -> None:
    assert not keyring_available()


def test_tokens_live_in_the_keyring_per_server_and_account(memory_keyring: MemoryKeyring) -> None:
    assert keyring_available()
    store = KeyringTokens("http://desk:8765/", "recepcion@clinica.ar")
    assert store.load() is None
    store.save(Tokens("access-1", "refresh-1"))
    again = KeyringTokens("http://desk:8765", "recepcion@clinica.ar")
    assert again.load() == Tokens("access-1", "refresh-1")
    assert KeyringTokens("http://other:8765", "recepcion@clinica.ar").load() is None
    again.clear()
    assert KeyringTokens("http://desk:8765", "recepcion@clinica.ar").load() is None
    again.clear()  # twice is fine


def test_preferences_remember_server_and_user_but_no_secret(tmp_path: Path) -> None:
    path = tmp_path / "desk.json"
    prefs = Preferences(server="http://10.0.0.5:8765", email="r@c.ar", language="en")
    prefs.save(path)
    assert Preferences.load(path) == prefs
    assert "token" not in path.read_text()
    path.write_text("{not json")
    assert Preferences.load(path) == Preferences()  # a broken file is not a crash


def test_a_run_only_session_is_forgotten_with_the_object() -> None:
    store = RunOnlyTokens()
    store.save(Tokens("a", "r"))
    assert store.load() == Tokens("a", "r")
    store.clear()
    assert store.load() is None


def test_logs_rotate_in_their_folder_and_keep_the_last_errors(tmp_path: Path) -> None:
    import logging

    from app import logs

    path = logs.configure("kiosk", tmp_path)
    logging.getLogger("turnero.test").error("the scanner stopped answering")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path == tmp_path / "kiosk.log"
    assert "the scanner stopped answering" in path.read_text()
    assert any("scanner" in line for line in logs.RECENT.records)
    logs.configure("kiosk", tmp_path)  # again: one file handler, not two
    import logging.handlers

    rotating = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.handlers.RotatingFileHandler)
    ]
    assert len(rotating) == 1
    logging.getLogger().removeHandler(rotating[0])
    rotating[0].close()
