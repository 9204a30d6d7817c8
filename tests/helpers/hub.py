"""A site as the hub tests build it: central on PostgreSQL with a clinic, and a site hub
enrolled there with its own SQLite store (started by each test)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select

from server.db.engine import ALL_TENANTS, make_engine, make_session_factory
from server.db.migrate import upgrade
from server.hub.credential import enroll
from tests.helpers.clinic import PASSWORD, Clinic, at, future_day, make_clinic
from tests.helpers.clock import morning_of
from tests.helpers.live import LiveServer


def eventually(check: Callable[[], Any], timeout: float = 10.0) -> Any:
    """`check()`'s first truthy answer, polled; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout} s: {check.__doc__ or check}")
        time.sleep(0.05)


def headers(http: httpx.Client, email: str) -> dict[str, str]:
    answer = http.post("/auth/sign-in", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


class Site:
    """Central with a clinic, and a hub enrolled there (started by the test)."""

    def __init__(self, central_store: Engine, folder: Path) -> None:
        self.clinic: Clinic = make_clinic(central_store)
        self.central = LiveServer(central_store)
        self.central.start()
        self.http = httpx.Client(base_url=self.central.base_url, timeout=10)
        self.admin = headers(self.http, self.clinic.admin_email)
        self.desk = headers(self.http, self.clinic.reception_email)
        made = self.http.post(
            "/setup/hubs",
            headers=self.admin,
            json={"location_id": str(self.clinic.location_id), "name": "Sede Centro"},
        )
        assert made.status_code == 201, made.text
        self.hub_id = made.json()["device_id"]
        self.folder = folder
        enroll(self.central.base_url, made.json()["enrollment_code"]).save(folder)
        self.store = make_engine(f"sqlite:///{folder / 'turnero.db'}")
        upgrade(self.store)
        self.hub = LiveServer(self.store, hub_folder=str(folder))

    def another_hub(self, folder: Path, upstream: str = "") -> LiveServer:
        """A second hub of the business (another location's, say), with its own store;
        `upstream`: how it reaches central (e.g. through a test's WAN proxy)."""
        made = self.http.post(
            "/setup/hubs",
            headers=self.admin,
            json={"location_id": str(self.clinic.location_id), "name": "Sede Norte"},
        )
        assert made.status_code == 201, made.text
        enroll(upstream or self.central.base_url, made.json()["enrollment_code"]).save(folder)
        store = make_engine(f"sqlite:///{folder / 'turnero.db'}")
        upgrade(store)
        return LiveServer(store, hub_folder=str(folder))  # stop it, dispose its engine

    def morning_of(self, day: date) -> None:
        """Central's and the hub's clocks at 08:00 of `day`, in the clinic's zone (a
        check-in is for the booking's own day)."""
        for server in (self.central, self.hub):
            server.clock.at = morning_of(day, self.clinic.zone)

    def await_link(self, hub: LiveServer, timeout: float = 10.0, **expected: Any) -> None:
        """Wait until `hub`'s /health upstream says `expected` (e.g. state="online")."""

        def says() -> bool:
            link = self.health(hub)
            return all(link.get(key) == value for key, value in expected.items())

        eventually(says, timeout)

    def health(self, hub: LiveServer | None = None) -> Any:
        base = (hub or self.hub).base_url
        return httpx.get(f"{base}/health", timeout=5).json()["upstream"]

    def count(self, model: Any, *where: Any) -> int:
        with make_session_factory(self.store, scope=ALL_TENANTS)() as s:
            return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)

    def book(
        self,
        hhmm: str,
        headers: dict[str, str] | None = None,
        provider: uuid.UUID | None = None,
    ) -> str:
        booking = self.http.post(
            "/bookings",
            headers=headers or self.desk,
            json={
                "customer_id": str(self.clinic.customer),
                "service_id": str(self.clinic.consult),
                "provider_id": str(provider or self.clinic.ana),
                "start_at": at(future_day(), hhmm),
            },
        )
        assert booking.status_code == 201, booking.text
        return str(booking.json()[0]["booking_id"])

    def close(self) -> None:
        self.hub.stop()
        self.central.stop()
        self.http.close()
        self.store.dispose()
