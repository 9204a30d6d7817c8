"""What a change looks like before the server has seen it.

(Reading the replica's rows into values is `app.sync.rows`; this module judges and
applies changes.)

`prepare` checks a change against the replica with the shared domain rules (so the
desk refuses at once what it already knows is wrong) and gives its optimistic effect.
`effect_of` replays a pending change's effect on fresh server rows without judging:
the user was told it was saved, so it shows until the server accepts or refuses it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from app.domain import bookings as booking_rules
from app.domain import cash as cash_rules
from app.domain.booking_plan import BookingMove, BookingRequest, Refusal, plan_booking, plan_move
from app.domain.customers import (
    check_birth_date,
    normalise_national_id,
    normalise_phone,
    search_key,
)
from app.domain.errors import ConflictError, InvalidValueError
from app.domain.payments import (
    PaymentMethod,
    PaymentStatus,
    check_payment_amount,
    check_payment_transition,
    check_reversal_reason,
)
from app.domain.staff import check_email
from app.domain.tenants import check_name
from app.domain.waitlist import WaitlistStatus, check_not_over, check_request, check_waiting
from app.domain.walkins import WalkinStatus, check_walkin_transition, ticket_label
from app.sync.protocol import Mutation, build
from app.sync.replica import Pending, Replica, Row
from app.sync.rows import (
    ReplicaReader,
    country,
    iso,
    need,
    parse,
    till_day,
    till_movements,
    zone_of,
)

Effect = list[tuple[str, str, Row | None]]

BOOKING_STATUS = {
    "booking.cancel": booking_rules.BookingStatus.CANCELLED,
    "booking.check_in": booking_rules.BookingStatus.CHECKED_IN,
    "booking.start": booking_rules.BookingStatus.IN_SERVICE,
    "booking.complete": booking_rules.BookingStatus.COMPLETED,
    "booking.no_show": booking_rules.BookingStatus.NO_SHOW,
}
PAYMENT_STATUS = {
    "payment.refund": PaymentStatus.REFUNDED,
    "payment.void": PaymentStatus.VOIDED,
}
WALKIN_STATUS = {
    "walkin.call": WalkinStatus.CALLED,
    "walkin.serve": WalkinStatus.SERVED,
    "walkin.cancel": WalkinStatus.CANCELLED,
}


# -- optimistic rows ----------------------------------------------------------------------


def _booking_row(replica: Replica, a: dict[str, Any]) -> Row:
    service = replica.get("service", a["service_id"]) or {}
    provider = replica.get("provider", a["provider_id"]) or {}
    start = parse(a["start_at"])
    minutes = int(service.get("duration_minutes", 30))
    now = iso(datetime.now(UTC))
    return {
        "booking_id": a["booking_id"],
        "code": "",
        "location_id": provider.get("location_id"),
        "provider_id": a["provider_id"],
        "service_id": a["service_id"],
        "customer_id": a["customer_id"],
        "start_at": iso(start),
        "end_at": iso(start + timedelta(minutes=minutes)),
        "busy_from": iso(start - timedelta(minutes=service.get("buffer_before_minutes", 0))),
        "busy_until": iso(
            start + timedelta(minutes=minutes + service.get("buffer_after_minutes", 0))
        ),
        "status": a.get("status", "confirmed"),
        "series_id": a.get("series_id"),
        "price_minor": service.get("price_minor", 0),
        "notes": a.get("notes", ""),
        "cancel_reason": "",
        "created_at": now,
        "updated_at": now,
        "pending": True,
    }


def effect_of(replica: Replica, p: Pending) -> Effect:
    """The optimistic effect of a pending change on the rows as they are now."""
    a = p.args
    if p.name == "booking.create":
        return [("booking", a["booking_id"], _booking_row(replica, a))]
    if p.name in BOOKING_STATUS or p.name == "booking.reschedule":
        row = replica.get("booking", a["booking_id"])
        if row is None:
            return []
        row = dict(row, pending=True)
        if p.name == "booking.reschedule":
            moved = _booking_row(
                replica,
                {
                    **row,
                    "start_at": a["start_at"],
                    "provider_id": a.get("provider_id") or row["provider_id"],
                },
            )
            row.update(
                {
                    k: moved[k]
                    for k in (
                        "start_at",
                        "end_at",
                        "busy_from",
                        "busy_until",
                        "provider_id",
                        "location_id",
                    )
                }
            )
        else:
            row["status"] = BOOKING_STATUS[p.name].value
            if p.name == "booking.check_in" and a.get("at"):
                row["checked_in_at"] = a["at"]
            if p.name == "booking.cancel":
                row["cancel_reason"] = a.get("reason", "")
        return [("booking", row["booking_id"], row)]
    if p.name == "booking.remind":
        row = replica.get("booking", a["booking_id"])
        if row is None:
            return []
        # Who reminded is the server's to say (the signed-in user): unknown here until then.
        marked = a.get("reminded", True)
        return [
            (
                "booking",
                row["booking_id"],
                dict(
                    row,
                    reminded_at=a.get("at") if marked else None,
                    reminded_by=row.get("reminded_by") if marked else None,
                    pending=True,
                ),
            )
        ]
    if p.name == "payment.record":
        return [
            (
                "payment",
                a["payment_id"],
                {
                    "payment_id": a["payment_id"],
                    "booking_id": a["booking_id"],
                    "amount_minor": a["amount_minor"],
                    "currency": a.get("currency"),
                    "method": a["method"],
                    "status": a.get("status", "completed"),
                    "reference": a.get("reference", ""),
                    # The desk's instant (see _prepare_payment); the server keeps it.
                    "taken_at": a.get("taken_at") or iso(datetime.now(UTC)),
                    "created_at": a.get("taken_at") or iso(datetime.now(UTC)),
                    "till_id": a.get("till_id"),
                    "pending": True,
                },
            )
        ]
    if p.name in PAYMENT_STATUS:
        row = replica.get("payment", a["payment_id"])
        if row is None:
            return []
        changed = dict(
            row,
            status=PAYMENT_STATUS[p.name].value,
            reason=a.get("reason", ""),
            reversed_at=a.get("at") or iso(datetime.now(UTC)),
            reversed_till_id=a.get("till_id"),
            pending=True,
        )
        return [("payment", a["payment_id"], changed)]
    if p.name == "cash.open":
        row = {
            "close_id": a["close_id"],
            "till_id": a["till_id"],
            "day": a["day"],
            "currency": (replica.all("tenant") or [{}])[0].get("currency", "ARS"),
            "float_minor": a["float_minor"],
            "opened_at": a.get("at") or iso(datetime.now(UTC)),
            "closed_at": None,
            "expected": None,
            "counted": None,
            "note": "",
            "pending": True,
        }
        return [("cash_close", a["close_id"], row)]
    if p.name == "cash.close":
        row = replica.get("cash_close", a["close_id"])
        if row is None:
            return []
        expect = cash_rules.expected(int(row["float_minor"]), till_movements(replica, row))
        closed = dict(
            row,
            closed_at=a.get("at") or iso(datetime.now(UTC)),
            expected=expect,
            counted=a["counted"],
            note=a.get("note", ""),
            pending=True,
        )
        return [("cash_close", a["close_id"], closed)]
    if p.name in ("customer.create", "customer.update"):
        base = replica.get("customer", a["customer_id"]) or {}
        row = {**base, **a, "pending": True}
        row["search"] = search_key(
            " ".join(
                str(row.get(k, ""))
                for k in ("first_name", "last_name", "phone", "national_id", "email")
            )
        )
        return [("customer", a["customer_id"], row)]
    if p.name == "walkin.create":
        return [
            (
                "walkin_ticket",
                a["ticket_id"],
                {
                    "ticket_id": a["ticket_id"],
                    "location_id": a["location_id"],
                    "service_id": a.get("service_id"),
                    "customer_name": a.get("customer_name", ""),
                    "status": "waiting",
                    # A kiosk numbers its own tickets (with its prefix); a desk's wait for
                    # the server's number.
                    "number": a.get("number"),
                    "label": ticket_label(a["number"], replica.meta("ticket_prefix"))
                    if a.get("number")
                    else "",
                    "provider_id": None,
                    "issued_at": iso(datetime.now(UTC)),
                    "pending": True,
                },
            )
        ]
    if p.name == "waitlist.add":
        asked = {key: value for key, value in a.items() if key != "at"}
        row = {
            **dict.fromkeys(("provider_id", "from_time", "until_time", "booking_id")),
            **asked,
            "notes": str(a.get("notes", "")).strip(),
            "status": WaitlistStatus.WAITING.value,
            "created_at": a.get("at") or iso(datetime.now(UTC)),
            "pending": True,
        }
        return [("waitlist_entry", a["entry_id"], row)]
    if p.name in ("waitlist.withdraw", "waitlist.book"):
        row = replica.get("waitlist_entry", a["entry_id"])
        if row is None:
            return []
        booked = p.name == "waitlist.book"
        status = WaitlistStatus.BOOKED if booked else WaitlistStatus.WITHDRAWN
        changed = dict(row, status=status.value, pending=True)
        if booked:
            changed["booking_id"] = a["booking_id"]
        return [("waitlist_entry", a["entry_id"], changed)]
    if p.name in WALKIN_STATUS:
        row = replica.get("walkin_ticket", a["ticket_id"])
        if row is None:
            return []
        return [
            (
                "walkin_ticket",
                a["ticket_id"],
                dict(
                    row,
                    status=WALKIN_STATUS[p.name].value,
                    pending=True,
                    provider_id=a.get("provider_id") or row.get("provider_id"),
                ),
            )
        ]
    return []


# -- checks before a change is accepted locally ---------------------------------------------


def _id(a: dict[str, Any], field: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(a[field]))
    except (KeyError, ValueError):
        raise InvalidValueError(field, "invalid_value", "must be an id") from None


def _instant(value: Any, field: str) -> datetime:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))  # its zone is checked by the plan
    except ValueError:
        raise InvalidValueError(field, "invalid_value", "must be a date and time") from None


def _prepare_booking_create(replica: Replica, a: dict[str, Any]) -> dict[str, Any]:
    """The plan's answer on the replica; "any provider" is chosen here, so that the
    desk shows the booking in a column now."""
    a = {"status": "confirmed", "notes": "", **a}
    a.setdefault("booking_id", str(uuid.uuid4()))
    request = BookingRequest(
        service_id=_id(a, "service_id"),
        customer_id=_id(a, "customer_id"),
        start_at=_instant(a.get("start_at"), "start_at"),
        provider_id=_id(a, "provider_id") if a.get("provider_id") else None,
        status=str(a["status"]),
    )
    plan = plan_booking(request, ReplicaReader(replica))
    if isinstance(plan, Refusal):
        raise plan.error()
    return {
        **a,
        "start_at": iso(plan.occurrences[0].start_at),
        "provider_id": str(plan.provider.provider_id),
    }


def _prepare_booking_change(
    replica: Replica, name: str, a: dict[str, Any], now: datetime
) -> dict[str, Any]:
    row = need(replica, "booking", a["booking_id"], "booking_id")
    if name == "booking.reschedule":
        move = BookingMove(
            booking_id=_id(row, "booking_id"),
            status=row["status"],
            service_id=_id(row, "service_id"),
            customer_id=_id(row, "customer_id"),
            provider_id=_id(a, "provider_id") if a.get("provider_id") else _id(row, "provider_id"),
            start_at=_instant(a.get("start_at"), "start_at"),
        )
        plan = plan_move(move, ReplicaReader(replica))
        if isinstance(plan, Refusal):
            raise plan.error()
        return {**a, "start_at": iso(plan.occurrence.start_at)}
    booking_rules.check_transition(booking_rules.BookingStatus(row["status"]), BOOKING_STATUS[name])
    if name == "booking.check_in":
        booking_rules.check_arrival_day(
            parse(row["start_at"]), now, zone_of(replica, row.get("location_id"))
        )
        # The arrival is timed here: the change may reach the server much later.
        return {**a, "at": a.get("at") or iso(now)}
    if name == "booking.cancel" and not str(a.get("reason", "")).strip():
        raise InvalidValueError("reason", "required", "say why the booking is cancelled")
    return a


def _prepare_remind(replica: Replica, a: dict[str, Any], now: datetime) -> dict[str, Any]:
    row = need(replica, "booking", a["booking_id"], "booking_id")
    booking_rules.check_remindable(booking_rules.BookingStatus(row["status"]))
    marked = bool(a.get("reminded", True))
    # Dated now, by this desk's clock: pushed later (offline), it keeps when it was done.
    return {**a, "reminded": marked, "at": a.get("at") or iso(now)} if marked else {**a}


def _prepare_customer(replica: Replica, name: str, a: dict[str, Any]) -> dict[str, Any]:
    a = dict(a)
    if name == "customer.create":
        a.setdefault("customer_id", str(uuid.uuid4()))
        a["first_name"] = check_name(a.get("first_name", ""), "first_name", 100)
        a["last_name"] = check_name(a.get("last_name", ""), "last_name", 100)
    else:
        need(replica, "customer", a["customer_id"], "customer_id")
    if "phone" in a:
        a["phone"] = normalise_phone(a["phone"], country(replica))
    if "national_id" in a:
        a["national_id"] = normalise_national_id(a["national_id"])
    if a.get("email"):
        a["email"] = check_email(a["email"])
    if a.get("date_of_birth"):
        try:
            born = date.fromisoformat(str(a["date_of_birth"]))
        except ValueError:
            raise InvalidValueError(
                "date_of_birth", "invalid_date", "must be a date like 1980-05-17"
            ) from None
        a["date_of_birth"] = str(check_birth_date(born, date.today()))
    return a


def _prepare_payment(replica: Replica, a: dict[str, Any], now: datetime) -> dict[str, Any]:
    need(replica, "booking", a["booking_id"], "booking_id")
    tenants = replica.all("tenant")
    currency = tenants[0]["currency"] if tenants else "ARS"
    # Dated now, by the desk's clock: the day it belongs to is the day it was taken,
    # however late it reaches the server.
    # Into this desk's drawer: the till is the replica (the PC), see app/domain/cash.py.
    a = {
        "status": "completed",
        "currency": currency,
        "taken_at": iso(now),
        "till_id": replica.client_id,
        **a,
    }
    a.setdefault("payment_id", str(uuid.uuid4()))
    check_payment_amount(a["amount_minor"], a["currency"], currency)
    try:
        PaymentMethod(a["method"])
    except ValueError:
        raise InvalidValueError(
            "method", "unknown_method", "must be cash, card, transfer or other"
        ) from None
    return a


def _prepare_payment_change(
    replica: Replica, name: str, a: dict[str, Any], now: datetime
) -> dict[str, Any]:
    row = need(replica, "payment", a["payment_id"], "payment_id")
    target = PAYMENT_STATUS[name]
    check_payment_transition(PaymentStatus(row["status"]), target)
    # Dated by the desk's clock, as a payment is: a refund is that day's money out.
    return {
        **a,
        "reason": check_reversal_reason(target, str(a.get("reason", ""))),
        "at": a.get("at") or iso(now),
        "till_id": a.get("till_id") or replica.client_id,
    }


def _prepare_cash(replica: Replica, name: str, a: dict[str, Any], now: datetime) -> dict[str, Any]:
    """One close per till and day, judged on what this desk holds (the server judges
    again); dated by the desk's clock."""
    a = {**a, "at": a.get("at") or iso(now)}
    if name == "cash.open":
        a.setdefault("close_id", str(uuid.uuid4()))
        a.setdefault("till_id", replica.client_id)
        cash_rules.check_float(a.get("float_minor", 0))
        if till_day(replica, str(a["till_id"]), str(a.get("day", ""))) is not None:
            raise cash_rules.already_open()
        return a
    row = need(replica, "cash_close", a["close_id"], "close_id")
    cash_rules.check_not_closed(row.get("closed_at") is not None)
    counted = cash_rules.check_counted(a.get("counted", {}))
    expect = cash_rules.expected(int(row["float_minor"]), till_movements(replica, row))
    return {
        **a,
        "counted": counted,
        "note": cash_rules.check_close(counted, expect, a.get("note", "")),
    }


