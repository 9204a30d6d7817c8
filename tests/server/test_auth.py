"""Sign-in, tokens, sign-out, rate limiting and roles."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta
from typing import cast

import jwt
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from app.domain.staff import Role
from server.auth.passwords import hash_password, verify_password
from server.auth.tokens import ALGORITHM, AccessClaims, issue_access_token, read_access_token
from server.db.base import utcnow
from server.db.engine import ALL_TENANTS, make_session_factory
from server.models import SignInAttempt
from server.ratelimit import AccountPolicy, LoginRateLimiter
from tests.helpers.clinic import PASSWORD, Clinic, error_fields, make_client, sign_in


def test_sign_in_returns_tokens_user_and_tenant(client: TestClient, clinic: Clinic) -> None:
    response = client.post(
        "/auth/sign-in", json={"email": " Reception@A.test ", "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    assert body["user"]["role"] == "reception"
    assert body["tenant"]["time_zone"] == "America/Argentina/Buenos_Aires"
    me = client.get("/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["email"] == "reception@a.test"


def test_wrong_password_and_unknown_email_look_the_same(client: TestClient, clinic: Clinic) -> None:
    wrong = client.post("/auth/sign-in", json={"email": "reception@a.test", "password": "nope"})
    unknown = client.post("/auth/sign-in", json={"email": "who@a.test", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["error"]["message"] == unknown.json()["error"]["message"]


def test_requests_without_or_with_a_bad_token_are_refused(client: TestClient) -> None:
    missing = client.get("/auth/me")
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "not_signed_in"
    forged = jwt.encode({"sub": "x", "tid": "y", "exp": 9999999999}, "k" * 40, ALGORITHM)
    bad = client.get("/auth/me", headers={"Authorization": f"Bearer {forged}"})
    assert bad.status_code == 401
    assert bad.json()["error"]["code"] == "invalid_token"


def test_expired_access_token_is_refused(store: Engine, clinic: Clinic) -> None:
    with make_client(store, access_token_minutes=1) as client:
        body = client.post(
            "/auth/sign-in", json={"email": clinic.reception_email, "password": PASSWORD}
        ).json()
        claims = jwt.decode(body["access_token"], options={"verify_signature": False})
        assert claims["exp"] - claims["iat"] == 60
        stale = dict(claims, exp=int((utcnow() - timedelta(seconds=1)).timestamp()))
        token = jwt.encode(stale, cast(FastAPI, client.app).state.runtime.secret_key, ALGORITHM)
        response = client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401


def test_a_token_checked_before_is_refused_once_it_expires(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Verified tokens are cached; their expiry must still be read on every use."""
    secret = "s" * 40
    claims = AccessClaims(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), Role.RECEPTION)
    token = issue_access_token(claims, secret, utcnow(), timedelta(minutes=1))
    assert read_access_token(token, secret) == claims
    assert read_access_token(token, "another-secret-" + "x" * 30) is None
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert read_access_token(token, secret) is None


def test_refresh_rotates_and_a_replayed_refresh_token_ends_the_session(
    client: TestClient, clinic: Clinic
) -> None:
    first = client.post(
        "/auth/sign-in", json={"email": clinic.reception_email, "password": PASSWORD}
    ).json()
    second = client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]
    replay = client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401
    assert error_fields(replay) == ["refresh_token"]
    # The thief's replay revoked the session: the rotated token is dead too.
    after = client.post("/auth/refresh", json={"refresh_token": second.json()["refresh_token"]})
    assert after.status_code == 401
    headers = {"Authorization": f"Bearer {second.json()['access_token']}"}
    assert client.get("/auth/me", headers=headers).status_code == 401


def test_sign_out_revokes_access_and_refresh_at_once(client: TestClient, clinic: Clinic) -> None:
    body = client.post(
        "/auth/sign-in", json={"email": clinic.reception_email, "password": PASSWORD}
    ).json()
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    assert client.post("/auth/sign-out", headers=headers).status_code == 204
    gone = client.get("/auth/me", headers=headers)
    assert gone.status_code == 401
    assert gone.json()["error"]["code"] == "session_revoked"
    refresh = client.post("/auth/refresh", json={"refresh_token": body["refresh_token"]})
    assert refresh.status_code == 401


def test_sign_in_is_rate_limited_per_account_and_address(store: Engine, clinic: Clinic) -> None:
    with make_client(store, login_failures_allowed=3) as client:
        for _ in range(3):
            wrong = {"email": clinic.reception_email, "password": "guess"}
            assert client.post("/auth/sign-in", json=wrong).status_code == 401
        blocked = client.post(
            "/auth/sign-in", json={"email": clinic.reception_email, "password": PASSWORD}
        )
        assert blocked.status_code == 429
        assert int(blocked.headers["Retry-After"]) > 0
        assert "try again" in blocked.json()["error"]["message"]
        # Another account from the same address is not locked by those failures.
        assert sign_in(client, clinic.admin_email)


