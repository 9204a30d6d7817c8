"""A site hub passes on to central only sync changes; a change through any other route
would stay in its store and never reach central, so the hub refuses it and names
central, where the desk makes it instead."""

from __future__ import annotations

import httpx

from tests.helpers.clinic import PASSWORD
from tests.helpers.hub import Site, eventually


def test_a_hub_refuses_setup_and_booking_routes_and_names_central(site: Site) -> None:
    site.hub.start()
    eventually(lambda: site.health()["state"] == "online")
    hub = site.hub.base_url
    signed = httpx.post(
        f"{hub}/auth/sign-in", json={"email": site.clinic.admin_email, "password": PASSWORD}
    )
    assert signed.status_code == 200, signed.text
    admin = {"Authorization": f"Bearer {signed.json()['access_token']}"}

    refused = httpx.post(f"{hub}/setup/locations", headers=admin, json={"name": "Sede Norte"})
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "central_only"
    assert error["details"]["central"] == site.central.base_url
    patched = httpx.patch(f"{hub}/setup/tenant", headers=admin, json={"name": "Otra"})
    assert patched.json()["error"]["code"] == "central_only"
    # Nothing was made at the hub or at central.
    names = [x["name"] for x in site.http.get("/setup/locations", headers=site.admin).json()]
    assert "Sede Norte" not in names
    # What the hub answers itself still works: reading, and syncing.
    assert httpx.get(f"{hub}/setup/tenant", headers=admin).status_code == 200
    assert httpx.get(f"{hub}/sync/pull", headers=admin).status_code == 200
