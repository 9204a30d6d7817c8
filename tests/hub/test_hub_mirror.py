"""A site hub keeps central's data in its own store: real servers on loopback, central on
PostgreSQL, the hub on SQLite (its own process in the field; a thread here).

Central's changes come down at once (central's event stream wakes the hub), survive a
restart of the hub (its cursor is kept), and are versioned in the hub's store so the
site's desks pull them there. /health says how the link to central is.
"""

from __future__ import annotations

import os
import stat
import uuid

import httpx
import pytest
from sqlalchemy import Engine

from server.db.engine import ALL_TENANTS, make_session_factory
from server.db.lineage import mark_restored
from server.errors import UnavailableError
from server.hub.credential import FILE_NAME, HubCredential
from server.hub.signin import vouch
from server.hub.uplink import Uplink
from server.models import (
    Booking,
    Customer,
    HubOutbox,
    Payment,
    Provider,
    SyncRow,
    Tenant,
    WalkinTicket,
)
from tests.helpers.clinic import PASSWORD, at, future_day
from tests.helpers.hub import Site, eventually


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
    # Ready all the same: serving the site through an outage is what a hub is for.
    ready = httpx.get(f"{site.hub.base_url}/ready", timeout=5)
    assert ready.status_code == 200
    assert ready.json()["upstream"]["state"] == "unreachable"
    site.central.start()
    eventually(lambda: site.health()["state"] == "online", timeout=40)
    revoked = site.http.post(f"/setup/hubs/{site.hub_id}/revoke", headers=site.admin)
    assert revoked.status_code == 200, revoked.text
    eventually(lambda: site.health()["state"] == "revoked")


def test_a_row_the_site_changed_keeps_the_sites_version_until_central_has_the_change(
    site: Site,
) -> None:
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    mine, theirs = site.book("10:00"), site.book("11:00")
    eventually(lambda: site.count(Booking, Booking.booking_id == uuid.UUID(theirs)) == 1)
    site.hub.stop()
    # At the site: a note on one booking, queued for central (the hub was cut off).
    sessions = make_session_factory(site.store, scope=ALL_TENANTS)
    tid = site.clinic.tenant_id
    with sessions() as s:
        s.get_one(Booking, (tid, uuid.UUID(mine))).notes = "trae estudios"
        s.add(
            HubOutbox(
                tenant_id=tid,
                seq=1,
                client_id=uuid.uuid4(),
                client_seq=1,
                origin_kind="staff",
                origin_id=uuid.uuid4(),
                name="booking.reschedule",
                args={"booking_id": mine, "start_at": at(future_day(), "10:00")},
            )
        )
        s.commit()
    # Meanwhile central changes both bookings.
    for booking in (mine, theirs):
        moved = site.http.post(
            f"/bookings/{booking}/status", headers=site.desk, json={"status": "no_show"}
        )
        assert moved.status_code == 200, moved.text
    held = HubCredential.load(site.folder)
    assert held is not None
    uplink = Uplink(held, site.folder, make_session_factory(site.store))
    try:
        uplink._pull()
    finally:
        uplink.stop()
    with sessions() as s:
        kept = s.get(Booking, (tid, uuid.UUID(mine)))
        came = s.get(Booking, (tid, uuid.UUID(theirs)))
        assert kept is not None
        assert came is not None
        assert (kept.notes, kept.status) == ("trae estudios", "confirmed")  # the site's
        assert came.status == "no_show"  # central's


def test_signing_in_before_the_first_pull_says_to_wait(site: Site) -> None:
    """A new hub's store has no business yet: the sign-in waits, it is not refused."""
    held = HubCredential.load(site.folder)
    assert held is not None
    uplink = Uplink(held, site.folder, make_session_factory(site.store))
    try:
        session = make_session_factory(site.store, scope=ALL_TENANTS)()
        with session, pytest.raises(UnavailableError, match="try again in a moment"):
            vouch(uplink, session, site.clinic.reception_email, PASSWORD)
    finally:
        uplink.stop()


