from __future__ import annotations

import uuid
from collections.abc import Sequence

from fastapi import APIRouter

from app.validation import Day
from server.deps import DeskUser, SessionDep
from server.models import WalkinTicket
from server.walkins import schemas, service

router = APIRouter(prefix="/walkins", tags=["walk-ins"])


@router.post("", response_model=schemas.WalkinOut, status_code=201)
def issue(body: schemas.WalkinIn, principal: DeskUser, session: SessionDep) -> WalkinTicket:
    ticket = service.issue(session, principal, body)
    session.commit()
    return ticket


@router.get("", response_model=list[schemas.WalkinOut])
def listing(
    location_id: uuid.UUID, day: Day, principal: DeskUser, session: SessionDep
) -> Sequence[WalkinTicket]:
    return service.listing(session, principal, location_id, day)


@router.post("/{ticket_id}/status", response_model=schemas.WalkinOut)
def change_status(
    ticket_id: uuid.UUID, body: schemas.WalkinStatusIn, principal: DeskUser, session: SessionDep
) -> WalkinTicket:
    ticket = service.change_status(session, principal, ticket_id, body)
    session.commit()
    return ticket
