"""A signed-in desk: its account, its replica, its connection and its sync loop.

The UI holds one of these; everything it changes goes through `submit` (blocking:
call it off the GUI thread) and everything it shows is read from `replica`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import platformdirs

from app.signin import Account
from app.sync.api import SyncApi, Tokens, TokenStore
from app.sync.engine import Backoff, SyncEngine, SyncStatus
from app.sync.replica import Replica


class ClearableTokens(Protocol):
    def load(self) -> Tokens | None: ...

    def save(self, tokens: Tokens) -> None: ...

    def clear(self) -> None: ...


def data_folder(data_dir: Path | None = None) -> Path:
    """Where the desk keeps its replicas (and the offline sign-in check)."""
    return data_dir or Path(platformdirs.user_data_dir("turnero", appauthor=False))


def replica_path(account: Account, data_dir: Path | None = None) -> Path:
    """One replica per server, business and user, under the user's data folder."""
    folder = data_folder(data_dir)
    key = hashlib.sha256(f"{account.server}|{account.tenant_id}|{account.user_id}".encode())
    return folder / "replicas" / f"desk-{key.hexdigest()[:16]}.db"


@dataclass
class Desk:
    account: Account
    tokens: ClearableTokens
    replica: Replica
    api: SyncApi
    engine: SyncEngine

    @classmethod
    def open(
        cls,
        account: Account,
        tokens: ClearableTokens,
        *,
        data_dir: Path | None = None,
        backoff: Backoff | None = None,
        ca_pem: str = "",
        fallback_tokens: TokenStore | None = None,
    ) -> Desk:
        """`ca_pem`: the certificate authority pinned for the server ("" for none).
        `fallback_tokens`: a session at `account.fallback` (the central server behind a
        site hub), which the desk syncs with while the hub is down."""
        replica = Replica(replica_path(account, data_dir))
        api = SyncApi(account.server, tokens, ca_pem=ca_pem)
        fallback = (
            SyncApi(account.fallback, fallback_tokens)
            if account.fallback and fallback_tokens is not None
            else None
        )
        engine = SyncEngine(replica, api, backoff=backoff, fallback=fallback)
        return cls(account, tokens, replica, api, engine)

    @property
    def central(self) -> SyncApi:
        """The server for everything but sync: setup, kiosks, dates beyond the window and
        whole histories. At a site, central behind the hub (which holds one location's
        window, and passes on only sync changes); else the one server."""
        return self.engine.apis[-1]

    def submit(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        """Check and record a change durably (blocking); return its final args."""
        return self.engine.submit(name, args)[1]

    def submit_together(self, changes: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        """Record several changes all at once or not at all (blocking)."""
        return self.engine.submit_together(changes)

    def status(self) -> SyncStatus:
        return self.engine.status()

    async def close(self) -> None:
        self.engine.stop()
        for api in self.engine.apis:
            await api.aclose()
        self.replica.close()