def test_the_limit_holds_across_server_processes_and_restarts(
    store: Engine, clinic: Clinic
) -> None:
    """Two server processes over one store (`--workers 2`), then a restart: each sees
    the failures the others counted."""
    wrong = {"email": clinic.reception_email, "password": "guess"}
    with (
        make_client(store, login_failures_allowed=3) as one,
        make_client(store, login_failures_allowed=3) as two,
    ):
        assert one.post("/auth/sign-in", json=wrong).status_code == 401
        assert two.post("/auth/sign-in", json=wrong).status_code == 401
    with make_client(store, login_failures_allowed=3) as restarted:
        assert restarted.post("/auth/sign-in", json=wrong).status_code == 401
        right = {"email": clinic.reception_email, "password": PASSWORD}
        assert restarted.post("/auth/sign-in", json=right).status_code == 429
    with make_session_factory(
        store, scope=ALL_TENANTS
    )() as session:  # kept hashed: how often, not who
        keys = session.scalars(select(SignInAttempt.key)).all()
        assert keys
        assert not any(clinic.reception_email in k or "testclient" in k for k in keys)


def test_rate_limiter_window_slides(store: Engine) -> None:
    now = [utcnow()]
    limiter = LoginRateLimiter(2, 60, attempts_per_minute=100, clock=lambda: now[0])
    with make_session_factory(store, scope=ALL_TENANTS)() as session:
        for _ in range(2):
            assert limiter.check(session, "1.2.3.4", "a@b.c") == 0
            limiter.failed(session, "1.2.3.4", "a@b.c")
        assert limiter.check(session, "1.2.3.4", "a@b.c") == 60
        assert limiter.check(session, "1.2.3.4", "other@b.c") == 0  # another account
        now[0] += timedelta(seconds=30)
        assert limiter.check(session, "1.2.3.4", "a@b.c") == 30
        now[0] += timedelta(seconds=31)
        assert limiter.check(session, "1.2.3.4", "a@b.c") == 0
        # A success forgets the failures at once.
        limiter.failed(session, "1.2.3.4", "a@b.c")
        limiter.failed(session, "1.2.3.4", "a@b.c")
        limiter.succeeded(session, "1.2.3.4", "a@b.c")
        session.commit()
        assert limiter.check(session, "1.2.3.4", "a@b.c") == 0


def test_attempts_per_address_are_limited_and_old_ones_forgotten(store: Engine) -> None:
    now = [utcnow()]
    limiter = LoginRateLimiter(
        5,
        600,
        attempts_per_minute=3,
        clock=lambda: now[0],
        account=AccountPolicy(window_s=600, lock_s=600),
    )
    with make_session_factory(store, scope=ALL_TENANTS)() as session:
        for i in range(3):  # spraying three accounts
            assert limiter.check(session, "5.6.7.8", f"{i}@b.c") == 0
        assert limiter.check(session, "5.6.7.8", "3@b.c") == 60
        assert limiter.check(session, "9.9.9.9", "3@b.c") == 0  # another address
        now[0] += timedelta(minutes=11)  # past every window: the rows are swept
        assert limiter.check(session, "5.6.7.8", "3@b.c") == 0
        assert session.scalar(select(func.count()).select_from(SignInAttempt)) == 1


def test_deactivated_user_is_signed_out(
    client: TestClient, clinic: Clinic, admin: dict[str, str]
) -> None:
    desk = sign_in(client, clinic.reception_email)
    staff = client.get("/setup/staff", headers=admin).json()
    reception = next(u for u in staff if u["role"] == "reception")
    patch = client.patch(
        f"/setup/staff/{reception['user_id']}", json={"active": False}, headers=admin
    )
    assert patch.status_code == 200
    assert client.get("/auth/me", headers=desk).status_code == 401


def test_roles_are_enforced_per_endpoint(client: TestClient, clinic: Clinic) -> None:
    desk = sign_in(client, clinic.reception_email)
    provider = sign_in(client, clinic.provider_email)
    service = {"name": "Nuevo", "duration_minutes": 30}
    forbidden = client.post("/setup/services", json=service, headers=desk)
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "forbidden_role"
    # Everyone on staff can read the catalogue; only desk roles touch customers.
    assert client.get("/setup/services", headers=provider).status_code == 200
    assert client.get("/customers", headers=provider).status_code == 403
    booking = {
        "customer_id": str(clinic.customer),
        "service_id": str(clinic.consult),
        "start_at": "2030-01-07T10:00:00-03:00",
    }
    assert client.post("/bookings", json=booking, headers=provider).status_code == 403


