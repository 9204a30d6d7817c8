"""Where a desk keeps its session and what it remembers between runs.

Tokens go to the system keyring and nowhere else. With no keyring (a headless box, a
bare window manager) the desk says so and may keep them in memory for this run only:
never in a plain-text file.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import ClassVar, Self

import keyring
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import platformdirs

from app.private_files import write_private_text
from app.sync.api import Tokens

log = logging.getLogger(__name__)
SERVICE = "turnero"


def keyring_available() -> bool:
    """Whether a real keyring backend exists (not the `fail` one used headless, nor the
    `null` one an administrator may configure to turn keyrings off)."""
    backend = keyring.get_keyring()
    return not isinstance(backend, keyring.backends.fail.Keyring | keyring.backends.null.Keyring)


class KeyringTokens:
    """A TokenStore in the system keyring, one entry per server and account."""

    def __init__(self, server: str, account: str) -> None:
        self.key = f"{server.rstrip('/')}|{account}"
        self._cached: Tokens | None = None

    def load(self) -> Tokens | None:
        if self._cached is None:
            raw = keyring.get_password(SERVICE, self.key)
            self._cached = Tokens(**json.loads(raw)) if raw else None
        return self._cached

    def save(self, tokens: Tokens) -> None:
        keyring.set_password(SERVICE, self.key, json.dumps(asdict(tokens)))
        self._cached = tokens

    def clear(self) -> None:
        self._cached = None
        # Nothing stored is fine: signing out is done either way.
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(SERVICE, self.key)


class RunOnlyTokens:
    """Tokens kept in memory, for a run the user chose to keep without a keyring."""

    def __init__(self) -> None:
        self.tokens: Tokens | None = None

    def load(self) -> Tokens | None:
        return self.tokens

    def save(self, tokens: Tokens) -> None:
        self.tokens = tokens

    def clear(self) -> None:
        self.tokens = None


@dataclass
class SettingsFile:
    """A dataclass kept as JSON in the user's config folder, written atomically (a
    crash mid-write leaves the old file) and readable by this user only. No secrets go
    in one."""

    FILE: ClassVar[str] = ""

    @classmethod
    def path(cls) -> Path:
        return Path(platformdirs.user_config_dir("turnero", appauthor=False)) / cls.FILE

    @classmethod
    def load(cls, path: Path | None = None) -> Self:
        try:
            data = json.loads((path or cls.path()).read_text(encoding="utf-8"))
            names = {f.name for f in fields(cls)}
            return cls(**{k: v for k, v in data.items() if k in names})
        except (OSError, ValueError, TypeError, AttributeError):
            return cls()  # missing or damaged: start from the defaults

    def save(self, path: Path | None = None) -> None:
        # Private (0600 in a 0700 folder): no secret, but who signs in where, and a
        # kiosk's PIN hash, are nobody else's business.
        write_private_text(path or self.path(), json.dumps(asdict(self), indent=2))


@dataclass
class Preferences(SettingsFile):
    """Remembered between runs by the desk: no secrets here."""

    FILE: ClassVar[str] = "desk.json"
    server: str = "http://127.0.0.1:8765"
    email: str = ""
    language: str = "es-AR"
    account: str = ""  # the last signed-in account as JSON (ids and names, no secrets)
    # The certificate authority (PEM) pinned for each server address at its first
    # sign-in (app/tls.py): public certificates, no secrets.
    pins: dict[str, str] = field(default_factory=dict)
