from __future__ import annotations

from typing import cast

from alembic.script import ScriptDirectory
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from server.db.migrate import alembic_config, downgrade
from tests.helpers.clinic import make_client


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
    ready = client.get("/ready")
    assert ready.status_code == 200
    head = ScriptDirectory.from_config(
        alembic_config(cast(FastAPI, client.app).state.runtime.engine)
    )
    assert ready.json()["schema"] == head.get_current_head()


def test_ready_says_when_the_schema_is_behind(sqlite_store: Engine) -> None:
    downgrade(sqlite_store, "base")
    with make_client(sqlite_store) as client:
        response = client.get("/ready")
    assert response.status_code == 503
    assert "schema" in response.json()["error"]["message"]


def test_openapi_is_published(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/auth/sign-in", "/bookings", "/availability", "/setup/tenant"} <= set(paths)


def test_every_error_has_the_same_shape(client: TestClient) -> None:
    for response, status in (
        (client.get("/no/such/route"), 404),
        (client.delete("/health"), 405),
        (
            client.post(
                "/auth/sign-in", content=b"{not json", headers={"Content-Type": "application/json"}
            ),
            422,
        ),
        (client.post("/auth/sign-in", json={"email": 5}), 422),
    ):
        assert response.status_code == status
        error = response.json()["error"]
        assert set(error) == {"status", "code", "message", "fields", "details"}
        assert error["status"] == status
    fields = client.post("/auth/sign-in", json={"email": 5}).json()["error"]["fields"]
    assert {f["field"] for f in fields} == {"email", "password"}


def test_unexpected_errors_become_a_plain_500(store: Engine) -> None:
    with make_client(store) as client:
        app = cast(FastAPI, client.app)

        @app.get("/boom")
        def boom() -> None:
            raise RuntimeError("secret internals")

        response = client.get("/boom")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "secret" not in response.text


def test_the_openapi_declares_the_one_error_format(client: TestClient) -> None:
    """Clients (and the fuzzer in test_fuzz) read refusals by the OpenAPI: it must give
    the format the server answers with, not FastAPI's {"detail": [...]}."""
    spec = client.get("/openapi.json").json()
    error = spec["components"]["schemas"]["ErrorBody"]
    assert set(error["required"]) == {"status", "code", "message", "fields", "details"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status in ("401", "403", "404", "413", "422", "429"):
                declared = operation["responses"][status]["content"]["application/json"]
                assert declared["schema"] == {"$ref": "#/components/schemas/ErrorOut"}, (
                    method,
                    path,
                    status,
                )
    assert "HTTPValidationError" not in spec["components"]["schemas"]
