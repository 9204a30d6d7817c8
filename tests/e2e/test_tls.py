"""HTTPS between desks, kiosks and a site server, with a certificate made by
`turnero admin site-cert` and a real server on loopback: the site's authority is
pinned at first contact, a different one is refused, plain HTTP gets nowhere."""

from __future__ import annotations

import asyncio
import os
import signal
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select

from app import tls
from app.credentials import RunOnlyTokens
from app.desk import Desk
from app.kiosk import enroll
from app.signin import SignInError, sign_in
from app.sync.api import MemoryTokens, SyncApi, Tokens, UntrustedCertificateError
from app.sync.engine import SyncEngine, SyncState
from app.sync.replica import Replica
from server.models import SignInAttempt
from tests.helpers.clinic import PASSWORD, Clinic, make_clinic
from tests.helpers.deskui import wait_until
from tests.helpers.live import LiveServer, free_port
from tests.helpers.sitecert import Site, site_cert
from turnero import build_parser

TURNERO = str(Path(sys.executable).parent / "turnero")  # the installed console script


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return site_cert(tmp_path / "site")


@pytest.fixture
def other_site(tmp_path: Path) -> Site:
    """Another site's authority (or an impostor's), for the same address."""
    return site_cert(tmp_path / "other")


@pytest.fixture
def clinic(sqlite_store: Engine) -> Clinic:
    return make_clinic(sqlite_store)


@pytest.fixture
def server(sqlite_store: Engine, clinic: Clinic, site: Site) -> Iterator[LiveServer]:
    live = LiveServer(sqlite_store, tls=site.tls)
    live.start()
    yield live
    live.stop()


