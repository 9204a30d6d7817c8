from __future__ import annotations

from fastapi import APIRouter, Request, Response

from server.auth import service
from server.auth.schemas import Refresh, SignIn, Tokens, UserOut
from server.deps import CurrentUser, RuntimeDep, SessionDep, public
from server.errors import UnauthorizedError
from server.hub import signin as hub_signin
from server.models import StaffUser
from server.ratelimit import enforce, enforce_account

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/sign-in", response_model=Tokens, dependencies=[public()])
def sign_in(body: SignIn, request: Request, runtime: RuntimeDep, session: SessionDep) -> Tokens:
    # The peer, or the client a trusted proxy names (TURNERO_TRUSTED_PROXIES).
    address = request.client.host if request.client else "unknown"
    email = body.email.strip().lower()
    enforce(runtime.limiter, session, address, email)
    enforce_account(runtime.limiter, session, email)
    uplink = request.app.state.uplink
    try:
        if uplink is not None:  # a site hub: central vouches for the password if it can
            hub_signin.vouch(uplink, session, email, body.password)
        tokens = service.sign_in(runtime, session, body.email, body.password, body.tenant_id)
    except UnauthorizedError:
        runtime.limiter.failed(session, address, email)
        runtime.limiter.account_failed(session, email)
        raise
    runtime.limiter.succeeded(session, address, email)
    runtime.limiter.account_succeeded(session, email)
    session.commit()
    if uplink is not None:  # a desk may fall back on central when the hub is down
        tokens.upstream = uplink.credential.upstream
    return tokens


@router.post("/refresh", response_model=Tokens, dependencies=[public()])
def refresh(body: Refresh, runtime: RuntimeDep, session: SessionDep) -> Tokens:
    tokens = service.refresh(runtime, session, body.refresh_token)
    session.commit()
    return tokens


@router.post("/sign-out", status_code=204)
def sign_out(principal: CurrentUser, session: SessionDep) -> Response:
    service.sign_out(session, principal.tenant_id, principal.session_id)
    session.commit()
    return Response(status_code=204)


@router.get("/me", response_model=UserOut)
def me(principal: CurrentUser, session: SessionDep) -> StaffUser:
    return session.get_one(StaffUser, (principal.tenant_id, principal.user_id))