def _prepare_walkin(replica: Replica, name: str, a: dict[str, Any]) -> dict[str, Any]:
    if name == "walkin.create":
        need(replica, "location", a["location_id"], "location_id")
        return {**a, "ticket_id": a.get("ticket_id") or str(uuid.uuid4())}
    row = need(replica, "walkin_ticket", a["ticket_id"], "ticket_id")
    check_walkin_transition(WalkinStatus(row["status"]), WALKIN_STATUS[name])
    return a


def _day(a: dict[str, Any], field: str) -> date:
    try:
        return date.fromisoformat(str(a[field]))
    except (KeyError, ValueError):
        raise InvalidValueError(field, "invalid_date", "must be a date like 2026-12-01") from None


def _wall(a: dict[str, Any], field: str) -> time | None:
    if not a.get(field):
        return None
    try:
        return time.fromisoformat(str(a[field]))
    except ValueError:
        raise InvalidValueError(field, "wall_time", "must be a time like 09:30") from None


def _prepare_waitlist(
    replica: Replica, name: str, a: dict[str, Any], now: datetime
) -> dict[str, Any]:
    if name != "waitlist.add":
        row = need(replica, "waitlist_entry", a["entry_id"], "entry_id")
        check_waiting(WaitlistStatus(row["status"]))
        if name == "waitlist.book":
            # Queued with its booking.create in one go (SyncEngine.submit_together).
            booking = need(replica, "booking", a["booking_id"], "booking_id")
            if booking["customer_id"] != row["customer_id"]:
                raise ConflictError(
                    "booking_id", "other_customer", "the booking is another customer's"
                )
        return a
    earliest, latest = _day(a, "earliest_day"), _day(a, "latest_day")
    check_request(earliest, latest, _wall(a, "from_time"), _wall(a, "until_time"))
    check_not_over(latest, now.astimezone(zone_of(replica, None)).date())
    need(replica, "customer", a["customer_id"], "customer_id")
    need(replica, "service", a["service_id"], "service_id")
    if a.get("provider_id"):
        need(replica, "provider", a["provider_id"], "provider_id")
        offered = replica.all(
            "provider_service",
            "json_extract(data, '$.provider_id') = ? AND json_extract(data, '$.service_id') = ?",
            [a["provider_id"], a["service_id"]],
        )
        if not offered:
            raise InvalidValueError(
                "provider_id", "service_not_offered", "the provider does not give this service"
            )
    # Dated by this desk's clock: pushed later (offline), it keeps its place in line.
    return {**a, "entry_id": a.get("entry_id") or str(uuid.uuid4()), "at": a.get("at") or iso(now)}


