"""Providers, the services they offer, their weekly hours and their time off.
Every function takes the caller's tenant and touches only it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.schedules import (
    HoursRow,
    WeeklyInterval,
    WeekSet,
    check_time_off,
    check_weekly,
    schedule_from_rows,
)
from app.domain.schedules import TimeOff as TimeOffSpan
from app.domain.tenants import (
    check_colour,
    check_name,
)
from server.catalogue import CatalogueCache
from server.errors import ConflictApiError, NotFoundError
from server.models import (
    Provider,
    ProviderHours,
    ProviderService,
    TimeOff,
)
from server.setup import impact, schemas
from server.setup.lookups import get_location, get_provider, get_service


def add_provider(session: Session, tenant_id: uuid.UUID, body: schemas.ProviderIn) -> Provider:
    get_location(session, tenant_id, body.location_id)
    provider = Provider(
        tenant_id=tenant_id,
        provider_id=uuid.uuid4(),
        location_id=body.location_id,
        display_name=check_name(body.display_name, "display_name"),
        colour=check_colour(body.colour, "colour"),
    )
    session.add(provider)
    session.flush()
    _set_services(session, tenant_id, provider.provider_id, body.service_ids)
    return provider


def update_provider(
    session: Session,
    tenant_id: uuid.UUID,
    provider_id: uuid.UUID,
    body: schemas.ProviderUpdate,
    now: datetime,
) -> Provider:
    """Change what is given. A provider with bookings still to come is not deactivated:
    409 `provider_has_future_bookings`, its details listing them, so that the desk
    moves or cancels them first (nothing is cancelled silently)."""
    provider = get_provider(session, tenant_id, provider_id)
    if body.display_name is not None:
        provider.display_name = check_name(body.display_name, "display_name")
    if body.colour is not None:
        provider.colour = check_colour(body.colour, "colour")
    if body.service_ids is not None:
        _set_services(session, tenant_id, provider_id, body.service_ids)
    if body.active is False and provider.active:
        kept = impact.provider_bookings(session, tenant_id, provider_id, now)
        if kept:
            raise ConflictApiError(
                f"{len(kept)} bookings still to come with this provider: move or cancel them first",
                field="active",
                code="provider_has_future_bookings",
                details={"bookings": [b.model_dump(mode="json") for b in kept]},
            )
    if body.active is not None:
        provider.active = body.active
    session.flush()
    return provider


def _set_services(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID, service_ids: list[uuid.UUID]
) -> None:
    """Exactly these services are offered by the provider. Row by row, not a bulk
    DELETE: each link removed must leave a tombstone for the replicas."""
    wanted = list(dict.fromkeys(service_ids))
    for i, service_id in enumerate(wanted):
        get_service(session, tenant_id, service_id, field=f"service_ids[{i}]")
    links = session.scalars(
        select(ProviderService).where(
            ProviderService.tenant_id == tenant_id, ProviderService.provider_id == provider_id
        )
    ).all()
    have = {link.service_id for link in links}
    for link in links:
        if link.service_id not in wanted:
            session.delete(link)
    for service_id in wanted:
        if service_id not in have:
            session.add(
                ProviderService(tenant_id=tenant_id, provider_id=provider_id, service_id=service_id)
            )
    session.flush()


def service_ids_of(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID
) -> list[uuid.UUID]:
    return list(
        session.scalars(
            select(ProviderService.service_id).where(
                ProviderService.tenant_id == tenant_id, ProviderService.provider_id == provider_id
            )
        )
    )


def provider_service_ids(
    session: Session, tenant_id: uuid.UUID
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """provider -> services it offers (read once for a listing)."""
    rows = session.execute(
        select(ProviderService.provider_id, ProviderService.service_id).where(
            ProviderService.tenant_id == tenant_id
        )
    ).all()
    result: dict[uuid.UUID, list[uuid.UUID]] = {}
    for provider_id, service_id in rows:
        result.setdefault(provider_id, []).append(service_id)
    return result


def provider_out(provider: Provider, service_ids: list[uuid.UUID]) -> schemas.ProviderOut:
    return schemas.ProviderOut(
        provider_id=provider.provider_id,
        location_id=provider.location_id,
        display_name=provider.display_name,
        colour=provider.colour,
        active=provider.active,
        service_ids=service_ids,
    )


def list_providers(session: Session, tenant_id: uuid.UUID) -> list[schemas.ProviderOut]:
    offers = provider_service_ids(session, tenant_id)
    query = select(Provider).where(Provider.tenant_id == tenant_id).order_by(Provider.display_name)
    return [provider_out(p, offers.get(p.provider_id, [])) for p in session.scalars(query)]


def weekly(body: schemas.HoursIn) -> dict[str, list[WeeklyInterval]]:
    """The hours and breaks of `body`, checked: kind ("work", "break") -> intervals."""
    return {
        "work": check_weekly(
            (WeeklyInterval(i.weekday, i.start, i.end) for i in body.hours), "hours"
        ),
        "break": check_weekly(
            (WeeklyInterval(i.weekday, i.start, i.end) for i in body.breaks), "breaks"
        ),
    }


def set_hours(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID, body: schemas.HoursIn
) -> None:
    """Replace one of the provider's weeks as a whole: the one taking over on
    `body.valid_from`, or the one in force since always. The other weeks stay as they
    are, and so do bookings already made (POST .../hours/preview says which the new
    hours leave out). A dated week with no hours and no breaks is removed."""
    get_provider(session, tenant_id, provider_id)
    kinds = weekly(body)
    # Row by row, not a bulk DELETE: each deleted interval must leave a tombstone.
    for old in _hours_rows(session, tenant_id, provider_id):
        if old.valid_from == body.valid_from:
            session.delete(old)
    session.flush()
    for kind, intervals in kinds.items():
        for iv in intervals:
            session.add(
                ProviderHours(
                    tenant_id=tenant_id,
                    hours_id=uuid.uuid4(),
                    provider_id=provider_id,
                    kind=kind,
                    weekday=iv.weekday,
                    start_time=iv.start,
                    end_time=iv.end,
                    valid_from=body.valid_from,
                )
            )
    session.flush()


def get_hours(session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID) -> schemas.HoursOut:
    get_provider(session, tenant_id, provider_id)
    rows = _hours_rows(session, tenant_id, provider_id)
    schedule = schedule_from_rows(
        provider_id,
        [HoursRow(r.kind, r.weekday, r.start_time, r.end_time, r.valid_from) for r in rows],
    )

    def out(intervals: Iterable[WeeklyInterval]) -> list[schemas.IntervalIn]:
        return [schemas.IntervalIn(weekday=i.weekday, start=i.start, end=i.end) for i in intervals]

    weeks = [
        schemas.WeekOut(valid_from=w.valid_from, hours=out(w.hours), breaks=out(w.breaks))
        for w in schedule.weeks()
    ]
    return schemas.HoursOut(hours=weeks[0].hours, breaks=weeks[0].breaks, weeks=weeks)


def _hours_rows(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID
) -> Sequence[ProviderHours]:
    query = (
        select(ProviderHours)
        .where(ProviderHours.tenant_id == tenant_id, ProviderHours.provider_id == provider_id)
        .order_by(ProviderHours.weekday, ProviderHours.start_time)
    )
    return session.scalars(query).all()


def add_time_off(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID, body: schemas.TimeOffIn
) -> TimeOff:
    get_provider(session, tenant_id, provider_id)
    check_time_off(body.start_at, body.end_at)
    row = TimeOff(
        tenant_id=tenant_id,
        time_off_id=uuid.uuid4(),
        provider_id=provider_id,
        start_at=body.start_at,
        end_at=body.end_at,
        reason=body.reason.strip(),
    )
    session.add(row)
    session.flush()
    return row


def add_location_time_off(
    session: Session, tenant_id: uuid.UUID, location_id: uuid.UUID, body: schemas.TimeOffIn
) -> list[TimeOff]:
    """Time off for everyone at a location (a holiday): one row per active provider
    there, sharing a new group id so that it is listed and removed as one."""
    get_location(session, tenant_id, location_id)
    check_time_off(body.start_at, body.end_at)
    provider_ids = active_provider_ids(session, tenant_id, location_id)
    if not provider_ids:
        raise ConflictApiError(
            "no active provider works at this location",
            field="location_id",
            code="location_has_no_providers",
        )
    group_id = uuid.uuid4()
    rows = [
        TimeOff(
            tenant_id=tenant_id,
            time_off_id=uuid.uuid4(),
            provider_id=provider_id,
            start_at=body.start_at,
            end_at=body.end_at,
            reason=body.reason.strip(),
            group_id=group_id,
        )
        for provider_id in provider_ids
    ]
    session.add_all(rows)
    session.flush()
    return rows


def active_provider_ids(
    session: Session, tenant_id: uuid.UUID, location_id: uuid.UUID
) -> list[uuid.UUID]:
    query = (
        select(Provider.provider_id)
        .where(
            Provider.tenant_id == tenant_id,
            Provider.location_id == location_id,
            Provider.active.is_(True),
        )
        .order_by(Provider.display_name)
    )
    return list(session.scalars(query))


def list_location_time_off(
    session: Session, tenant_id: uuid.UUID, location_id: uuid.UUID
) -> list[schemas.TimeOffGroupOut]:
    """The location's grouped time off, soonest first, each with its providers."""
    get_location(session, tenant_id, location_id)
    query = (
        select(TimeOff)
        .join(
            Provider,
            (Provider.tenant_id == TimeOff.tenant_id)
            & (Provider.provider_id == TimeOff.provider_id),
        )
        .where(
            TimeOff.tenant_id == tenant_id,
            TimeOff.group_id.is_not(None),
            Provider.location_id == location_id,
        )
        .order_by(TimeOff.start_at, TimeOff.group_id)
    )
    groups: dict[uuid.UUID, schemas.TimeOffGroupOut] = {}
    for row in session.scalars(query):
        assert row.group_id is not None
        group = groups.get(row.group_id)
        if group is None:
            group = groups[row.group_id] = schemas.TimeOffGroupOut(
                group_id=row.group_id,
                start_at=row.start_at,
                end_at=row.end_at,
                reason=row.reason,
                provider_ids=[],
            )
        group.provider_ids.append(row.provider_id)
    return list(groups.values())


