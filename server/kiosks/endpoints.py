from __future__ import annotations

import uuid
from collections.abc import Sequence

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session

from server.deps import AdminUser, DeskUser, KioskCaller, RuntimeDep, SessionDep, public
from server.errors import NotFoundError, UnauthorizedError
from server.hints import RECHECK
from server.hub import signin as hub_signin
from server.hub.signin import enroll_kiosk as hub_enroll_kiosk
from server.kiosks import schemas, service
from server.models import KioskDevice
from server.ratelimit import enforce
from server.runtime import Runtime

router = APIRouter(tags=["kiosks"])


@router.post("/setup/kiosks", response_model=schemas.KioskCreated, status_code=201)
def create(body: schemas.KioskIn, principal: DeskUser, session: SessionDep) -> schemas.KioskCreated:
    """A new kiosk, or with `kind` "board" a queue board for the waiting room: the
    answer holds its one-time enrollment code (shown once)."""
    created = service.create(session, principal.tenant_id, body, kind=body.kind)
    session.commit()
    return created


@router.get("/setup/kiosks", response_model=list[schemas.KioskOut])
def listing(principal: DeskUser, session: SessionDep) -> Sequence[KioskDevice]:
    return service.listing(session, principal.tenant_id)


@router.post("/setup/kiosks/{device_id}/revoke", response_model=schemas.KioskOut)
def revoke(
    device_id: uuid.UUID, principal: DeskUser, runtime: RuntimeDep, session: SessionDep
) -> KioskDevice:
    device = service.revoke(session, principal.tenant_id, device_id)
    session.commit()
    # Wake the tenant's clients: the revoked kiosk's next pull is refused, so it stops
    # now rather than at its next idle sync.
    runtime.hints.publish({principal.tenant_id: RECHECK})
    return device


# Site hubs: a location's own server, which keeps its desks and kiosks in step while the
# internet is down and forwards their changes here. It reads what a desk reads, for the
# whole business, so only an admin makes or revokes one.


@router.post("/setup/hubs", response_model=schemas.KioskCreated, status_code=201, tags=["hubs"])
def create_hub(
    body: schemas.KioskIn, principal: AdminUser, session: SessionDep
) -> schemas.KioskCreated:
    """A new site hub: the answer holds its one-time enrollment code (shown once), for
    `turnero server --upstream ... --enroll CODE` on the site's PC."""
    created = service.create(session, principal.tenant_id, body, kind=service.HUB)
    session.commit()
    return created


@router.get("/setup/hubs", response_model=list[schemas.KioskOut], tags=["hubs"])
def hub_listing(principal: AdminUser, session: SessionDep) -> Sequence[KioskDevice]:
    return service.listing(session, principal.tenant_id, kinds=(service.HUB,))


@router.post("/setup/hubs/{device_id}/revoke", response_model=schemas.KioskOut, tags=["hubs"])
def revoke_hub(
    device_id: uuid.UUID, principal: AdminUser, runtime: RuntimeDep, session: SessionDep
) -> KioskDevice:
    device = service.revoke(session, principal.tenant_id, device_id, kinds=(service.HUB,))
    session.commit()
    runtime.hints.publish({principal.tenant_id: RECHECK})  # its event stream ends now
    return device


@router.post(
    "/auth/hub-enroll",
    response_model=schemas.KioskEnrolled,
    tags=["auth"],
    dependencies=[public()],
)
def enroll_hub(
    body: schemas.KioskEnroll, request: Request, runtime: RuntimeDep, session: SessionDep
) -> schemas.KioskEnrolled:
    """A site hub trades its one-time enrollment code for its device credential, which
    it then trades at /auth/device-sign-in for access tokens, as a kiosk does."""
    return _enroll(request, runtime, session, body.enrollment_code, service.HUB)


@router.post(
    "/auth/device-sign-in",
    response_model=schemas.DeviceTokens,
    tags=["auth"],
    dependencies=[public()],
)
def device_sign_in(
    body: schemas.DeviceSignIn, request: Request, runtime: RuntimeDep, session: SessionDep
) -> schemas.DeviceTokens:
    """A kiosk or a site hub trades its device credential for a short-lived access token."""
    uplink = request.app.state.uplink
    if uplink is not None:  # a site hub: central vouches for its kiosks if it can
        hub_signin.vouch_device(uplink, session, body.device_token)
        session.commit()
    return service.sign_in(runtime, session, body.device_token)


@router.post(
    "/auth/kiosk-enroll",
    response_model=schemas.KioskEnrolled,
    tags=["auth"],
    dependencies=[public()],
)
def enroll(
    body: schemas.KioskEnroll, request: Request, runtime: RuntimeDep, session: SessionDep
) -> schemas.KioskEnrolled:
    """A kiosk trades its one-time enrollment code for its device credential."""
    if request.app.state.uplink is not None:  # a site hub: kiosks are enrolled at central
        address = request.client.host if request.client else "unknown"
        enforce(runtime.limiter, session, address, "kiosk-enroll")
        enrolled = hub_enroll_kiosk(request.app.state.uplink, session, body.enrollment_code)
        session.commit()
        return enrolled
    return _enroll(request, runtime, session, body.enrollment_code, service.KIOSK)


@router.post(
    "/auth/board-enroll",
    response_model=schemas.KioskEnrolled,
    tags=["auth"],
    dependencies=[public()],
)
def enroll_board(
    body: schemas.KioskEnroll, request: Request, runtime: RuntimeDep, session: SessionDep
) -> schemas.KioskEnrolled:
    """A queue board trades its one-time enrollment code for its device credential.
    Enrolled at the server that made the code (a site hub does not relay it)."""
    return _enroll(request, runtime, session, body.enrollment_code, service.BOARD)


def _enroll(
    request: Request, runtime: Runtime, session: Session, code: str, kind: str
) -> schemas.KioskEnrolled:
    """A device's one-time code for its credential. Kiosks, hubs and boards draw on one
    budget of guesses per address; a wrong or stale code counts as one."""
    address = request.client.host if request.client else "unknown"
    enforce(runtime.limiter, session, address, "kiosk-enroll")
    try:
        enrolled = service.enroll(session, code, kind=kind)
    except UnauthorizedError:
        runtime.limiter.failed(session, address, "kiosk-enroll")
        raise
    session.commit()
    return enrolled


@router.post("/kiosk/lookup", response_model=schemas.LookupOut, tags=["kiosks"])
def lookup(
    body: schemas.LookupIn,
    principal: KioskCaller,
    runtime: RuntimeDep,
    session: SessionDep,
) -> schemas.LookupOut:
    """Check-in by phone or DNI plus a second factor (online only: a kiosk keeps no
    phone number or DNI). Failed tries are limited per device, against guessing."""
    # Counted per device, not per address: a clinic's kiosks and desks often share one
    # public address, and a morning of check-ins must not use up its sign-ins.
    device = f"kiosk:{principal.user_id}"
    enforce(runtime.limiter, session, device, "lookup")
    try:
        booking_id = service.lookup(session, principal, body)
    except NotFoundError:
        runtime.limiter.failed(session, device, "lookup")
        raise
    return schemas.LookupOut(booking_id=booking_id)
