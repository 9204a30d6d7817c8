"""Push: each change exactly once, in order, per client; and the refusals kept."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import uuid
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, bindparam, func, insert, select, text, true, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.domain.errors import ConflictError, DomainError
from app.domain.staff import Role
from app.sync.protocol import BookingCreate, BookingReschedule
from app.validation import keepable, unsafe_text
from server.bookings import service as bookings
from server.bookings.schemas import AvailabilityOut
from server.catalogue import CatalogueCache, catalogue
from server.db import audit
from server.db.base import session_now
from server.deps import Principal
from server.errors import (
    ApiError,
    ConflictApiError,
    ForbiddenError,
    is_overlap_deadlock,
    store_refusal,
)
from server.models import (
    Booking,
    HubOutbox,
    KioskDevice,
    StaffUser,
    SyncClient,
    SyncDigest,
    SyncRejection,
    WalkinTicket,
)
from server.observability import metrics
from server.sync import express, schemas
from server.sync.mutations import MUTATIONS, create_booking
from server.walkins import service as walkins

log = logging.getLogger(__name__)


# -- push --------------------------------------------------------------------------------


def push(
    session: Session,
    principal: Principal,
    body: schemas.PushIn,
    catalogues: CatalogueCache | None,
    forward: bool = False,
) -> schemas.PushOut:
    """Apply a batch for `principal`; `catalogues` is the process's catalogue cache (the
    short way for bookings needs one; None reads the catalogue anew each time).
    `forward`: this server is a site hub, and what it applies goes on to central."""
    principal = acting_for(session, principal, body)
    out = None
    # At a site hub: how far this client's changes were answered before this push (a
    # change after it is new here, and goes on to central).
    before = _answered_through(session, principal, body.client_id) if forward else 0
    if len(body.mutations) == 1:
        # One change, as most pushes are: applied without a savepoint, two round trips
        # fewer. If it is refused, all is undone and the careful way records why.
        try:
            out = _push(session, principal, body, catalogues, savepoints=False)
        except (*REFUSALS, express.DeclinedError):
            session.rollback()
            if forward:  # the lock was let go: read it again
                before = _answered_through(session, principal, body.client_id)
    if out is None:
        out = _push(session, principal, body, catalogues, savepoints=True)
    if forward:
        _keep_for_central(session, principal, body, out, before)
    metrics.count_push(out.results)
    return out


def _answered_through(session: Session, principal: Principal, client_id: uuid.UUID) -> int:
    last = session.scalar(
        select(SyncClient.last_seq).where(
            SyncClient.tenant_id == principal.tenant_id, SyncClient.client_id == client_id
        )
    )
    return int(last or 0)


def _keep_for_central(
    session: Session,
    principal: Principal,
    body: schemas.PushIn,
    out: schemas.PushOut,
    before: int,
) -> None:
    """A site hub's new changes, queued for central in the order answered, in the same
    transaction: what the desk was told is applied here will reach central. Those
    refused here go too, with their refusal: central counts their seqs (else the
    origin's next change would be a gap there) and applies none of them."""
    answers = {r.seq: r for r in out.results if r.seq > before and r.status != "duplicate"}
    changes = [m for m in body.mutations if m.seq in answers]
    if not changes:
        return
    tid = principal.tenant_id
    last = session.scalar(select(func.max(HubOutbox.seq)).where(HubOutbox.tenant_id == tid)) or 0
    kind = "kiosk" if principal.role is Role.KIOSK else "staff"
    for n, m in enumerate(changes, start=last + 1):
        session.add(
            HubOutbox(
                tenant_id=tid,
                seq=n,
                client_id=body.client_id,
                client_seq=m.seq,
                origin_kind=kind,
                origin_id=principal.user_id,
                name=m.name,
                args=m.args,
                refusal=_refusal_of(answers[m.seq]),
                issued=_issued_here(session, tid, m),
            )
        )
    session.flush()


def _issued_here(session: Session, tid: uuid.UUID, m: schemas.MutationIn) -> dict[str, Any] | None:
    """A desk's walk-in ticket as this hub issued it (central keeps its number), or a
    desk's booking's code as this hub gave it (central keeps it: the customer may have
    it on a slip, or type it at the kiosk)."""
    with contextlib.suppress(KeyError, ValueError, TypeError):
        if m.name == "walkin.create":
            ticket = session.get(WalkinTicket, (tid, uuid.UUID(str(m.args["ticket_id"]))))
            if ticket is not None:
                return {
                    "number": ticket.number,
                    "day": ticket.day.isoformat(),
                    "issued_at": ticket.issued_at.isoformat(),
                }
        if m.name == "booking.create":
            booking = session.get(Booking, (tid, uuid.UUID(str(m.args["booking_id"]))))
            if booking is not None:
                return {"code": booking.code}
    return None


def _refusal_of(result: schemas.MutationResult) -> dict[str, Any] | None:
    if result.status != "rejected":
        return None
    return {
        "code": result.code or "rejected",
        "field": result.field,
        "message": result.message or "",
        "details": result.details,
    }


def _push(
    session: Session,
    principal: Principal,
    body: schemas.PushIn,
    catalogues: CatalogueCache | None,
    savepoints: bool,
) -> schemas.PushOut:
    for i, m in enumerate(body.mutations[1:], start=1):
        if m.seq != body.mutations[i - 1].seq + 1:
            raise ApiError(
                "seqs in a batch must follow each other",
                field=f"mutations[{i}].seq",
                code="seq_not_consecutive",
            )
    # The client's row, read and written with plain statements (this runs for every
    # push). Its lock makes a duplicated request wait for the first, then find it applied.
    db = session.connection()
    this_client = {"tenant": principal.tenant_id, "client": body.client_id}
    if not savepoints and len(body.mutations) == 1:
        # Most pushes are a client's next change: its row moves on, locked, in one
        # statement. Anything else (a replay, a gap, a new client, someone else's
        # client) is read out below.
        m = body.mutations[0]
        next_change = {**this_client, "seq": m.seq, "owner": principal.user_id}
        if db.dialect.name == "postgresql":
            # The row moves on and the change's digest is kept in one round trip.
            moved = db.execute(_CLIENT_NEXT_KEPT, {**next_change, "digest": push_digest(m)})
        else:
            moved = db.execute(_CLIENT_NEXT, next_change)
            if moved.rowcount == 1:
                _keep_digests(db, principal.tenant_id, body.client_id, [m])
        if moved.rowcount == 1:
            result = _apply(session, principal, catalogues, body.client_id, m, savepoint=False)
            return schemas.PushOut(last_seq=m.seq, results=[result])
    client = db.execute(_CLIENT_ROW, this_client).one_or_none()
    if client is None:
        # A new client. The same first batch may arrive twice at once (a retry racing
        # the original): the second insert waits for the first, does nothing, and the
        # read below finds the row and answers it as a replay.
        db.execute(
            _insert(session)(SyncClient)
            .values(
                tenant_id=principal.tenant_id,
                client_id=body.client_id,
                last_seq=0,
                owner_id=principal.user_id,
            )
            .on_conflict_do_nothing()
        )
        client = db.execute(_CLIENT_ROW, this_client).one()
    # Refused before anything is read or written for it: another principal may not
    # use up this client's seqs, nor learn what it pushed.
    _check_owner(client.owner_id, principal, claim=True)
    if client.owner_id is None:
        db.execute(_CLIENT_CLAIM, {**this_client, "owner": principal.user_id})
    last_seq = client.last_seq
    fresh = [m for m in body.mutations if m.seq > last_seq]
    if fresh and fresh[0].seq != last_seq + 1:
        expected = last_seq + 1
        raise ConflictApiError(
            f"mutations must continue from seq {expected}",
            field="mutations[0].seq",
            code="seq_gap",
            details={"expected_seq": expected},
        )
    # A replay gets the answer the first attempt got (its response may have been lost):
    # "duplicate" for what was applied, the stored reason for what was refused. Unless
    # it is not the same change: then this client id is used by a replica restored from
    # a backup or copied to another PC, which must take a new one (the contract, 2).
    _check_replay(db, principal.tenant_id, body.client_id, body.mutations, last_seq)
    seen = [m.seq for m in body.mutations if m.seq <= last_seq]
    refused = {r.seq: r for r in _stored_rejections(session, principal, body.client_id, seen)}
    results = [
        _result_of(refused[seq])
        if seq in refused
        else schemas.MutationResult(seq=seq, status="duplicate")
        for seq in seen
    ]
    for m in fresh:
        results.append(_apply(session, principal, catalogues, body.client_id, m, savepoints))
        last_seq = m.seq
    _keep_digests(db, principal.tenant_id, body.client_id, fresh)
    db.execute(_CLIENT_SEEN, {**this_client, "last_seq": last_seq})
    return schemas.PushOut(last_seq=last_seq, results=results)


def acting_for(session: Session, caller: Principal, body: schemas.PushIn) -> Principal:
    """Who a push acts as: its caller, or for a site hub, the origin whose changes it
    forwards. A hub has no rights of its own: each change is judged, owned (its client
    id) and recorded as its origin's, so it is applied once whichever way it arrives."""
    origin = body.origin
    # A waiting room's screen shows, and changes nothing (an empty push, as any
    # client's credential check, is no change).
    if caller.role is Role.BOARD and body.mutations:
        raise ForbiddenError(
            "a queue board only shows the queue; it sends no changes", code="board_read_only"
        )
    if caller.role is not Role.HUB:
        if origin is not None:
            raise ForbiddenError(
                "only a site hub forwards changes for others", field="origin", code="not_a_hub"
            )
        if any(m.issued is not None for m in body.mutations):
            raise ForbiddenError(
                "only a site hub says how it issued a ticket or made a booking",
                field="mutations.issued",
                code="not_a_hub",
            )
        return caller
    if origin is None:
        if not body.mutations:
            return caller  # nothing to forward (a hub checking its credential)
        raise ApiError(
            "a site hub forwards changes as their origin: say whose they are",
            field="origin",
            code="origin_required",
        )
    refused = ForbiddenError(
        f"no active {origin.kind} of this business has this id",
        field="origin.id",
        code="origin_refused",
    )
    tid = caller.tenant_id
    if origin.kind == "staff":
        user = session.get(StaffUser, (tid, origin.id))
        if user is None or not user.active:
            raise refused
        return Principal(
            tid, user.user_id, caller.session_id, Role(user.role), user.provider_id,
            via_hub=caller.user_id,
        )  # fmt: skip
    device = session.get(KioskDevice, (tid, origin.id))
    # A hub forwards its own site's kiosks.
    if (
        device is None
        or device.kind != Role.KIOSK.value
        or device.revoked_at is not None
        or device.location_id != caller.location_id
    ):
        raise refused
    return Principal(
        tid, device.device_id, device.device_id, Role.KIOSK, None, device.location_id,
        via_hub=caller.user_id,
    )  # fmt: skip


def push_digest(m: schemas.MutationIn) -> str:
    """What a change says, in a few bytes: a replay must say the same."""
    text = json.dumps([m.name, m.args], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _keep_digests(
    db: Connection, tenant_id: uuid.UUID, client_id: uuid.UUID, fresh: list[schemas.MutationIn]
) -> None:
    """Each change's digest, by its seq, in the push's transaction (applied or refused)."""
    if fresh:
        db.execute(
            _DIGEST,
            [
                {"tenant": tenant_id, "client": client_id, "seq": m.seq, "digest": push_digest(m)}
                for m in fresh
            ],
        )


def _check_replay(
    db: Connection,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    mutations: list[schemas.MutationIn],
    last_seq: int,
) -> None:
    """A seq already taken must come with the same change (a lost answer's retry);
    other content means another replica under this id (restored, or copied)."""
    seen = [m for m in mutations if m.seq <= last_seq]
    if not seen:
        return
    known = dict(
        db.execute(
            select(SyncDigest.seq, SyncDigest.digest).where(
                SyncDigest.tenant_id == tenant_id,
                SyncDigest.client_id == client_id,
                SyncDigest.seq.in_([m.seq for m in seen]),
            )
        ).all()
    )
    for m in seen:
        # Changes from before digests were kept have none: taken as the retries they were.
        if m.seq in known and known[m.seq] != push_digest(m):
            raise ConflictApiError(
                "this client id already pushed other changes under these seqs: it is in "
                "use by a copy of this replica or an older one; take a new client id",
                field="client_id",
                code="client_id_reused",
                details={"duplicates_through": m.seq - 1, "last_seq": last_seq},
            )


def _insert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


# The client's row, read and written with statements built once (every push runs them).
_THIS_CLIENT = (SyncClient.tenant_id == bindparam("tenant")) & (
    SyncClient.client_id == bindparam("client")
)
_CLIENT_ROW = select(SyncClient.last_seq, SyncClient.owner_id).where(_THIS_CLIENT).with_for_update()
_DIGEST = insert(SyncDigest).values(
    tenant_id=bindparam("tenant"),
    client_id=bindparam("client"),
    seq=bindparam("seq"),
    digest=bindparam("digest"),
)
_CLIENT_CLAIM = update(SyncClient).where(_THIS_CLIENT).values(owner_id=bindparam("owner"))
_CLIENT_SEEN = (
    update(SyncClient)
    .where(_THIS_CLIENT)
    .values(last_seq=bindparam("last_seq"), last_seen_at=func.now())
)
_CLIENT_NEXT = (
    update(SyncClient)
    .where(
        _THIS_CLIENT,
        SyncClient.last_seq == bindparam("seq") - 1,
        SyncClient.owner_id == bindparam("owner"),
    )
    .values(last_seq=bindparam("seq"), last_seen_at=func.now())
)


# _CLIENT_NEXT and the change's digest as one statement (PostgreSQL: SQLite has no
# writes in a WITH): the digest is inserted only when the client's row moved on.
_CLIENT_NEXT_KEPT = text(
    """
    WITH moved AS (
        UPDATE sync_clients SET last_seq = :seq, last_seen_at = now()
        WHERE tenant_id = :tenant AND client_id = :client
          AND last_seq = :seq - 1 AND owner_id = :owner
        RETURNING tenant_id, client_id
    )
    INSERT INTO sync_digests (tenant_id, client_id, seq, digest)
    SELECT tenant_id, client_id, :seq, :digest FROM moved
    """
)


def _check_owner(owner: uuid.UUID | None, principal: Principal, claim: bool) -> None:
    """A client id belongs to the staff member or kiosk that first pushed with it (a
    new session of the same person keeps its queue). One from before owners were kept
    is claimed by its next push; until then nobody reads its refusals."""
    if owner == principal.user_id or (owner is None and claim):
        return
    raise ForbiddenError(
        "this client id belongs to another user or device; use a client id of your own",
        field="client_id",
        code="client_not_yours",
    )


def _stored_rejections(
    session: Session, principal: Principal, client_id: uuid.UUID, seqs: list[int]
) -> list[SyncRejection]:
    if not seqs:
        return []
    return list(
        session.scalars(
            select(SyncRejection).where(
                SyncRejection.tenant_id == principal.tenant_id,
                SyncRejection.client_id == client_id,
                SyncRejection.seq.in_(seqs),
            )
        )
    )


def _result_of(r: SyncRejection) -> schemas.MutationResult:
    return schemas.MutationResult(
        seq=r.seq,
        status="rejected",
        code=r.code,
        field=r.field,
        message=r.message,
        details=r.details,
    )


# What a mutation can be refused for, rather than the server failing.
REFUSALS = (ValidationError, DomainError, ApiError, IntegrityError, OperationalError)


def _apply(
    session: Session,
    principal: Principal,
    catalogues: CatalogueCache | None,
    client_id: uuid.UUID,
    m: schemas.MutationIn,
    savepoint: bool = True,
) -> schemas.MutationResult:
    """Apply one mutation in a savepoint; a refusal is recorded, never raised. Without
    a savepoint a refusal is raised (the transaction may not be able to record it any
    more), unless the short way refused a booking before writing anything."""
    if m.refused is not None:
        # Refused at a site hub (or sent again so by a desk whose hub lost it): its seq
        # is counted and its refusal kept, as if refused here.
        r = m.refused
        return _reject(session, principal, client_id, m, r.code, r.field, r.message, r.details)
    spec = MUTATIONS.get(m.name)
    args: Any = None
    try:
        if spec is None:
            raise ApiError(f"unknown mutation {m.name!r}", field="name", code="unknown_mutation")
        apply = spec.apply
        if isinstance(m.issued, schemas.IssuedIn) and m.name == "walkin.create":
            apply = functools.partial(_issue_as_the_hub_did, issued=m.issued)
        if isinstance(m.issued, schemas.BookingIssuedIn) and m.name == "booking.create":
            apply = functools.partial(_book_as_the_hub_did, issued=m.issued)
        if principal.role not in spec.roles:
            raise ApiError(
                f"{principal.role.value} may not {m.name}", field="name", code="forbidden_role"
            )
        args = spec.args.model_validate(m.args)
        audit.take_changes(session)  # what this change writes is gathered afresh
        if savepoint:
            with session.begin_nested():
                apply(session, principal, args, catalogues)
                session.flush()
        else:
            origin = _origin(principal, client_id, m)
            try:
                handled = m.issued is None and express.create_booking(
                    session, principal, m.name, args, catalogues, origin
                )
            except express.RefusedError as refused:  # nothing written: record it here
                return _refusal(session, principal, catalogues, client_id, m, args, refused.cause)
            if handled:  # its audit event went with the booking, in the same statement
                return schemas.MutationResult(seq=m.seq, status="applied")
            apply(session, principal, args, catalogues)
            session.flush()
        entity, entity_id = spec.touches(args)
        actor, how = _origin(principal, client_id, m)
        audit.record(session, actor, how, entity, str(entity_id), audit.take_changes(session))
        return schemas.MutationResult(seq=m.seq, status="applied")
    except REFUSALS as exc:
        if not savepoint or (isinstance(exc, OperationalError) and not is_overlap_deadlock(exc)):
            raise
        return _refusal(session, principal, catalogues, client_id, m, args, exc)


def _origin(
    principal: Principal, client_id: uuid.UUID, m: schemas.MutationIn
) -> tuple[audit.Actor, audit.Via]:
    """Who made a pushed change and from where, as its audit event says."""
    actor = audit.Actor(principal.tenant_id, principal.user_id, principal.role.value)
    return actor, audit.Via(m.name, "sync", client_id, m.seq, principal.via_hub)


def _issue_as_the_hub_did(
    session: Session,
    principal: Principal,
    args: Any,
    catalogues: CatalogueCache | None,
    issued: schemas.IssuedIn,
) -> None:
    """A desk's walk-in forwarded by its site hub: its number, day and time as issued."""
    made = walkins.Issued(issued.number, issued.day, issued.issued_at)
    walkins.issue(session, principal, args, args.number, made)


def _book_as_the_hub_did(
    session: Session,
    principal: Principal,
    args: Any,
    catalogues: CatalogueCache | None,
    issued: schemas.BookingIssuedIn,
) -> None:
    """A desk's booking forwarded by its site hub, with the code the hub gave it, unless
    central gave that code to another booking meanwhile (then the hub takes central's)."""
    taken = session.scalar(
        select(Booking.booking_id).where(
            Booking.tenant_id == principal.tenant_id, Booking.code == issued.code
        )
    )
    create_booking(session, principal, args, catalogues, None if taken else issued.code)


def _refusal(
    session: Session,
    principal: Principal,
    catalogues: CatalogueCache | None,
    client_id: uuid.UUID,
    m: schemas.MutationIn,
    args: Any,
    exc: Exception,
) -> schemas.MutationResult:
    """Record why a mutation was refused, with what staff need to settle it."""
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return _reject(
            session, principal, client_id, m, "invalid_args", f"args.{where}", str(first["msg"]), {}
        )
    if isinstance(exc, DomainError):
        remedy = _remedy(session, principal, catalogues, args, exc)
        return _reject(session, principal, client_id, m, exc.code, exc.field, exc.message, remedy)
    if isinstance(exc, ApiError):
        return _reject(session, principal, client_id, m, exc.code, exc.field, exc.message, {})
    assert isinstance(exc, IntegrityError | OperationalError)
    # Read as the REST routes read it: a DNI already on file is `duplicate` either way.
    said = store_refusal(exc)
    conflict = ConflictError(said.field or "args", said.code, said.message)
    remedy = _remedy(session, principal, catalogues, args, conflict)
    return _reject(session, principal, client_id, m, said.code, said.field, said.message, remedy)


def _remedy(
    session: Session,
    principal: Principal,
    catalogues: CatalogueCache | None,
    args: Any,
    exc: DomainError,
) -> dict[str, Any]:
    """What staff need to settle a refused booking: free slots the same day."""
    if not isinstance(args, BookingCreate | BookingReschedule) or exc.field != "start_at":
        return {}
    if isinstance(args, BookingCreate):
        service_id, provider_id = args.service_id, args.provider_id
    else:
        booking = bookings.get(session, principal, args.booking_id, catalogues)
        service_id, provider_id = booking.service_id, args.provider_id or booking.provider_id
    try:
        cat = catalogue(session, principal.tenant_id, catalogues)
        day = args.start_at.astimezone(cat.tenant_zone).date()
        free = bookings.availability(
            session,
            principal,
            service_id,
            day,
            provider_id,
            catalogues,
            now=session_now(session),  # the server's clock, as the rules read it
            limit=REMEDY_SLOTS,
            cat=cat,
        )
    except (DomainError, ApiError):
        return {}
    return remedy_of(free)


REMEDY_SLOTS = 8  # free slots offered with a refused booking


def remedy_of(free: AvailabilityOut) -> dict[str, Any]:
    """A refusal's details that offer the free slots `free` found."""
    return {"alternatives": [s.model_dump(mode="json") for s in free.slots]}


def _reject(
    session: Session,
    principal: Principal,
    client_id: uuid.UUID,
    m: schemas.MutationIn,
    code: str,
    field: str | None,
    message: str,
    details: dict[str, Any],
) -> schemas.MutationResult:
    named, result = refusal(m, code, field, message, details)
    audit.take_changes(session)  # nothing it wrote stays (its savepoint was rolled back)
    actor, how = _origin(principal, client_id, m)
    audit.record(session, actor, how, *named, changes=[], outcome="refused", code=code[:60])
    # Only a fresh seq is refused (a replay gets the stored answer), so the row is new.
    session.add(
        SyncRejection(
            tenant_id=principal.tenant_id,
            client_id=client_id,
            seq=m.seq,
            name=m.name,
            args=kept_args(m.args),
            code=code,
            field=result.field,
            message=result.message,
            details=result.details,
        )
    )
    return result


def refusal(
    m: schemas.MutationIn, code: str, field: str | None, message: str, details: dict[str, Any]
) -> tuple[tuple[str, str], schemas.MutationResult]:
    """The row a refused change names (its audit event's) and the answer its author
    gets, kept as it is stored."""
    spec = MUTATIONS.get(m.name)
    named = ("unknown", "")
    if spec is not None:
        # Args that do not validate name no row: the client has nothing to roll back.
        with contextlib.suppress(ValidationError):
            entity, entity_id = spec.touches(spec.args.model_validate(m.args))
            details = {**details, "entity": entity, "id": str(entity_id)}
            named = (entity, str(entity_id))
    # A field named by args that did not validate may be anything the caller sent.
    if field is not None and (len(field) > FIELD_LENGTH or unsafe_text(field) is not None):
        field = "args"
    result = schemas.MutationResult(
        seq=m.seq,
        status="rejected",
        code=code,
        field=field,
        message=message[:MESSAGE_LENGTH],
        details=details,
    )
    return named, result


# The columns a refusal is kept in (server/models/sync.py).
FIELD_LENGTH, MESSAGE_LENGTH = 100, 500


def kept_args(args: dict[str, Any]) -> dict[str, Any]:
    """What is kept of a refused change's args: all of them, or nothing.

    Dropped, not truncated, when they hold text that cannot be stored or are larger
    than any change a desk makes (see validation.keepable): half a change is not the
    change its author made, and the author's client keeps its own copy and shows it
    with the refusal. Kept, a caller could store megabytes with every refused change.
    """
    return args if keepable(args) else {}


def rejections(
    session: Session,
    principal: Principal,
    client_id: uuid.UUID,
    after_seq: int,
    refused_since: datetime | None = None,
) -> list[schemas.RejectionOut]:
    client = session.execute(
        select(SyncClient.owner_id).where(
            SyncClient.tenant_id == principal.tenant_id, SyncClient.client_id == client_id
        )
    ).one_or_none()
    if client is None:
        return []  # never pushed: nothing was refused
    _check_owner(client.owner_id, principal, claim=False)
    rows = session.scalars(
        select(SyncRejection)
        .where(
            SyncRejection.tenant_id == principal.tenant_id,
            SyncRejection.client_id == client_id,
            SyncRejection.seq > after_seq,
            true() if refused_since is None else SyncRejection.created_at >= refused_since,
        )
        .order_by(SyncRejection.seq)
    ).all()
    return [schemas.RejectionOut(**rejection_out(r)) for r in rows]


def rejection_out(r: SyncRejection) -> dict[str, Any]:
    """A kept refusal as the answers give it (schemas.RejectionOut's fields). Refusals
    kept before their args were checked may hold text no answer can carry."""
    return {
        "seq": r.seq,
        "name": r.name,
        "args": kept_args(r.args),
        "code": r.code,
        "field": r.field,
        "message": r.message,
        "details": r.details,
        "refused_at": r.created_at,
    }
