"""What central tells site hubs alone: where a rebuilt hub starts, and who may still
use the business (the routes let hubs alone ask)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.staff import Role
from server.db.base import utcnow
from server.deps import Principal
from server.models import KioskDevice, StaffUser, SyncClient, SyncRejection
from server.sync import schemas
from server.sync.service import rejection_out


def clients(session: Session, principal: Principal) -> schemas.ClientsOut:
    """Every sync client of the business and its last applied seq, and the refusals of
    the last REFUSALS_RESENT days: a rebuilt site hub's starting point (the route lets
    hubs alone ask)."""
    tid = principal.tenant_id
    found = session.execute(
        select(SyncClient.client_id, SyncClient.last_seq, SyncClient.owner_id)
        .where(SyncClient.tenant_id == tid)
        .order_by(SyncClient.client_id)
    ).all()
    since = utcnow() - timedelta(days=REFUSALS_RESENT)
    refused = session.scalars(
        select(SyncRejection)
        .where(SyncRejection.tenant_id == tid, SyncRejection.created_at >= since)
        .order_by(SyncRejection.client_id, SyncRejection.seq)
    ).all()
    return schemas.ClientsOut(
        clients=[schemas.ClientOut(client_id=c, last_seq=s, owner_id=o) for c, s, o in found],
        refusals=[schemas.RefusalOut(client_id=r.client_id, **rejection_out(r)) for r in refused],
    )


# A desk hears of a refusal at its next sync: those a lost hub store took with it are
# sent again to the rebuilt one for this long.
REFUSALS_RESENT = 14


def accounts(session: Session, principal: Principal) -> schemas.AccountsOut:
    """The business's staff and kiosks as a site hub keeps them (the route lets hubs
    alone ask)."""
    tid = principal.tenant_id
    staff = session.scalars(select(StaffUser).where(StaffUser.tenant_id == tid)).all()
    kiosks = session.execute(
        select(KioskDevice.device_id, KioskDevice.revoked_at).where(
            KioskDevice.tenant_id == tid, KioskDevice.kind == Role.KIOSK.value
        )
    ).all()
    return schemas.AccountsOut(
        staff=[schemas.StaffAccount.model_validate(u, from_attributes=True) for u in staff],
        kiosks=[schemas.KioskAccount(device_id=d, revoked=r is not None) for d, r in kiosks],
    )
