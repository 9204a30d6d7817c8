"""The installable bundle: PyInstaller builds it from packaging/turnero.spec and its
own `turnero selftest` passes, with no Python of ours on the path, and it stays within
its size: what the spec leaves out (Qt's unused parts, ICU's and Babel's other
languages) is proved unneeded by the self-test (desk, kiosk, PDF, ICU collation, money
in both languages, TLS, SQLite and PostgreSQL drivers). (How long it takes is reported
by the closing notes, not asserted: the timeout only guards a hang.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_BUNDLE_BYTES = 120 * 2**20  # issue 15's bar (it was 147-158 MB)


def test_the_bundle_builds_and_passes_its_selftest(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            str(Path(sys.executable).parent / "pyinstaller"),
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            str(ROOT / "packaging" / "turnero.spec"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    folder = tmp_path / "dist" / "turnero"
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    assert size <= MAX_BUNDLE_BYTES, f"the bundle is {size / 2**20:.1f} MB"
    executable = folder / "turnero"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "PYTHONPATH")}
    env["HOME"] = str(tmp_path / "home")  # nothing of this machine's settings
    result = subprocess.run(
        [str(executable), "selftest"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "selftest passed" in result.stdout
    assert "ok   PostgreSQL driver, PDF, ICU and money in both languages" in result.stdout
    version = subprocess.run(
        [str(executable), "--version"], capture_output=True, text=True, timeout=60, env=env
    )
    from app import __version__

    assert version.stdout.strip() == f"turnero {__version__}"
