"""Signing a desk in and out of a sync server (httpx, async)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import httpx

from app import request_ids, tls
from app.sync.api import Tokens, refusal_of


class SignInError(Exception):
    """Signing in (a desk) or enrolling (a kiosk) failed. `kind` is "address",
    "unreachable", "refused", or "offline_refused" (unreachable, and the password is
    not the one the offline check keeps: app/offline_unlock.py); `detail` is the
    server's or the network's own words; a refusal carries the server's `code` (e.g.
    "wrong_credentials") and, when it says to wait, `retry_after` in seconds."""

    def __init__(self, kind: str, detail: str, code: str = "", retry_after: int = 0) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind, self.detail, self.code, self.retry_after = kind, detail, code, retry_after

    @classmethod
    def refused(cls, response: httpx.Response) -> SignInError:
        code, message, wait = refusal_of(response)
        return cls("refused", message, code, wait)


def check_address(server: str) -> str:
    server = server.strip().rstrip("/")
    if not server.startswith(("http://", "https://")):
        raise SignInError("address", server)
    return server


log = logging.getLogger(__name__)
FALLBACK_TIMEOUT_S = 3.0


@dataclass(frozen=True)
class Account:
    server: str
    email: str
    user_id: str
    display_name: str
    role: str
    tenant_id: str
    tenant_name: str
    # Signed in at a site hub: the central server behind it, where the desk goes on
    # when the hub is down ("" for none).
    fallback: str = ""
    # A provider's own calendar ("" for other roles): their desk shows it alone.
    provider_id: str = ""


async def unreachable(server: str, ca_pem: str, exc: httpx.HTTPError) -> Exception:
    """Why a first request failed: a certificate this client does not accept (an
    UntrustedServerError, with the authority the server offers for staff to check), or
    a server out of reach."""
    request_ids.log_failure(exc)
    refused = tls.verification_error(exc)
    if refused is not None:
        return await tls.diagnose(server, ca_pem, refused)
    return SignInError("unreachable", f"{server} ({type(exc).__name__})")


async def sign_in(
    server: str, email: str, password: str, *, ca_pem: str = ""
) -> tuple[Account, Tokens]:
    """Raises SignInError, or tls.UntrustedServerError when the server's certificate
    does not chain to `ca_pem` (the authority pinned for it, or one staff have just
    confirmed) or, with none, to the system's authorities: the password is not sent."""
    server = check_address(server)
    try:
        async with httpx.AsyncClient(
            base_url=server,
            timeout=10,
            verify=tls.context(ca_pem),
            event_hooks=request_ids.event_hooks(),
        ) as http:
            response = await http.post(
                "/auth/sign-in", json={"email": email.strip(), "password": password}
            )
    except httpx.HTTPError as exc:
        raise await unreachable(server, ca_pem, exc) from exc
    body: dict[str, Any] = json_body(response)
    if response.status_code != 200:
        raise SignInError.refused(response)
    user, tenant = body["user"], body["tenant"]
    account = Account(
        server,
        user["email"],
        str(user["user_id"]),
        user["display_name"],
        user["role"],
        str(tenant["tenant_id"]),
        tenant["name"],
        fallback=str(body.get("upstream") or ""),
        provider_id=str(user.get("provider_id") or ""),
    )
    return account, Tokens(body["access_token"], body["refresh_token"])


async def fallback_session(account: Account, password: str) -> Tokens | None:
    """A session at the central server behind a site hub, signed in with the password
    just given at the hub (central's certificate checked against the system's
    authorities), for the desk to fail over to; None if central cannot be reached or
    says no (the desk then works with the hub alone)."""
    if not account.fallback:
        return None
    try:
        # Short: the desk opens after this, and a link that swallows packets (the
        # outage the hub is there for) must not keep the receptionist waiting.
        _, tokens = await asyncio.wait_for(
            sign_in(account.fallback, account.email, password), FALLBACK_TIMEOUT_S
        )
    except (SignInError, tls.UntrustedServerError, TimeoutError) as exc:
        log.info("no session at %s to fall back on: %r", account.fallback, exc)
        return None
    return tokens


async def sign_out(server: str, tokens: Tokens | None, *, ca_pem: str = "") -> None:
    """Ends the session on the server when it can be reached (and its certificate is
    the trusted one); forgetting locally is what matters, so a failure here is not an
    error."""
    if tokens is None:
        return
    try:
        async with httpx.AsyncClient(
            base_url=server,
            timeout=5,
            verify=tls.context(ca_pem),
            event_hooks=request_ids.event_hooks(),
        ) as http:
            await http.post(
                "/auth/sign-out", headers={"Authorization": f"Bearer {tokens.access_token}"}
            )
    except httpx.HTTPError:
        pass  # offline: the refresh token is forgotten locally and expires on its own


def json_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
