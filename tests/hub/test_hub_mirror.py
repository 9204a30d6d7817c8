"""A site hub keeps central's data in its own store: real servers on loopback, central on
PostgreSQL, the hub on SQLite (its own process in the field; a thread here).

Central's changes come down at once (central's event stream wakes the hub), survive a
restart of the hub (its cursor is kept), and are versioned in the hub's store so the
site's desks pull them there. /health says how the link to central is.
"""

from __future__ import annotations

import os
import stat
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select

from server.db.engine import ALL_TENANTS, make_engine, make_session_factory
from server.db.migrate import upgrade
from server.hub.credential import FILE_NAME, HubCredential, enroll
from server.models import Booking, Customer, Provider, SyncRow, Tenant
from tests.helpers.clinic import PASSWORD, Clinic, at, future_day, make_clinic
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

    def health(self) -> Any:
        return httpx.get(f"{self.hub.base_url}/health", timeout=5).json()["upstream"]

    def count(self, model: Any, *where: Any) -> int:
        with make_session_factory(self.store, scope=ALL_TENANTS)() as s:
            return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)

    def book(self, hhmm: str) -> str:
        booking = self.http.post(
            "/bookings",
            headers=self.desk,
            json={
                "customer_id": str(self.clinic.customer),
                "service_id": str(self.clinic.consult),
                "provider_id": str(self.clinic.ana),
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


@pytest.fixture
def site(pg_store: Engine, tmp_path: Path) -> Iterator[Site]:
    made = Site(pg_store, tmp_path / "hub")
    try:
        yield made
    finally:
        made.close()


def test_the_credential_is_the_hubs_alone(site: Site) -> None:
    path = site.folder / FILE_NAME
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    held = HubCredential.load(site.folder)
    assert held is not None
    assert str(held.tenant_id) == str(site.clinic.tenant_id)


def test_centrals_data_comes_down_at_once_and_after_a_restart(site: Site) -> None:
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    assert site.count(Tenant) == 1
    assert site.count(Provider) == 2
    assert site.count(Customer) >= 1
    first = site.book("10:00")

    def first_down() -> bool:
        """the booking made at central is in the hub's store"""
        return site.count(Booking, Booking.booking_id == uuid.UUID(first)) == 1

    eventually(first_down, timeout=5)  # woken by central's event stream, not the idle pull
    # Versioned in the hub's own store: the site's desks pull it from there.
    assert site.count(SyncRow, SyncRow.entity == "booking", SyncRow.entity_id == first) == 1
    # Changed while the hub is down: it comes down when the hub is back.
    site.hub.stop()
    second = site.book("11:00")
    cancelled = site.http.post(
        f"/bookings/{first}/status",
        headers=site.desk,
        json={"status": "cancelled", "reason": "no puede venir"},
    )
    assert cancelled.status_code == 200, cancelled.text
    site.hub.start()

    def both_down() -> bool:
        """the second booking and the first's cancellation are in the hub's store"""
        return (
            site.count(Booking, Booking.booking_id == uuid.UUID(second)) == 1
            and site.count(
                Booking, Booking.booking_id == uuid.UUID(first), Booking.status == "cancelled"
            )
            == 1
        )

    eventually(both_down)


def test_health_tells_central_unreachable_from_revoked(site: Site) -> None:
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    site.central.stop()
    down = eventually(lambda: (h := site.health())["state"] == "unreachable" and h)
    assert down["last_contact"] is not None
    assert down["error"]
    site.central.start()
    eventually(lambda: site.health()["state"] == "online", timeout=40)
    revoked = site.http.post(f"/setup/hubs/{site.hub_id}/revoke", headers=site.admin)
    assert revoked.status_code == 200, revoked.text
    eventually(lambda: site.health()["state"] == "revoked")
