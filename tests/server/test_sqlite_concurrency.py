"""The one-site SQLite store under a busy front desk: many REST reads and writes at
once are all answered, none with "database is locked" (it used to stall them until
its busy timeout: 503s after 30 s)."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter

import httpx
from sqlalchemy import Engine

from tests.helpers.clinic import Clinic, at, future_day, make_clinic, sign_in
from tests.helpers.live import LiveServer


def test_twenty_reads_and_writes_at_once_are_all_answered(sqlite_store: Engine) -> None:
    clinic: Clinic = make_clinic(sqlite_store)
    server = LiveServer(sqlite_store)
    server.start()
    try:
        statuses = asyncio.run(_burst(server.base_url, clinic))
    finally:
        server.stop()
    assert statuses == Counter({200: 20, 201: 20}), statuses


async def _burst(base: str, clinic: Clinic) -> Counter[int]:
    with httpx.Client(base_url=base) as once:
        headers = sign_in(once, clinic.reception_email)  # type: ignore[arg-type]
    day = future_day()
    window = {"start": at(day, "00:00"), "end": at(day, "23:59")}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120) as http:

        async def read() -> int:
            answer: httpx.Response = await http.get("/bookings", params=window)
            return answer.status_code

        async def write(n: int) -> int:
            if n % 2:
                body = {"first_name": f"Ráfaga{n}", "last_name": "Prueba"}
                made: httpx.Response = await http.post("/customers", json=body)
                return made.status_code
            booking = {
                "booking_id": str(uuid.uuid4()),
                "customer_id": str(clinic.customer),
                "service_id": str(clinic.quick),
                "provider_id": str(clinic.ana),
                "start_at": at(day, f"{9 + n // 6:02d}:{n // 2 % 3 * 20:02d}"),  # 20 min apart
            }
            booked: httpx.Response = await http.post("/bookings", json=booking)
            return booked.status_code

        done = await asyncio.gather(*(read() for _ in range(20)), *(write(n) for n in range(20)))
    return Counter(done)
