"""A keyring for desks and kiosks started as real processes by tests: a JSON file named
by TURNERO_TEST_KEYRING. Selected with PYTHON_KEYRING_BACKEND=
tests.helpers.file_keyring.FileKeyring, so the process resumes a session the test made
(the real keyrings need a desktop session; this one must never ship)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "TURNERO_TEST_KEYRING"
BACKEND = "tests.helpers.file_keyring.FileKeyring"


class FileKeyring(KeyringBackend):
    # Negative: keyring must never pick it on its own when it looks for backends (it
    # would, once imported, and the rest of the suite would lose its headless `fail`).
    # PYTHON_KEYRING_BACKEND loads it by name whatever its priority.
    priority = -1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]

    def _path(self) -> Path:
        return Path(os.environ[ENV])

    def _read(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(data), encoding="utf-8")
