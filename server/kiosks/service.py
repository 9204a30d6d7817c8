"""Devices: self check-in kiosks, queue boards and site hubs. All are made by staff with
a one-time enrollment code, which the device trades for its credential; all are
revocable at once. A kiosk gives tickets and checks customers in; a board shows the
waiting room who is being served (it changes nothing); a hub is a site's own server
(its principal has the role hub, see app/domain/staff.py)."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import bookings as rules
from app.domain.availability import day_range
from app.domain.customers import normalise_national_id, phone_digits
from app.domain.errors import InvalidValueError
from app.domain.staff import Role
from app.domain.tenants import check_name
from app.domain.walkins import DESK_TICKET_PREFIX
from server.auth import tokens
from server.db.base import session_now, utcnow
from server.db.engine import ALL_TENANTS, bind_tenant
from server.deps import Principal
from server.errors import ForbiddenError, NotFoundError, UnauthorizedError
from server.kiosks import schemas
from server.models import Booking, Customer, KioskDevice
from server.runtime import Runtime
from server.setup import lookups, tenants

ENROLLMENT_MINUTES = 30
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
# A kiosk's ticket letter; the desk's own ("M") is never given to a kiosk.
PREFIXES = "ABCDEFGHJKLMNPRSTUVWXYZ".replace(DESK_TICKET_PREFIX, "")
KIOSK, HUB, BOARD = "kiosk", "hub", "board"  # KioskDevice.kind
ROLE_OF_KIND = {KIOSK: Role.KIOSK, HUB: Role.HUB, BOARD: Role.BOARD}
# What reception makes and revokes at /setup/kiosks (hubs are an admin's, apart).
AT_THE_DESK = (KIOSK, BOARD)


def normalise_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def create(
    session: Session, tenant_id: uuid.UUID, body: schemas.KioskIn, kind: str = KIOSK
) -> schemas.KioskCreated:
    """A device to be: its one-time enrollment code, and a ticket prefix of its own
    (a hub or a board gives no tickets itself: its site's kiosks and desks do)."""
    lookups.get_location(session, tenant_id, body.location_id)
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        pending = select(KioskDevice.device_id).where(
            KioskDevice.enrollment_code_hash == tokens.hash_secret(code)
        )
        if session.scalars(pending).first() is None:
            break
    taken = set(
        session.scalars(
            select(KioskDevice.ticket_prefix).where(
                KioskDevice.tenant_id == tenant_id,
                KioskDevice.location_id == body.location_id,
                KioskDevice.kind == KIOSK,
            )
        )
    )
    prefix = next((p for p in PREFIXES if p not in taken), "K") if kind == KIOSK else "-"
    now = utcnow()
    device = KioskDevice(
        tenant_id=tenant_id,
        device_id=uuid.uuid4(),
        location_id=body.location_id,
        name=check_name(body.name),
        secret_hash=None,
        created_at=now,
        enrollment_code_hash=tokens.hash_secret(code),
        enrollment_expires_at=now + timedelta(minutes=ENROLLMENT_MINUTES),
        ticket_prefix=prefix,
        kind=kind,
    )
    session.add(device)
    session.flush()
    return schemas.KioskCreated(
        **schemas.KioskOut.model_validate(device, from_attributes=True).model_dump(),
        enrollment_code=f"{code[:4]}-{code[4:]}",
        enrollment_expires_at=device.enrollment_expires_at or now,
    )


def enroll(session: Session, code: str, kind: str = KIOSK) -> schemas.KioskEnrolled:
    """Trade a one-time code for the credential of a device of `kind`; the code is spent.
    A kiosk's code does not enrol a hub or a board, nor theirs a kiosk."""
    invalid = UnauthorizedError(
        "this enrollment code is not valid or has expired; ask for a new one",
        field="enrollment_code",
        code="invalid_enrollment_code",
    )
    # The code is all the kiosk has: it names the tenant, so look in all of them.
    bind_tenant(session, ALL_TENANTS)
    device = session.scalars(
        select(KioskDevice).where(
            KioskDevice.enrollment_code_hash == tokens.hash_secret(normalise_code(code))
        )
    ).first()
    now = utcnow()
    if (
        device is None
        or device.kind != kind
        or device.revoked_at is not None
        or device.enrollment_expires_at is None
        or device.enrollment_expires_at < now
    ):
        raise invalid
    bind_tenant(session, device.tenant_id)
    secret = tokens.new_refresh_secret()
    device.secret_hash = tokens.hash_secret(secret)
    device.enrollment_code_hash = None
    device.enrollment_expires_at = None
    device.enrolled_at = now
    return schemas.KioskEnrolled(
        device_token=tokens.compose_refresh_token(device.tenant_id, device.device_id, secret),
        device_id=device.device_id,
        tenant_id=device.tenant_id,
        location_id=device.location_id,
        name=device.name,
        ticket_prefix=device.ticket_prefix,
    )


def listing(
    session: Session, tenant_id: uuid.UUID, kinds: tuple[str, ...] = AT_THE_DESK
) -> Sequence[KioskDevice]:
    query = select(KioskDevice).where(
        KioskDevice.tenant_id == tenant_id, KioskDevice.kind.in_(kinds)
    )
    return session.scalars(query.order_by(KioskDevice.name)).all()


def revoke(
    session: Session,
    tenant_id: uuid.UUID,
    device_id: uuid.UUID,
    kinds: tuple[str, ...] = AT_THE_DESK,
) -> KioskDevice:
    device = session.get(KioskDevice, (tenant_id, device_id))
    if device is None or device.kind not in kinds:
        raise NotFoundError(f"no such {' or '.join(kinds)}", field="device_id")
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
    bind_tenant(session, tenant_id)
    device = session.get(KioskDevice, (tenant_id, device_id))
    if device is None or device.revoked_at is not None:
        raise invalid
    if device.secret_hash is None or tokens.hash_secret(secret) != device.secret_hash:
        raise invalid
    lifetime = timedelta(minutes=runtime.settings.access_token_minutes)
    claims = tokens.AccessClaims(tenant_id, device_id, device_id, ROLE_OF_KIND[device.kind])
    return schemas.DeviceTokens(
        access_token=tokens.issue_access_token(claims, runtime.secret_key, utcnow(), lifetime),
        expires_in=int(lifetime.total_seconds()),
        device_id=device_id,
        location_id=device.location_id,
        tenant_id=tenant_id,
        role=ROLE_OF_KIND[device.kind].value,
        name=device.name,
        ticket_prefix=device.ticket_prefix,
    )


def lookup(session: Session, principal: Principal, body: schemas.LookupIn) -> uuid.UUID:
    """Today's booking at this kiosk's location whose customer has this phone or DNI
    and whose appointment time or customer's date of birth matches. The answer never
    says which of the two did not match."""
    phone = phone_digits(body.phone) if body.phone.strip() else ""
    dni = normalise_national_id(body.national_id) if body.national_id.strip() else ""
    if not phone and not dni:
        raise InvalidValueError("phone", "required", "give a phone number or a DNI")
    if not body.appointment_time and not body.date_of_birth:
        raise InvalidValueError(
            "appointment_time", "required", "give the appointment's time or a date of birth"
        )
    if principal.location_id is None:
        raise ForbiddenError("only a kiosk looks bookings up this way", code="kiosk_only")
    tenant = lookups.get_tenant(session, principal.tenant_id)
    location = lookups.get_location(session, principal.tenant_id, principal.location_id)
    tz = tenants.location_zone(tenant, location)
    start, end = day_range(session_now(session).astimezone(tz).date(), tz)
    # People type their number as they say it (11 4567-8910, 15..., +54 9 11...): the
    # last eight digits identify it within a business; the second factor does the rest.
    tail = phone[-8:]
    who = Customer.phone.like(f"%{tail}") if phone else Customer.national_id == dni
    rows = session.execute(
        select(Booking.booking_id, Booking.status, Booking.start_at, Customer.date_of_birth)
        .join(
            Customer,
            (Customer.tenant_id == Booking.tenant_id)
            & (Customer.customer_id == Booking.customer_id),
        )
        .where(
            Booking.tenant_id == principal.tenant_id,
            Booking.location_id == principal.location_id,
            Booking.start_at >= start,
            Booking.start_at < end,
            who,
        )
        .order_by(Booking.start_at)
    ).all()
    # Cancelled and missed bookings too: the kiosk says what became of them rather
    # than "no booking found". Of several that match, the one still to check in.
    matching = [
        (rules.CHECK_IN_ORDER[rules.parse_status(status)], n, booking_id)
        for n, (booking_id, status, start_at, born) in enumerate(rows)
        if (body.appointment_time and f"{start_at.astimezone(tz):%H:%M}" == body.appointment_time)
        or (body.date_of_birth and born is not None and born.isoformat() == body.date_of_birth)
    ]
    if matching:
        return min(matching)[2]
    raise NotFoundError("no booking today matches these details", field="phone")
