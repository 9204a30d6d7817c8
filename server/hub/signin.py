"""Signing in at a site hub: central vouches for a password (or a kiosk's credential)
while it can be reached.

A desk at the site signs in at the hub, never at central. The hub asks central (and
signs that session straight out again: it only wanted the answer); if central says
yes, the hub keeps the staff member's account with its own salted verifier of that
password (Argon2id, as every password here), so the same person can sign in during an
outage. If central says no, the hub's verifier for that email is dropped: a password
changed or an account closed at central stops working at the site too. Unreachable,
the hub's own verifiers decide. Tokens are the hub's own, for its own sessions.

Kiosks alike: enrolled at central (through the hub, which passes the code on), a kiosk
signs in at the hub with its device credential; central vouches for it while it can,
and the hub keeps the device (its secret hashed, as central does) to let it in during
an outage, or marks it revoked when central says so.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.domain.staff import Role
from server.auth import tokens
from server.auth.passwords import hash_password
from server.db.base import utcnow
from server.db.engine import bind_tenant
from server.errors import UnauthorizedError, UnavailableError
from server.hub.uplink import Uplink, error_code, error_message
from server.kiosks.schemas import KioskEnrolled
from server.models import KioskDevice, StaffUser, Tenant

log = logging.getLogger(__name__)

# Short: a desk waiting to sign in is a receptionist waiting; an outage answers locally.
TIMEOUT_S = 5.0
REFUSED = "the central server refused this; ask your administrator"


def vouch(uplink: Uplink, session: Session, email: str, password: str) -> None:
    """Bring the hub's copy of this account in line with central's answer, in
    `session`'s transaction (the caller then signs in locally, and commits)."""
    tenant_id = uplink.credential.tenant_id
    try:
        answer = uplink.post_central(
            "/auth/sign-in",
            json={"email": email, "password": password, "tenant_id": str(tenant_id)},
            timeout=TIMEOUT_S,
        )
    except httpx.HTTPError as exc:
        log.info("central unreachable for a sign-in (%s): the hub's verifier decides", exc)
        return
    bind_tenant(session, tenant_id)
    if answer.status_code == 401:
        # Wrong at central: whatever this hub held for the email no longer opens it.
        session.execute(
            update(StaffUser)
            .where(StaffUser.tenant_id == tenant_id, StaffUser.email == email)
            .values(password_hash="")
        )
        return
    if answer.status_code != 200:
        if 400 <= answer.status_code < 500:  # locked, too many attempts: central's word
            raise UnauthorizedError(
                error_message(answer, REFUSED), code=error_code(answer) or "refused_by_central"
            )
        return  # central is in trouble: the hub's verifier decides
    body = answer.json()
    _sign_out(uplink, body["access_token"])
    if session.get(Tenant, tenant_id) is None:  # a new hub's first pull is not in yet
        raise UnavailableError(
            "this site server is still bringing the business's data from the central "
            "server: try again in a moment"
        )
    _keep(session, tenant_id, body["user"], password)


def _keep(session: Session, tenant_id: Any, user: dict[str, Any], password: str) -> None:
    user_id = uuid.UUID(user["user_id"])
    found = session.get(StaffUser, (tenant_id, user_id))
    if found is None:
        found = StaffUser(tenant_id=tenant_id, user_id=user_id, created_at=utcnow())
        session.add(found)
    found.email = user["email"]
    found.display_name = user["display_name"]
    found.role = user["role"]
    found.provider_id = uuid.UUID(user["provider_id"]) if user["provider_id"] else None
    found.active = True
    found.password_hash = hash_password(password)
    session.flush()


def _sign_out(uplink: Uplink, access_token: str) -> None:
    with contextlib.suppress(httpx.HTTPError):  # else it expires by itself
        uplink.post_central(
            "/auth/sign-out",
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=TIMEOUT_S,
        )


def vouch_device(uplink: Uplink, session: Session, device_token: str) -> None:
    """Bring the hub's copy of a kiosk in line with central's answer to its credential."""
    parsed = tokens.parse_refresh_token(device_token)
    tenant_id = uplink.credential.tenant_id
    if parsed is None or parsed[0] != tenant_id:
        return  # not this business's: the hub's own check refuses it
    try:
        answer = uplink.post_central(
            "/auth/device-sign-in",
            json={"device_token": device_token},
            timeout=TIMEOUT_S,
        )
    except httpx.HTTPError as exc:
        log.info("central unreachable for a kiosk (%s): the hub's copy decides", exc)
        return
    bind_tenant(session, tenant_id)
    device = session.get(KioskDevice, (tenant_id, parsed[1]))
    if answer.status_code == 401:
        if device is not None and device.revoked_at is None:
            device.revoked_at = utcnow()
        return
    if answer.status_code != 200 or answer.json().get("role") != Role.KIOSK.value:
        return
    keep_device(session, answer.json(), device_token)


def keep_device(session: Session, answer: dict[str, Any], device_token: str) -> None:
    """The hub's copy of a kiosk central enrolled or let in: `answer` is central's
    enrollment or sign-in answer for it."""
    parsed = tokens.parse_refresh_token(device_token)
    if parsed is None:
        return
    tenant_id, device_id, secret = parsed
    now = utcnow()
    device = session.get(KioskDevice, (tenant_id, device_id))
    if device is None:
        device = KioskDevice(tenant_id=tenant_id, device_id=device_id, created_at=now)
        session.add(device)
    device.location_id = uuid.UUID(answer["location_id"])
    device.name = answer.get("name") or device.name or "Kiosk"
    device.ticket_prefix = answer.get("ticket_prefix") or device.ticket_prefix or "K"
    device.kind = Role.KIOSK.value
    device.secret_hash = tokens.hash_secret(secret)
    device.revoked_at = None
    device.enrolled_at = device.enrolled_at or now
    session.flush()


def enroll_kiosk(uplink: Uplink, session: Session, code: str) -> KioskEnrolled:
    """A kiosk set up at the site: its code is central's, so the hub passes it on and
    keeps a copy of the device central enrolled."""
    try:
        answer = uplink.post_central(
            "/auth/kiosk-enroll",
            json={"enrollment_code": code},
            timeout=TIMEOUT_S,
        )
    except httpx.HTTPError:
        raise UnavailableError(
            "enrolling a kiosk needs the central server, which this site cannot reach "
            "now: try again when the internet is back"
        ) from None
    if answer.status_code != 200:
        raise UnauthorizedError(
            error_message(answer, REFUSED),
            field="enrollment_code",
            code=error_code(answer) or "refused",
        )
    enrolled = KioskEnrolled.model_validate(answer.json())
    bind_tenant(session, enrolled.tenant_id)
    keep_device(session, answer.json(), enrolled.device_token)
    return enrolled
