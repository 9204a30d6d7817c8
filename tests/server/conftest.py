from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.helpers.clinic import Clinic, make_client, make_clinic, sign_in
from tests.helpers.clock import Clock


@pytest.fixture
def clinic(store: Engine) -> Clinic:
    return make_clinic(store)


@pytest.fixture
def clock() -> Clock:
    """The server's clock: set `clock.at` to fix what day it is for the rules."""
    return Clock()


@pytest.fixture
def client(store: Engine, clock: Clock) -> Iterator[TestClient]:
    with make_client(store, clock) as c:
        yield c


@pytest.fixture
def desk(client: TestClient, clinic: Clinic) -> dict[str, str]:
    """Authorization headers of the clinic's receptionist."""
    return sign_in(client, clinic.reception_email)


@pytest.fixture
def admin(client: TestClient, clinic: Clinic) -> dict[str, str]:
    return sign_in(client, clinic.admin_email)