def delete_time_off_group(session: Session, tenant_id: uuid.UUID, group_id: uuid.UUID) -> None:
    """Remove a location's time off for every provider it was taken for."""
    rows = session.scalars(
        select(TimeOff).where(TimeOff.tenant_id == tenant_id, TimeOff.group_id == group_id)
    ).all()
    if not rows:
        raise NotFoundError("no such time off", field="group_id")
    for row in rows:  # one by one: each leaves a tombstone
        session.delete(row)


def delete_time_off(session: Session, tenant_id: uuid.UUID, time_off_id: uuid.UUID) -> None:
    row = session.get(TimeOff, (tenant_id, time_off_id))
    if row is None:
        raise NotFoundError("no such time off", field="time_off_id")
    session.delete(row)


def list_time_off(
    session: Session, tenant_id: uuid.UUID, provider_id: uuid.UUID
) -> Sequence[TimeOff]:
    query = (
        select(TimeOff)
        .where(TimeOff.tenant_id == tenant_id, TimeOff.provider_id == provider_id)
        .order_by(TimeOff.start_at)
    )
    return session.scalars(query).all()


def preview_hours(
    session: Session,
    cache: CatalogueCache | None,
    tenant_id: uuid.UUID,
    provider_id: uuid.UUID,
    body: schemas.HoursIn,
    now: datetime,
) -> schemas.ImpactOut:
    """The provider's bookings still to come that `body`'s hours and breaks leave out:
    with a `valid_from`, only those from that day on (until a later week takes over)."""
    get_provider(session, tenant_id, provider_id)
    kinds = weekly(body)
    return impact.schedule_preview(
        session,
        cache,
        tenant_id,
        [provider_id],
        lambda s: s.with_week(WeekSet(body.valid_from, kinds["work"], kinds["break"])),
        now,
    )


def preview_time_off(
    session: Session,
    cache: CatalogueCache | None,
    tenant_id: uuid.UUID,
    provider_ids: Sequence[uuid.UUID],
    body: schemas.TimeOffIn,
    now: datetime,
) -> schemas.ImpactOut:
    """The bookings still to come of `provider_ids` that time off `body` falls on."""
    check_time_off(body.start_at, body.end_at)
    span = TimeOffSpan(body.start_at, body.end_at, body.reason)
    return impact.schedule_preview(
        session,
        cache,
        tenant_id,
        provider_ids,
        lambda s: replace(s, time_off=[*s.time_off, span]),
        now,
    )
