"""Opening the desk offline as the last user, when its server cannot be reached.

A desk with no keyring keeps no session between runs, so after a restart during an
outage it could not open at all. At each successful online sign-in it now keeps, in
its data folder, who signed in (the account's ids and names: no secret) and a salted
Argon2id hash of the password: never the password, nor a token. The file is readable
by this user only (0600). Restarted offline, the desk checks the password typed
against that hash and opens that user's replica: changes queue in its outbox, and the
server sign-in is asked for when the server is back (no token, no sync before then).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, fields
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.signin import Account, check_address

log = logging.getLogger(__name__)
FILE = "offline-unlock.json"
_hasher = PasswordHasher()  # Argon2id, a random salt per hash, RFC 9106's low-memory costs


def _same_user(account: Account, server: str, email: str) -> bool:
    return (
        account.server == check_address(server)
        and account.email.casefold() == email.strip().casefold()
    )


class OfflineUnlock:
    """The last user's offline check, in `folder` (the desk's data folder)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE

    def remember(self, account: Account, password: str) -> None:
        """After a successful online sign-in (blocking: Argon2 takes a moment)."""
        record = {"account": asdict(account), "password_hash": _hasher.hash(password)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(record, out)
            out.flush()
            os.fsync(out.fileno())
        tmp.replace(self.path)

    def last_user(self) -> Account | None:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            names = {f.name for f in fields(Account)}
            return Account(**{k: v for k, v in record["account"].items() if k in names})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def can_unlock(self, server: str, email: str) -> bool:
        """Whether `email` on `server` is the last user, who may open offline."""
        account = self.last_user()
        return account is not None and _same_user(account, server, email)

    def unlock(self, server: str, email: str, password: str) -> Account | None:
        """The last user's account if `password` is theirs (blocking), else None."""
        account = self.last_user()
        if account is None or not _same_user(account, server, email):
            return None
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))["password_hash"]
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("the offline sign-in file cannot be read", exc_info=True)
            return None
        return account
