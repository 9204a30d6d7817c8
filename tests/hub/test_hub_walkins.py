"""A walk-in ticket a desk of the site takes through its hub keeps its label at central:
the customer holding "M002" is called as M002 wherever the queue is shown. Central
renumbers it only if it gave that label itself meanwhile (a desk that fell back on
it), and the hub then shows central's."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import Engine, select

from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import WalkinTicket
from tests.helpers.clinic import PASSWORD
from tests.helpers.hub import Site, eventually
from tests.helpers.live import LiveServer
from tests.helpers.wan import Wan


def tickets(engine: Engine) -> dict[str, tuple[str, Any]]:
    """Label and issue time of each ticket, by id."""
    with make_session_factory(engine, scope=ALL_TENANTS)() as s:
        return {str(t.ticket_id): (t.label, t.issued_at) for t in s.scalars(select(WalkinTicket))}


def labels(engine: Engine) -> dict[str, str]:
    return {k: label for k, (label, _) in tickets(engine).items()}


def test_the_hubs_ticket_labels_hold_at_central(
    site: Site, pg_store: Engine, tmp_path: Any
) -> None:
    wan = Wan("127.0.0.1", site.central.port)
    hub: LiveServer = site.another_hub(tmp_path / "site", upstream=wan.url)
    hub.start()
    location = str(site.clinic.location_id)
    try:
        site.await_link(hub, state="online")
        early = site.http.post("/walkins", headers=site.desk, json={"location_id": location})
        assert early.json()["label"] == "M001", early.text
        eventually(lambda: early.json()["ticket_id"] in labels(hub.engine))
        signed = httpx.post(
            f"{hub.base_url}/auth/sign-in",
            json={"email": site.clinic.reception_email, "password": PASSWORD},
        ).json()
        auth = {"Authorization": f"Bearer {signed['access_token']}"}
        client, seq = str(uuid.uuid4()), 0

        def take_ticket() -> str:
            nonlocal seq
            seq += 1
            ticket = str(uuid.uuid4())
            change = {
                "seq": seq,
                "name": "walkin.create",
                "args": {"ticket_id": ticket, "location_id": location},
            }
            answer = httpx.post(
                f"{hub.base_url}/sync/push",
                headers=auth,
                json={"client_id": client, "mutations": [change]},
            )
            assert answer.json()["results"][0]["status"] == "applied", answer.text
            return ticket

        # The WAN is down: the hub numbers on from central's M001.
        wan.cut()
        site.await_link(hub, state="unreachable")
        second, third = take_ticket(), take_ticket()
        at_hub = tickets(hub.engine)
        assert [at_hub[t][0] for t in (second, third)] == ["M002", "M003"]
        wan.restore()
        site.await_link(hub, state="online", waiting=0, timeout=20)
        at_central = tickets(pg_store)
        for t in (second, third):
            assert at_central[t][0] == at_hub[t][0]
            assert at_central[t][1] == at_hub[t][1]  # issued when the hub issued it
        # Central's own desks number on after them.
        later = site.http.post("/walkins", headers=site.desk, json={"location_id": location})
        assert later.json()["label"] == "M004", later.text

        # Another outage, and a desk at central takes M005 meanwhile: the hub's own M005
        # becomes M006 at central, and so at the hub; nothing is refused.
        eventually(lambda: later.json()["ticket_id"] in labels(hub.engine))
        wan.cut()
        site.await_link(hub, state="unreachable")
        clash = take_ticket()
        assert labels(hub.engine)[clash] == "M005"
        meanwhile = site.http.post("/walkins", headers=site.desk, json={"location_id": location})
        assert meanwhile.json()["label"] == "M005", meanwhile.text
        wan.restore()
        site.await_link(hub, state="online", waiting=0, timeout=20)
        assert labels(pg_store)[clash] == "M006"
        eventually(lambda: labels(hub.engine) == labels(pg_store))
    finally:
        hub.stop()
        hub.engine.dispose()
        wan.close()
