"""A staff member's push of one new booking, applied with its business's other such
pushes of the moment in one transaction (group commit).

That push is what every desk sends most, and one transaction each capped a server's
pushes per second: each paid its statements' round trips, the tenant's version row
(held from stamping to COMMIT, so every writer of the business waits its turn), a
NOTIFY and a WAL flush. Here the pushes that arrive while a group is being written wait
for the next group, and a group of any size costs two round trips: one reads what the
rules need for all of them (sessions, customers, each provider's busy ranges), the
other writes every accepted booking, its client's seq and digest, its audit event and
one version for all, and commits. Each booking is still planned alone by the one plan
(app/domain/booking_plan.py), fed what was read; two of one group that would overlap
are not both taken. What the rules refuse on what the store holds is recorded in the
same write as the route records it: why, with the free slots of the day when the time
was refused (read for all of them in a third round trip), and its audit event; a group
of refusals alone stamps no version.

It runs on the event loop with its own small pool (psycopg's), not on the worker
threads. Whatever it does not take, or takes and cannot apply as the route would, goes
on to the route unchanged, and the route answers it as if this were not here: at once
a session ended or what the plan cannot judge here (a customer not found, say); once
the group's transaction has ended a second push of one client, one that would overlap
another of the group, a seq that is not the client's next, and every push of a group
whose write failed (say for a slot another process wrote meanwhile). A push is answered
only after its group committed. PostgreSQL only, and not at a site hub (whose pushes go
on to central).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import psycopg
from psycopg import AsyncConnection
from psycopg.pq import TransactionStatus
from psycopg_pool import AsyncConnectionPool
from pydantic import ValidationError
from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.domain.availability import Interval, starts_touching
from app.domain.booking_plan import BookingPlan, Refusal, plan_booking, window
from app.domain.errors import DomainError
from app.domain.staff import STAFF_ROLES, Role
from app.sync.protocol import BookingCreate
from server.auth.tokens import AccessClaims, read_access_token
from server.bookings import service as bookings
from server.catalogue import Catalogue, CatalogueCache, ProviderInfo
from server.db import audit, versioning
from server.db.base import utcnow
from server.db.engine import SESSION_DEFAULTS, SET_SCOPE
from server.errors import ApiError
from server.models.bookings import ACTIVE_SQL
from server.observability import metrics
from server.observability.logs import note_caller, note_client
from server.sync import express, schemas
from server.sync.mutations import MUTATIONS
from server.sync.service import REMEDY_SLOTS, kept_args, push_digest, refusal, remedy_of

log = logging.getLogger(__name__)

PATH = "/sync/push"
MAX_GROUP = 64  # pushes in one transaction; the rest wait for the next
CREATE = MUTATIONS["booking.create"]

# -- the two round trips -----------------------------------------------------------------

# Who is still signed in, as deps.authenticate asks it (revocation is immediate).
_SESSIONS = """
SELECT x.i, s.role
FROM unnest(%(sessions)s::uuid[], %(users)s::uuid[]) WITH ORDINALITY AS x (session_id, user_id, i)
JOIN auth_sessions a ON a.tenant_id = %(tenant)s AND a.session_id = x.session_id
    AND a.user_id = x.user_id AND a.revoked_at IS NULL
JOIN staff_users s ON s.tenant_id = a.tenant_id AND s.user_id = a.user_id AND s.active
"""
# The catalogue's version (is the one held current?) and which customers exist.
_FACTS = """
SELECT (SELECT reference_version FROM tenant_versions WHERE tenant_id = %(tenant)s),
       ARRAY(SELECT customer_id FROM customers
             WHERE tenant_id = %(tenant)s AND customer_id = ANY(%(customers)s::uuid[]))
