from __future__ import annotations

import uuid
from collections.abc import Sequence

from fastapi import APIRouter

from server.deps import AdminUser, RuntimeDep, SessionDep
from server.kiosks import schemas, service
from server.models import KioskDevice

router = APIRouter(tags=["kiosks"])


@router.post("/setup/kiosks", response_model=schemas.KioskCreated, status_code=201)
def create(
    body: schemas.KioskIn, principal: AdminUser, session: SessionDep
) -> schemas.KioskCreated:
    created = service.create(session, principal.tenant_id, body)
    session.commit()
    return created


@router.get("/setup/kiosks", response_model=list[schemas.KioskOut])
def listing(principal: AdminUser, session: SessionDep) -> Sequence[KioskDevice]:
    return service.listing(session, principal.tenant_id)


@router.post("/setup/kiosks/{device_id}/revoke", response_model=schemas.KioskOut)
def revoke(device_id: uuid.UUID, principal: AdminUser, session: SessionDep) -> KioskDevice:
    device = service.revoke(session, principal.tenant_id, device_id)
    session.commit()
    return device


@router.post("/auth/device-sign-in", response_model=schemas.DeviceTokens, tags=["auth"])
def device_sign_in(
    body: schemas.DeviceSignIn, runtime: RuntimeDep, session: SessionDep
) -> schemas.DeviceTokens:
    """A kiosk trades its device credential for a short-lived access token."""
    return service.sign_in(runtime, session, body.device_token)
