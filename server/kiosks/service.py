from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.staff import Role
from app.domain.tenants import check_name
from server.auth import tokens
from server.db.base import utcnow
from server.errors import NotFoundError, UnauthorizedError
from server.kiosks import schemas
from server.models import KioskDevice
from server.runtime import Runtime
from server.setup import service as setup


def create(session: Session, tenant_id: uuid.UUID, body: schemas.KioskIn) -> schemas.KioskCreated:
    setup.get_location(session, tenant_id, body.location_id)
    secret = tokens.new_refresh_secret()
    device = KioskDevice(
        tenant_id=tenant_id,
        device_id=uuid.uuid4(),
        location_id=body.location_id,
        name=check_name(body.name),
        secret_hash=tokens.hash_secret(secret),
        created_at=utcnow(),
    )
    session.add(device)
    session.flush()
    return schemas.KioskCreated(
        **schemas.KioskOut.model_validate(device, from_attributes=True).model_dump(),
        device_token=tokens.compose_refresh_token(tenant_id, device.device_id, secret),
    )


def listing(session: Session, tenant_id: uuid.UUID) -> Sequence[KioskDevice]:
    query = select(KioskDevice).where(KioskDevice.tenant_id == tenant_id)
    return session.scalars(query.order_by(KioskDevice.name)).all()


def revoke(session: Session, tenant_id: uuid.UUID, device_id: uuid.UUID) -> KioskDevice:
    device = session.get(KioskDevice, (tenant_id, device_id))
    if device is None:
        raise NotFoundError("no such kiosk", field="device_id")
    device.revoked_at = device.revoked_at or utcnow()
    return device


def sign_in(runtime: Runtime, session: Session, device_token: str) -> schemas.DeviceTokens:
    invalid = UnauthorizedError(
        "this kiosk's credential is not valid; enrol it again",
        field="device_token",
        code="device_revoked",
    )
    parsed = tokens.parse_refresh_token(device_token)
    if parsed is None:
        raise invalid
    tenant_id, device_id, secret = parsed
    device = session.get(KioskDevice, (tenant_id, device_id))
    if device is None or device.revoked_at is not None:
        raise invalid
    if tokens.hash_secret(secret) != device.secret_hash:
        raise invalid
    lifetime = timedelta(minutes=runtime.settings.access_token_minutes)
    claims = tokens.AccessClaims(tenant_id, device_id, device_id, Role.KIOSK)
    return schemas.DeviceTokens(
        access_token=tokens.issue_access_token(claims, runtime.secret_key, utcnow(), lifetime),
        expires_in=int(lifetime.total_seconds()),
        device_id=device_id,
        location_id=device.location_id,
        tenant_id=tenant_id,
    )
