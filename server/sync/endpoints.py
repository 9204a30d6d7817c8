from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.validation import INT64_MAX, Text
from server.db.engine import bind_tenant
from server.deps import (
    ALL_ROLES,
    AnyCaller,
    Credentials,
    HubCaller,
    Principal,
    RuntimeDep,
    SessionDep,
    as_caller,
    authenticates_itself,
    get_principal_briefly,
)
from server.errors import ERROR_RESPONSES_AS_JSON
from server.hints import CLOSED, RECHECK
from server.hub import clients as hub_clients
from server.models import KioskDevice, TenantVersion
from server.observability import metrics
from server.observability.logs import note_client
from server.observability.pulls import observe_pull
from server.sync import for_hubs, schemas, service
from server.sync import pull as pull_pages

if TYPE_CHECKING:
    from server.hub.uplink import Uplink

router = APIRouter(prefix="/sync", tags=["sync"])
RECONNECT_MS = 250  # how soon a stream its server ended comes back


# Push and pull are what every desk and kiosk calls all day: each authenticates and
# works in one session on one worker thread (see deps.as_caller). Any role may sync;
# its scope decides what it sees and may change.


@router.post(
    "/push", response_model=schemas.PushOut, dependencies=[authenticates_itself(*ALL_ROLES)]
)
async def push(
    body: schemas.PushIn,
    request: Request,
    response: Response,
    runtime: RuntimeDep,
    credentials: Credentials,
) -> schemas.PushOut:
    """Apply a batch of mutations in order, each exactly once; one transaction.

    A site hub answers with its link to central in `X-Sync-Upstream*` headers (see the
    pull) and `X-Sync-Confirmed`: the client's seq up to which central has its word."""
    note_client(body.client_id)  # for the request's log line
    uplink = request.app.state.uplink
    forward = uplink is not None  # a site hub passes its changes on to central
    confirmed: list[int] = []

    def work(session: Session, principal: Principal) -> schemas.PushOut:
        result = service.push(session, principal, body, runtime.catalogues, forward)
        if forward:
            confirmed.append(
                hub_clients.confirmed_through(session, principal.tenant_id, body.client_id)
            )
        session.commit()
        return result

    out = await run_in_threadpool(as_caller, runtime, credentials, work)
    if uplink is not None:
        response.headers.update(_hub_headers(uplink, confirmed))
        uplink.wake()  # on to central now, not at its next idle round
    return out


def _hub_headers(uplink: Uplink, confirmed: list[int]) -> dict[str, str]:
    """How a site hub's link to central is, for its desks' status bars, and (given)
    the seq up to which central has the caller's changes."""
    status = uplink.status()
    headers = {
        "X-Sync-Upstream": status.state,
        "X-Sync-Upstream-Since": status.since.isoformat(),
        "X-Sync-Upstream-Waiting": str(status.waiting),
    }
    if confirmed:
        headers["X-Sync-Confirmed"] = str(confirmed[0])
    return headers


@router.get(
    "/pull",
    response_model=schemas.PullOut,
    dependencies=[authenticates_itself(*ALL_ROLES)],
    responses={
        200: {
            "content": {
                pull_pages.ROWS_TYPE: {
                    "schema": {
                        "type": "string",
                        "description": "entity TAB id TAB version TAB data",
                    }
                }
            }
        }
    },
)
async def pull(
    request: Request,
    runtime: RuntimeDep,
    credentials: Credentials,
    cursor: Annotated[Text, Query(max_length=200)] = "0",
    limit: Annotated[int, Query(ge=1, le=pull_pages.MAX_PULL)] = 1000,
    full: bool = False,
    count: bool = False,
    accept: Annotated[str, Header()] = "application/json",
    client_id: uuid.UUID | None = None,
) -> Response:
    """Changes after `cursor`, in version order; `more` says whether to ask again.

    With `Accept: text/tab-separated-values`, the rows come one per line instead, and
    the rest in `X-Sync-*` headers (how Turnero's own clients pull).

    A site hub says how its link to central is: `X-Sync-Upstream` (online, unreachable,
    revoked or starting), `X-Sync-Upstream-Since` and `X-Sync-Upstream-Waiting` (the
    site's changes central has yet to confirm) and, given the caller's `client_id`,
    `X-Sync-Confirmed` (its seq up to which central has its changes).

    A store restored from a backup, or a hub's rebuilt, says which history its versions
    count (`X-Sync-Store`): a client that pulled another pulls everything anew."""
    if client_id is not None:
        note_client(client_id)
    uplink = request.app.state.uplink

    def work(session: Session, principal: Principal) -> Response:
        page = pull_pages.pull(session, principal, cursor, limit, full, count)
        observe_pull(principal, client_id, page)
        upstream = {}
        if uplink is not None:
            confirmed = []
            if client_id is not None:
                tid = principal.tenant_id
                confirmed.append(hub_clients.confirmed_through(session, tid, client_id))
            upstream = _hub_headers(uplink, confirmed)
        # Assembled by hand, here on the worker thread: validating thousands of rows
        # through the response model would cost more than reading them.
        if pull_pages.ROWS_TYPE in accept:
            body, headers = page.to_rows()
            return Response(body, media_type=pull_pages.ROWS_TYPE, headers=headers | upstream)
        headers = upstream | page.store_headers()
        return Response(page.to_json(), media_type="application/json", headers=headers)

    return await run_in_threadpool(as_caller, runtime, credentials, work)


