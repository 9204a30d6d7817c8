"""A server holds a descriptor per event stream for hours: `turnero server` raises its
soft limit on open files to the hard limit, whatever soft limit it was started with
(systemd's is 1,024)."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from tests.helpers.served import ServerProcess


def open_files_limits(pid: int) -> tuple[int, int]:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max open files"):
            soft, hard = line.split()[3:5]
            return int(soft), int(hard)
    raise AssertionError("no open files limit in /proc")


def test_the_server_raises_its_open_files_limit_to_the_hard_one(tmp_path: Path) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    low = 256
    if hard <= low:
        pytest.skip(f"the hard limit on open files is {hard}: there is nothing to raise")
    server = ServerProcess(["--data-dir", str(tmp_path / "data")], tmp_path / "server.log")
    resource.setrlimit(resource.RLIMIT_NOFILE, (low, hard))  # inherited by the server
    try:
        server.start()
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    try:
        assert open_files_limits(server.pid) == (hard, hard)
    finally:
        server.stop()
