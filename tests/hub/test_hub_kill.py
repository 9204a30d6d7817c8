"""A hub killed (SIGKILL) again and again while it forwards the site's changes loses
none and applies none twice at central: a real hub process, killed at random moments
after its link to central comes back, and started again on the same data folder."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import Engine, func, select

from server.db.engine import make_session_factory
from server.models import Customer, SyncRejection
from tests.helpers.clinic import PASSWORD, make_clinic
from tests.helpers.hub import eventually
from tests.helpers.live import LiveServer, free_port
from tests.helpers.wan import Wan

CHANGES = 200
KILLS = 4


def start_hub(
    folder: Path, upstream: str, port: int, code: str | None = None
) -> subprocess.Popen[bytes]:
    command = [
        str(Path(sys.executable).parent / "turnero"),
        "server",
        "--data-dir",
        str(folder),
        "--upstream",
        upstream,
        "--port",
        str(port),
    ]
    if code:
        command += ["--enroll", code]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def upstream_of(base: str) -> dict[str, object]:
    try:
        return dict(httpx.get(f"{base}/health", timeout=2).json()["upstream"])
    except (httpx.HTTPError, ValueError, KeyError):
        return {}


def test_sigkill_mid_forward_loses_nothing_and_duplicates_nothing(
    pg_store: Engine, tmp_path: Path
) -> None:
    clinic = make_clinic(pg_store)
    central = LiveServer(pg_store)
    central.start()
    wan = Wan("127.0.0.1", central.port)
    hub: subprocess.Popen[bytes] | None = None
    try:
        admin = httpx.post(
            f"{central.base_url}/auth/sign-in",
            json={"email": clinic.admin_email, "password": PASSWORD},
        ).json()
        made = httpx.post(
            f"{central.base_url}/setup/hubs",
            headers={"Authorization": f"Bearer {admin['access_token']}"},
            json={"location_id": str(clinic.location_id), "name": "Sede"},
        ).json()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        hub = start_hub(tmp_path, wan.url, port, made["enrollment_code"])
        eventually(lambda: upstream_of(base).get("state") == "online", timeout=60)
        desk = httpx.post(
            f"{base}/auth/sign-in", json={"email": clinic.reception_email, "password": PASSWORD}
        ).json()
        headers = {"Authorization": f"Bearer {desk['access_token']}"}
        # The link is cut; the site goes on: 200 new customers, pushed to the hub.
        wan.cut()
        marker = f"Kill{uuid.uuid4().hex[:6]}"
        client_id, seq = str(uuid.uuid4()), 0
        for start in range(0, CHANGES, 50):
            batch = []
            for i in range(start, start + 50):
                seq += 1
                args = {
                    "customer_id": str(uuid.uuid4()),
                    "first_name": f"C{i}",
                    "last_name": marker,
                }
                batch.append({"seq": seq, "name": "customer.create", "args": args})
            answer = httpx.post(
                f"{base}/sync/push",
                headers=headers,
                json={"client_id": client_id, "mutations": batch},
                timeout=30,
            )
            assert {r["status"] for r in answer.json()["results"]} == {"applied"}, answer.text
        # The link is back, and the hub is killed again and again while it forwards.
        wan.restore()
        rng = random.Random(16)
        for _ in range(KILLS):
            time.sleep(rng.uniform(0.05, 0.6))
            os.kill(hub.pid, signal.SIGKILL)
            hub.wait(timeout=10)
            hub = start_hub(tmp_path, wan.url, port)
            eventually(lambda: bool(upstream_of(base)), timeout=60)  # serving again
        eventually(lambda: upstream_of(base).get("waiting") == 0, timeout=90)
        with make_session_factory(pg_store, scope=clinic.tenant_id)() as session:
            arrived = session.scalar(
                select(func.count()).select_from(Customer).where(Customer.last_name == marker)
            )
            refused = session.scalars(select(SyncRejection)).all()
        assert arrived == CHANGES  # none lost
        assert refused == []  # none applied twice (a second apply would be refused)
    finally:
        if hub is not None and hub.poll() is None:
            hub.terminate()
            hub.wait(timeout=20)
        wan.close()
        central.stop()
