"""Qt's ICU data, cut down to what a Spanish or English Turnero can reach.

PySide6's QtCore links ICU, whose data library (libicudata.so.73) carries 32 MB: every
language's names, currencies and units, legacy code pages, Chinese and Thai
dictionaries. Qt formats dates and numbers and names languages from its own CLDR
tables; it asks ICU for collation, case mapping and time-zone names, in the language
the desk speaks. So the bundle keeps ICU's language-neutral data and the root, English
and Spanish locales, and drops the code-page converters (Qt converts UTF-8 itself), the
break dictionaries, the transliterators and the display names Qt takes from its own:
ICU's own data filtering (its user guide, "ICU Data Build Tool"), done on the built
package. A missing item makes ICU fall back to root, never fail to load.

The package format is ICU's "common data" (udata.cpp, CmnD): a header, a table of
contents (name offset, data offset), names, then items aligned to 16 bytes.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

SYMBOL = "icudt73_dat"
LOCALES = {"root", "en", "en_US", "en_001", "es", "es_419", "es_AR", "es_ES"}
_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")
# Qt never asks ICU for these: transliteration, and the names of languages, regions,
# currencies and units, and spelled-out numbers (QLocale has its own CLDR tables).
DROPPED_TREES = ("translit", "lang", "region", "curr", "unit", "rbnf")


def wanted(name: str) -> bool:
    """`name` as in the package, e.g. "icudt73l/coll/es.res"."""
    parts = name.split("/")[1:]
    leaf = parts[-1]
    stem, _, kind = leaf.rpartition(".")
    if parts[0] in DROPPED_TREES:
        return False
    if kind in ("cnv", "dict", "cfu"):  # code pages, break dictionaries, confusables
        return False
    if leaf == "unames.icu":  # the Unicode names of characters
        return False
    if kind == "res" and _LOCALE.match(stem):
        return stem in LOCALES
    return True


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    header_size = struct.unpack_from("<H", data, 0)[0]
    if data[2:4] != b"\xda\x27" or data[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    count = struct.unpack_from("<I", data, header_size)[0]
    toc = [struct.unpack_from("<II", data, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(toc):
        start = header_size + name_at
        name = data[start : data.index(b"\0", start)].decode("ascii")
        end = toc[i + 1][1] if i + 1 < count else len(data) - header_size
        items.append((name, data[header_size + data_at : header_size + end]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    first = _align(toc_size + len(names))
    name_at, data_at = toc_size, first
    toc = [struct.pack("<I", len(items))]
    body = []
    for name, item in items:
        toc.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        padded = item + b"\0" * (_align(len(item)) - len(item))
        body.append(padded)
        data_at += len(padded)
    head = b"".join(toc) + names
    return header + head + b"\0" * (first - len(head)) + b"".join(body)


def _align(n: int) -> int:
    return (n + 15) & ~15


def package_of(library: Path) -> bytes:
    """The package inside libicudata: the bytes of its one exported symbol."""
    symbols = subprocess.run(
        ["readelf", "-Ws", "--dyn-syms", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in symbols.splitlines():
        fields = line.split()
        if fields and fields[-1] == SYMBOL:
            address, size = int(fields[1], 16), int(fields[2], 0)
            break
    else:
        raise ValueError(f"{SYMBOL} not in {library}")
    sections = subprocess.run(
        ["readelf", "-W", "-l", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in sections.splitlines():
        fields = line.split()
        if fields[:1] == ["LOAD"]:
            offset, vaddr, filesz = int(fields[1], 16), int(fields[2], 16), int(fields[4], 16)
            if vaddr <= address < vaddr + filesz:
                data = library.read_bytes()
                start = offset + address - vaddr
                return data[start : start + size]
    raise ValueError(f"{SYMBOL} not in a loaded segment of {library}")


def slim_library(library: Path, out_dir: Path) -> Path | None:
    """A libicudata with the kept items, built in `out_dir`; None (keep the original)
    when this machine has no C compiler or readelf to build it with."""
    if not (shutil.which("cc") and shutil.which("readelf")):
        return None
    header, items = read_package(package_of(library))
    package = write_package(header, [(n, d) for n, d in items if wanted(n)])
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        dat = Path(tmp) / "icudt.dat"
        dat.write_bytes(package)
        source = Path(tmp) / "icudata.S"
        source.write_text(
            "\t.section .rodata\n"
            f"\t.globl {SYMBOL}\n\t.type {SYMBOL}, @object\n\t.balign 16\n"
            f'{SYMBOL}:\n\t.incbin "{dat}"\n\t.size {SYMBOL}, . - {SYMBOL}\n'
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        built = out_dir / library.name
        subprocess.run(
            [
                "cc",
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{library.name}",
                "-o",
                str(built),
                str(source),
            ],
            check=True,
        )
    return built