def test_the_hub_holds_its_own_locations_bookings_and_walk_ins(site: Site) -> None:
    """Another location's bookings and walk-ins stay at central: the site's hub and desks
    hold theirs (with the reference data and customers of the whole business)."""
    made = site.http.post("/setup/locations", headers=site.admin, json={"name": "Sede Norte"})
    assert made.status_code == 201, made.text
    north = made.json()["location_id"]
    provider = site.http.post(
        "/setup/providers",
        headers=site.admin,
        json={
            "display_name": "Dr. Norte",
            "location_id": north,
            "service_ids": [str(site.clinic.consult)],
        },
    )
    assert provider.status_code == 201, provider.text
    hours = site.http.put(
        f"/setup/providers/{provider.json()['provider_id']}/hours",
        headers=site.admin,
        json={"hours": [{"weekday": d, "start": "09:00", "end": "18:00"} for d in range(7)]},
    )
    assert hours.status_code == 200, hours.text
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    ours = site.book("10:00")
    theirs = site.book("10:00", provider=uuid.UUID(provider.json()["provider_id"]))
    ticket = site.http.post("/walkins", headers=site.desk, json={"location_id": north})
    assert ticket.status_code == 201, ticket.text
    eventually(lambda: site.count(Booking, Booking.booking_id == uuid.UUID(ours)) == 1)
    assert site.count(Provider) == 3  # the whole business's reference data
    assert site.count(Booking, Booking.booking_id == uuid.UUID(theirs)) == 0
    assert site.count(WalkinTicket) == 0
    # A paid booking moved to the other location leaves the hub with its payment (else
    # the payment would name a booking the hub no longer holds, and every pull fail);
    # moved back, both come back.
    paid = site.http.post(
        f"/bookings/{ours}/payments",
        headers=site.desk,
        json={"amount_minor": 100_000, "method": "cash"},
    )
    assert paid.status_code == 201, paid.text
    eventually(lambda: site.count(Payment) == 1)
    north_doctor = str(provider.json()["provider_id"])
    for to, hhmm, held in ((north_doctor, "15:00", 0), (str(site.clinic.ana), "16:00", 1)):
        moved = site.http.post(
            f"/bookings/{ours}/reschedule",
            headers=site.desk,
            json={"start_at": at(future_day(), hhmm), "provider_id": to},
        )
        assert moved.status_code == 200, moved.text

        def holds(count: int = held) -> bool:
            """the hub holds the booking and its payment, or neither"""
            booking = site.count(Booking, Booking.booking_id == uuid.UUID(ours))
            return booking == count and site.count(Payment) == count

        eventually(holds)
    later = site.book("12:00")  # and the hub's pulls go on
    eventually(lambda: site.count(Booking, Booking.booking_id == uuid.UUID(later)) == 1)


def test_a_hub_stops_exchanging_with_a_central_restored_from_a_backup(
    site: Site, pg_store: Engine
) -> None:
    """Central restored (its new lineage says so): the hub neither takes central's rows
    nor sends the site's changes, which it keeps, and its link says why."""
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    mark_restored(pg_store)
    site.book("09:00")  # central's event stream wakes the hub
    eventually(lambda: "older data" in site.health()["error"])
    assert site.health()["state"] == "unreachable"
    signed = httpx.post(
        f"{site.hub.base_url}/auth/sign-in",
        json={"email": site.clinic.reception_email, "password": PASSWORD},
    ).json()
    made = {
        "booking_id": str(uuid.uuid4()),
        "customer_id": str(site.clinic.customer),
        "service_id": str(site.clinic.consult),
        "provider_id": str(site.clinic.ana),
        "start_at": at(future_day(), "15:00"),
    }
    pushed = httpx.post(
        f"{site.hub.base_url}/sync/push",
        headers={"Authorization": f"Bearer {signed['access_token']}"},
        json={
            "client_id": str(uuid.uuid4()),
            "mutations": [{"seq": 1, "name": "booking.create", "args": made}],
        },
    )
    assert pushed.json()["results"][0]["status"] == "applied", pushed.text
    site.hub.stop()  # and after a restart too
    site.hub.start()
    eventually(lambda: "older data" in site.health()["error"])
    eventually(lambda: site.health()["waiting"] == 1)
    assert site.count(Booking, Booking.booking_id == uuid.UUID(made["booking_id"])) == 1
