"""The waitlist on two desks against a real server on loopback: desk B keeps three
people waiting, desk A cancels a booking, and desk B is told the freed slot fits the
earliest who asked for it (not one who asked before for other hours, nor one who
asked later), shows it in its Waitlist tab and books it in one click, confirmed."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.changes import Changes
from server.models import Booking, WaitlistEntry
from tests.helpers.deskui import settle, synced, wait_until
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run
from ui.desk.main import DeskApp


def a_booking_ahead(app: DeskApp, today: Any) -> dict[str, Any]:
    """A confirmed booking on a day after today, at or after 10:00 (so that hours
    before it can be asked for)."""
    assert app.desk is not None
    assert app.window is not None
    tz = app.window.biz.time_zone
    rows = sorted(
        (
            b
            for b in app.desk.replica.all("booking")
            if b["status"] == "confirmed"
            and datetime.fromisoformat(b["start_at"]).astimezone(tz).date() > today
            and datetime.fromisoformat(b["start_at"]).astimezone(tz).hour >= 10
        ),
        key=lambda b: b["start_at"],
    )
    assert rows, "the demo has bookings in the days ahead"
    return rows[0]


async def done(future: Any) -> Any:
    return await future


def test_a_cancellation_on_one_desk_offers_the_slot_to_the_right_customer_on_another(
    run: Run[Any], desks: Desks, demo_server: LiveServer, demo_store: Engine, demo_instant: datetime
) -> None:
    a, wa = desks.open(demo_server, "a")
    b, wb = desks.open(demo_server, "b")
    assert a.desk is not None
    assert b.desk is not None
    tz = wb.biz.time_zone
    today = demo_instant.astimezone(tz).date()
    x = a_booking_ahead(a, today)
    start = datetime.fromisoformat(x["start_at"]).astimezone(tz)
    end = datetime.fromisoformat(x["end_at"]).astimezone(tz)
    others = [c for c in b.desk.replica.all("customer") if c["customer_id"] != x["customer_id"]]
    early, right, later = sorted(others, key=lambda c: c["customer_id"])[:3]
    wish = {
        "service_id": x["service_id"],
        "provider_id": x["provider_id"],
        "earliest_day": start.date().isoformat(),
        "latest_day": start.date().isoformat(),
    }
    # Asked in this order: one for that provider's hours before the booking, then two
    # whose hours hold it exactly.
    hours = [
        ((start - timedelta(hours=2)).strftime("%H:%M"), start.strftime("%H:%M")),
        (start.strftime("%H:%M"), end.strftime("%H:%M")),
        (start.strftime("%H:%M"), end.strftime("%H:%M")),
    ]
    ids = {}
    for n, (who, (since, until)) in enumerate(zip((early, right, later), hours, strict=True)):
        ids[who["customer_id"]] = str(uuid.uuid4())
        args = {
            **wish,
            "entry_id": ids[who["customer_id"]],
            "customer_id": who["customer_id"],
            "from_time": since,
            "until_time": until,
            # A minute apart: the clocks here stand still, and an entry's place in line
            # is when the desk took it (never later than the server's now).
            "at": (demo_instant - timedelta(minutes=3 - n)).isoformat(),
        }
        run(done(wb.tasks.submit(b.desk, "waitlist.add", args)))
        run(synced(b))
    wb.side.setCurrentWidget(wb.waitlist)
    run(settle(b))
    listed = wb.waitlist.model.rows
    waiting = [f.entry.entry_id for f in listed]
    assert waiting[-3:] == [ids[c["customer_id"]] for c in (early, right, later)]
    assert all(f.first is None or f.first.start != start for f in listed)  # nothing there yet

    # Desk A cancels the booking; desk B learns it on its next pull.
    cancel = {"booking_id": x["booking_id"], "reason": "viaja"}
    run(done(wa.tasks.submit(a.desk, "booking.cancel", cancel)))
    run(synced(a))

    def told() -> list[str]:
        return [n.label.text() for n in wb.notice.notices if "A slot fits" in n.label.text()]

    [notice] = run(wait_until(told, 30, "desk B's notice of the freed slot"))
    right_name = f"{right['first_name']} {right['last_name']}".strip()
    assert notice.startswith(f"A slot fits {right_name}: ")
    assert f"{start:%H:%M}" in notice
    assert "2 on the waitlist fit" in notice  # the right one and the later one
    by_entry = {f.entry.entry_id: f for f in wb.waitlist.model.rows}
    offered = by_entry[ids[right["customer_id"]]].first
    assert offered is not None
    assert (offered.start, offered.provider_id) == (start, x["provider_id"])
    assert by_entry[ids[early["customer_id"]]].first != offered

    # One click books it, confirmed, and the entry is met.
    wb.waitlist.select(ids[right["customer_id"]])
    wb.waitlist.book_button.click()
    run(settle(b))
    run(synced(b))
    with Session(demo_store) as s:
        entry = s.scalars(
            select(WaitlistEntry).where(
                WaitlistEntry.entry_id == uuid.UUID(ids[right["customer_id"]])
            )
        ).one()
        assert entry.status == "booked"
        assert entry.booking_id is not None
        made = s.scalars(select(Booking).where(Booking.booking_id == entry.booking_id)).one()
        assert (str(made.customer_id), str(made.provider_id), made.status) == (
            right["customer_id"],
            x["provider_id"],
            "confirmed",
        )
        assert made.start_at == start
        untouched = s.scalars(
            select(WaitlistEntry.status).where(
                WaitlistEntry.entry_id.in_(
                    [uuid.UUID(ids[c["customer_id"]]) for c in (early, later)]
                )
            )
        ).all()
        assert untouched == ["waiting", "waiting"]
    # Off the list on desk B; the later customer no longer has that slot.
    b.tasks.changed.emit(Changes(waitlist=True))
    run(settle(b))
    still = {f.entry.entry_id: f for f in wb.waitlist.model.rows}
    assert ids[right["customer_id"]] not in still
    assert still[ids[later["customer_id"]]].first is None
