"""A store's lineage: which history its versions count.

A store restored from a backup gives again, to other rows, versions its clients have
pulled already; a site hub rebuilt on an empty store counts from 0. A client pulling
on from its cursor would skip rows for good. So such a store takes a new lineage,
which every pull names (`X-Sync-Store`), and a client that pulled another one pulls
everything anew (and sends again what a lost hub had not forwarded).
"""

from __future__ import annotations

import uuid

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import TenantVersion


def begin_lineage(session: Session, tenant_id: uuid.UUID) -> uuid.UUID:
    """A new history for the tenant's versions, in the session's transaction."""
    lineage = uuid.uuid4()
    counter = session.get(TenantVersion, tenant_id)
    if counter is None:  # a store's first transaction: its counter is made at commit
        counter = TenantVersion(tenant_id=tenant_id, version=0, reference_version=0)
        session.add(counter)
    counter.lineage = lineage
    session.flush()
    return lineage


def mark_restored(engine: Engine) -> int:
    """After restoring the store from a backup, before serving it: every business gets a
    new lineage. Returns how many businesses."""
    with make_session_factory(engine, scope=ALL_TENANTS)() as session:
        tenants = session.scalars(select(TenantVersion.tenant_id)).all()
        for tenant_id in tenants:
            begin_lineage(session, tenant_id)
        session.commit()
    return len(tenants)
