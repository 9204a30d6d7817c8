from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.helpers.hub import Site


@pytest.fixture
def site(pg_store: Engine, tmp_path: Path) -> Iterator[Site]:
    made = Site(pg_store, tmp_path / "hub")
    try:
        yield made
    finally:
        made.close()
