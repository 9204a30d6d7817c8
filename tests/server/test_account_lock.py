"""The sign-in limits against an attacker with many addresses: a wait that grows, then
a lock per account that an admin can lift; and X-Forwarded-For believed only from the
proxies the configuration names. Against a real server on loopback, run as
`turnero server` runs it (uvicorn with server/cli.py's proxy options)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from server.config import Settings
from server.db.engine import ALL_TENANTS, make_session_factory
from server.ratelimit import AccountPolicy, LoginRateLimiter
from tests.helpers.clinic import PASSWORD, Clinic, make_clinic
from tests.helpers.clock import Clock
from tests.helpers.live import LiveServer

START = datetime.fromisoformat("2026-11-30T12:00:00+00:00")


class SteppingClock(Clock):
    """The server's time (the sign-in limits' included), moved by the test instead of
    waited for."""

    def __init__(self) -> None:
        super().__init__(START)

    def wait(self, seconds: float) -> None:
        assert self.at is not None
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def clinic(store: Engine) -> Clinic:
    return make_clinic(store)


@contextmanager
def serve(
    store: Engine, clock: SteppingClock | None = None, **settings: Any
) -> Iterator[httpx.Client]:
    server = LiveServer(store, clock=clock, **settings)
    server.start()
    try:
        with httpx.Client(base_url=server.base_url, timeout=30) as http:
            yield http
    finally:
        server.stop()


def attempt(http: httpx.Client, email: str, password: str, via: str | None) -> httpx.Response:
    headers = {"X-Forwarded-For": via} if via else {}
    return http.post("/auth/sign-in", json={"email": email, "password": password}, headers=headers)


def test_forwarded_addresses_from_an_untrusted_peer_are_ignored(
    store: Engine, clinic: Clinic
) -> None:
    """No proxy configured: a client that names other addresses is still itself, and
    its attempts per minute run out."""
    with serve(store, login_attempts_per_minute=3) as http:
        answers = [
            attempt(http, f"user{i}@a.test", "guess", via=f"203.0.113.{i}") for i in range(4)
        ]
        assert [a.status_code for a in answers] == [401, 401, 401, 429]
        assert answers[-1].json()["error"]["code"] == "too_many_attempts"


def test_a_configured_proxy_is_believed_about_its_clients(store: Engine, clinic: Clinic) -> None:
    with serve(store, login_attempts_per_minute=3, trusted_proxies="127.0.0.1") as http:
        answers = [
            attempt(http, f"user{i}@a.test", "guess", via=f"203.0.113.{i}") for i in range(4)
        ]
        assert [a.status_code for a in answers] == [401] * 4  # four clients behind it


def test_thirty_wrong_passwords_from_six_addresses_lock_the_account_until_an_admin_unlocks(
    store: Engine, clinic: Clinic
) -> None:
    clock = SteppingClock()
    with serve(store, clock, trusted_proxies="127.0.0.1") as http:
        codes: list[str] = []
        waits: list[int] = []
        for i in range(30):  # five guesses from each of six addresses, as in the probe
            via = f"198.51.100.{i // 5 + 1}"
            answer = attempt(http, clinic.reception_email, f"guess-{i}", via)
            while answer.json()["error"]["code"] == "too_many_attempts":
                waits.append(int(answer.headers["Retry-After"]))
                clock.wait(waits[-1])  # a patient attacker waits as told
                answer = attempt(http, clinic.reception_email, f"guess-{i}", via)
            codes.append(answer.json()["error"]["code"])
        assert codes == ["wrong_credentials"] * 20 + ["account_locked"] * 10
        assert waits == sorted(waits)  # the wait grows with each failure
        assert waits[0] <= 2
        assert waits[-1] >= 256

        # The right password, from an address with no failures: still locked.
        locked = attempt(http, clinic.reception_email, PASSWORD, via="192.0.2.7")
        assert locked.status_code == 429
        error = locked.json()["error"]
        assert error["code"] == "account_locked"
        assert "ask an admin to unlock" in error["message"]
        assert 3000 < int(locked.headers["Retry-After"]) <= 3600

        # An email nobody has is locked the same way: the lock tells nobody who exists.
        for i in range(30):
            answer = attempt(http, "nobody@a.test", "guess", via=f"198.51.100.{i // 5 + 1}")
            while answer.json()["error"]["code"] == "too_many_attempts":
                clock.wait(int(answer.headers["Retry-After"]))
                answer = attempt(http, "nobody@a.test", "guess", via=f"198.51.100.{i // 5 + 1}")
        assert answer.json()["error"]["code"] == "account_locked"

        # The admin sees the lock in the staff listing and lifts it.
        admin = attempt(http, clinic.admin_email, PASSWORD, via="192.0.2.1")
        headers = {"Authorization": f"Bearer {admin.json()['access_token']}"}
        staff = {u["email"]: u for u in http.get("/setup/staff", headers=headers).json()}
        reception = staff[clinic.reception_email]
        assert reception["locked_until"] is not None
        assert staff[clinic.admin_email]["locked_until"] is None
        unlocked = http.post(f"/setup/staff/{reception['user_id']}/unlock", headers=headers)
        assert unlocked.status_code == 200, unlocked.text
        assert unlocked.json()["locked_until"] is None
        back = attempt(http, clinic.reception_email, PASSWORD, via="192.0.2.7")
        assert back.status_code == 200, back.text
        staff = {u["email"]: u for u in http.get("/setup/staff", headers=headers).json()}
        assert staff[clinic.reception_email]["locked_until"] is None


def test_only_an_admin_of_the_business_unlocks(store: Engine, clinic: Clinic) -> None:
    other = make_clinic(store, prefix="b")
    with serve(store) as http:
        tokens = {
            who: attempt(http, email, PASSWORD, via=None).json()["access_token"]
            for who, email in (
                ("admin", clinic.admin_email),
                ("reception", clinic.reception_email),
                ("other", other.admin_email),
            )
        }
        staff = http.get("/setup/staff", headers={"Authorization": f"Bearer {tokens['admin']}"})
        reception = next(u for u in staff.json() if u["role"] == "reception")
        url = f"/setup/staff/{reception['user_id']}/unlock"
        as_desk = http.post(url, headers={"Authorization": f"Bearer {tokens['reception']}"})
        assert as_desk.status_code == 403
        elsewhere = http.post(url, headers={"Authorization": f"Bearer {tokens['other']}"})
        assert elsewhere.status_code == 404


def test_an_account_lock_ends_by_itself_and_a_success_forgets_the_failures(store: Engine) -> None:
    clock = SteppingClock()
    policy = AccountPolicy(free=2, lock=4, window_s=600, lock_s=900)
    limiter = LoginRateLimiter(100, 60, 1000, clock=clock, account=policy)
    with make_session_factory(store, scope=ALL_TENANTS)() as session:
        for _ in range(2):
            assert limiter.check_account(session, "a@b.c").seconds == 0
            limiter.account_failed(session, "a@b.c")
        assert limiter.check_account(session, "a@b.c").seconds == 2
        limiter.account_failed(session, "a@b.c")
        assert limiter.check_account(session, "a@b.c").seconds == 4
        limiter.account_succeeded(session, "a@b.c")  # the person remembered it
        session.commit()
        assert limiter.check_account(session, "a@b.c").seconds == 0
        for _ in range(4):
            limiter.account_failed(session, "a@b.c")
        wait = limiter.check_account(session, "a@b.c")
        assert wait.locked
        assert wait.seconds == 900
        assert limiter.check_account(session, "other@b.c").seconds == 0
        clock.wait(899)
        assert limiter.check_account(session, "a@b.c").locked
        clock.wait(1)
        assert limiter.check_account(session, "a@b.c").seconds == 0  # and a fresh start


def test_trusted_proxies_must_be_addresses_or_networks() -> None:
    assert Settings(trusted_proxies="127.0.0.1, 10.0.0.0/8, ::1").trusted_proxies
    with pytest.raises(ValueError, match="not an IP address"):
        Settings(trusted_proxies="127.0.0.1,proxy.local")