def test_argon2_hashes_with_production_parameters() -> None:
    from argon2 import PasswordHasher

    from server.auth import passwords

    encoded = PasswordHasher().hash("abcdefgh")  # what the server uses outside tests
    assert encoded.startswith("$argon2id$")
    assert passwords.verify_password(encoded, "abcdefgh")
    assert not verify_password(hash_password("abcdefgh"), "abcdefgi")
    assert not verify_password(None, "abcdefgh")


def test_a_forged_refresh_token_is_refused_and_the_session_lives(
    client: TestClient, clinic: Clinic
) -> None:
    """Who knows a session's ids (they travel in every access token) but not its secret
    cannot end it: only a token the session really handed out, and has since rotated,
    is a sign that a copy was kept."""
    first = client.post(
        "/auth/sign-in", json={"email": clinic.reception_email, "password": PASSWORD}
    ).json()
    tenant_hex, session_hex, _ = first["refresh_token"].split(".")
    forged = client.post(
        "/auth/refresh", json={"refresh_token": f"{tenant_hex}.{session_hex}.guessed-secret"}
    )
    assert forged.status_code == 401
    assert error_fields(forged) == ["refresh_token"]
    headers = {"Authorization": f"Bearer {first['access_token']}"}
    assert client.get("/auth/me", headers=headers).status_code == 200
    renewed = client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert renewed.status_code == 200


def test_any_rotated_out_refresh_token_coming_back_ends_the_session(
    client: TestClient, clinic: Clinic
) -> None:
    """A thief who refreshes twice before the desk does still gets caught when the
    desk's (now old) token comes back."""
    stolen = client.post(
        "/auth/sign-in", json={"email": clinic.reception_email, "password": PASSWORD}
    ).json()["refresh_token"]
    thief = client.post("/auth/refresh", json={"refresh_token": stolen}).json()
    thief = client.post("/auth/refresh", json={"refresh_token": thief["refresh_token"]}).json()
    desk = client.post("/auth/refresh", json={"refresh_token": stolen})
    assert desk.status_code == 401
    headers = {"Authorization": f"Bearer {thief['access_token']}"}
    assert client.get("/auth/me", headers=headers).status_code == 401
    again = client.post("/auth/refresh", json={"refresh_token": thief["refresh_token"]})
    assert again.status_code == 401


def _signed_in(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    """A session's access header and refresh token, as a desk holds them."""
    body = client.post("/auth/sign-in", json={"email": email, "password": password}).json()
    return {"Authorization": f"Bearer {body['access_token']}", "refresh": body["refresh_token"]}


def _alive(client: TestClient, held: dict[str, str]) -> bool:
    me = client.get("/auth/me", headers={"Authorization": held["Authorization"]})
    return bool(me.status_code == 200)


def _user_id(client: TestClient, admin: dict[str, str], email: str) -> str:
    staff = client.get("/setup/staff", headers=admin).json()
    return str(next(u["user_id"] for u in staff if u["email"] == email))


def test_a_password_reset_by_an_admin_ends_that_users_sessions(
    client: TestClient, clinic: Clinic
) -> None:
    """The reason to reset a password is usually that someone else may know it: the
    devices signed in with the old one are signed out, and cannot refresh."""
    front, back = (_signed_in(client, clinic.reception_email) for _ in range(2))
    admin = _signed_in(client, clinic.admin_email)
    other = _signed_in(client, clinic.provider_email)
    admin_headers = {"Authorization": admin["Authorization"]}
    reception = _user_id(client, admin_headers, clinic.reception_email)
    changed = client.patch(
        f"/setup/staff/{reception}", json={"password": "a-new-secret-9"}, headers=admin_headers
    )
    assert changed.status_code == 200, changed.text
    assert not _alive(client, front)
    assert not _alive(client, back)
    refresh = client.post("/auth/refresh", json={"refresh_token": front["refresh"]})
    assert refresh.status_code == 401
    assert _alive(client, admin)
    assert _alive(client, other)
    assert sign_in(client, clinic.reception_email, "a-new-secret-9")
    # Renaming someone is not a reason to sign them out.
    again = _signed_in(client, clinic.reception_email, "a-new-secret-9")
    client.patch(f"/setup/staff/{reception}", json={"display_name": "Mesa"}, headers=admin_headers)
    assert _alive(client, again)


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others(
    client: TestClient, clinic: Clinic
) -> None:
    here, elsewhere = (_signed_in(client, clinic.admin_email) for _ in range(2))
    headers = {"Authorization": here["Authorization"]}
    me = _user_id(client, headers, clinic.admin_email)
    changed = client.patch(
        f"/setup/staff/{me}", json={"password": "a-new-secret-9"}, headers=headers
    )
    assert changed.status_code == 200, changed.text
    assert _alive(client, here)
    assert client.post("/auth/refresh", json={"refresh_token": here["refresh"]}).status_code == 200
    assert not _alive(client, elsewhere)
    refresh = client.post("/auth/refresh", json={"refresh_token": elsewhere["refresh"]})
    assert refresh.status_code == 401
