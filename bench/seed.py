"""Bulk-load a large tenant straight into the store (Core executemany), listing every
row in sync_rows with a version of its own, as if each had been written in its own
transaction in the order made: a first sync then meets keys (uuid4) in no order, as it
does in a real clinic's history."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, insert, text, update

from app.domain.availability import day_range
from app.domain.timezones import zone
from server.auth.passwords import hash_password
from server.db.engine import ALL_TENANTS, make_session_factory, scope_connection
from server.models import (
    Booking,
    Customer,
    Provider,
    ProviderHours,
    ProviderService,
    SyncRow,
    TenantVersion,
)
from server.setup.tenants import create_tenant

PASSWORD = "bench-password-1"


def seed_tenant(
    engine: Engine,
    *,
    name: str,
    providers: int,
    customers: int,
    bookings: int,
    seed: int = 7,
    analyze: bool = True,
    today: int = 0,
) -> dict[str, Any]:
    """A tenant with its catalogue, customers and bookings; `analyze=False` leaves the
    planner's statistics as they were, as for a tenant that arrived since autovacuum's
    last pass. `today`: that many more bookings on the tenant's current day (its past
    hours too), for check-ins, which only today's bookings take."""
    rng = random.Random(seed)
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        tenant, location, admin = create_tenant(
            s,
            name=name,
            admin_email=f"admin@{name}.bench",
            admin_password=PASSWORD,
            preset_services=True,
        )
        admin.password_hash = hash_password(PASSWORD)
        s.commit()
        tid, lid = tenant.tenant_id, location.location_id
        tz = zone(tenant.time_zone)
        from server.models import Service

        service = (
            s.query(Service)
            .filter(Service.tenant_id == tid, Service.duration_minutes == 30)
            .first()
        )
        assert service is not None
        service.buffer_after_minutes = 0
        s.commit()
        sid = service.service_id
    rows: dict[str, list[dict[str, Any]]] = {
        "provider": [],
        "provider_hours": [],
        "provider_service": [],
        "customer": [],
        "booking": [],
    }
    provider_ids = [uuid.uuid4() for _ in range(providers)]
    for i, pid in enumerate(provider_ids):
        rows["provider"].append(
            {
                "tenant_id": tid,
                "provider_id": pid,
                "location_id": lid,
                "display_name": f"Profesional {i:03d}",
                "colour": "#4e79a7",
                "active": True,
                "created_at": datetime.now(UTC),
            }
        )
        rows["provider_service"].append({"tenant_id": tid, "provider_id": pid, "service_id": sid})
        for d in range(7):  # open round the clock, so any free slot is bookable
            rows["provider_hours"].append(
                {
                    "tenant_id": tid,
                    "hours_id": uuid.uuid4(),
                    "provider_id": pid,
                    "kind": "work",
                    "weekday": d,
                    "start_time": time(0),
                    "end_time": time(23, 59),
                }
            )
    customer_ids = [uuid.uuid4() for _ in range(customers)]
    for i, cid in enumerate(customer_ids):
        rows["customer"].append(
            {
                "tenant_id": tid,
                "customer_id": cid,
                "first_name": f"Nombre{i}",
                "last_name": f"Apellido{i}",
                "phone": f"+54911{40000000 + i}",
                "email": f"c{i}@example.com",
                "national_id": str(20_000_000 + i),
                "date_of_birth": None,
                "notes": "",
                "search": f"nombre{i} apellido{i}",
                "created_at": datetime.now(UTC),
                "updated_at": datetime.now(UTC),
            }
        )
    # Bookings spread over the desk's window, each provider's in distinct half hours.
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(days=29)
    per = bookings // providers
    slots = 118 * 24 * 2
    # Today's half hours on the same grid (a zone's day starts on a half hour).
    day_start = day_range(datetime.now(tz).date(), tz)[0]
    first_today = int((day_start - start) / timedelta(minutes=30))
    per_today = min(today // providers, 48) if today else 0
    # Distinct codes: 50,000 random 8-hex codes collide in about one run of four.
    codes = iter(rng.sample(range(16**8), (per + per_today) * providers))
    for pid in provider_ids:
        taken = set(rng.sample(range(slots), per))
        if per_today:
            free = [k for k in range(first_today, first_today + 48) if k not in taken]
            taken.update(rng.sample(free, min(per_today, len(free))))
        for k in sorted(taken):
            at = start + timedelta(minutes=30 * k)
            rows["booking"].append(
                {
                    "tenant_id": tid,
                    "booking_id": uuid.uuid4(),
                    "code": f"{next(codes):08X}",
                    "location_id": lid,
                    "provider_id": pid,
                    "service_id": sid,
                    "customer_id": rng.choice(customer_ids),
                    "start_at": at,
                    "end_at": at + timedelta(minutes=30),
                    "busy_from": at,
                    "busy_until": at + timedelta(minutes=30),
                    "status": "confirmed",
                    "series_id": None,
                    "price_minor": 2_500_000,
                    "notes": "",
                    "cancel_reason": "",
                    "created_by": None,
                    "created_at": datetime.now(UTC),
                    "updated_at": datetime.now(UTC),
                }
            )
    models = {
        "provider": Provider,
        "provider_hours": ProviderHours,
        "provider_service": ProviderService,
        "customer": Customer,
        "booking": Booking,
    }
    keys = {
        "provider": ("provider_id",),
        "provider_hours": ("hours_id",),
        "provider_service": ("provider_id", "service_id"),
        "customer": ("customer_id",),
        "booking": ("booking_id",),
    }
    with engine.begin() as conn:
        scope_connection(conn, tid)  # row-level security: this tenant's rows
        # A version per row, after whatever the set-up above committed.
        total = sum(len(values) for values in rows.values())
        version = (
            conn.execute(
                update(TenantVersion)
                .where(TenantVersion.tenant_id == tid)
                .values(version=TenantVersion.version + total)
                .returning(TenantVersion.version)
            ).scalar_one()
            - total
        )
        for entity, values in rows.items():
            first = version + 1
            version += len(values)
            for chunk in range(0, len(values), 5000):
                part = values[chunk : chunk + 5000]
                conn.execute(insert(models[entity]), part)
                conn.execute(
                    insert(SyncRow),
                    [
                        {
                            "tenant_id": tid,
                            "entity": entity,
                            "version": first + chunk + n,
                            "deleted": False,
                            "entity_id": ":".join(str(v[k]) for k in keys[entity]),
                        }
                        for n, v in enumerate(part)
                    ],
                )
    if analyze:
        _vacuum_analyze(engine)
    return {
        "tenant_id": tid,
        "location_id": lid,
        "email": f"admin@{name}.bench",
        "service_id": sid,
        "provider_ids": provider_ids,
        "customer_ids": customer_ids,
        "time_zone": tz.key,
    }


def _vacuum_analyze(engine: Engine) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # The tables as autovacuum leaves them within minutes of such a load on a live
        # server: without statistics the planner sorts a tenant's whole history for
        # each page, and the first reader of fresh rows would pay for their hint bits.
        conn.execute(text("VACUUM ANALYZE"))
