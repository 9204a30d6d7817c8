"""Signing in at a site hub: central vouches for a password while it can be reached.

A desk at the site signs in at the hub, never at central. The hub asks central (and
signs that session straight out again: it only wanted the answer); if central says
yes, the hub keeps the staff member's account with its own salted verifier of that
password (Argon2id, as every password here), so the same person can sign in during an
outage. If central says no, the hub's verifier for that email is dropped: a password
changed or an account closed at central stops working at the site too. Unreachable,
the hub's own verifiers decide. Tokens are the hub's own, for its own sessions.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.orm import Session

from server.auth.passwords import hash_password
from server.db.base import utcnow
from server.db.engine import bind_tenant
from server.errors import UnauthorizedError
from server.hub.uplink import Uplink
from server.models import StaffUser

log = logging.getLogger(__name__)

# Short: a desk waiting to sign in is a receptionist waiting; an outage answers locally.
TIMEOUT_S = 5.0


def vouch(uplink: Uplink, session: Session, email: str, password: str) -> None:
    """Bring the hub's copy of this account in line with central's answer, in
    `session`'s transaction (the caller then signs in locally, and commits)."""
    tenant_id = uplink.credential.tenant_id
    try:
        answer = httpx.post(
            f"{uplink.credential.upstream}/auth/sign-in",
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
            raise UnauthorizedError(_message(answer), code=_code(answer) or "refused_by_central")
        return  # central is in trouble: the hub's verifier decides
    body = answer.json()
    _sign_out(uplink, body["access_token"])
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
        httpx.post(
            f"{uplink.credential.upstream}/auth/sign-out",
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=TIMEOUT_S,
        )


def _code(answer: httpx.Response) -> str:
    try:
        return str(answer.json()["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return ""


def _message(answer: httpx.Response) -> str:
    try:
        return str(answer.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return "the central server refused this sign-in"
