"""The sync server over HTTP (httpx, async): push, pull, rejections, the event stream."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import httpx
from httpx_sse import aconnect_sse
from pydantic import ValidationError

from app import request_ids, tls
from app.sync.protocol import PushOut


class SyncError(Exception):
    """The server answered in a way the sync cannot use (a bug, or a newer server)."""


class OfflineError(SyncError):
    """The server cannot be reached, or is failing: try again later."""


class UntrustedCertificateError(OfflineError):
    """The server's certificate does not chain to the authority this client trusts for
    it (the pinned one, or the system's): nothing was sent. Staff must ask their
    administrator and, if the certificate was renewed, pin the new one by signing in
    (or, at a kiosk, confirming it) again."""


def offline_error(exc: httpx.HTTPError) -> OfflineError:
    """What a failed request means for the sync: a refused certificate is not a
    network that will come back by itself."""
    request_ids.log_failure(exc)
    refused = tls.verification_error(exc)
    if refused is not None:
        return UntrustedCertificateError(str(refused.verify_message or refused))
    return OfflineError(str(exc) or type(exc).__name__)


class SignedOutError(SyncError):
    """The credentials no longer work: someone must sign in (or enrol the kiosk) again."""


class RefusedError(SyncError):
    """The server refused the request: its status, and its error's code and message;
    `details` is what the error body adds for a program to act on (e.g. the bookings
    that keep a provider from being deactivated)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        where: str,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{where}: {status} {code}: {message}")
        self.status, self.code, self.message = status, code, message
        self.details: dict[str, Any] = details or {}


class TooManyAttemptsError(SyncError):
    """The server's rate limit: wait `retry_after` seconds before trying again."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many attempts; try again in {retry_after} seconds")
        self.retry_after = retry_after


class SeqGapError(SyncError):
    def __init__(self, expected_seq: int) -> None:
        super().__init__(f"the server expects seq {expected_seq}")
        self.expected_seq = expected_seq


class ClientIdReusedError(SyncError):
    """The server holds other changes under this client id and these seqs: this replica
    was restored from a backup or copied. Its changes up to `duplicates_through` are
    the ones the server has; the rest go again under a new client id."""

    def __init__(self, duplicates_through: int) -> None:
        super().__init__("this client id is in use by another copy of this replica")
        self.duplicates_through = duplicates_through


class CursorAheadError(SyncError):
    """The server has less than this replica pulled (it was restored from a backup):
    pull everything again."""


@dataclass
class Tokens:
    access_token: str
    refresh_token: str | None = None  # staff
    device_token: str | None = None  # kiosks


@dataclass(frozen=True)
class Upstream:
    """A site hub's link to central, as the hub says in its answers."""

    state: str  # online, unreachable, revoked or starting
    since: datetime
    waiting: int  # the site's changes central has yet to confirm


@dataclass(frozen=True)
class Pushed:
    """A push's answer, and whether a site hub gave it: then `confirmed` is the seq up
    to which central has this client's changes (the rest the desk keeps, to send again
    should the hub lose them)."""

    out: PushOut
    hub: bool
    confirmed: int | None


class TokenStore(Protocol):
    """Where tokens live: the desk keeps them with keyring, tests in memory."""

    def load(self) -> Tokens | None: ...

    def save(self, tokens: Tokens) -> None: ...


class MemoryTokens:
    def __init__(self, tokens: Tokens | None = None) -> None:
        self.tokens = tokens

    def load(self) -> Tokens | None:
        return self.tokens

    def save(self, tokens: Tokens) -> None:
        self.tokens = tokens


class SyncApi:
    def __init__(
        self,
        base_url: str,
        tokens: TokenStore,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
        ca_pem: str = "",
    ) -> None:
        """`ca_pem`: the certificate authority pinned for this server (app/tls.py), or
        "" for the system's; the event stream goes through the same client."""
        self._tokens = tokens
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=timeout,
            transport=transport,
            verify=tls.context(ca_pem),
            event_hooks=request_ids.event_hooks(),
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def base_url(self) -> str:
        return str(self._http.base_url).rstrip("/")

    async def reachable(self) -> bool:
        """Whether the server answers at all (a quick look, before going back to it)."""
        try:
            response = await self._http.get("/health", timeout=2.0)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    async def push(self, client_id: str, mutations: list[dict[str, Any]]) -> Pushed:
        body = {"client_id": client_id, "mutations": mutations}
        response = await self._request("POST", "/sync/push", json=body)
        try:
            out = PushOut.model_validate_json(response.content)
        except ValidationError as exc:
            raise SyncError(f"the server's answer to a push is not one: {exc}") from None
        head = response.headers
        # A hub that says how far central has our changes; one that does not (an older
        # Turnero) is taken at its word, as central is.
        confirmed = _confirmed(head)
        return Pushed(out, confirmed is not None, confirmed)

    async def pull(
        self, cursor: str, limit: int, *, full: bool, count: bool, client_id: str = ""
    ) -> dict[str, Any]:
        """A page of changes after `cursor`: `changes` (each an entity, id, version and
        `data`, the row's JSON text or None if it was deleted), the `cursor` to continue
        from, whether there is `more`, the tenant's `version` and, with `count`, how
        many rows `remaining`. From a site hub also: its link to central (`upstream`),
        its `store`, and with `client_id`, the seq up to which central has that client's
        changes (`confirmed`).

        Asked for as tab-separated rows: the replica stores each row's JSON text as
        it comes, so a page is never parsed and encoded again (half of a first sync's
        time on the desk's side)."""
        params: dict[str, Any] = {"cursor": cursor, "limit": limit, "full": full, "count": count}
        if client_id:
            params["client_id"] = client_id
        response = await self._request(
            "GET", "/sync/pull", params=params, headers={"Accept": ROWS_TYPE}
        )
        # A page can be megabytes: read on a worker thread, not on the event loop (the
        # desk's event loop is its GUI thread).
        head = response.headers
        if not head.get("content-type", "").startswith(ROWS_TYPE):
            raise SyncError(f"pulled {head.get('content-type')!r}, not rows: an older server?")
        changes = await asyncio.to_thread(read_rows, response.content)
        remaining = head.get("x-sync-remaining")
        upstream = None
        if "x-sync-upstream" in head:  # a site hub: how its link to central is
            try:
                upstream = Upstream(
                    head["x-sync-upstream"],
                    datetime.fromisoformat(head["x-sync-upstream-since"]),
                    int(head["x-sync-upstream-waiting"]),
                )
            except (KeyError, ValueError):
                upstream = None  # said badly: shown as a plain server
        return {
            "changes": changes,
            "cursor": head["x-sync-cursor"],
            "more": head["x-sync-more"] == "true",
            "version": int(head["x-sync-version"]),
            "remaining": None if remaining is None else int(remaining),
            "upstream": upstream,
            "store": head.get("x-sync-store", ""),
            # A first sync's first page: where each following page begins.
            "splits": [s for s in head.get("x-sync-splits", "").split(",") if s],
            "confirmed": _confirmed(head),
        }

    async def rejections(
        self, client_id: str, after_seq: int, refused_since: str | None = None
    ) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"client_id": client_id, "after_seq": after_seq}
        if refused_since:
            params["refused_since"] = refused_since
        result: list[dict[str, Any]] = (
            await self._request("GET", "/sync/rejections", params=params)
        ).json()
        return result

    async def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """Another endpoint with this session (e.g. the desk managing kiosks)."""
        response = await self._request(method, path, json=body)
        if response.status_code == 204 or not response.content:
            return None  # a DELETE's answer: nothing to read
        return response.json()

    async def read(self, path: str, params: dict[str, str]) -> Any:
        """A GET with query parameters (the desk reading beyond its replica)."""
        response = await self._request("GET", path, params=params)
        return response.json()

    async def lookup(self, body: dict[str, str]) -> str | None:
        """A kiosk's check-in by phone or DNI: the booking's id, or None if none matches.
        Raises TooManyAttemptsError after too many misses on this kiosk."""
        try:
            response = await self._request("POST", "/kiosk/lookup", json=body)
        except RefusedError as exc:
            if exc.status in (404, 422):
                return None
            raise
        return str(response.json()["booking_id"])

    async def versions(self) -> AsyncIterator[int]:
        """Tenant versions announced by the server, as they happen (hints). Ends when
        the server ends the stream: its process is stopping, and another one (or this
        one, restarted) takes the next stream."""
        try:
            async with aconnect_sse(
                self._http,
                "GET",
                "/sync/events",
                headers=self._auth(),
                timeout=httpx.Timeout(10.0, read=60.0),
            ) as source:
                if source.response.status_code == 401:
                    await self._refresh()
                    raise OfflineError("signed in again; reconnect the stream")
                # A "reconnect" event says the server is stopping; its stream ends right
                # after, and is read to its end: leaving the loop early would leave the
                # response's inner generators to the garbage collector, after the loop.
                async for event in source.aiter_sse():
                    if event.event == "version":
                        yield int(event.json()["version"])
        except httpx.HTTPError as exc:
            raise offline_error(exc) from exc

    def _auth(self) -> dict[str, str]:
        tokens = self._tokens.load()
        if tokens is None:
            raise SignedOutError("not signed in")
        return {"Authorization": f"Bearer {tokens.access_token}"}

    async def _request(
        self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        if self._tokens.load() is None:
            # Opened offline with no session (app/offline_unlock.py): offline while the
            # server is away, and signed out, so someone signs in, once it is back.
            await self._reachable()
            raise SignedOutError("not signed in")
        for attempt in range(2):
            try:
                response = await self._http.request(
                    method, path, headers={**self._auth(), **(headers or {})}, **kwargs
                )
            except httpx.HTTPError as exc:
                raise offline_error(exc) from exc
            if response.status_code == 401 and attempt == 0:
                await self._refresh()
                continue
            if response.status_code >= 500:
                raise OfflineError(f"server error {response.status_code}")
            if response.status_code == 429:
                raise TooManyAttemptsError(refusal_of(response)[2] or 60)
            if response.status_code == 409:
                _raise_sync_conflict(response)
            if response.status_code >= 400:
                code, message, _ = refusal_of(response)
                raise RefusedError(
                    response.status_code, code, message, f"{method} {path}", _details(response)
                )
            return response
        raise SignedOutError("the server refused the credentials")

    async def _reachable(self) -> None:
        try:
            await self._http.get("/health")
        except httpx.HTTPError as exc:
            raise OfflineError(str(exc) or type(exc).__name__) from exc

    async def _refresh(self) -> None:
        tokens = self._tokens.load()
        if tokens is None:
            raise SignedOutError("not signed in")
        try:
            if tokens.device_token:
                response = await self._http.post(
                    "/auth/device-sign-in", json={"device_token": tokens.device_token}
                )
            elif tokens.refresh_token:
                response = await self._http.post(
                    "/auth/refresh", json={"refresh_token": tokens.refresh_token}
                )
            else:
                raise SignedOutError("the session expired")
        except httpx.HTTPError as exc:
            raise offline_error(exc) from exc
        if response.status_code != 200:
            raise SignedOutError(response.json()["error"]["message"])
        body = response.json()
        self._tokens.save(
            Tokens(body["access_token"], body.get("refresh_token"), tokens.device_token)
        )


def _confirmed(head: httpx.Headers) -> int | None:
    try:
        return int(head["x-sync-confirmed"])
    except (KeyError, ValueError):
        return None


def _raise_sync_conflict(response: httpx.Response) -> None:
    """The sync protocol's own refusals, which the engine recovers from by itself."""
    code = refusal_of(response)[0]
    details = response.json()["error"].get("details") or {} if code else {}
    if code == "seq_gap":
        raise SeqGapError(int(details["expected_seq"]))
    if code == "client_id_reused":
        raise ClientIdReusedError(int(details["duplicates_through"]))
    if code == "cursor_ahead":
        raise CursorAheadError("the server's data is older than this replica's")


def _details(response: httpx.Response) -> dict[str, Any]:
    """The error body's `details`, or {} when it has none (or is not JSON)."""
    try:
        details = response.json()["error"]["details"]
    except (ValueError, KeyError, TypeError):
        return {}
    return details if isinstance(details, dict) else {}


def refusal_of(response: httpx.Response) -> tuple[str, str, int]:
    """A refusal's code and message as the server's error body gives them, and the
    seconds its Retry-After asks to wait (0 if none); the raw text when not JSON."""
    try:
        body = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        error = {}
    wait = response.headers.get("Retry-After", "")
    return (
        str(error.get("code") or ""),
        str(error.get("message") or response.text[:300] or response.status_code),
        int(wait) if wait.isdigit() else 0,
    )


ROWS_TYPE = "text/tab-separated-values"


def read_rows(body: bytes) -> list[dict[str, Any]]:
    """`entity TAB id TAB version TAB data` per line (see server/sync/pull.py)."""
    changes = []
    # split("\n"), not splitlines(): a row's JSON may hold a raw U+2028 and the like.
    for line in body.decode().split("\n"):
        if not line:
            continue
        fields = line.split("\t", 3)
        if len(fields) != 4 or not fields[2].isdigit():
            raise SyncError(f"a pulled row the sync cannot read: {line[:100]!r}")
        entity, entity_id, version, data = fields
        changes.append(
            {"entity": entity, "id": entity_id, "version": int(version), "data": data or None}
        )
    return changes