"""
# Each push's provider's active busy ranges near its slot. Row-level security keeps
# the overlap test (&&, not leakproof) out of any index, and naming the tenant lets
# statistics that do not know a new tenant walk all its bookings: so the rows are found
# by provider and a window of start times (leakproof comparisons, the index of 0024),
# the tenant checked on the rows found, and the overlap tested on those: a day's
# bookings, not the provider's history. The window holds every start a booking
# touching the slot can have (starts_touching); were one missed, the overlap
# constraint would refuse the write and the route would answer. OFFSET 0 keeps it one
# lookup per push: flattened into a join, a group of 20 was a hash join over every
# business's bookings (25 ms a group with 65,000 bookings stored).
_BUSY = f"""
SELECT x.i, b.tenant_id, b.busy_from, b.busy_until
FROM unnest(%(providers)s::uuid[], %(sinces)s::timestamptz[], %(untils)s::timestamptz[],
            %(lows)s::timestamptz[], %(highs)s::timestamptz[])
    WITH ORDINALITY AS x (provider_id, since, until, low, high, i)
JOIN LATERAL (
    SELECT tenant_id, busy_from, busy_until FROM bookings
    WHERE provider_id = x.provider_id AND start_at > x.low AND start_at < x.high
      AND status IN ({ACTIVE_SQL})
      AND tstzrange(busy_from, busy_until) && tstzrange(x.since, x.until)
    OFFSET 0
) b ON true
"""
# The accepted pushes, as one JSON array of records (one text to send, not an array per
# column to convert value by value). A push's booking, digest and audit event
# are written only if its client's row moved on from the seq before (as the single
# push's statement does); `moved` answers which did. One version stamps them all.
_WRITE = versioning.stamp_sql(
    "%(tenant)s",
    "%(channel)s",
    "(SELECT 'booking', b.booking_id::text, false FROM b) AS x (entity, entity_id, deleted)",
    before="""x AS (
    SELECT * FROM json_to_recordset(%(rows)s::json) AS x (i int, client uuid, seq bigint,
        owner uuid, digest text, role text, event uuid, changes json, booking uuid,
        code text, location uuid, provider uuid, service uuid, customer uuid,
        start_at timestamptz, end_at timestamptz, busy_from timestamptz,
        busy_until timestamptz, status text, series uuid, price bigint, notes text,
        refused boolean, args json, why text, field text, message text, details json)
), moved AS (
    UPDATE sync_clients c SET last_seq = x.seq, last_seen_at = now()
    FROM x
    WHERE c.tenant_id = %(tenant)s AND c.client_id = x.client AND c.last_seq = x.seq - 1
      AND c.owner_id = x.owner
    RETURNING x.*
), d AS (
    INSERT INTO sync_digests (tenant_id, client_id, seq, digest)
    SELECT %(tenant)s, client, seq, digest FROM moved
), b AS (
    INSERT INTO bookings (tenant_id, booking_id, code, location_id, provider_id, service_id,
        customer_id, start_at, end_at, busy_from, busy_until, status, series_id, price_minor,
        notes, cancel_reason, created_by, created_at, updated_at)
    SELECT %(tenant)s, booking, code, location, provider, service, customer, start_at,
        end_at, busy_from, busy_until, status, series, price, notes, '', owner, %(now)s,
        %(now)s
    FROM moved WHERE NOT refused
    RETURNING booking_id
), a AS (
    INSERT INTO audit_events (tenant_id, event_id, at, actor_id, actor_kind, actor_role,
        source, client_id, client_seq, hub_id, action, entity, entity_id, changes, outcome,
        code)
    SELECT %(tenant)s, event, %(at)s, owner, 'staff', role, 'sync', client, seq, NULL,
        'booking.create', 'booking', booking::text, changes,
        CASE WHEN refused THEN 'refused' ELSE 'applied' END, left(why, 60)
    FROM moved
), r AS (
    INSERT INTO sync_rejections (tenant_id, client_id, seq, name, args, code, field, message,
        details, created_at)
    SELECT %(tenant)s, client, seq, 'booking.create', args, why, field, message, details,
        %(now)s
    FROM moved WHERE refused
),""",
    answer="ARRAY(SELECT i FROM moved)",
    # Refusals alone change nothing desks pull. Asked of the rows sent, not of `b`: the
    # version row is locked first, as by every other writer (reading `b` here would lock
    # bookings first, and a route's push could deadlock with the group).
    only_if="EXISTS (SELECT FROM x WHERE NOT refused)",
)
# _WRITE's columns from a planned row (express.new_row), by its keys.
_ROW_COLUMNS = {
    "booking": "booking_id",
    "code": "code",
    "location": "location_id",
    "provider": "provider_id",
    "service": "service_id",
    "customer": "customer_id",
    "start_at": "start_at",
    "end_at": "end_at",
    "busy_from": "busy_from",
    "busy_until": "busy_until",
    "status": "status",
    "series": "series_id",
    "price": "price_minor",
    "notes": "notes",
}


# -- a push, and the groups of a process ----------------------------------------------------


@dataclass
class Pushed:
    """One push this way may take: a staff member's booking.create for a given provider."""

    claims: AccessClaims
    client_id: uuid.UUID
    mutation: schemas.MutationIn
    digest: str
    args: BookingCreate
    around: Interval  # where its provider's busy ranges are asked
    # Its answer (the body, and the caller's role) once its group committed; None: the
    # route's to answer.
    done: asyncio.Future[tuple[bytes, Role] | None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )

    def answer(self, value: tuple[bytes, Role] | None) -> None:
        if not self.done.done():  # its caller may have gone (a dropped connection)
            self.done.set_result(value)


