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
import pytest

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


def _leave_in_time_wait(port: int) -> None:
    """A connection to `port` closed from the listening side first, as the server's
    are when it stops: the port stays in TIME_WAIT for a minute. Listening as uvicorn
    does (SO_REUSEADDR: Linux lets a port in TIME_WAIT be reused only if so)."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        with socket.create_connection(("127.0.0.1", port)) as client:
            conn, _ = listener.accept()
            conn.close()
            assert client.recv(1) == b""  # the listening side's close arrived
    with socket.socket() as plain, pytest.raises(OSError, match="in use"):
        plain.bind(("127.0.0.1", port))  # without SO_REUSEADDR it looks taken


def _banner(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    output: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any("Store:" in x for x in output):
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        output.append(line)
    return "".join(output)


def _demo(tmp_path: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "turnero"),
            "demo",
            "--data-dir",
            str(tmp_path),
            "--port",
            str(port),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
    )


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stdout:
        proc.stdout.close()


def test_demo_keeps_its_port_when_the_last_run_left_it_in_time_wait(tmp_path: Path) -> None:
    port = _free_port()
    _leave_in_time_wait(port)
    proc = _demo(tmp_path, port)
    try:
        banner = _banner(proc)
        assert f"  Server:    http://127.0.0.1:{port}\n" in banner, banner
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as http:
            deadline = time.monotonic() + 60
            while True:
                try:
                    assert http.get("/health").status_code == 200
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the demo server never answered"
                    time.sleep(0.1)
    finally:
        _stop(proc)


def test_demo_says_so_when_another_program_holds_its_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        proc = _demo(tmp_path, port, "--no-serve")
        try:
            banner = _banner(proc)
        finally:
            _stop(proc)
    found = re.search(r"Server:\s+http://127\.0\.0\.1:(\d+)\s+\((.*)\)", banner)
    assert found, banner
    assert int(found.group(1)) != port
    assert found.group(2) == f"port {port} is in use by another program"