def attempts(engine: Engine) -> int:
    """Sign-in attempts the server has seen (it counts every one)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(SignInAttempt)).scalar_one())


def test_a_desk_signs_in_syncs_and_hears_hints_over_https_with_the_pinned_authority(
    server: LiveServer, clinic: Clinic, site: Site, tmp_path: Path
) -> None:
    assert server.base_url.startswith("https://")

    async def scenario() -> None:
        account, tokens = await sign_in(
            server.base_url, clinic.reception_email, PASSWORD, ca_pem=site.ca_pem
        )
        assert account.tenant_id == str(clinic.tenant_id)
        store = RunOnlyTokens()
        store.save(tokens)
        desk = Desk.open(account, store, data_dir=tmp_path / "desk", ca_pem=site.ca_pem)
        try:
            await desk.engine.sync_once()
            assert desk.status().state is SyncState.ONLINE
            assert desk.replica.all("tenant")[0]["name"] == "Clínica A"
            async for version in desk.api.versions():  # the event stream, the same way
                assert version >= 1
                break
        finally:
            await desk.close()

    asyncio.run(scenario())


def test_the_first_contact_offers_the_sites_authority_and_sends_nothing(
    server: LiveServer, clinic: Clinic, site: Site
) -> None:
    with pytest.raises(tls.UntrustedServerError) as refused:
        asyncio.run(sign_in(server.base_url, clinic.reception_email, PASSWORD))
    assert refused.value.reason == "unknown"
    offered = refused.value.offered
    assert offered is not None
    # What staff are shown is the authority site-cert made, and what it told the
    # administrator desks would show.
    assert offered.fingerprint == site.fingerprint
    assert offered.short == site.printed_short
    assert offered.short == tls.short_fingerprint(site.fingerprint)
    assert len(offered.short.split()) == 8
    assert attempts(server.engine) == 0  # the password never left the desk
    # Confirmed by staff, the same authority lets the desk in.
    account, _ = asyncio.run(
        sign_in(server.base_url, clinic.reception_email, PASSWORD, ca_pem=offered.pem)
    )
    assert account.email == clinic.reception_email


def test_a_server_whose_certificate_another_authority_signed_is_refused(
    server: LiveServer, clinic: Clinic, site: Site, other_site: Site, tmp_path: Path
) -> None:
    pinned = other_site.ca_pem  # what this desk trusted; the server shows another
    with pytest.raises(tls.UntrustedServerError) as refused:
        asyncio.run(sign_in(server.base_url, clinic.reception_email, PASSWORD, ca_pem=pinned))
    assert refused.value.reason == "changed"
    assert refused.value.offered is not None
    assert refused.value.offered.fingerprint == site.fingerprint
    assert attempts(server.engine) == 0

    # A desk already signed in (its session from when the certificate was the pinned
    # one) stops syncing and says why, instead of looking merely offline.
    body = httpx.post(
        f"{server.base_url}/auth/sign-in",
        json={"email": clinic.reception_email, "password": PASSWORD},
        verify=tls.context(site.ca_pem),
    ).json()
    api = SyncApi(server.base_url, MemoryTokens(_tokens(body)), ca_pem=pinned)

    async def scenario() -> None:
        with pytest.raises(UntrustedCertificateError):
            await api.pull("0", 10, full=True, count=False)
        with pytest.raises(UntrustedCertificateError):
            async for _ in api.versions():
                pass
        engine = SyncEngine(Replica(tmp_path / "desk.db"), api, idle_s=3600)
        task = asyncio.create_task(engine.run())
        try:
            await wait_until(
                lambda: engine.status().state is SyncState.UNTRUSTED, 30, "the refusal"
            )
            assert "certificate" in engine.last_error
        finally:
            await engine.shut_down(task)
            await api.aclose()
            engine.replica.close()

    asyncio.run(scenario())


def _tokens(body: dict[str, str]) -> Tokens:
    return Tokens(body["access_token"], body["refresh_token"])


def test_a_plain_http_client_cannot_talk_to_the_tls_port(
    server: LiveServer, clinic: Clinic
) -> None:
    plain = server.base_url.replace("https://", "http://")
    with pytest.raises(httpx.HTTPError):
        httpx.post(
            f"{plain}/auth/sign-in",
            json={"email": clinic.reception_email, "password": PASSWORD},
            timeout=10,
        )
    with pytest.raises(SignInError) as refused:
        asyncio.run(sign_in(plain, clinic.reception_email, PASSWORD))
    assert refused.value.kind == "unreachable"
    assert attempts(server.engine) == 0


def test_a_certificate_made_for_another_name_is_refused_even_from_the_pinned_authority(
    sqlite_store: Engine, clinic: Clinic, tmp_path: Path
) -> None:
    elsewhere = site_cert(tmp_path / "elsewhere", "--host", "recepcion.example")
    live = LiveServer(sqlite_store, tls=elsewhere.tls)
    live.start()
    try:
        with pytest.raises(tls.UntrustedServerError) as refused:
            asyncio.run(
                sign_in(live.base_url, clinic.reception_email, PASSWORD, ca_pem=elsewhere.ca_pem)
            )
        assert refused.value.reason == "name"
        assert refused.value.offered is None  # trusting it would not help: nothing offered
    finally:
        live.stop()


def test_a_server_the_systems_authorities_vouch_for_needs_no_pin(
    server: LiveServer, clinic: Clinic, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the site's authority were a public one this system trusts.
    monkeypatch.setenv("SSL_CERT_FILE", str(site.files.ca_cert))
    tls.context.cache_clear()
    try:
        account, _ = asyncio.run(sign_in(server.base_url, clinic.reception_email, PASSWORD))
        assert account.email == clinic.reception_email
    finally:
        monkeypatch.delenv("SSL_CERT_FILE")
        tls.context.cache_clear()


def test_a_kiosk_enrolls_over_https_once_staff_confirm_the_authority(
    server: LiveServer, clinic: Clinic, site: Site
) -> None:
    trusted = tls.context(site.ca_pem)
    with httpx.Client(base_url=server.base_url, verify=trusted, timeout=10) as http:
        staff = http.post(
            "/auth/sign-in", json={"email": clinic.admin_email, "password": PASSWORD}
        ).json()
        made = http.post(
            "/setup/kiosks",
            headers={"Authorization": f"Bearer {staff['access_token']}"},
            json={"location_id": str(clinic.location_id), "name": "Entrada"},
        )
        assert made.status_code == 201, made.text
        code = made.json()["enrollment_code"]

    async def scenario() -> None:
        with pytest.raises(tls.UntrustedServerError) as refused:
            await enroll(server.base_url, code)
        assert refused.value.reason == "unknown"
        offered = refused.value.offered
        assert offered is not None
        assert offered.fingerprint == site.fingerprint
        # The one-time code was not spent on the refused attempt: it still works.
        identity, tokens = await enroll(server.base_url, code, ca_pem=offered.pem)
        assert identity.location_id == str(clinic.location_id)
        api = SyncApi(identity.server, MemoryTokens(tokens), ca_pem=offered.pem)
        try:
            page = await api.pull("0", 100, full=True, count=False)
            assert any(c["entity"] == "tenant" for c in page["changes"])
        finally:
            await api.aclose()

    asyncio.run(scenario())


# -- the server command ------------------------------------------------------------------


def start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("w") as out:
        return subprocess.Popen(
            [TURNERO, "server", *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "TURNERO_SECRET_KEY": "tls-test-" + "k" * 32},
        )


def ready(proc: subprocess.Popen[bytes], url: str, log: Path, verify: ssl.SSLContext) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            with httpx.Client(verify=verify, timeout=10) as fresh:
                if fresh.get(f"{url}/ready").status_code == 200:
                    return
        except httpx.TransportError:
            pass  # not listening yet: the loop below stops if the server died or is late
        assert proc.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "the server never became ready"
        time.sleep(0.05)


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_the_server_uses_its_data_folders_site_certificate_and_says_so(
    site: Site, tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    proc = start(["--data-dir", str(site.data_dir), "--port", str(port)], log)
    try:
        ready(proc, f"https://127.0.0.1:{port}", log, tls.context(site.ca_pem))
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/ready", timeout=10)
    finally:
        stop(proc)
    first = log.read_text().splitlines()[:4]
    assert first[0].startswith(f"Turnero server on https://127.0.0.1:{port}")
    assert any(str(site.files.server_cert) in line for line in first)
    assert any(site.printed_short in line for line in first), first

    # Told otherwise, plain HTTP (e.g. behind a proxy that does TLS).
    proc = start(["--data-dir", str(site.data_dir), "--port", str(port), "--no-tls"], log)
    try:
        ready(proc, f"http://127.0.0.1:{port}", log, tls.context())
    finally:
        stop(proc)


def test_every_worker_serves_https_with_the_given_certificate(site: Site, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    cert, key = site.tls
    args = ["--database", f"sqlite:///{tmp_path / 'store.db'}", "--port", str(port)]
    args += ["--workers", "2", "--tls-cert", str(cert), "--tls-key", str(key)]
    proc = start(args, log)
    try:
        url = f"https://127.0.0.1:{port}"
        ready(proc, url, log, tls.context(site.ca_pem))
        for _ in range(12):  # fresh connections, so that both workers answer some
            with httpx.Client(verify=tls.context(site.ca_pem), timeout=10) as fresh:
                assert fresh.get(f"{url}/ready").status_code == 200
            with pytest.raises(httpx.HTTPError):
                httpx.get(f"http://127.0.0.1:{port}/ready", timeout=10)
    finally:
        stop(proc)
    assert "Traceback" not in log.read_text()


def test_the_server_will_not_start_with_a_key_that_is_not_its_certificates(
    site: Site, other_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    def server(*argv: str) -> int:
        args = build_parser().parse_args(["server", "--data-dir", str(site.data_dir), *argv])
        code: int = args.func(args)
        return code

    cert, _ = site.tls
    _, wrong_key = other_site.tls
    assert server("--tls-cert", str(cert), "--tls-key", str(wrong_key)) == 2
    assert "cannot serve" in capsys.readouterr().err
    assert server("--tls-cert", str(cert)) == 2
    assert "--tls-cert and --tls-key go together" in capsys.readouterr().err