PREPARE: dict[str, Callable[[Replica, str, dict[str, Any], datetime], dict[str, Any]]] = {
    "booking.create": lambda r, _n, a, _now: _prepare_booking_create(r, a),
    **dict.fromkeys((*BOOKING_STATUS, "booking.reschedule"), _prepare_booking_change),
    "booking.remind": lambda r, _n, a, now: _prepare_remind(r, a, now),
    "customer.create": lambda r, n, a, _now: _prepare_customer(r, n, a),
    "customer.update": lambda r, n, a, _now: _prepare_customer(r, n, a),
    "payment.record": lambda r, _n, a, now: _prepare_payment(r, a, now),
    **dict.fromkeys(PAYMENT_STATUS, _prepare_payment_change),
    "cash.open": _prepare_cash,
    "cash.close": _prepare_cash,
    **dict.fromkeys(
        ("walkin.create", *WALKIN_STATUS), lambda r, n, a, _now: _prepare_walkin(r, n, a)
    ),
    **dict.fromkeys(("waitlist.add", "waitlist.withdraw", "waitlist.book"), _prepare_waitlist),
}


def prepare(
    replica: Replica, name: str, args: dict[str, Any], now: datetime | None = None
) -> tuple[Mutation, Effect]:
    """Check a change against what this replica knows; give it typed, and its effect.

    Raises a DomainError (naming the field) when the change is already known to be
    wrong, so the UI can say so before anything is queued: what the server's classes
    would refuse (protocol.build), then what the replica shows. `now` is the client's
    clock (rules such as "only today's bookings can arrive" ask it); the real one if
    omitted.
    """
    if name not in PREPARE:
        raise InvalidValueError("name", "unknown_mutation", f"unknown change {name!r}")
    final = PREPARE[name](replica, name, dict(args), now or datetime.now(UTC))
    mutation = build(name, final)
    return mutation, effect_of(replica, Pending(0, name, mutation.wire()))
