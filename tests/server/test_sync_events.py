"""The event stream (/sync/events) on the wire, against a real server on loopback:
versions as `version` events, keep-alive pings when quiet, and every way a stream ends
(the client leaves, its kiosk is revoked, the server stops) giving its subscription back."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from server.sync import endpoints as sync_endpoints
from tests.helpers.clinic import Clinic, enrol_kiosk
from tests.helpers.desks import sign_in_tokens
from tests.helpers.live import LiveServer


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited for {what}"
        time.sleep(0.02)


def frames(lines: Iterator[str]) -> Iterator[list[str]]:
    """The stream cut into frames (the lines up to each blank one)."""
    frame: list[str] = []
    for line in lines:
        if line:
            frame.append(line)
        elif frame:
            yield frame
            frame = []


def version_of(frame: list[str]) -> int:
    assert frame[0] == "event: version", frame
    assert frame[1].startswith("data: "), frame
    return int(json.loads(frame[1].removeprefix("data: "))["version"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_versions_arrive_as_events_with_pings_between_and_a_leaving_client_lets_go(
    live_server: LiveServer, clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stream pings after 15 s of quiet; a test need not wait that long.
    monkeypatch.setattr(sync_endpoints, "PING_SECONDS", 0.2)
    runtime = live_server.runtime
    assert runtime is not None
    staff = bearer(sign_in_tokens(live_server.base_url, clinic.reception_email).access_token)
    with (
        httpx.Client(base_url=live_server.base_url, timeout=10) as http,
        http.stream("GET", "/sync/events", headers=staff) as stream,
    ):
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        received = frames(stream.iter_lines())
        first = version_of(next(received))  # where the tenant is now, at once
        assert next(received) == [": ping"]  # quiet: a comment keeps proxies from closing
        assert runtime.hints.listening(clinic.tenant_id) == 1
        made = http.post(
            "/customers", headers=staff, json={"first_name": "Ana", "last_name": "Sur"}
        )
        assert made.status_code == 201, made.text
        frame = next(f for f in received if f != [": ping"])
        assert version_of(frame) > first
    # The client hung up: the server notices and gives the subscription back.
    wait_for(lambda: runtime.hints.listening(clinic.tenant_id) == 0, "the stream to end")


def test_a_revoked_kiosks_stream_ends_and_the_servers_stop_ends_the_rest(
    live_server: LiveServer, clinic: Clinic
) -> None:
    runtime = live_server.runtime
    assert runtime is not None
    staff = bearer(sign_in_tokens(live_server.base_url, clinic.reception_email).access_token)
    with httpx.Client(base_url=live_server.base_url, timeout=10) as http:
        device = enrol_kiosk(http, staff, str(clinic.location_id))
        signed = http.post("/auth/device-sign-in", json={"device_token": device["device_token"]})
        kiosk = bearer(signed.json()["access_token"])
        with (
            http.stream("GET", "/sync/events", headers=kiosk) as kiosk_stream,
            http.stream("GET", "/sync/events", headers=staff) as staff_stream,
        ):
            kiosk_frames = frames(kiosk_stream.iter_lines())
            staff_frames = frames(staff_stream.iter_lines())
            version_of(next(kiosk_frames))
            version_of(next(staff_frames))
            revoked = http.post(f"/setup/kiosks/{device['device_id']}/revoke", headers=staff)
            assert revoked.status_code == 200, revoked.text
            assert list(kiosk_frames) == []  # ended, with nothing more said
            wait_for(lambda: runtime.hints.listening(clinic.tenant_id) == 1, "one stream left")
            runtime.hints.close()  # what a stopping server does
            said = [f for f in staff_frames if f != [": ping"]]
            # It ends, and tells the client to come back at once (a restart).
            assert said == [["event: reconnect", "data: {}", "retry: 250"]], said
    wait_for(lambda: runtime.hints.listening(clinic.tenant_id) == 0, "no stream left")
