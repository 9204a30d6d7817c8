"""Money at the counter: what a booking has been paid, and a day's takings per method."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.domain.availability import day_range
from app.domain.cash import TAKEN
from app.domain.payments import PaymentMethod, format_money
from app.schedule import business, customer_name
from app.sync.replica import Replica, Row
from app.sync.rows import parse

EXPONENTS = {"ARS": 2, "USD": 2, "EUR": 2, "CLP": 0, "UYU": 2, "BRL": 2, "MXN": 2}


def money(amount_minor: int, currency: str, locale: str = "es-AR") -> str:
    """In the reader's language: the UI passes the one it shows ("es-AR" or "en")."""
    return format_money(amount_minor, currency, EXPONENTS.get(currency, 2), locale)


def taken_at(payment: Row) -> str:
    """When the desk took a payment (rows from a server before 0017: when recorded)."""
    return str(payment.get("taken_at") or payment.get("created_at") or "")


def payments_for(replica: Replica, booking_id: str) -> list[Row]:
    rows = replica.all("payment", "json_extract(data, '$.booking_id') = ?", [booking_id])
    return sorted(rows, key=taken_at)


def paid_minor(replica: Replica, booking_id: str) -> int:
    return sum(
        int(p["amount_minor"])
        for p in payments_for(replica, booking_id)
        if p["status"] == "completed"
    )


@dataclass(frozen=True)
class Balance:
    """Where a booking stands at the counter: its price, what was paid, what is due."""

    price_minor: int
    paid_minor: int

    @property
    def due_minor(self) -> int:
        return max(0, self.price_minor - self.paid_minor)

    @property
    def settled(self) -> bool:
        """Nothing left to pay (a free booking included)."""
        return self.paid_minor >= self.price_minor


def balance(replica: Replica, booking: Row) -> Balance:
    """The balance of `booking` (its replica row): completed payments count, pending
    and refunded ones do not."""
    return Balance(int(booking.get("price_minor") or 0), paid_minor(replica, booking["booking_id"]))


@dataclass(frozen=True)
class TakingsLine:
    time: datetime
    customer: str
    service: str
    method: str
    amount_minor: int  # a refund's is negative: money out of the till
    pending: bool
    reference: str = ""  # the card voucher or transfer number, as typed at the counter
    refund: bool = False
    reason: str = ""  # a refund's


@dataclass(frozen=True)
class Takings:
    day: date
    currency: str
    lines: list[TakingsLine]
    by_method: dict[str, int]  # every method, zero included, in a fixed order; net of refunds
    total_minor: int


def takings(replica: Replica, day: date) -> Takings:
    """Payments taken on the local `day` less refunds made on it, per method, for the
    cash-up: the days the desk took and refunded them, not when they reached the server."""
    biz = business(replica)
    lo, hi = (t.astimezone(UTC).isoformat() for t in day_range(day, biz.time_zone))
    when = "COALESCE(json_extract(data, '$.taken_at'), json_extract(data, '$.created_at'))"
    taken = replica.all("payment", f"{when} >= ? AND {when} < ?", [lo, hi])
    refunded = replica.all(
        "payment",
        "json_extract(data, '$.status') = 'refunded' AND json_extract(data, '$.reversed_at') >= ?"
        " AND json_extract(data, '$.reversed_at') < ?",
        [lo, hi],
    )
    services = {s["service_id"]: s["name"] for s in replica.all("service")}
    by_method = {m.value: 0 for m in PaymentMethod}

    def line(p: Row, at: str, sign: int) -> TakingsLine:
        booking = replica.get("booking", p["booking_id"]) or {}
        by_method[p["method"]] = by_method.get(p["method"], 0) + sign * int(p["amount_minor"])
        return TakingsLine(
            parse(at),
            customer_name(replica.get("customer", booking.get("customer_id", ""))),
            services.get(booking.get("service_id", ""), ""),
            p["method"],
            sign * int(p["amount_minor"]),
            bool(p.get("pending")),
            p.get("reference") or "",
            refund=sign < 0,
            reason=(p.get("reason") or "") if sign < 0 else "",
        )

    lines = [line(p, taken_at(p), 1) for p in taken if p["status"] in TAKEN]
    lines += [line(p, p["reversed_at"], -1) for p in refunded]
    lines.sort(key=lambda line: line.time)
    return Takings(day, biz.currency, lines, by_method, sum(by_method.values()))
