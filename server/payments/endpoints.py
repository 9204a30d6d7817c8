from __future__ import annotations

import uuid
from collections.abc import Sequence

from fastapi import APIRouter

from server.deps import DeskUser, RuntimeDep, SessionDep
from server.models import Payment
from server.payments import schemas, service

router = APIRouter(tags=["payments"])


@router.post("/bookings/{booking_id}/payments", response_model=schemas.PaymentOut, status_code=201)
def record(
    booking_id: uuid.UUID,
    body: schemas.PaymentIn,
    principal: DeskUser,
    session: SessionDep,
    runtime: RuntimeDep,
) -> Payment:
    payment = service.record(session, principal, booking_id, body, runtime.catalogues)
    session.commit()
    return payment


@router.get("/bookings/{booking_id}/payments", response_model=list[schemas.PaymentOut])
def of_booking(
    booking_id: uuid.UUID, principal: DeskUser, session: SessionDep, runtime: RuntimeDep
) -> Sequence[Payment]:
    return service.of_booking(session, principal, booking_id, runtime.catalogues)


@router.post("/payments/{payment_id}/status", response_model=schemas.PaymentOut)
def change_status(
    payment_id: uuid.UUID, body: schemas.PaymentStatusIn, principal: DeskUser, session: SessionDep
) -> Payment:
    payment = service.change_status(session, principal, payment_id, body)
    session.commit()
    return payment
