"""The README works in a fresh clone and speaks of the desk as the user sees it: its
links stay in the repository, the menus it names are the Spanish ones the desk shows
(English in parentheses), and the settings `make run` takes are documented."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md")), ROOT / "packaging" / "README.md"]
TS = ROOT / "resources" / "i18n" / "turnero_es_AR.ts"
# "Archivo > Caja del día (File > Takings of the day)"
MENU_PATH = re.compile(r"([A-ZÁÉÍÓÚ]\w*(?: > [^()>]+?)+) \(([A-Z]\w*(?: > [^()>]+?)+)\)")


def plain(text: str) -> str:
    return " ".join(text.replace("&", "").replace("…", "").split())


def spanish() -> dict[str, set[str]]:
    """English UI text -> its Spanish translations, as the menus show them."""
    found: dict[str, set[str]] = {}
    for m in ET.parse(TS).iter("message"):
        source, target = m.findtext("source") or "", m.findtext("translation") or ""
        found.setdefault(plain(source), set()).add(plain(target))
    return found


def test_the_docs_link_only_to_files_in_the_repository() -> None:
    for doc in DOCS:
        for target in re.findall(r"\]\(([^)#\s]+)", doc.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue  # a web address
            path = (doc.parent / target).resolve()
            assert path.is_relative_to(ROOT), f"{doc.name} links outside the clone: {target}"
            assert path.exists(), f"{doc.name} links to a missing file: {target}"


def test_the_menus_the_readme_names_are_the_ones_the_spanish_desk_shows() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    named = MENU_PATH.findall(text)
    assert len(named) >= 5, named
    words = spanish()
    for es_path, en_path in named:
        es_items = [plain(x) for x in es_path.split(" > ")]
        en_items = [plain(x) for x in en_path.split(" > ")]
        assert len(es_items) == len(en_items), (es_path, en_path)
        for es_item, en_item in zip(es_items, en_items, strict=True):
            # "Print day / Save day as PDF": two items of one menu
            for es, en in zip(es_item.split(" / "), en_item.split(" / "), strict=True):
                shown = words.get(en, set())
                assert es in shown, f"{es!r} is not how the desk says {en!r} ({shown})"


def test_the_settings_of_make_run_are_documented() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    settings = re.findall(r"^(\w+)\s*\?=", makefile, flags=re.MULTILINE)
    assert "PORT" in settings
    readme = README.read_text(encoding="utf-8")
    for name in settings:
        assert f"make run {name}=" in readme, f"README does not say how to set {name}"
