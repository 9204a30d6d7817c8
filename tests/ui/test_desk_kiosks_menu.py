"""File > Kiosks is offered to whoever the server lets manage kiosks (admins and
receptionists, as README's API table says) and to no one else."""

from __future__ import annotations

from typing import Any

import pytest

from app.sync.api import RefusedError
from server.demo import ADMIN_EMAIL, PROVIDER_EMAIL, RECEPTION_EMAIL
from tests.helpers.live import LiveServer
from tests.ui.conftest import Desks, Run


@pytest.mark.parametrize(
    ("email", "offered"), [(ADMIN_EMAIL, True), (RECEPTION_EMAIL, True), (PROVIDER_EMAIL, False)]
)
def test_the_kiosks_menu_is_offered_to_those_the_server_lets_manage_kiosks(
    run: Run[Any], desks: Desks, demo_server: LiveServer, email: str, offered: bool
) -> None:
    _app, window = desks.open(demo_server, email=email)
    assert window.kiosks_action.isVisible() is offered
    # The menu offers what the server allows this caller, no more, no less.
    listing = window.desk.api.call("GET", "/setup/kiosks")
    if offered:
        assert isinstance(run(listing), list)
    else:
        with pytest.raises(RefusedError) as refused:
            run(listing)
        assert refused.value.status == 403
