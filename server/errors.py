"""One error format for every failure: which field, what was wrong, a stable code.

{"error": {"status": 409, "code": "slot_taken", "message": "...",
           "fields": [{"field": "start_at", "code": "slot_taken", "message": "..."}]}}
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.domain.errors import ConflictError, DomainError

log = logging.getLogger(__name__)

STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """An error with an HTTP status; `field` is None when no single input is at fault."""

    status = 400

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code or STATUS_CODES.get(self.status, "error")
        self.headers = headers
        self.details = details or {}


class ConflictApiError(ApiError):
    status = 409


class UnauthorizedError(ApiError):
    status = 401


class ForbiddenError(ApiError):
    status = 403


class NotFoundError(ApiError):
    status = 404


class TooManyRequestsError(ApiError):
    status = 429


class UnavailableError(ApiError):
    status = 503


class FieldError(BaseModel):
    field: str
    code: str
    message: str


class ErrorBody(BaseModel):
    status: int
    code: str = Field(description="Stable, for machines: slot_taken, duplicate, ...")
    message: str
    fields: list[FieldError]
    details: dict[str, Any]


class ErrorOut(BaseModel):
    """Every refusal and failure of the API, whatever its status."""

    error: ErrorBody


# What the OpenAPI declares for every route: any of these may answer with ErrorOut.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": description}
    for status, description in (
        (400, "The request cannot be read"),
        (401, "Not signed in, or the session has ended"),
        (403, "Not allowed for this caller"),
        (404, "No such thing, or not visible to this caller"),
        (409, "Conflicts with stored data"),
        (413, "The body is larger than this route takes"),
        (422, "An input is not valid; `fields` says which"),
        (429, "Too many attempts; Retry-After says when to try again"),
        (503, "The database does not answer"),
    )
}

# For a route whose own answers are not JSON (the event stream): its refusals are
# still JSON, but FastAPI files a `model` under the route's media type; a reference to
# the same schema keeps them where they are.
ERROR_RESPONSES_AS_JSON: dict[int | str, dict[str, Any]] = {
    status: {
        "description": response["description"],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }
    for status, response in ERROR_RESPONSES.items()
}


def _printable(text: str) -> str:
    """Text that can be sent as UTF-8: an unpaired surrogate (from a field name or a
    value echoed in a message) is shown escaped instead of failing the response."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def error_response(
    status: int,
    code: str,
    message: str,
    fields: Sequence[dict[str, str]] = (),
    headers: Mapping[str, str] | None = None,
    details: dict[str, Any] | None = None,
) -> JSONResponse:
    body = {
        "status": status,
        "code": code,
        "message": _printable(message),
        "fields": [{k: _printable(v) for k, v in f.items()} for f in fields],
        "details": details or {},
    }
    return JSONResponse({"error": body}, status_code=status, headers=dict(headers or {}))


def _field_path(loc: Sequence[Any]) -> str:
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "body"


# Constraint names come from the naming convention, so they tell which field clashed.
_UNIQUE_FIELDS = {
    "uq_staff_users_tenant_id_email": "email",
    "uq_customers_tenant_id_national_id": "national_id",
    "uq_bookings_tenant_id_code": "code",
}


def is_overlap_deadlock(exc: Exception) -> bool:
    """Two transactions inserting overlapping bookings at the same instant can each wait
    for the other inside the EXCLUDE check; PostgreSQL then aborts one of them. That one
    lost the slot, exactly as if it had come second."""
    orig = getattr(exc, "orig", None)
    context = getattr(getattr(orig, "diag", None), "context", None) or ""
    return isinstance(orig, psycopg.errors.DeadlockDetected) and "exclusion" in context


def is_overlap(exc: Exception) -> bool:
    """The store refused a booking because it overlaps another of its provider."""
    return "ex_bookings_no_overlap" in str(getattr(exc, "orig", "")) or is_overlap_deadlock(exc)


@dataclass(frozen=True)
class StoreRefusal:
    """What a constraint of the store refused, said as the API says it."""

    status: int
    code: str
    field: str | None
    message: str  # about the field, when there is one


def store_refusal(exc: IntegrityError | OperationalError) -> StoreRefusal:
    """The one reading of a constraint violation, for the REST routes and for a
    synced change alike (a duplicate DNI is `duplicate` whichever way it came)."""
    text = str(exc.orig)
    if is_overlap(exc):
        return StoreRefusal(
            409, "slot_taken", "start_at", "overlaps another booking of this provider"
        )
    for constraint, field in _UNIQUE_FIELDS.items():
        sqlite_cols = constraint.removeprefix("uq_").split("_tenant_id_")[-1]
        if constraint in text or re.search(rf"UNIQUE constraint failed: .*\.{sqlite_cols}", text):
            return StoreRefusal(409, "duplicate", field, "is already in use")
    if "pk_" in text or "UNIQUE constraint failed" in text:
        return StoreRefusal(409, "duplicate", "id", "already exists")
    if "foreign key" in text.lower():
        return StoreRefusal(
            422, "unknown_reference", None, "refers to something that does not exist"
        )
    # The constraint's name only: the database's own text quotes the row's values.
    log.error("integrity error not mapped: %s", _constraint_of(exc.orig) or type(exc.orig).__name__)
    return StoreRefusal(409, "conflict", None, "the change conflicts with stored data")


def _constraint_of(orig: BaseException | None) -> str:
    return str(getattr(getattr(orig, "diag", None), "constraint_name", None) or "")


def _integrity(exc: IntegrityError | OperationalError) -> JSONResponse:
    refusal = store_refusal(exc)
    if refusal.field is None:
        return error_response(refusal.status, refusal.code, refusal.message)
    entry = {"field": refusal.field, "code": refusal.code, "message": refusal.message}
    # As before: "national_id is already in use", "start_at: overlaps ..." read as said.
    summary = (
        f"{refusal.field} {refusal.message}"
        if refusal.code == "duplicate" and refusal.field != "id"
        else refusal.message
    )
    return error_response(refusal.status, refusal.code, summary, [entry])


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def on_domain(_: Request, exc: DomainError) -> JSONResponse:
        status = 409 if isinstance(exc, ConflictError) else 422
        entry = {"field": exc.field, "code": exc.code, "message": exc.message}
        return error_response(status, exc.code, f"{exc.field}: {exc.message}", [entry])

    @app.exception_handler(ApiError)
    async def on_api(_: Request, exc: ApiError) -> JSONResponse:
        fields = (
            [{"field": exc.field, "code": exc.code, "message": exc.message}] if exc.field else []
        )
        message = f"{exc.field}: {exc.message}" if exc.field else exc.message
        return error_response(exc.status, exc.code, message, fields, exc.headers, exc.details)

    @app.exception_handler(RequestValidationError)
    async def on_validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        fields = [
            {
                "field": _field_path(err.get("loc", ())),
                "code": str(err.get("type", "invalid")),
                "message": str(err.get("msg", "is not valid")),
            }
            for err in exc.errors()
        ]
        summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields)
        return error_response(422, "validation_error", summary or "invalid request", fields)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = STATUS_CODES.get(exc.status_code, "error")
        return error_response(exc.status_code, code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(IntegrityError)
    async def on_integrity(_: Request, exc: IntegrityError) -> JSONResponse:
        return _integrity(exc)

    @app.exception_handler(OperationalError)
    async def on_operational(request: Request, exc: OperationalError) -> JSONResponse:
        if is_overlap_deadlock(exc):
            return _integrity(exc)
        log.exception("database error on %s %s", request.method, request.url.path)
        return error_response(503, "unavailable", "the database did not answer; try again")

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "something went wrong on the server")
