"""A site hub's link to central: the site's changes go up, central's come down.

Two threads beside the server's. One forwards what the site's desks and kiosks changed
here (hub_outbox, written with each change) to central in the order applied, each with
its origin's identity, then pulls central's changes into this store: at once when a
desk pushes here or central's event stream says its version moved, else every
`idle_s`. The other listens to that stream. Central's verdict wins: a change it refuses
is undone here (its rows as central has them) and kept as refused for its origin.

The cursor is kept in the data folder after each pull commits: a crash between the two
pulls the same rows again, which store the same. A change leaves the outbox only in the
transaction that records central's answer: a crash before it sends the change again,
which central recognises by its origin's (client id, seq) and answers "duplicate".

Central's desk window moves every day (bookings 30 days back to 90 ahead): on a new day
in the business's zone the hub pulls everything again, as a desk does.

A store found empty (a new hub, or its file was lost) gets a new lineage, which its
desks see and pull anew (server/db/lineage.py), and starts each sync client where
central has it: what the lost store had taken and not forwarded comes again from the
desks' outboxes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import takewhile
from pathlib import Path
from typing import Any

import httpx
from httpx_sse import connect_sse
from pydantic import ValidationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.domain.timezones import zone
from server.db.engine import bind_tenant
from server.db.lineage import begin_lineage
from server.hub.accounts import keep_in_step
from server.hub.clients import start_from_central
from server.hub.credential import HubCredential
from server.hub.mirror import apply_rows
from server.models import HubOutbox, SyncRejection, Tenant
from server.sync.mutations import MUTATIONS

log = logging.getLogger(__name__)

STATE_FILE = "hub-state.json"
PAGE = 1000
# Tries to reach central again at most this far apart: a site comes back within seconds
# of its link, and one hub per site asking every few seconds is no load for central.
RETRY_CAP_S = 2.0
FORWARD_BATCH = 100
# How often central's word on who may use the business comes down (server/hub/accounts.py).
ACCOUNTS_EVERY_S = 30.0
# Central's answer when it has lost changes it had confirmed: restored from a backup.
LOST_AT_CENTRAL = frozenset({"seq_gap"})
CENTRAL_RESTORED = (
    "the central server has older data than this hub (restored from a backup?): nothing "
    "more is sent or taken until this hub's store is rebuilt (README, A site server)"
)


@dataclass(frozen=True)
class UplinkStatus:
    """What /health says of the link to central."""

    state: str  # starting, online, unreachable or revoked
    since: datetime  # when it entered that state
    last_contact: datetime | None  # central's last answer
    cursor: str  # how far central's changes have come down
    error: str = ""
    waiting: int = 0  # the site's changes central has yet to confirm

    def as_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "since": self.since.isoformat(),
            "last_contact": self.last_contact.isoformat() if self.last_contact else None,
            "cursor": self.cursor,
            "error": self.error,
            "waiting": self.waiting,
        }


class RevokedError(Exception):
    """Central revoked this hub: it needs a new enrollment code."""


class UpstreamError(Exception):
    """Central answered, but not with what was asked."""


class Uplink:
    def __init__(
        self,
        credential: HubCredential,
        folder: Path,
        sessions: sessionmaker[Session],
        *,
        idle_s: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.credential = credential
        self._folder = folder
        self._sessions = sessions
        self.idle_s = idle_s
        verify = credential.verify()
        self._http = httpx.Client(
            base_url=credential.upstream, timeout=30, transport=transport, verify=verify
        )
        self._events = httpx.Client(
            base_url=credential.upstream,
            timeout=httpx.Timeout(30, read=None),  # the stream is quiet between changes
            transport=transport,
            verify=verify,
        )
        self._token: tuple[str, float] | None = None  # access token, valid until (monotonic)
        self._accounts_due = 0.0  # when to bring staff and kiosks in step next (monotonic)
        self._stream: httpx.Response | None = None  # central's event stream, while open
        self._token_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._status = UplinkStatus("starting", datetime.now(UTC), None, self._state()["cursor"])
        self._threads = [
            threading.Thread(target=self._run, name="hub-uplink", daemon=True),
            threading.Thread(target=self._listen, name="hub-events", daemon=True),
        ]

    # -- running ---------------------------------------------------------------------------

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._threads[0].is_alive():
            self._threads[0].join(timeout=10)
        self._end_stream()
        self._events.close()
        if self._threads[1].is_alive():
            self._threads[1].join(timeout=2)
        self._http.close()

    def _end_stream(self) -> None:
        """End the read waiting for central's next event, from another thread: closing
        the response would wait for that read; shutting its socket down ends it."""
        stream = self._stream
        network = stream.extensions.get("network_stream") if stream is not None else None
        sock = network.get_extra_info("socket") if network is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def wake(self) -> None:
        self._wake.set()

    def status(self) -> UplinkStatus:
        with self._lock:
            return self._status

    def _run(self) -> None:
        backoff = 1.0
        while not self._stop.is_set():
            try:
                self.sync_once()
                self._set("online")
                backoff = 1.0
                wait = self.idle_s
            except RevokedError as exc:
                self._set("revoked", str(exc))
                wait = 60.0
            except (httpx.HTTPError, UpstreamError) as exc:
                log.info("central unreachable: %s", exc)
                self._set("unreachable", f"{type(exc).__name__}: {exc}")
                wait, backoff = backoff, min(backoff * 2, RETRY_CAP_S)
            except Exception as exc:  # a bug: say so and keep trying
                log.exception("hub uplink failed")
                self._set("unreachable", f"{type(exc).__name__}: {exc}")
                wait, backoff = backoff, min(backoff * 2, RETRY_CAP_S)
            self._wake.wait(wait)
            self._wake.clear()

    def _set(self, state: str, error: str = "") -> None:
        with self._lock:
            now = datetime.now(UTC)
            since = self._status.since if state == self._status.state else now
            contact = now if state == "online" else self._status.last_contact
            self._status = replace(
                self._status, state=state, since=since, last_contact=contact, error=error
            )

    def sync_once(self) -> None:
        """Forward the site's changes, then pull central's (never the other way round:
        central's older rows would cover changes it has not seen yet)."""
        if self._state().get("diverged") and not self._store_is_new():
            self._count_waiting()
            raise UpstreamError(CENTRAL_RESTORED)
        try:
            self._forward()
        finally:
            self._count_waiting()
        self._pull()
        if time.monotonic() >= self._accounts_due:
            self._keep_accounts()
            self._accounts_due = time.monotonic() + ACCOUNTS_EVERY_S

    def _keep_accounts(self) -> None:
        status, answer = self._request("GET", "/sync/accounts")
        if status == 404:
            log.warning("central is older than this hub: it does not say who may use it")
            return
        if status != 200:
            raise UpstreamError(f"GET /sync/accounts: HTTP {status}: {answer}")
        tid = self.credential.tenant_id
        with self._sessions() as session:
            bind_tenant(session, tid)
            shut = keep_in_step(session, tid, answer)
            session.commit()
        if shut:
            log.warning("%d staff member(s) or kiosk(s) shut out at the site, as at central", shut)

    # -- the site's changes, up ------------------------------------------------------------

    def _forward(self) -> None:
        tid = self.credential.tenant_id
        while not self._stop.is_set():
            with self._sessions() as session:
                bind_tenant(session, tid)
                queued = session.scalars(
                    select(HubOutbox)
                    .where(HubOutbox.tenant_id == tid)
                    .order_by(HubOutbox.seq)
                    .limit(FORWARD_BATCH)
                ).all()
            if not queued:
                return
            # One client's changes in a row go together: a push is one client's.
            sender = _sender(queued[0])
            # The lambda is used up here, within this round: B023 fears a later call.
            run = list(takewhile(lambda r: _sender(r) == sender, queued))  # noqa: B023
            results = self._push_upstream(run)
            # Those the hub refused itself went only to take their seqs at central.
            refused = [
                r
                for r in run
                if results[r.client_seq]["status"] == "rejected" and r.refusal is None
            ]
            undo = self._central_rows(refused) if refused else []
            with self._sessions() as session:
                bind_tenant(session, tid)
                session.execute(
                    delete(HubOutbox).where(
                        HubOutbox.tenant_id == tid, HubOutbox.seq.in_([r.seq for r in run])
                    )
                )
                apply_rows(session, tid, undo)  # central's word on what it refused
                for r in refused:
                    _keep_refusal(session, r, results[r.client_seq])
                session.commit()
            for r in refused:
                log.warning(
                    "central refused %s from %s: %s", r.name, r.client_id, results[r.client_seq]
                )

    def _push_upstream(self, run: list[HubOutbox]) -> dict[int, dict[str, Any]]:
        """Central's result for each change of `run` (one client's), by its seq. A push
        central refuses whole (this client's seqs are not what it expects, its origin
        left the business) refuses each of its changes, so the queue moves on."""
        first = run[0]
        body = {
            "client_id": str(first.client_id),
            "origin": {"kind": first.origin_kind, "id": str(first.origin_id)},
            "mutations": [
                {"seq": r.client_seq, "name": r.name, "args": r.args}
                | ({"refused": r.refusal} if r.refusal is not None else {})
                | ({"issued": r.issued} if r.issued is not None else {})
                for r in run
            ],
        }
        status, answer = self._request("POST", "/sync/push", json=body)
        if status == 200:
            return {int(r["seq"]): r for r in answer["results"]}
        if status >= 500 or status in (401, 408, 429) or not isinstance(answer, dict):
            raise UpstreamError(f"POST /sync/push: HTTP {status}")
        error = answer.get("error", {})
        if error.get("code") in LOST_AT_CENTRAL:
            # Central forgot changes it had confirmed (restored from a backup): undoing
            # the site's here would lose them too. They wait, and the link says why.
            raise self._diverged()
        refusal = {
            "status": "rejected",
            "code": error.get("code", "refused"),
            "field": None,
            "message": error.get("message", f"HTTP {status}"),
            "details": error.get("details") or {},
        }
        return {r.client_seq: {**refusal, "seq": r.client_seq} for r in run}

    def _central_rows(self, refused: list[HubOutbox]) -> list[dict[str, Any]]:
        """The rows the refused changes touched, as central has them now."""
        keys = [
            {"entity": target[0], "id": target[1]}
            for target in map(_target, refused)
            if target is not None
        ]
        if not keys:
            return []
        status, answer = self._request("POST", "/sync/rows", json={"keys": keys})
        if status != 200:
            raise UpstreamError(f"POST /sync/rows: HTTP {status}")
        return list(answer["changes"])

    def _count_waiting(self) -> None:
        tid = self.credential.tenant_id
        with self._sessions() as session:
            bind_tenant(session, tid)
            waiting = session.scalar(
                select(func.count())
                .select_from(HubOutbox)
                .where(HubOutbox.tenant_id == tid, HubOutbox.refusal.is_(None))
            )
        with self._lock:
            self._status = replace(self._status, waiting=int(waiting or 0))

    # -- central's changes, down -----------------------------------------------------------

    def _pull(self) -> None:
        """Pull what central changed since the cursor into this store: every page first,
        then one short transaction (a first pull's rows reference each other across
        pages, and the store's write lock is never held while central answers).

        A row the site changed since its last forward keeps the site's version: central
        has not seen that change yet, and will send the row again once it has (with a
        newer version), or, refusing it, the hub puts central's row back."""
        state = self._state()
        today = self._today()
        cursor = state["cursor"]
        if state.get("day") not in (None, today):
            cursor = "0"  # a new day: the desk window moved, pull it anew
        new_store = self._store_is_new()
        clients: dict[str, Any] = {}
        if new_store:
            # A first pull, or the store was lost: everything anew, under a new lineage
            # (desks then pull it all again), and each desk's and kiosk's sequence taken
            # up where central has it, so that what this hub had taken from them and lost
            # comes again from their outboxes (server/hub/clients.py).
            cursor = "0"
            clients = self._call("GET", "/sync/clients")
        full = cursor == "0"
        changes: list[dict[str, Any]] = []
        while True:
            params = {"cursor": cursor, "limit": PAGE, "full": full}
            answer = self._exchange("GET", "/sync/pull", params=params)
            if answer.status_code == 409 and error_code(answer) == "cursor_ahead":
                raise self._diverged()
            if answer.status_code != 200:
                raise UpstreamError(f"GET /sync/pull: HTTP {answer.status_code}")
            lineage = answer.headers.get("x-sync-store", "")
            known = state.get("central")  # None: a hub older than lineages takes it up
            if known is not None and lineage != known and not new_store:
                raise self._diverged()
            page = answer.json()
            changes += page["changes"]
            cursor = page["cursor"]
            if not page["more"]:
                break
        tid = self.credential.tenant_id
        with self._sessions() as session:
            bind_tenant(session, tid)
            # The first statement takes the store's write lock (BEGIN IMMEDIATE): no
            # change of the site lands between this read and the rows written below.
            waiting = {
                _target(r) for r in session.scalars(_QUEUED.where(HubOutbox.tenant_id == tid))
            }
            apply_rows(session, tid, [c for c in changes if (c["entity"], c["id"]) not in waiting])
            if new_store:
                start_from_central(session, tid, clients)
                begin_lineage(session, tid)
            session.commit()
        self._save_state({"cursor": cursor, "day": self._today(), "central": lineage})
        with self._lock:
            self._status = replace(self._status, cursor=cursor)

    def _diverged(self) -> UpstreamError:
        """Central has older data than this store: say so, and exchange nothing more
        (a restart too) until the store is rebuilt."""
        self._save_state({**self._state(), "diverged": True})
        log.error(CENTRAL_RESTORED)
        return UpstreamError(CENTRAL_RESTORED)

    def _store_is_new(self) -> bool:
        """Nothing of central's is here yet: a new hub, or one whose store was lost."""
        with self._sessions() as session:
            bind_tenant(session, self.credential.tenant_id)
            return session.get(Tenant, self.credential.tenant_id) is None

    def _today(self) -> str:
        """The business's date (the desk window follows it); UTC before the first pull."""
        with self._sessions() as session:
            bind_tenant(session, self.credential.tenant_id)
            tenant = session.get(Tenant, self.credential.tenant_id)
            tz = zone(tenant.time_zone) if tenant is not None else UTC
        return datetime.now(tz).date().isoformat()

    def _state(self) -> dict[str, Any]:
        path = self._folder / STATE_FILE
        try:
            state: dict[str, Any] = json.loads(path.read_text())
        except (OSError, ValueError):
            state = {}
        state.setdefault("cursor", "0")
        return state

    def _save_state(self, state: dict[str, Any]) -> None:
        path = self._folder / STATE_FILE
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state))
        os.replace(temporary, path)

    # -- central's hints -------------------------------------------------------------------

    def _listen(self) -> None:
        """Wake the puller whenever central's version moves (hints: a lost one only
        waits for the next idle pull)."""
        backoff = 1.0
        while not self._stop.is_set():
            try:
                headers = {"Authorization": f"Bearer {self._access_token()}"}
                with connect_sse(self._events, "GET", "/sync/events", headers=headers) as events:
                    self._stream = events.response
                    if events.response.status_code != 200:
                        raise UpstreamError(f"event stream: HTTP {events.response.status_code}")
                    backoff = 1.0
                    for event in events.iter_sse():
                        if self._stop.is_set():
                            return
                        if event.event == "version":
                            self._wake.set()
                        elif event.event == "reconnect":
                            backoff = 0.25  # central's process is stopping: come back soon
                self._stream = None
            except Exception as exc:  # any failure: reconnect later
                if self._stop.is_set():
                    return
                log.debug("central's event stream: %s", exc)
            # The stream broke: pull now, so /health and the desks hear at once that
            # central is unreachable (or back, when the next stream opens).
            self._wake.set()
            self._stop.wait(backoff)
            backoff = min(backoff * 2, RETRY_CAP_S)

    # -- talking to central ----------------------------------------------------------------

    def _access_token(self, renew: bool = False) -> str:
        with self._token_lock:
            if self._token is None or renew or self._token[1] - time.monotonic() < 60:
                answer = self._http.post(
                    "/auth/device-sign-in", json={"device_token": self.credential.device_token}
                )
                if answer.status_code == 401:
                    raise RevokedError(error_message(answer))
                if answer.status_code != 200:
                    raise UpstreamError(f"device sign-in: {error_message(answer)}")
                body = answer.json()
                self._token = (body["access_token"], time.monotonic() + body["expires_in"])
            return self._token[0]

    def post_central(self, path: str, **kwargs: Any) -> httpx.Response:
        """A request to central not as this hub (a sign-in it passes on): its answer."""
        return self._http.post(path, **kwargs)

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        """Central's answer to a request as this hub; anything but 200 is an error."""
        status, answer = self._request(method, path, **kwargs)
        if status != 200:
            raise UpstreamError(f"{method} {path}: HTTP {status}: {answer}")
        return answer

    def _request(self, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
        """Central's status and JSON answer to a request as this hub."""
        answer = self._exchange(method, path, **kwargs)
        try:
            return answer.status_code, answer.json()
        except ValueError:
            return answer.status_code, answer.text[:200]

    def _exchange(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Central's answer to a request as this hub, signing in again once if its
        access token was refused (expired, or central has a new key)."""
        for renew in (False, True):
            headers = {"Authorization": f"Bearer {self._access_token(renew)}"}
            answer = self._http.request(method, path, headers=headers, **kwargs)
            if answer.status_code != 401:
                break
            if error_code(answer) == "device_revoked":
                raise RevokedError(error_message(answer))
        return answer


def error_code(answer: httpx.Response) -> str:
    """The code of central's error answer, or "" (a proxy's page, say)."""
    with contextlib.suppress(ValueError, KeyError, TypeError):
        return str(answer.json()["error"]["code"])
    return ""


def error_message(answer: httpx.Response, otherwise: str = "") -> str:
    """The message of central's error answer; else `otherwise`, or the answer's text."""
    with contextlib.suppress(ValueError, KeyError, TypeError):
        return str(answer.json()["error"]["message"])
    return otherwise or answer.text[:200]


# The site's changes applied here that central has yet to see (its own refusals changed
# nothing here).
_QUEUED = select(HubOutbox).where(HubOutbox.refusal.is_(None)).order_by(HubOutbox.seq)


def _target(change: HubOutbox) -> tuple[str, str] | None:
    """The row a queued change is about (entity, id as the sync names it)."""
    spec = MUTATIONS.get(change.name)
    if spec is None:
        return None
    try:
        entity, key = spec.touches(spec.args.model_validate(change.args))
    except ValidationError:
        return None  # args this version cannot read: nothing of it was applied here
    return entity, str(key)


def _sender(change: HubOutbox) -> tuple[Any, ...]:
    return (change.client_id, change.origin_kind, change.origin_id)


def _keep_refusal(session: Session, change: HubOutbox, result: dict[str, Any]) -> None:
    """Central's refusal of a change this hub had applied, kept for its origin (who
    reads it with /sync/rejections, as any refusal)."""
    session.merge(
        SyncRejection(
            tenant_id=change.tenant_id,
            client_id=change.client_id,
            seq=change.client_seq,
            name=change.name,
            args=change.args,
            code=str(result.get("code") or "refused_by_central"),
            field=result.get("field"),
            message=str(result.get("message") or "the central server refused this change")[:500],
            details=result.get("details") or {},
        )
    )
