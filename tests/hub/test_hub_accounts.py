"""Staff and kiosks central shuts out are shut out at the site too, outage or not: a
hub lets in, with its own verifiers, whoever central let in before, so it must also
hear when central stops letting someone in."""

from __future__ import annotations

import httpx
import pytest

import server.hub.uplink
from tests.helpers.clinic import PASSWORD
from tests.helpers.hub import Site, eventually


def test_a_deactivated_receptionist_and_a_revoked_kiosk_are_refused_at_the_site(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server.hub.uplink, "ACCOUNTS_EVERY_S", 0.0)  # at each round
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    hub = site.hub.base_url
    signed = httpx.post(
        f"{hub}/auth/sign-in", json={"email": site.clinic.reception_email, "password": PASSWORD}
    )
    assert signed.status_code == 200, signed.text
    desk = {"Authorization": f"Bearer {signed.json()['access_token']}"}
    made = site.http.post(
        "/setup/kiosks",
        headers=site.admin,
        json={"location_id": str(site.clinic.location_id), "name": "Entrada"},
    )
    enrolled = httpx.post(
        f"{hub}/auth/kiosk-enroll", json={"enrollment_code": made.json()["enrollment_code"]}
    )
    assert enrolled.status_code == 200, enrolled.text
    let_in = httpx.post(
        f"{hub}/auth/device-sign-in", json={"device_token": enrolled.json()["device_token"]}
    )
    assert let_in.status_code == 200, let_in.text
    kiosk = {"Authorization": f"Bearer {let_in.json()['access_token']}"}
    for caller in (desk, kiosk):
        assert httpx.get(f"{hub}/sync/pull", headers=caller).status_code == 200

    # At central, the admin deactivates the receptionist and revokes the kiosk.
    staff = site.http.get("/setup/staff", headers=site.admin).json()
    reception = next(u for u in staff if u["email"] == site.clinic.reception_email)
    changed = site.http.patch(
        f"/setup/staff/{reception['user_id']}", headers=site.admin, json={"active": False}
    )
    assert changed.status_code == 200, changed.text
    device_id = enrolled.json()["device_id"]
    revoked = site.http.post(f"/setup/kiosks/{device_id}/revoke", headers=site.admin)
    assert revoked.status_code == 200, revoked.text
    site.book("09:00", site.admin)  # a change at central: the hub's next round comes at once

    # Their sessions at the site end, and with central gone the hub lets neither in.
    eventually(lambda: httpx.get(f"{hub}/sync/pull", headers=desk).status_code == 401)
    eventually(lambda: httpx.get(f"{hub}/sync/pull", headers=kiosk).status_code == 401)
    site.central.stop()
    site.await_link(site.hub, state="unreachable")
    again = httpx.post(
        f"{hub}/auth/sign-in", json={"email": site.clinic.reception_email, "password": PASSWORD}
    )
    assert again.status_code == 401, again.text
    device = httpx.post(
        f"{hub}/auth/device-sign-in", json={"device_token": enrolled.json()["device_token"]}
    )
    assert device.status_code == 401, device.text
