from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.validation import Day
from server.audit import schemas, service
from server.deps import AdminUser, RuntimeDep, SessionDep

# Read only: no route changes or deletes an event (tests/server/test_audit.py tries).
router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=schemas.AuditPage)
def listing(
    principal: AdminUser,
    session: SessionDep,
    runtime: RuntimeDep,
    entity: Annotated[
        str | None, Query(max_length=40, description="with `id`: that row's history")
    ] = None,
    id: Annotated[str | None, Query(min_length=1, max_length=120)] = None,
    day: Annotated[Day | None, Query(description="a day in the business's zone")] = None,
    user_id: Annotated[uuid.UUID | None, Query(description="a staff member or device")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(max_length=100)] = None,
) -> schemas.AuditPage:
    """The audit trail, oldest first, a page at a time: a row's history (`entity` and
    `id`), or a day's events (`day`), or someone's (`user_id`), or both of these."""
    return service.events(
        session,
        principal.tenant_id,
        runtime.catalogues,
        entity=entity,
        entity_id=id,
        day=day,
        user_id=user_id,
        limit=limit,
        cursor=cursor,
    )
