"""The hub's copies of staff and kiosks, kept in step with central's.

A hub lets in, during an outage, staff whose password it has seen succeed and kiosks it
has seen enrolled. Central's word on who may still use the business comes down every
`uplink.ACCOUNTS_EVERY_S`: a staff member deactivated (or gone) at central is refused
at the site at once, their sessions there included (each request checks the account),
and so is a kiosk revoked there. A staff member made active again signs in once while
central is reachable, which the hub learns from central's answer.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.staff import Role
from server.db.base import utcnow
from server.models import KioskDevice, StaffUser


def keep_in_step(session: Session, tenant_id: uuid.UUID, central: dict[str, Any]) -> int:
    """Apply central's `GET /sync/accounts` answer in the session's transaction; returns
    how many staff members or kiosks this shut out."""
    staff = {uuid.UUID(s["user_id"]): s for s in central["staff"]}
    kiosks = {uuid.UUID(k["device_id"]): k for k in central["kiosks"]}
    shut = 0
    for user in session.scalars(select(StaffUser).where(StaffUser.tenant_id == tenant_id)):
        said = staff.get(user.user_id)
        if said is None or not said["active"]:
            if user.active or user.password_hash:
                user.active, user.password_hash = False, ""
                shut += 1
            continue
        # Not the email: a sign-in at the hub while central answers brings that (two
        # accounts swapping theirs would otherwise clash here, midway).
        user.display_name, user.role = said["display_name"], said["role"]
        user.provider_id = uuid.UUID(said["provider_id"]) if said["provider_id"] else None
    for device in session.scalars(
        select(KioskDevice).where(
            KioskDevice.tenant_id == tenant_id, KioskDevice.kind == Role.KIOSK.value
        )
    ):
        said = kiosks.get(device.device_id)
        if (said is None or said["revoked"]) and device.revoked_at is None:
            device.revoked_at = utcnow()
            shut += 1
    session.flush()
    return shut
