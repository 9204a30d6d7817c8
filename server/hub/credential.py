"""A site hub's credential at central, kept in its data folder.

A headless server has no keyring: the device token sits in a file only its owner may
read (0600), written whole or not at all. Revoking the hub at central (an admin's
/setup/hubs/{id}/revoke) makes the file worthless at once.
"""

from __future__ import annotations

import json
import os
import ssl
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from app import tls

FILE_NAME = "hub-credential.json"


@dataclass(frozen=True)
class HubCredential:
    upstream: str  # central's base URL
    device_token: str
    device_id: uuid.UUID
    tenant_id: uuid.UUID
    location_id: uuid.UUID
    name: str
    # Central's certificate authority when it is not one the system trusts (a central
    # server with its own, as `turnero admin site-cert` makes): PEM, or "".
    ca_pem: str = ""

    def verify(self) -> ssl.SSLContext:
        """How this hub checks central's certificate."""
        return tls.context(self.ca_pem)

    def save(self, folder: Path) -> Path:
        """Written to a temporary file (0600 from its creation) and renamed over the
        old one: a crash leaves the old credential or the new, never half of one."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / FILE_NAME
        temporary = path.with_suffix(".tmp")
        data = {k: str(v) for k, v in asdict(self).items()}
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(data, f, indent=2)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
        return path

    @classmethod
    def load(cls, folder: Path) -> HubCredential | None:
        path = folder / FILE_NAME
        if not path.exists():
            return None
        data = json.loads(path.read_text())
        return cls(
            upstream=data["upstream"],
            device_token=data["device_token"],
            device_id=uuid.UUID(data["device_id"]),
            tenant_id=uuid.UUID(data["tenant_id"]),
            location_id=uuid.UUID(data["location_id"]),
            name=data["name"],
            ca_pem=data.get("ca_pem", ""),
        )


class EnrollmentError(Exception):
    """Central refused the code, or could not be reached: the message says which."""


def enroll(upstream: str, code: str, *, ca_pem: str = "") -> HubCredential:
    """Trade an admin's one-time code for this hub's credential at `upstream`
    (`ca_pem`: central's own certificate authority, if the system does not trust it)."""
    base = upstream.rstrip("/")
    try:
        answer = httpx.post(
            f"{base}/auth/hub-enroll",
            json={"enrollment_code": code},
            timeout=30,
            verify=tls.context(ca_pem),
        )
    except httpx.HTTPError as exc:
        raise EnrollmentError(f"cannot reach the central server at {base}: {exc}") from None
    if answer.status_code != 200:
        try:
            message = answer.json()["error"]["message"]
        except (ValueError, KeyError, TypeError):
            message = answer.text[:200]
        raise EnrollmentError(f"the central server refused the code: {message}")
    body = answer.json()
    return HubCredential(
        upstream=base,
        device_token=body["device_token"],
        device_id=uuid.UUID(body["device_id"]),
        tenant_id=uuid.UUID(body["tenant_id"]),
        location_id=uuid.UUID(body["location_id"]),
        name=body["name"],
        ca_pem=ca_pem,
    )
