"""This desk's till on a day, for the cash close window: opened or not, what each
method should hold, what was counted. The till is this replica's PC (app/domain/cash.py);
its id is the replica's client id, which every payment and refund made here carries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain import cash
from app.schedule import business
from app.sync.replica import Replica, Row
from app.sync.rows import parse, till_day, till_movements


@dataclass(frozen=True)
class TillDay:
    day: date
    till_id: str
    currency: str
    row: Row | None  # the cash_close row, once the day is opened

    @property
    def opened(self) -> bool:
        return self.row is not None

    @property
    def closed(self) -> bool:
        return self.row is not None and self.row.get("closed_at") is not None

    @property
    def pending(self) -> bool:
        return bool(self.row and self.row.get("pending"))

    @property
    def float_minor(self) -> int:
        return int(self.row["float_minor"]) if self.row else 0

    @property
    def opened_at(self) -> datetime | None:
        return parse(self.row["opened_at"]) if self.row else None

    @property
    def closed_at(self) -> datetime | None:
        return parse(self.row["closed_at"]) if self.row and self.row.get("closed_at") else None

    @property
    def note(self) -> str:
        return str(self.row.get("note") or "") if self.row else ""

    expected: dict[str, int] | None = None  # per method; None until opened
    counted: dict[str, int] | None = None  # once closed

    def differences(self) -> dict[str, int] | None:
        if self.expected is None or self.counted is None:
            return None
        return cash.differences(self.counted, self.expected)


def till_day_of(replica: Replica, day: date) -> TillDay:
    """This desk's till on `day`: once closed, the amounts the close recorded (the
    server's, after a sync); while open, worked out from the payments held here."""
    till = replica.client_id
    row = till_day(replica, till, day.isoformat())
    currency = business(replica).currency
    if row is None:
        return TillDay(day, till, currency, None)
    if row.get("closed_at") and row.get("expected") is not None:
        expected = {m: int(v) for m, v in row["expected"].items()}
    else:
        expected = cash.expected(int(row["float_minor"]), till_movements(replica, row))
    counted = {m: int(v) for m, v in row["counted"].items()} if row.get("counted") else None
    return TillDay(day, till, currency, row, expected, counted)
