from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.validation import Day, Instant, Text
from server.bookings import schemas, service
from server.deps import CurrentUser, DeskUser, RuntimeDep, SessionDep
from server.models import Booking

router = APIRouter(tags=["bookings"])


@router.post("/bookings", response_model=list[schemas.BookingOut], status_code=201)
def create(
    body: schemas.BookingIn, principal: DeskUser, session: SessionDep, runtime: RuntimeDep
) -> list[Booking]:
    """Book a slot, or a weekly series with `repeat`. Returns every booking made."""
    created = service.create(session, principal, body, runtime.catalogues)
    session.commit()
    return created


@router.get("/bookings", response_model=list[schemas.BookingListed])
def listing(
    principal: CurrentUser,
    session: SessionDep,
    start: Instant | None = None,
    end: Instant | None = None,
    provider_id: uuid.UUID | None = None,
    customer_id: uuid.UUID | None = None,
    status: Annotated[Text | None, Query(max_length=20)] = None,
    series_id: uuid.UUID | None = None,
) -> list[schemas.BookingListed]:
    """Bookings in [start, end) (at most 62 days), or all of a customer's or of a
    weekly series; a provider's are their own only."""
    found = service.listing(
        session, principal, start, end, provider_id, customer_id, status, series_id
    )
    return service.with_customers(session, principal.tenant_id, found)


@router.get("/bookings/{booking_id}", response_model=schemas.BookingOut)
def get(
    booking_id: uuid.UUID, principal: CurrentUser, session: SessionDep, runtime: RuntimeDep
) -> Booking:
    return service.get(session, principal, booking_id, runtime.catalogues)


@router.post("/bookings/{booking_id}/status", response_model=schemas.BookingOut)
def change_status(
    booking_id: uuid.UUID,
    body: schemas.StatusIn,
    principal: CurrentUser,
    session: SessionDep,
    runtime: RuntimeDep,
) -> Booking:
    """Arrived (checked_in), start (in_service), complete, no-show, confirm or cancel."""
    booking = service.change_status(session, principal, booking_id, body, runtime.catalogues)
    session.commit()
    return booking


@router.post("/bookings/{booking_id}/reschedule", response_model=schemas.BookingOut)
def reschedule(
    booking_id: uuid.UUID,
    body: schemas.RescheduleIn,
    principal: DeskUser,
    session: SessionDep,
    runtime: RuntimeDep,
) -> Booking:
    booking = service.reschedule(session, principal, booking_id, body, runtime.catalogues)
    session.commit()
    return booking


@router.patch("/bookings/{booking_id}", response_model=schemas.BookingOut)
def set_notes(
    booking_id: uuid.UUID,
    body: schemas.NotesIn,
    principal: DeskUser,
    session: SessionDep,
    runtime: RuntimeDep,
) -> Booking:
    booking = service.set_notes(session, principal, booking_id, body.notes, runtime.catalogues)
    session.commit()
    return booking


@router.get("/availability", response_model=schemas.AvailabilityOut)
def availability(
    principal: CurrentUser,
    session: SessionDep,
    runtime: RuntimeDep,
    service_id: uuid.UUID,
    day: Day,
    provider_id: uuid.UUID | None = None,
) -> schemas.AvailabilityOut:
    """Free slots for a service on a local day, with one provider or any."""
    return service.availability(
        session, principal, service_id, day, provider_id, runtime.catalogues
    )
