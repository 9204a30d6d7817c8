from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Query

from app.validation import Text
from server.customers import schemas, service
from server.deps import DeskUser, SessionDep
from server.models import Customer

router = APIRouter(prefix="/customers", tags=["customers"])


@router.get("", response_model=list[schemas.CustomerOut])
def search(
    principal: DeskUser,
    session: SessionDep,
    q: Annotated[Text, Query(max_length=100, description="name, phone, DNI or email")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Sequence[Customer]:
    return service.search(session, principal.tenant_id, q, limit)


@router.post("", response_model=schemas.CustomerOut, status_code=201)
def create(body: schemas.CustomerIn, principal: DeskUser, session: SessionDep) -> Customer:
    customer = service.create(session, principal.tenant_id, body)
    session.commit()
    return customer


@router.get("/{customer_id}", response_model=schemas.CustomerOut)
def get(customer_id: uuid.UUID, principal: DeskUser, session: SessionDep) -> Customer:
    return service.get(session, principal.tenant_id, customer_id)


@router.patch("/{customer_id}", response_model=schemas.CustomerOut)
def update(
    customer_id: uuid.UUID, body: schemas.CustomerUpdate, principal: DeskUser, session: SessionDep
) -> Customer:
    customer = service.update(session, principal.tenant_id, customer_id, body)
    session.commit()
    return customer