@dataclass
class _Planned:
    n: int  # its place in the group
    pushed: Pushed
    role: Role
    row: dict[str, Any]


@dataclass
class _Refused:
    """A push the rules refuse on what the store holds, recorded as the route would."""

    n: int
    pushed: Pushed
    role: Role
    refused: DomainError
    remedy: dict[str, Any] = field(default_factory=dict)


class PushGroups:
    """A process's groups: one queue per business, and the pool they write with. Both
    belong to the event loop that made them (tests run an app on several in turn)."""

    def __init__(
        self,
        engine: Engine,
        catalogues: CatalogueCache,
        secret_key: str,
        clock: Callable[[], datetime],
        pool_size: int,
    ) -> None:
        url = engine.url.set(drivername="postgresql")
        self._conninfo = url.render_as_string(hide_password=False)
        self.catalogues = catalogues
        self.secret_key = secret_key
        self.clock = clock
        self.pool_size = pool_size
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pool: AsyncConnectionPool | None = None
        self._queues: dict[uuid.UUID, _TenantQueue] = {}

    def take(self, headers: list[tuple[bytes, bytes]], body: bytes) -> Pushed | None:
        """The push if it is one this way takes (else the route's): a staff token,
        one booking.create naming its provider, for a business whose catalogue this
        process holds. Nothing is read from the store yet."""
        token = next((v for k, v in headers if k == b"authorization"), b"")
        if not token.startswith(b"Bearer "):
            return None
        claims = read_access_token(token[7:].decode("latin-1"), self.secret_key)
        if claims is None or claims.role not in STAFF_ROLES:
            return None
        try:
            push = schemas.PushIn.model_validate_json(body)
            if len(push.mutations) != 1 or push.origin is not None:
                return None
            m = push.mutations[0]
            if m.name != "booking.create" or m.refused is not None or m.issued is not None:
                return None
            args = CREATE.args.model_validate(m.args)
        except ValidationError:
            return None  # the route says what is wrong
        assert isinstance(args, BookingCreate)
        cat = self.catalogues.peek(claims.tenant_id)
        if args.provider_id is None or cat is None:
            return None  # "any provider" is chosen, and a catalogue loaded, the route's way
        service = cat.services.get(args.service_id)
        if service is None:
            return None
        around = window(args.start_at, service.spec)
        return Pushed(claims, push.client_id, m, push_digest(m), args, around)

    async def apply(self, pushed: Pushed) -> tuple[bytes, Role] | None:
        """Its answer once its group committed, or None: the route's to answer (also
        when the pool is not open in this event loop: an app run without its lifespan)."""
        if self._pool is None or asyncio.get_running_loop() is not self._loop:
            return None
        tid = pushed.claims.tenant_id
        queue = self._queues.get(tid)
        if queue is None:
            queue = self._queues[tid] = _TenantQueue(self, self._pool, tid)
        queue.add(pushed)
        return await pushed.done

    async def open(self) -> None:
        """At the app's start, in its event loop. Connections are made in the background:
        a server whose store is not up yet starts all the same."""

        async def configure(conn: AsyncConnection) -> None:
            for statement in SESSION_DEFAULTS:
                await conn.execute(statement)
            await conn.commit()

        self._loop = asyncio.get_running_loop()
        self._pool = AsyncConnectionPool(
            self._conninfo,
            min_size=1,
            max_size=self.pool_size,
            configure=configure,
            open=False,
            name="grouped-pushes",
        )
        await self._pool.open(wait=False)

    async def close(self) -> None:
        """At the app's end: the groups under way finish first."""
        pool, self._pool = self._pool, None
        tasks = [q.task for q in self._queues.values() if q.task is not None]
        await asyncio.gather(*tasks, return_exceptions=True)
        if pool is not None:
            await pool.close()

    def ended(self, tid: uuid.UUID, queue: _TenantQueue) -> None:
        if self._queues.get(tid) is queue:
            del self._queues[tid]


