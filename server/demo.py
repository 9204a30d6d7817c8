"""The demo tenant: a Buenos Aires clinic with a fortnight of realistic bookings.

Deterministic for a given seed and day, so screenshots and tests see the same clinic.
Bookings are placed with the same availability rules the server enforces.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.domain.availability import busy_range, free_slots
from app.domain.bookings import BookingStatus
from app.domain.customers import normalise_phone, search_key
from app.domain.payments import PaymentMethod, PaymentStatus
from app.domain.schedules import ProviderSchedule, WeeklyInterval
from app.domain.schedules import TimeOff as TimeOffSpan
from app.domain.timezones import local_to_utc, zone
from app.domain.walkins import DESK_TICKET_PREFIX, WalkinStatus, ticket_label
from app.resources import resources_dir
from server.bookings.service import new_code
from server.models import Booking, Customer, Payment, Service, TimeOff, WalkinCounter, WalkinTicket
from server.setup import providers, schemas, services, staff, tenants

DEMO_PASSWORD = "turnero-demo"
RECEPTION_EMAIL = "recepcion@demo.turnero.ar"
ADMIN_EMAIL = "admin@demo.turnero.ar"
PROVIDER_EMAIL = "laura.gomez@demo.turnero.ar"
DEMO_TENANT_ID = uuid.UUID("00000000-0000-4000-8000-00000000d3e0")

FIRST_NAMES = (
    "Sofía",
    "Martina",
    "Valentina",
    "Catalina",
    "Emilia",
    "Isabella",
    "Mía",
    "Julieta",
    "Lucía",
    "Camila",
    "Florencia",
    "Agustina",
    "Milagros",
    "Paula",
    "Carolina",
    "Mariana",
    "Lorena",
    "Graciela",
    "Silvia",
    "Norma",
    "Santiago",
    "Mateo",
    "Benjamín",
    "Bautista",
    "Joaquín",
    "Thiago",
    "Facundo",
    "Tomás",
    "Nicolás",
    "Juan Cruz",
    "Lautaro",
    "Ignacio",
    "Martín",
    "Diego",
    "Pablo",
    "Gustavo",
    "Alejandro",
    "Hernán",
    "Ramiro",
    "Ezequiel",
)
LAST_NAMES = (
    "González",
    "Rodríguez",
    "Gómez",
    "Fernández",
    "López",
    "Díaz",
    "Martínez",
    "Pérez",
    "García",
    "Sánchez",
    "Romero",
    "Sosa",
    "Álvarez",
    "Torres",
    "Ruiz",
    "Ramírez",
    "Flores",
    "Benítez",
    "Acosta",
    "Medina",
    "Herrera",
    "Suárez",
    "Aguirre",
    "Giménez",
    "Gutiérrez",
    "Pereyra",
    "Rojas",
    "Molina",
    "Castro",
    "Ortiz",
    "Silva",
    "Núñez",
    "Luna",
    "Juárez",
    "Cabrera",
    "Ríos",
    "Ferreyra",
    "Godoy",
    "Morales",
    "Domínguez",
    "Russo",
    "Ferrari",
    "Bianchi",
    "Costa",
    "Greco",
    "Schulz",
    "Weiss",
    "Kovacs",
)
AREA_CODES = ("11", "11", "11", "11", "221", "351", "341", "261", "223")
EMAIL_DOMAINS = ("gmail.com", "hotmail.com", "yahoo.com.ar", "outlook.com", "fibertel.com.ar")

# A shift: weekdays (0 = Monday) and the hours worked on them.
Shift = tuple[tuple[int, ...], time, time]
WEEKDAYS = (0, 1, 2, 3, 4)

# (name, colour, services by index into the clinic preset, shifts). The clinic is open
# every day, as many Buenos Aires clinics are: full weekdays, Saturday mornings, and a
# paediatrics and general-medicine guard on Sundays. So the demo, started on any day,
# opens on a working day with people to check in.
PROVIDERS: tuple[tuple[str, str, tuple[int, ...], tuple[Shift, ...]], ...] = (
    (
        "Dra. Laura Gómez",
        "#4e79a7",
        (0, 1, 9, 10, 11),
        ((WEEKDAYS, time(8), time(16)), ((5,), time(8), time(13))),
    ),
    ("Dr. Martín Fernández", "#f28e2b", (3, 4, 0), ((WEEKDAYS, time(9), time(17)),)),
    ("Dra. Sofía Rodríguez", "#59a14f", (2, 9, 1), ((tuple(range(7)), time(8), time(14)),)),
    (
        "Dr. Diego López",
        "#e15759",
        (7, 11, 0),
        ((WEEKDAYS, time(10), time(19)), ((6,), time(9), time(14))),
    ),
    ("Lic. Valeria Martínez", "#b07aa1", (8,), (((0, 2, 4), time(9), time(15)),)),
    ("Dra. Carolina Pérez", "#76b7b2", (5, 6), (((1, 2, 3, 4, 5), time(9), time(17)),)),
)
LUNCH = (time(12, 30), time(13, 30))
DEMO_MORNING = time(11)  # the demo's "now" when the real one finds the clinic quiet


def _hours(start: time, end: time) -> float:
    return (end.hour * 60 + end.minute - start.hour * 60 - start.minute) / 60


def at_work(schedule: ProviderSchedule, instant: datetime, tz: ZoneInfo) -> bool:
    """Whether the provider is working at `instant` (hours, not on a break or off)."""
    day = instant.astimezone(tz).date()

    def within(intervals: Sequence[WeeklyInterval]) -> bool:
        return any(iv.on(day, tz)[0] <= instant < iv.on(day, tz)[1] for iv in intervals)

    off = any(t.start_at <= instant < t.end_at for t in schedule.time_off)
    return within(schedule.hours_on(day)) and not within(schedule.breaks_on(day)) and not off


def busy_hour(schedule: ProviderSchedule, instant: datetime, tz: ZoneInfo) -> bool:
    """At work at `instant` and an hour later: with a patient now and one to come."""
    return at_work(schedule, instant, tz) and at_work(schedule, instant + timedelta(hours=1), tz)


def demo_clock(now: datetime, schedules: Sequence[ProviderSchedule], tz: ZoneInfo) -> datetime:
    """The moment the demo's statuses are made for.

    The real time while the clinic is busy: at least two providers at work now and
    still an hour from now, so there is someone with a doctor and people to check in.
    Otherwise (at night, at dawn, on a quiet Saturday afternoon) 11:00 of the same local
    day, when at least two providers work every day of the week: the desk opens on
    today's date with a working morning, whatever the hour it is started.
    """
    if sum(busy_hour(s, now, tz) for s in schedules) >= 2:
        return now
    return local_to_utc(now.astimezone(tz).date(), DEMO_MORNING, tz)


@dataclass(frozen=True)
class DemoSummary:
    tenant_id: uuid.UUID
    tenant_name: str
    providers: int
    services: int
    customers: int
    bookings: int
    statuses: dict[str, int]
    as_of: datetime  # the demo's "now": what its statuses say has happened by then


def build_demo_store(url: str, *, now: datetime | None = None) -> DemoSummary:
    """A migrated store at `url` holding the demo clinic (`turnero demo`, the
    self-test and the UI tests start from one)."""
    from server.db.engine import ALL_TENANTS, make_engine, make_session_factory
    from server.db.migrate import upgrade

    engine = make_engine(url)
    try:
        upgrade(engine)
        with make_session_factory(engine, scope=ALL_TENANTS)() as session:
            summary = build_demo(session, now=now)
            session.commit()
    finally:
        engine.dispose()
    return summary


def build_demo(session: Session, *, now: datetime | None = None, seed: int = 2026) -> DemoSummary:
    """Create the demo clinic in `session` (the caller commits)."""
    rng = random.Random(seed)
    tz = zone("America/Argentina/Buenos_Aires")
    real = now or datetime.now(UTC)
    today = real.astimezone(tz).date()

    tenant, location, _admin = tenants.create_tenant(
        session,
        tenant_id=DEMO_TENANT_ID,
        name="Clínica San Martín",
        vertical="clinic",
        admin_email=ADMIN_EMAIL,
        admin_password=DEMO_PASSWORD,
        admin_name="Administración",
        location_name="Sede Palermo",
        preset_services=True,
    )
    location.address = "Av. Santa Fe 3200, CABA"
    # A logo, so that the demo shows where the desk and the kiosk put one.
    tenant.logo = (resources_dir() / "demo" / "logo.png").read_bytes()
    services = sorted(
        session.query(Service).filter(Service.tenant_id == tenant.tenant_id).all(),
        key=lambda s: s.created_at,
    )
    staff.add_staff(
        session,
        tenant.tenant_id,
        schemas.StaffIn(
            email=RECEPTION_EMAIL,
            display_name="Recepción",
            role="reception",
            password=DEMO_PASSWORD,
        ),
    )

    schedules: list[tuple[uuid.UUID, ProviderSchedule, list[Service]]] = []
    for i, (name, colour, offered, shifts) in enumerate(PROVIDERS):
        offered_services = [services[k] for k in offered]
        provider = providers.add_provider(
            session,
            tenant.tenant_id,
            schemas.ProviderIn(
                display_name=name,
                location_id=location.location_id,
                colour=colour,
                service_ids=[s.service_id for s in offered_services],
            ),
        )
        hours = [
            schemas.IntervalIn(weekday=d, start=opens, end=closes)
            for days, opens, closes in shifts
            for d in days
        ]
        lunch = [  # a shift of more than six hours has a lunch break
            schemas.IntervalIn(weekday=h.weekday, start=LUNCH[0], end=LUNCH[1])
            for h in hours
            if _hours(h.start, h.end) > 6
        ]
        providers.set_hours(
            session,
            tenant.tenant_id,
            provider.provider_id,
            schemas.HoursIn(hours=hours, breaks=lunch),
        )
        off: list[TimeOffSpan] = []
        if i == 3:  # Dr. López is at a congress for two days next week
            start = local_to_utc(today + timedelta(days=8 - today.weekday()), time(0), tz)
            off.append(TimeOffSpan(start, start + timedelta(days=2), "Congreso"))
            session.add(
                TimeOff(
                    tenant_id=tenant.tenant_id,
                    time_off_id=uuid.uuid4(),
                    provider_id=provider.provider_id,
                    start_at=off[0].start_at,
                    end_at=off[0].end_at,
                    reason="Congreso",
                )
            )
        schedule = ProviderSchedule(
            provider.provider_id,
            [WeeklyInterval(h.weekday, h.start, h.end) for h in hours],
            [WeeklyInterval(b.weekday, b.start, b.end) for b in lunch],
            off,
        )
        schedules.append((provider.provider_id, schedule, offered_services))
        if i == 0:
            staff.add_staff(
                session,
                tenant.tenant_id,
                schemas.StaffIn(
                    email=PROVIDER_EMAIL,
                    display_name=name,
                    role="provider",
                    password=DEMO_PASSWORD,
                    provider_id=provider.provider_id,
                ),
            )

    now = demo_clock(real, [schedule for _, schedule, _ in schedules], tz)
    customers = _customers(session, tenant.tenant_id, rng, 300)
    bookings = _bookings(
        session, tenant.tenant_id, location.location_id, schedules, customers, rng, tz, today, now
    )
    _payments(session, tenant.tenant_id, tenant.currency, bookings, rng)
    _walkins(session, tenant.tenant_id, location.location_id, services, rng, today, now)
    session.flush()
    statuses: dict[str, int] = {}
    for b in bookings:
        statuses[b.status] = statuses.get(b.status, 0) + 1
    return DemoSummary(
        tenant.tenant_id,
        tenant.name,
        len(PROVIDERS),
        len(services),
        len(customers),
        len(bookings),
        statuses,
        now,
    )


def _customers(
    session: Session, tenant_id: uuid.UUID, rng: random.Random, count: int
) -> list[Customer]:
    result = []
    used_ids: set[str] = set()
    for _ in range(count):
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        if rng.random() < 0.3:
            last = f"{last} {rng.choice(LAST_NAMES)}"
        dni = str(rng.randint(10_000_000, 48_000_000))
        while dni in used_ids:
            dni = str(rng.randint(10_000_000, 48_000_000))
        used_ids.add(dni)
        area = rng.choice(AREA_CODES)
        local_len = 10 - len(area)
        number = str(rng.randint(10 ** (local_len - 1) * 4, 10**local_len - 1))
        # Mobile numbers that exist: 4 to 6 after the area code (7-9 are not given out).
        number = str(4 + int(number[0]) % 3) + number[1:]
        phone = normalise_phone(f"+54 9 {area} {number}", "AR")
        email = ""
        if rng.random() < 0.6:
            handle = search_key(f"{first}.{last}").replace(" ", "")
            email = f"{handle}{rng.randint(1, 99)}@{rng.choice(EMAIL_DOMAINS)}"
        born = date(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 80))
        c = Customer(
            tenant_id=tenant_id,
            customer_id=uuid.uuid4(),
            first_name=first,
            last_name=last,
            phone=phone,
            email=email,
            national_id=dni,
            date_of_birth=born,
            notes="",
        )
        if rng.random() < 0.08:
            c.notes = rng.choice(
                (
                    "Alergia a la penicilina",
                    "Prefiere turnos a la mañana",
                    "Obra social: OSDE 310",
                    "Avisar por WhatsApp",
                )
            )
        c.search = search_key(f"{first} {last} {phone} {dni} {email}")
        session.add(c)
        result.append(c)
    session.flush()
    return result


def _status_for(
    start: datetime, end: datetime, now: datetime, today_start: datetime, rng: random.Random
) -> BookingStatus:
    """A status a booking at that time plausibly has `now`, with realistic odds."""
    bs = BookingStatus
    if end <= now and start < today_start:
        odds = {bs.COMPLETED: 75, bs.NO_SHOW: 12, bs.CANCELLED: 13}  # earlier days
    elif end <= now:
        odds = {bs.COMPLETED: 85, bs.NO_SHOW: 15}  # earlier today
    elif start <= now:
        odds = {bs.IN_SERVICE: 1}
    elif start - now <= timedelta(minutes=40):
        odds = {bs.CHECKED_IN: 60, bs.CONFIRMED: 40}  # in the waiting room by now
    else:
        odds = {bs.CONFIRMED: 80, bs.REQUESTED: 12, bs.CANCELLED: 8}
    return rng.choices(list(odds), weights=list(odds.values()))[0]


def _bookings(
    session: Session,
    tenant_id: uuid.UUID,
    location_id: uuid.UUID,
    schedules: list[tuple[uuid.UUID, ProviderSchedule, list[Service]]],
    customers: list[Customer],
    rng: random.Random,
    tz: ZoneInfo,
    today: date,
    now: datetime,
) -> list[Booking]:
    today_start = local_to_utc(today, time(0), tz)
    created: list[Booking] = []
    # A weekly series: one patient sees the nutritionist every Monday at 09:00.
    series_id, series_customer = uuid.uuid4(), customers[0]

    def add(
        provider_id: uuid.UUID,
        service: Service,
        start: datetime,
        status: BookingStatus,
        customer: Customer,
        series: uuid.UUID | None = None,
    ) -> tuple[datetime, datetime]:
        spec = services.service_spec(service)
        held = busy_range(start, spec)
        created.append(
            Booking(
                tenant_id=tenant_id,
                booking_id=uuid.uuid4(),
                code=new_code(),
                location_id=location_id,
                provider_id=provider_id,
                service_id=service.service_id,
                customer_id=customer.customer_id,
                start_at=start,
                end_at=start + spec.duration,
                busy_from=held[0],
                busy_until=held[1],
                status=status.value,
                series_id=series,
                price_minor=service.price_minor,
                cancel_reason="Avisó por teléfono" if status is BookingStatus.CANCELLED else "",
                # In the waiting room or with the provider: arrived a little before now
                # (or before their time, if that came first).
                checked_in_at=min(now, start) - timedelta(minutes=10)
                if status in (BookingStatus.CHECKED_IN, BookingStatus.IN_SERVICE)
                else None,
            )
        )
        session.add(created[-1])
        return held

    anchored = False
    for provider_id, schedule, offered in schedules:
        busy: list[tuple[datetime, datetime]] = []
        for offset in range(-7, 8):
            day = today + timedelta(days=offset)
            cursor: datetime | None = None
            if offered[0].duration_minutes == 45 and day.weekday() == 0:  # the nutritionist
                start = local_to_utc(day, time(9), tz)
                end = start + timedelta(minutes=45)
                status = _status_for(start, end, now, today_start, rng)
                if status is BookingStatus.CANCELLED:  # a series is kept: came, or will
                    status = BookingStatus.COMPLETED if end <= now else BookingStatus.CONFIRMED
                busy.append(add(provider_id, offered[0], start, status, series_customer, series_id))
            if day == today and not anchored and busy_hour(schedule, now, tz):
                # Whatever the odds below, the first provider at work for the next hour
                # has a patient in the room and the next one waiting: the desk always
                # shows both (demo_clock makes sure there is such a provider).
                spec = services.service_spec(offered[0])
                free = free_slots(day, tz, spec, [schedule], {provider_id: busy}, 5)
                current = [s for s in free if s.start_at <= now < s.end_at]
                if current:
                    anchored = True
                    held = add(
                        provider_id,
                        offered[0],
                        current[0].start_at,  # went in a while ago
                        BookingStatus.IN_SERVICE,
                        rng.choice(customers[1:]),
                    )
                    busy.append(held)
                    free = free_slots(day, tz, spec, [schedule], {provider_id: busy}, 5)
                    following = [s for s in free if s.start_at >= held[1]]
                    if following and following[0].start_at - now <= timedelta(minutes=40):
                        busy.append(
                            add(
                                provider_id,
                                offered[0],
                                following[0].start_at,
                                BookingStatus.CHECKED_IN,
                                rng.choice(customers[1:]),
                            )
                        )
            while True:
                # A service at random; when it no longer fits, a shorter one may still.
                for service in rng.sample(offered, len(offered)):
                    spec = services.service_spec(service)
                    slots = [
                        s
                        for s in free_slots(day, tz, spec, [schedule], {provider_id: busy}, 15)
                        if cursor is None or s.start_at >= cursor
                    ]
                    if slots:
                        break
                else:
                    break  # the day is full
                # Leave some gaps: a real day is busy, not packed.
                slot = slots[min(len(slots) - 1, rng.choice((0, 0, 0, 0, 0, 1, 2, 3)))]
                start = slot.start_at
                cursor = start + spec.duration
                status = _status_for(start, slot.end_at, now, today_start, rng)
                if status is BookingStatus.CANCELLED and rng.random() < 0.5:
                    continue  # a cancelled slot was often rebooked; keep the time free
                held = add(provider_id, service, start, status, rng.choice(customers[1:]))
                if status not in (BookingStatus.CANCELLED, BookingStatus.NO_SHOW):
                    busy.append(held)
    session.flush()
    return created


def _payments(
    session: Session,
    tenant_id: uuid.UUID,
    currency: str,
    bookings: list[Booking],
    rng: random.Random,
) -> None:
    methods = (
        PaymentMethod.CASH,
        PaymentMethod.CARD,
        PaymentMethod.CARD,
        PaymentMethod.TRANSFER,
        PaymentMethod.OTHER,
    )
    done = [b for b in bookings if b.status == BookingStatus.COMPLETED.value]
    for i, b in enumerate(done):
        if rng.random() < 0.1:
            continue  # not paid yet: the desk will chase it
        status = PaymentStatus.COMPLETED
        if i % 37 == 5:
            status = PaymentStatus.REFUNDED
        elif i % 41 == 7:
            status = PaymentStatus.FAILED
        elif i % 43 == 3:
            status = PaymentStatus.PENDING
        session.add(
            Payment(
                tenant_id=tenant_id,
                payment_id=uuid.uuid4(),
                booking_id=b.booking_id,
                amount_minor=b.price_minor,
                currency=currency,
                method=rng.choice(methods).value,
                status=status.value,
                taken_at=b.end_at,
                created_at=b.end_at,
                updated_at=b.end_at,
            )
        )


def _walkins(
    session: Session,
    tenant_id: uuid.UUID,
    location_id: uuid.UUID,
    services: list[Service],
    rng: random.Random,
    today: date,
    now: datetime,
) -> None:
    plan = (
        WalkinStatus.SERVED,
        WalkinStatus.SERVED,
        WalkinStatus.CANCELLED,
        WalkinStatus.SERVING,
        WalkinStatus.CALLED,
        WalkinStatus.WAITING,
        WalkinStatus.WAITING,
        WalkinStatus.WAITING,
    )
    names = ("Rosa", "Héctor", "Ana", "Luis", "Marta", "Jorge", "Beatriz", "Raúl")
    for n, status in enumerate(plan, start=1):
        issued = now - timedelta(minutes=12 * (len(plan) - n) + rng.randint(1, 8))
        session.add(
            WalkinTicket(
                tenant_id=tenant_id,
                ticket_id=uuid.uuid4(),
                location_id=location_id,
                day=today,
                number=n,
                label=ticket_label(n, DESK_TICKET_PREFIX),
                service_id=rng.choice(services[9:11]).service_id,
                customer_name=names[n - 1],
                status=status.value,
                issued_at=issued,
                called_at=issued + timedelta(minutes=5)
                if status not in (WalkinStatus.WAITING, WalkinStatus.CANCELLED)
                else None,
                finished_at=issued + timedelta(minutes=20)
                if status in (WalkinStatus.SERVED, WalkinStatus.CANCELLED)
                else None,
            )
        )
    session.add(
        WalkinCounter(
            tenant_id=tenant_id, location_id=location_id, day=today, last_number=len(plan)
        )
    )
