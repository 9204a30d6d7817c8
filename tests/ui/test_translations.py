"""Every visible string is translatable, and the Spanish file is complete and current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "turnero_es_AR.ts"
BIN = Path(sys.executable).parent


def test_the_linguist_file_holds_every_string_of_the_ui(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    result = subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "(0 new and" in result.stdout, f"run `make translations`:\n{result.stdout}"
    assert ET.parse(copy).getroot().findall(".//message")  # something was found at all
    assert len(ET.parse(copy).findall(".//message")) == len(ET.parse(TS).findall(".//message"))


def test_every_string_has_a_spanish_translation() -> None:
    unfinished = [
        m.findtext("source")
        for m in ET.parse(TS).iter("message")
        if (t := m.find("translation")) is None
        or t.get("type") in ("unfinished", "vanished", "obsolete")
        or not ((t.text or "").strip() or t.findall("numerusform"))
    ]
    assert unfinished == []


def test_the_compiled_file_matches_the_linguist_file(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(fresh)],
        capture_output=True,
        check=True,
    )
    assert fresh.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run `make translations`"
