"""Server settings, from arguments or TURNERO_* environment variables."""

from __future__ import annotations

import ipaddress

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TURNERO_", extra="ignore")

    database_url: str = "sqlite:///turnero.db"
    # Signs access tokens. Several server processes over one PostgreSQL must share it;
    # left empty, each process makes its own and access tokens last until a restart
    # (refresh tokens live in the database, so clients just refresh).
    secret_key: str = ""
    access_token_minutes: int = Field(default=15, ge=1, le=24 * 60)
    refresh_token_days: int = Field(default=30, ge=1, le=365)
    # Sign-in rate limits: failed attempts per email and address, and attempts per address.
    login_failures_allowed: int = Field(default=5, ge=1)
    login_failure_window_s: int = Field(default=900, ge=1)
    login_attempts_per_minute: int = Field(default=30, ge=1)
    # Failures of one account from any address: free ones, then a doubling wait; this
    # many within the window lock it for login_account_lock_s (an admin may unlock it).
    login_account_free_failures: int = Field(default=5, ge=1)
    login_account_lock_failures: int = Field(default=20, ge=2)
    login_account_window_s: int = Field(default=3600, ge=1)
    login_account_lock_s: int = Field(default=3600, ge=1)
    # Reverse proxies whose X-Forwarded-For names the client: addresses or networks,
    # comma-separated. Default none: the rate limits key on the connection's peer, and a
    # forwarded header from anyone else is ignored (else anyone could rotate addresses).
    trusted_proxies: str = ""
    migrate_on_start: bool = True
    # Worker threads per process for the routes' database work, and as many pooled
    # connections. Few: the work is Python under one GIL, so more threads add no
    # throughput, only contention. Pushes per second on 2 cores, 2 processes: 111 with
    # anyio's default of 40, 135-150 with 8, 169 with 4.
    worker_threads: int = Field(default=4, ge=1, le=64)
    # PostgreSQL: a staff member's push of one new booking, the commonest push, is applied
    # with the others of its business that arrive meanwhile, in one transaction
    # (server/sync/grouped.py). Off: each push is its own transaction on a worker thread.
    group_pushes: bool = True
    # A site hub: the folder holding its credential at central (server/hub/). Empty: this
    # server is central, or a single site's own.
    hub_folder: str = ""

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, value: str) -> str:
        for item in proxy_list(value):
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(
                    f"{item!r} is not an IP address or network (e.g. 127.0.0.1, 10.0.0.0/8)"
                ) from None
        return value

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: str) -> str:
        # HS256 wants at least 32 bytes of key; a short one is guessable offline.
        if value and len(value.encode()) < 32:
            raise ValueError("must be at least 32 bytes long (or empty to generate one)")
        return value


def proxy_list(value: str) -> list[str]:
    """TURNERO_TRUSTED_PROXIES as a list."""
    return [item.strip() for item in value.split(",") if item.strip()]
