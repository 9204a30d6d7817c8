"""The ICU data the bundle keeps (packaging/icu_data.py): the package it writes reads
back item for item, and the choice keeps root, English and Spanish only."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import PySide6

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = Path(PySide6.__file__).parent / "Qt" / "lib" / "libicudata.so.73"


def icu_data() -> ModuleType:
    # Loaded by path: the folder is named `packaging`, as the PyPI library is.
    spec = importlib.util.spec_from_file_location("icu_data", ROOT / "packaging" / "icu_data.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["icu_data"] = module
    spec.loader.exec_module(module)
    return module


def test_the_kept_package_reads_back_item_for_item(tmp_path: Path) -> None:
    icu = icu_data()
    header, items = icu.read_package(icu.package_of(LIBRARY))
    assert len(items) > 3000  # every language, as Qt ships it
    kept = [(name, data) for name, data in items if icu.wanted(name)]
    again_header, again = icu.read_package(icu.write_package(header, kept))
    assert again_header == header
    assert [n for n, _ in again] == [n for n, _ in kept]
    # Items keep their bytes (up to the 16-byte alignment ICU needs).
    for (_, before), (_, after) in zip(kept, again, strict=True):
        assert after[: len(before)] == before
        assert after[len(before) :].strip(b"\0") == b""
    built = icu.slim_library(LIBRARY, tmp_path)
    assert built is not None
    assert icu.read_package(icu.package_of(built))[1] == again
    assert built.stat().st_size < LIBRARY.stat().st_size / 5


def test_it_keeps_root_english_spanish_and_the_language_neutral_data() -> None:
    icu = icu_data()
    for name in (
        "root.res",
        "es_AR.res",
        "es_419.res",
        "en.res",
        "coll/es.res",
        "coll/ucadata.icu",
        "brkitr/word.brk",
        "zoneinfo64.res",
        "likelySubtags.res",
        "nfkc.nrm",
        "cnvalias.icu",
    ):
        assert icu.wanted(f"icudt73l/{name}"), name
    for name in (
        "de.res",
        "zh_Hant.res",
        "coll/ja.res",
        "ibm-943_P15A-2003.cnv",
        "brkitr/cjdict.dict",
        "translit/root.res",
        "lang/es.res",
        "unames.icu",
    ):
        assert not icu.wanted(f"icudt73l/{name}"), name
