"""Which part of Turnero may import which, read from the source (ast), not by importing.

- `app` (domain, sync client) imports neither `ui` nor `server`: the desk and kiosk
  logic runs without Qt and without the server.
- `ui` never imports `server`: the desk talks to a server over HTTP only.
- `server` never imports `ui`.
- The server's foundations (`server/db/`, `server/runtime.py`) import no feature
  package (bookings, sync, auth ...): features stand on them, not the other way.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOUNDATIONS = [ROOT / "server" / "db", ROOT / "server" / "runtime.py"]


def _sources(where: Path) -> Iterator[Path]:
    yield from [where] if where.is_file() else sorted(where.rglob("*.py"))


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    return _imports_of(path.read_text(encoding="utf-8"), package)


def _imports_of(source: str, package: str) -> Iterator[tuple[int, str]]:
    """Every module a file of `package` imports, anywhere in it (in functions too)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the file's own package up
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            yield node.lineno, base
            for alias in node.names:  # `from server import bookings` names a package
                yield node.lineno, f"{base}.{alias.name}"


def _feature_packages() -> set[str]:
    return {
        f"server.{p.name}"
        for p in (ROOT / "server").iterdir()
        if (p / "__init__.py").exists() and p.name not in ("db", "models", "migrations")
    }


def _offences(where: list[Path], forbidden: set[str]) -> list[str]:
    found = []
    for folder in where:
        for path in _sources(folder):
            for line, name in _imports(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    found.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return found


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("app", {"ui", "server"}),
        ("ui", {"server"}),
        ("server", {"ui"}),
    ],
)
def test_a_layer_imports_only_what_it_stands_on(layer: str, forbidden: set[str]) -> None:
    assert _offences([ROOT / layer], forbidden) == []


def test_the_server_foundations_import_no_feature() -> None:
    features = _feature_packages()
    assert {"server.bookings", "server.sync", "server.auth"} <= features  # the test sees them
    assert _offences(FOUNDATIONS, features) == []


def test_the_check_finds_what_it_forbids() -> None:
    """The check itself: a foundation importing a feature in each way Python has."""
    features = tuple(_feature_packages())
    for source in (
        "import server.sync.hints\n",
        "from server.sync import hints\n",
        "from server import bookings\n",
        "def f():\n    from ..auth import ratelimit\n",
    ):
        names = [name for _line, name in _imports_of(source, "server.db")]
        assert any(n.startswith(features) for n in names), (source, names)
