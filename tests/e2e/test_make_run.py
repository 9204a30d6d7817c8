"""What `make run` does, end to end: the real command, a real server on loopback."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from server.demo import DEMO_PASSWORD, RECEPTION_EMAIL


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_demo_command_serves_the_demo_and_its_login_works(tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "turnero"),  # the installed console script
            "demo",
            "--data-dir",
            str(tmp_path),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
    )
    output: list[str] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        # The banner ends with the store's path; read up to there.
        while time.monotonic() < deadline and not any("Store:" in x for x in output):
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
            output.append(line)
        banner = "".join(output)
        found = re.search(r"Server:\s+(http://127\.0\.0\.1:\d+)", banner)
        assert found, banner
        base = found.group(1)
        assert base == f"http://127.0.0.1:{port}"
        assert f"{RECEPTION_EMAIL}  password: {DEMO_PASSWORD}" in banner
        with httpx.Client(base_url=base, timeout=5) as http:
            while time.monotonic() < deadline:
                try:
                    if http.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            assert http.get("/ready").status_code == 200
            tokens = http.post(
                "/auth/sign-in", json={"email": RECEPTION_EMAIL, "password": DEMO_PASSWORD}
            )
            assert tokens.status_code == 200, tokens.text
            auth = {"Authorization": f"Bearer {tokens.json()['access_token']}"}
            providers = http.get("/setup/providers", headers=auth).json()
            assert len(providers) == 6
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
