"""Server settings, from arguments or TURNERO_* environment variables."""

from __future__ import annotations

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
    migrate_on_start: bool = True
    # Worker threads per process for the routes' database work, and as many pooled
    # connections. Few: the work is Python under one GIL, so more threads add no
    # throughput, only contention. Pushes per second on 2 cores, 2 processes: 111 with
    # anyio's default of 40, 135-150 with 8, 169 with 4.
    worker_threads: int = Field(default=4, ge=1, le=64)

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: str) -> str:
        # HS256 wants at least 32 bytes of key; a short one is guessable offline.
        if value and len(value.encode()) < 32:
            raise ValueError("must be at least 32 bytes long (or empty to generate one)")
        return value
