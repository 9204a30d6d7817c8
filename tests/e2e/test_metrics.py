"""`/metrics` of a real `turnero server --workers 2`: what every worker counted, summed,
on the loopback metrics port and nowhere on the public one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine

from tests.helpers.clinic import PASSWORD, Clinic, make_clinic
from tests.helpers.live import free_port
from tests.helpers.served import wait_ready

TURNERO = str(Path(sys.executable).parent / "turnero")  # the installed console script


def started(args: list[str], log: Path, base: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TURNERO_SECRET_KEY": "metrics-test-" + "k" * 32}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    with log.open("w") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env)
    wait_ready(proc, f"{base}/ready", log.read_text)
    return proc


def stopped(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def clinic(sqlite_store: Engine) -> Clinic:
    return make_clinic(sqlite_store)


@pytest.fixture
def served(sqlite_store: Engine, clinic: Clinic, tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    """The public address, the metrics address and the counts' folder of a server with
    two workers over the clinic's store."""
    data = tmp_path / "data"
    (data / "metrics").mkdir(parents=True)
    (data / "metrics" / "counter_1.db").write_bytes(b"a past run's")  # must be cleared
    port, metrics_port = free_port(), free_port()
    database = sqlite_store.url.render_as_string(hide_password=False)
    base = f"http://127.0.0.1:{port}"
    proc = started(
        [
            TURNERO,
            "server",
            "--database",
            database,
            "--data-dir",
            str(data),
            "--port",
            str(port),
            "--workers",
            "2",
            "--metrics-port",
            str(metrics_port),
        ],
        tmp_path / "server.log",
        base,
    )
    try:
        yield base, f"http://127.0.0.1:{metrics_port}/metrics", data / "metrics"
    finally:
        stopped(proc)
    assert "Traceback" not in (tmp_path / "server.log").read_text()


def fresh(base: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """On a new connection each time, so that both workers get requests."""
    with httpx.Client(base_url=base, timeout=10) as http:
        return http.request(method, path, **kwargs)


def samples(url: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    text = httpx.get(url, timeout=10).text
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(
    found: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


def accepted_by_worker(folder: Path) -> dict[str, float]:
    """Accepted changes each worker counted in its own file."""
    counts = {}
    for path in folder.glob("counter_*.db"):
        for metric in MultiProcessCollector.merge([str(path)]):  # type: ignore[no-untyped-call]
            for s in metric.samples:
                if s.name == "turnero_sync_mutations_total" and s.labels["outcome"] == "accepted":
                    counts[path.stem] = s.value
    return counts


def test_metrics_sum_every_worker_and_stay_off_the_public_port(
    served: tuple[str, str, Path], clinic: Clinic
) -> None:
    base, metrics_url, folder = served
    assert not (folder / "counter_1.db").exists()  # a fresh folder for this run
    wrong = fresh(
        base,
        "POST",
        "/auth/sign-in",
        json={"email": clinic.reception_email, "password": "nope-" * 3},
    )
    assert wrong.status_code == 401
    signed = fresh(
        base, "POST", "/auth/sign-in", json={"email": clinic.reception_email, "password": PASSWORD}
    )
    desk = {"Authorization": f"Bearer {signed.json()['access_token']}"}
    client_id = str(uuid.uuid4())

    def push(seq: int, **args: str) -> list[str]:
        change = {
            "seq": seq,
            "name": "customer.update",
            "args": {"customer_id": str(clinic.customer), **args},
        }
        answer = fresh(
            base,
            "POST",
            "/sync/push",
            headers=desk,
            json={"client_id": client_id, "mutations": [change]},
        )
        assert answer.status_code == 200, answer.text
        return [r["status"] for r in answer.json()["results"]]

    assert push(1, phone="not a phone") == ["rejected"]
    seq = 1
    # Until both workers have counted some (each connection goes to either).
    while len([n for n in accepted_by_worker(folder).values() if n]) < 2:
        seq += 1
        assert seq < 80, accepted_by_worker(folder)
        assert push(seq, notes=f"visit {seq}") == ["applied"]
    assert push(seq, notes=f"visit {seq}") == ["duplicate"]
    pulled = fresh(base, "GET", "/sync/pull", headers=desk, params={"client_id": client_id})
    assert pulled.status_code == 200
    rows = len(pulled.json()["changes"])

    found = samples(metrics_url)
    by_worker = accepted_by_worker(folder)
    assert value(found, "turnero_sync_mutations_total", outcome="accepted", code="") == seq - 1
    assert sum(by_worker.values()) == seq - 1
    assert len(by_worker) >= 2
    assert (
        value(found, "turnero_sync_mutations_total", outcome="refused", code="invalid_phone") == 1
    )
    assert value(found, "turnero_sync_mutations_total", outcome="duplicate", code="") == 1
    assert value(found, "turnero_sync_rows_pulled_total") == rows > 0
    assert value(found, "turnero_sign_in_failures_total") == 1
    assert value(found, "turnero_account_locks_total") == 0
    pushes = {"route": "/sync/push", "method": "POST", "status": "2xx"}
    assert value(found, "turnero_http_request_duration_seconds_count", **pushes) == seq + 1
    assert ("turnero_db_pool_in_use", frozenset()) in found

    # The pull's client is caught up: it lags nothing (once a sampler has noted it).
    deadline = time.monotonic() + 10
    while value(found, "turnero_sync_clients_recent") < 1:
        assert time.monotonic() < deadline, "no worker noted the pull"
        time.sleep(0.2)
        found = samples(metrics_url)
    assert value(found, "turnero_sync_lag_versions") == 0

    # Nothing of it on the public port, signed in or not.
    for headers in ({}, desk):
        public = fresh(base, "GET", "/metrics", headers=headers)
        assert public.status_code == 404
        assert "turnero_" not in public.text
