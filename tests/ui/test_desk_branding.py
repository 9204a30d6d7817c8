"""The desk's header shows the business's logo as synced, and drops one removed since."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests.helpers.deskui import settle
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run


def test_the_header_shows_the_logo_and_drops_it_once_removed(
    run: Run[Any], desks: Desks, demo_server: LiveServer
) -> None:
    app, window = desks.open(demo_server)
    run(settle(app))
    assert window.biz is not None
    assert window.biz.logo  # the demo clinic has one
    shown = window.brand_logo.pixmap()
    assert not shown.isNull()
    assert shown.height() == 32

    window._apply_branding(replace(window.biz, logo=None))
    assert window.brand_logo.pixmap().isNull()
