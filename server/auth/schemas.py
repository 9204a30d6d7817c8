from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field

from app.validation import Text


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Text = Field(min_length=3, max_length=254)
    password: Text = Field(min_length=1, max_length=512)
    tenant_id: uuid.UUID | None = Field(
        default=None, description="Needed only when the email belongs to several businesses"
    )


class Refresh(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: Text = Field(min_length=10, max_length=300)


class UserOut(BaseModel):
    user_id: uuid.UUID
    email: str
    display_name: str
    role: str
    provider_id: uuid.UUID | None


class TenantBrief(BaseModel):
    tenant_id: uuid.UUID
    name: str
    time_zone: str
    locale: str
    currency: str
    vertical: str


class Tokens(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int
    user: UserOut
    tenant: TenantBrief
    upstream: str | None = Field(
        default=None,
        description="At a site hub: the central server, where a desk may fail over to",
    )