@router.post(
    "/rows", response_model=schemas.RowsOut, dependencies=[authenticates_itself(*ALL_ROLES)]
)
async def rows(
    body: schemas.RowsIn, runtime: RuntimeDep, credentials: Credentials
) -> schemas.RowsOut:
    """The rows named, as a pull would give them now (`data` None: absent, or outside
    the caller's scope; `version` 0). How a site hub puts back what central refused."""

    def work(session: Session, principal: Principal) -> schemas.RowsOut:
        found = pull_pages.rows_now(session, principal, body.keys)
        return schemas.RowsOut(changes=[schemas.Change(**r, version=0) for r in found])

    return await run_in_threadpool(as_caller, runtime, credentials, work)


@router.get("/clients", response_model=schemas.ClientsOut)
def clients(principal: HubCaller, session: SessionDep) -> schemas.ClientsOut:
    """Site hubs only: every sync client of the business and how far its changes are
    applied, and the refusals of the last days (a hub whose store was lost starts from
    here)."""
    return for_hubs.clients(session, principal)


@router.get("/accounts", response_model=schemas.AccountsOut)
def accounts(principal: HubCaller, session: SessionDep) -> schemas.AccountsOut:
    """Site hubs only: the business's staff and kiosks, with whether each may still use
    it (a hub refuses at the site whoever central deactivated or revoked)."""
    return for_hubs.accounts(session, principal)


@router.get("/rejections", response_model=list[schemas.RejectionOut])
def rejections(
    principal: AnyCaller,
    session: SessionDep,
    client_id: uuid.UUID,
    after_seq: Annotated[int, Query(ge=0, le=INT64_MAX)] = 0,
    refused_since: datetime | None = None,
) -> list[schemas.RejectionOut]:
    """Mutations of this client the server refused, with why: nothing is lost silently.
    `refused_since`: those refused at or after this instant instead (at a site hub,
    central may refuse an earlier change after the hub refused a later one)."""
    return service.rejections(session, principal, client_id, after_seq, refused_since)


# A `: ping` comment after this many seconds of quiet, so proxies keep the connection.
PING_SECONDS = 15.0
PING = b": ping\n\n"
EVENT_STREAM = "text/event-stream"


def sse_frame(event: str, data: dict[str, int], retry: int | None = None) -> bytes:
    """One Server-Sent Event: its kind, its data as JSON and, given, a `retry` in ms."""
    tail = f"retry: {retry}\n" if retry is not None else ""
    return f"event: {event}\ndata: {json.dumps(data)}\n{tail}\n".encode()


@router.get(
    "/events",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Server-Sent Events: `version` with the tenant's version",
            "content": {EVENT_STREAM: {"schema": {"type": "string"}}},
        },
        **ERROR_RESPONSES_AS_JSON,
    },
    dependencies=[authenticates_itself(*ALL_ROLES)],
)
async def events(
    runtime: RuntimeDep,
    principal: Annotated[Principal, Depends(get_principal_briefly)],
) -> StreamingResponse:
    """Server-Sent Events: `version` each time the tenant's data changes. Hints only:
    a client that misses one catches up on its next pull. `reconnect`, last, when the
    server process stops (a restart): connect again at once. A `: ping` comment after
    15 s of quiet keeps proxies from closing the connection.

    Written here rather than by FastAPI's own event stream, which passes every event
    through two more tasks and two memory streams: with a thousand streams per process,
    each hint cost four task switches per stream (bench: streams_per_process)."""

    def current() -> int:
        with runtime.sessions() as session:
            bind_tenant(session, principal.tenant_id)
            value = session.scalar(
                select(TenantVersion.version).where(TenantVersion.tenant_id == principal.tenant_id)
            )
            return int(value or 0)

    def still_allowed() -> bool:
        if principal.location_id is None:  # staff: their session is checked per request
            return True
        with runtime.sessions() as session:
            bind_tenant(session, principal.tenant_id)
            device = session.get(KioskDevice, (principal.tenant_id, principal.user_id))
            return device is not None and device.revoked_at is None

    async def stream() -> AsyncIterator[bytes]:
        # Subscribed as the response starts (so a request that never gets that far
        # holds nothing) and before the current version is read (so no hint between is
        # lost). When the client goes away, Starlette cancels this generator at its
        # wait: the `finally` then gives the subscription back.
        queue = runtime.hints.subscribe(principal.tenant_id)
        metrics.EVENT_STREAMS.inc()
        try:
            version = await asyncio.to_thread(current)
            yield sse_frame("version", {"version": version})
            while True:
                try:
                    async with asyncio.timeout(PING_SECONDS):
                        version = await queue.get()
                except TimeoutError:
                    yield PING
                    continue
                if version == CLOSED:
                    # The process is stopping (a restart, most likely): reconnect now, to
                    # another process or to this server once it is back, rather than
                    # after a read times out. `retry` says the same to a browser's
                    # EventSource.
                    yield sse_frame("reconnect", {}, retry=RECONNECT_MS)
                    return
                if version == RECHECK:
                    if not await asyncio.to_thread(still_allowed):
                        return  # revoked: the client's next request learns it at once
                    continue
                yield sse_frame("version", {"version": version})
        finally:
            metrics.EVENT_STREAMS.dec()
            runtime.hints.unsubscribe(principal.tenant_id, queue)

    return StreamingResponse(
        stream(),
        media_type=EVENT_STREAM,
        # Not cached; not buffered by nginx, which would hold hints back.
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