class _TenantQueue:
    """A business's pushes waiting for their group, and the task writing the groups."""

    def __init__(self, groups: PushGroups, pool: AsyncConnectionPool, tenant_id: uuid.UUID) -> None:
        self.groups = groups
        self.pool = pool
        self.tenant_id = tenant_id
        self.waiting: list[Pushed] = []
        self.task: asyncio.Task[None] | None = None

    def add(self, pushed: Pushed) -> None:
        self.waiting.append(pushed)
        if self.task is None:
            self.task = asyncio.create_task(self._run(), name="grouped-pushes")

    async def _run(self) -> None:
        try:
            while self.waiting:
                group, self.waiting = self.waiting[:MAX_GROUP], self.waiting[MAX_GROUP:]
                try:
                    await self._write(group)
                except Exception:  # a fault here must not lose a push: the route has them
                    log.exception("a group of pushes failed; they go the route's way")
                for pushed in group:  # the rest, now that the transaction has ended
                    pushed.answer(None)
        finally:
            self.task = None
            self.groups.ended(self.tenant_id, self)

    async def _write(self, group: list[Pushed]) -> None:
        cat = self.groups.catalogues.peek(self.tenant_id)
        if cat is None:
            return
        async with self.pool.connection() as conn:
            try:
                planned, refused, now = await self._plan(conn, cat, group)
                if refused:
                    await self._remedy(conn, cat, refused, planned)
                if planned or refused:
                    await self._commit(conn, group, planned, refused, now)
            except psycopg.Error as exc:  # e.g. a slot another process took just now
                log.info("a group's write failed (%s); its pushes go the route's way", exc)
            finally:
                if conn.info.transaction_status != TransactionStatus.IDLE:
                    await conn.rollback()

    async def _plan(
        self, conn: AsyncConnection, cat: Catalogue, group: list[Pushed]
    ) -> tuple[list[_Planned], list[_Refused], datetime]:
        """Read what the rules need for the whole group, in one round trip, and plan
        each push; those planned and those refused are written, the rest go the route's
        way. Also the instant they are written at."""
        tid = self.tenant_id
        async with conn.pipeline():
            await conn.execute(SET_SCOPE, {"scope": str(tid)})
            signed_in = await conn.execute(
                _SESSIONS,
                {
                    "tenant": tid,
                    "sessions": [p.claims.session_id for p in group],
                    "users": [p.claims.user_id for p in group],
                },
            )
            facts = await conn.execute(
                _FACTS, {"tenant": tid, "customers": [p.args.customer_id for p in group]}
            )
            starts = [starts_touching(p.around) for p in group]
            busy = await conn.execute(
                _BUSY,
                {
                    "providers": [p.args.provider_id for p in group],
                    "sinces": [p.around[0] for p in group],
                    "untils": [p.around[1] for p in group],
                    "lows": [low for low, _ in starts],
                    "highs": [high for _, high in starts],
                },
            )
        roles = {i - 1: Role(role) for i, role in await signed_in.fetchall()}
        version, customers = await facts.fetchone() or (None, [])
        if version != cat.reference_version:
            return [], [], utcnow()  # the catalogue changed: the route reloads it
        ranges: dict[int, list[Interval]] = defaultdict(list)
        for i, tenant, start, end in await busy.fetchall():
            if tenant == tid:  # a provider's id is one business's: the store says so
                ranges[i - 1].append((start, end))
        known = set(customers)
        clients: set[uuid.UUID] = set()
        held: dict[uuid.UUID, list[Interval]] = defaultdict(list)  # by this group, so far
        now = utcnow()
        planned: list[_Planned] = []
        refused: list[_Refused] = []
        for n, pushed in enumerate(group):
            if pushed.client_id in clients:
                continue  # one push per client in a group: its next follows the commit
            role = roles.get(n)
            if role is None or role not in CREATE.roles:
                pushed.answer(None)  # signed out, or not allowed: the route says so now
                continue
            args = pushed.args
            assert args.provider_id is not None
            looked = express.Looked(
                cat, args.customer_id in known, args.provider_id, pushed.around, ranges[n]
            )
            try:
                plan = plan_booking(express.request_of(args), looked)
            except (express.DeclinedError, ApiError, DomainError):
                plan = None
            if isinstance(plan, Refusal):
                # Refused on what the store holds: recorded with the group, why and the
                # free slots of the day, as the route records it.
                refused.append(_Refused(n, pushed, role, plan.error()))
                clients.add(pushed.client_id)
                continue
            if not isinstance(plan, BookingPlan) or len(plan.occurrences) != 1:
                pushed.answer(None)  # the route's to say, now
                continue
            row = express.new_row(tid, args, plan, pushed.claims.user_id, now)
            mine = held[plan.provider.provider_id]
            if any(a < row["busy_until"] and row["busy_from"] < b for a, b in mine):
                continue  # after this group's commit, the route refuses it
            mine.append((row["busy_from"], row["busy_until"]))
            clients.add(pushed.client_id)
            planned.append(_Planned(n, pushed, role, row))
        return planned, refused, now

    async def _remedy(
        self,
        conn: AsyncConnection,
        cat: Catalogue,
        refused: list[_Refused],
        planned: list[_Planned],
    ) -> None:
        """The free slots offered with each refusal of a time (as sync.service._remedy
        offers them), from its provider's busy ranges of the day, read for all in one
        round trip, and what this group takes (a push whose client then turns out not to
        move on counts too: a free slot may be left out, none taken is offered)."""
        asked: list[tuple[_Refused, date, Sequence[ProviderInfo], Interval]] = []
        for r in refused:
            if r.refused.field != "start_at":
                continue
            args = r.pushed.args
            day = args.start_at.astimezone(cat.tenant_zone).date()
            try:
                providers, around = bookings.slots_asked(
                    cat, args.service_id, day, args.provider_id
                )
            except (DomainError, ApiError):
                continue
            asked.append((r, day, providers, around))
        if not asked:
            return
        clock = self.groups.clock()  # the server's, as the route's alternatives
        starts = [starts_touching(around) for *_, around in asked]
        read = await conn.execute(
            _BUSY,
            {
                "providers": [providers[0].provider_id for _, _, providers, _ in asked],
                "sinces": [around[0] for *_, around in asked],
                "untils": [around[1] for *_, around in asked],
                "lows": [low for low, _ in starts],
                "highs": [high for _, high in starts],
            },
        )
        ranges: dict[int, list[Interval]] = defaultdict(list)
        for i, tenant, start, end in await read.fetchall():
            if tenant == self.tenant_id:
                ranges[i - 1].append((start, end))
        for k, (r, day, providers, _) in enumerate(asked):
            provider = providers[0].provider_id
            taken = [
                (p.row["busy_from"], p.row["busy_until"])
                for p in planned
                if p.row["provider_id"] == provider
            ]
            busy = {provider: ranges[k] + taken}
            try:
                free = bookings.slots_free(
                    cat, r.pushed.args.service_id, day, providers, busy, clock, REMEDY_SLOTS
                )
            except (DomainError, ApiError):  # as the route: a refusal with no alternatives
                continue
            r.remedy = remedy_of(free)

    async def _commit(
        self,
        conn: AsyncConnection,
        group: list[Pushed],
        planned: list[_Planned],
        refused: list[_Refused],
        now: datetime,
    ) -> None:
        answers: dict[int, tuple[schemas.MutationResult, Role]] = {}
        records = [
            {
                "i": p.n,
                "client": p.pushed.client_id,
                "seq": p.pushed.mutation.seq,
                "owner": p.pushed.claims.user_id,
                "digest": p.pushed.digest,
                "role": p.role.value,
                "event": audit.new_event_id(),
                "changes": [audit.created("booking", str(p.row["booking_id"]), p.row)],
                **{column: p.row[key] for column, key in _ROW_COLUMNS.items()},
                "refused": False,
            }
            for p in planned
        ]
        for p in planned:
            answers[p.n] = (
                schemas.MutationResult(seq=p.pushed.mutation.seq, status="applied"),
                p.role,
            )
        for r in refused:
            m, exc = r.pushed.mutation, r.refused
            _, result = refusal(m, exc.code, exc.field, exc.message, r.remedy)
            answers[r.n] = (result, r.role)
            records.append(
                {
                    "i": r.n,
                    "client": r.pushed.client_id,
                    "seq": m.seq,
                    "owner": r.pushed.claims.user_id,
                    "digest": r.pushed.digest,
                    "role": r.role.value,
                    "event": audit.new_event_id(),
                    "changes": [],
                    "booking": r.pushed.args.booking_id,
                    "refused": True,
                    "args": kept_args(m.args),
                    "why": exc.code,
                    "field": result.field,
                    "message": result.message,
                    "details": result.details,
                }
            )
        params = {
            "tenant": self.tenant_id,
            "channel": versioning.NOTIFY_CHANNEL,
            "now": now,
            "at": self.groups.clock(),  # the server's clock, as the route's audit
            # Instants as ISO text with their offset, ids as text: PostgreSQL reads both.
            "rows": json.dumps(records, default=str),
        }
        async with conn.pipeline():
            written = await conn.execute(_WRITE, params)
            await conn.commit()
        version, moved = await written.fetchone() or (None, [])
        if version is None and any(answers[n][0].status == "applied" for n in moved):
            # No version row to stamp: not reached, as _plan read the catalogue's version
            # from that row in this transaction (and stopped, finding none).
            return
        for n in moved:
            result, role = answers[n]
            metrics.count_push([result])
            body = schemas.PushOut(last_seq=result.seq, results=[result])
            group[n].answer((body.model_dump_json().encode(), role))


# -- in front of the route ------------------------------------------------------------------


@dataclass(frozen=True)
class _Route:
    """What the request log and metrics read of a matched route: its template."""

    path: str = PATH


class GroupedPush:
    """Takes the pushes PushGroups takes before the route; the rest, and those it
    gives back, reach the route with their body as sent."""

    def __init__(self, app: ASGIApp, groups: PushGroups) -> None:
        self.app = app
        self.groups = groups

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        # Only a body of declared length (BodyLimit has checked it): one sent in chunks
        # is the route's, which counts it as it comes.
        declared = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if declared is None:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        pushed = self.groups.take(scope["headers"], body)
        answered = await self.groups.apply(pushed) if pushed is not None else None
        if answered is None:
            await self.app(scope, _replay(body, receive), send)
            return
        assert pushed is not None
        answer, role = answered
        note_caller(pushed.claims.tenant_id, pushed.claims.user_id, role.value)
        note_client(pushed.client_id)
        scope["route"] = _Route()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(answer)).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer})


def _replay(body: bytes, receive: Receive) -> Receive:
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # then what the connection says (a disconnect)

    return replay
