"""A push of one booking.create takes a short way on PostgreSQL (server/sync/express.py).
It must accept exactly what the general way accepts, store the same row, and leave
every refusal to the general way."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.domain.errors import DomainError
from app.domain.staff import Role
from app.sync.protocol import BookingCreate
from server.catalogue import CatalogueCache
from server.db.base import utcnow
from server.db.engine import ALL_TENANTS, make_session_factory
from server.deps import Principal
from server.errors import ApiError
from server.models import Booking, Service, SyncRow, TenantVersion
from server.sync import express, schemas, service
from server.sync.mutations import MUTATIONS
from tests.helpers.clinic import Clinic, make_clinic


def _at(clinic: Clinic, hour: int, minute: int = 0) -> datetime:
    tomorrow = utcnow().astimezone(clinic.zone).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(hour, minute), clinic.zone)


CASES: dict[str, Callable[[Clinic], dict[str, Any]]] = {
    "a free slot": lambda c: {},
    "notes and a series": lambda c: {"notes": "  primera vez ", "series_id": str(uuid.uuid4())},
    "requested": lambda c: {"status": "requested"},
    "right after the taken slot's buffer": lambda c: {"start_at": _at(c, 10, 40).isoformat()},
    "a start off the grid": lambda c: {"start_at": _at(c, 11, 5).isoformat()},
    "not a first status": lambda c: {"status": "checked_in"},
    "no such status": lambda c: {"status": "whenever"},
    "overlapping the taken slot": lambda c: {"start_at": _at(c, 10, 15).isoformat()},
    "inside its buffer": lambda c: {"start_at": _at(c, 10, 35).isoformat()},
    "in the lunch break": lambda c: {"start_at": _at(c, 13).isoformat()},
    "after hours": lambda c: {"start_at": _at(c, 17, 45).isoformat()},
    "no such customer": lambda c: {"customer_id": str(uuid.uuid4())},
    "no such service": lambda c: {"service_id": str(uuid.uuid4())},
    "a service the provider does not offer": lambda c: {
        "provider_id": str(c.bruno),
        "service_id": str(c.quick),
    },
}
SAME_EXCEPT = ("code", "created_at", "updated_at")


Outcome = dict[str, Any] | tuple[str, str | None, str] | str


def _outcome(
    sessions: sessionmaker[Session],
    cache: CatalogueCache,
    principal: Principal,
    args: BookingCreate,
    express_way: bool,
) -> Outcome:
    """The stored row if the way accepts `args`; (code, field, message) if it refuses;
    "declined" if the short way leaves it to the general one. Nothing is kept."""
    with sessions() as s:
        try:
            if express_way:
                assert express.create_booking(s, principal, "booking.create", args, cache)
            else:
                MUTATIONS["booking.create"].apply(s, principal, args, cache)
                s.flush()
        except express.DeclinedError:
            return "declined"
        except express.RefusedError as refused:
            return (refused.cause.code, refused.cause.field, refused.cause.message)
        except DomainError as exc:
            return (exc.code, exc.field, exc.message)
        except ApiError as exc:
            return (exc.code, exc.field, exc.message)
        row = s.connection().execute(
            select(Booking.__table__).where(Booking.booking_id == args.booking_id)
        )
        found = dict(row.one()._mapping)
        s.rollback()
    return {k: v for k, v in found.items() if k not in SAME_EXCEPT}


@pytest.mark.parametrize("case", list(CASES))
def test_the_short_way_accepts_what_the_general_way_does(pg_store: Engine, case: str) -> None:
    clinic = make_clinic(pg_store)
    principal = Principal(clinic.tenant_id, uuid.uuid4(), uuid.uuid4(), Role.RECEPTION, None)
    base = {
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "provider_id": str(clinic.ana),
    }
    sessions = make_session_factory(pg_store, scope=ALL_TENANTS)
    cache = CatalogueCache()  # one catalogue cache, as in a server
    with sessions() as s:  # Ana is busy 10:00-10:40 (buffer); the catalogue is cached
        taken = BookingCreate.model_validate(
            {**base, "booking_id": str(uuid.uuid4()), "start_at": _at(clinic, 10).isoformat()}
        )
        MUTATIONS["booking.create"].apply(s, principal, taken, cache)
        s.commit()
    args = BookingCreate.model_validate(
        {
            **base,
            "booking_id": str(uuid.uuid4()),
            "start_at": _at(clinic, 11).isoformat(),
            **CASES[case](clinic),
        }
    )
    general = _outcome(sessions, cache, principal, args, express_way=False)
    short = _outcome(sessions, cache, principal, args, express_way=True)
    if short == "declined":  # the general way decides, and it must refuse
        assert isinstance(general, tuple), general
    else:
        assert short == general


def test_the_short_way_declines_when_the_catalogue_changed(pg_store: Engine) -> None:
    """A price changed by another server process: the catalogue this one holds is out
    of date, and a booking must not be written at the old price."""
    clinic = make_clinic(pg_store)
    principal = Principal(clinic.tenant_id, uuid.uuid4(), uuid.uuid4(), Role.RECEPTION, None)
    sessions = make_session_factory(pg_store, scope=ALL_TENANTS)
    cache = CatalogueCache()  # this process's
    args = {
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "provider_id": str(clinic.ana),
    }
    with sessions() as s:
        first = {**args, "booking_id": str(uuid.uuid4()), "start_at": _at(clinic, 9).isoformat()}
        assert (
            express.create_booking(s, principal, "booking.create", BookingCreate(**first), cache)
            is False
        )
        MUTATIONS["booking.create"].apply(s, principal, BookingCreate(**first), cache)  # caches
        s.commit()
    with make_session_factory(pg_store, scope=ALL_TENANTS)() as other:
        other.get_one(Service, (clinic.tenant_id, clinic.consult)).price_minor = 3_000_000
        other.commit()
    later = {**args, "booking_id": str(uuid.uuid4()), "start_at": _at(clinic, 11).isoformat()}
    with sessions() as s, pytest.raises(express.DeclinedError):
        express.create_booking(s, principal, "booking.create", BookingCreate(**later), cache)


def test_a_booking_pushed_the_short_way_gets_its_version(
    pg_store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first push of a process loads the catalogue the general way; the next takes
    the short way, and its row is stamped with the tenant's next version."""
    clinic = make_clinic(pg_store)
    principal = Principal(clinic.tenant_id, uuid.uuid4(), uuid.uuid4(), Role.RECEPTION, None)
    client_id, booking_ids = str(uuid.uuid4()), [uuid.uuid4(), uuid.uuid4()]

    def push_of(seq: int) -> schemas.PushIn:
        args = {
            "booking_id": str(booking_ids[seq - 1]),
            "customer_id": str(clinic.customer),
            "service_id": str(clinic.consult),
            "provider_id": str(clinic.ana),
            "start_at": _at(clinic, 8 + seq).isoformat(),
        }
        return schemas.PushIn.model_validate(
            {
                "client_id": client_id,
                "mutations": [{"seq": seq, "name": "booking.create", "args": args}],
            }
        )

    taken: list[bool] = []
    original = express.create_booking

    def spy(*args: Any) -> bool:
        taken.append(original(*args))
        return taken[-1]

    monkeypatch.setattr(express, "create_booking", spy)
    tenant = TenantVersion.tenant_id == clinic.tenant_id
    sessions = make_session_factory(pg_store, scope=ALL_TENANTS)
    cache = CatalogueCache()  # the process's, kept between the two pushes
    results = []
    for seq in (1, 2):
        with sessions() as s:
            before = s.scalar(select(TenantVersion.version).where(tenant))
            results += service.push(s, principal, push_of(seq), cache).results
            s.commit()
    assert taken == [False, True]
    assert [r.status for r in results] == ["applied", "applied"]
    with sessions() as s:
        stamped = s.scalar(
            select(SyncRow.version).where(
                SyncRow.tenant_id == clinic.tenant_id, SyncRow.entity_id == str(booking_ids[1])
            )
        )
        now = s.scalar(select(TenantVersion.version).where(tenant))
    assert before is not None
    assert stamped == now == before + 1
