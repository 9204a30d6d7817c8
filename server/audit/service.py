"""Reading the audit trail: a row's history, or a day's (or a person's) events."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from server.audit import schemas
from server.catalogue import CatalogueCache, catalogue
from server.db.audit import AUDITED
from server.errors import ApiError
from server.models import AuditEvent, KioskDevice, StaffUser

ENTITIES = frozenset(AUDITED.values())
CURSOR_SEPARATOR = "_"


def events(
    session: Session,
    tenant_id: uuid.UUID,
    catalogues: CatalogueCache | None,
    *,
    entity: str | None,
    entity_id: str | None,
    day: date | None,
    user_id: uuid.UUID | None,
    limit: int,
    cursor: str | None,
) -> schemas.AuditPage:
    if (entity is None) != (entity_id is None):
        missing = "id" if entity_id is None else "entity"
        raise ApiError(
            "a row's history needs both its entity and its id", field=missing, code="missing"
        )
    if entity is None and day is None and user_id is None:
        raise ApiError(
            "say whose events: entity and id, a day, or a user_id",
            field="entity",
            code="missing",
        )
    if entity is not None and entity not in ENTITIES:
        raise ApiError(
            f"entity must be one of {', '.join(sorted(ENTITIES))}",
            field="entity",
            code="invalid_value",
        )
    where: list[Any] = [AuditEvent.tenant_id == tenant_id]
    if entity is not None:
        where += [AuditEvent.entity == entity, AuditEvent.entity_id == entity_id]
    if day is not None:
        zone = catalogue(session, tenant_id, catalogues).tenant_zone
        start = datetime.combine(day, time(), zone)
        end = datetime.combine(day + timedelta(days=1), time(), zone)
        where += [AuditEvent.at >= start, AuditEvent.at < end]
    if user_id is not None:
        where.append(AuditEvent.actor_id == user_id)
    if cursor is not None:
        at, event_id = _read_cursor(cursor)
        where.append(
            or_(AuditEvent.at > at, and_(AuditEvent.at == at, AuditEvent.event_id > event_id))
        )
    rows = list(
        session.scalars(
            select(AuditEvent)
            .where(*where)
            .order_by(AuditEvent.at, AuditEvent.event_id)
            .limit(limit + 1)
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    named = {r.actor_id for r in rows} | {r.hub_id for r in rows}
    names = _names(session, tenant_id, {n for n in named if n is not None})
    out = [
        schemas.AuditEventOut(
            event_id=r.event_id,
            at=r.at,
            actor_id=r.actor_id,
            actor_kind=r.actor_kind,
            actor_role=r.actor_role,
            actor_name=names.get(r.actor_id) if r.actor_id is not None else None,
            source=r.source,
            client_id=r.client_id,
            client_seq=r.client_seq,
            hub_id=r.hub_id,
            hub_name=names.get(r.hub_id) if r.hub_id is not None else None,
            action=r.action,
            entity=r.entity,
            entity_id=r.entity_id,
            changes=r.changes,
            outcome=r.outcome,
            code=r.code,
        )
        for r in rows
    ]
    last = rows[-1] if more else None
    following = f"{last.at.isoformat()}{CURSOR_SEPARATOR}{last.event_id}" if last else None
    return schemas.AuditPage(events=out, next=following)


def _read_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        at, event_id = cursor.rsplit(CURSOR_SEPARATOR, 1)
        when = datetime.fromisoformat(at)
        if when.tzinfo is None:
            raise ValueError("no zone")
        return when, uuid.UUID(event_id)
    except ValueError:
        raise ApiError(
            "cursor must be a page's `next` as given", field="cursor", code="invalid_value"
        ) from None


def _names(session: Session, tenant_id: uuid.UUID, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Who the actors are, by name: staff members, kiosks and hubs."""
    if not ids:
        return {}
    staff = session.execute(
        select(StaffUser.user_id, StaffUser.display_name).where(
            StaffUser.tenant_id == tenant_id, StaffUser.user_id.in_(ids)
        )
    ).all()
    devices = session.execute(
        select(KioskDevice.device_id, KioskDevice.name).where(
            KioskDevice.tenant_id == tenant_id, KioskDevice.device_id.in_(ids)
        )
    ).all()
    return {row[0]: row[1] for row in [*staff, *devices]}
