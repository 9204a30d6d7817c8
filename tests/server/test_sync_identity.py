"""The protocol tells a lost answer's retry from another replica under the same client
id, and a cursor of this store from one of a store it was restored over."""

from __future__ import annotations

import threading
import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.helpers.clinic import Clinic, make_client
from tests.server.test_sync_api import mutation, pull_all


def customer(seq: int, name: str) -> dict[str, Any]:
    return mutation(
        seq, "customer.create", customer_id=str(uuid.uuid4()), first_name=name, last_name="X"
    )


def push(client: TestClient, headers: dict[str, str], cid: str, *mutations: Any) -> Any:
    return client.post(
        "/sync/push", headers=headers, json={"client_id": cid, "mutations": list(mutations)}
    )


def test_a_retry_is_a_duplicate_and_other_content_under_old_seqs_is_refused(
    client: TestClient, desk: dict[str, str]
) -> None:
    cid = str(uuid.uuid4())
    batch = [customer(1, "Uno"), customer(2, "Dos")]
    assert push(client, desk, cid, *batch).status_code == 200
    again = push(client, desk, cid, *batch, customer(3, "Tres"))  # the answer was lost
    assert [r["status"] for r in again.json()["results"]] == ["duplicate", "duplicate", "applied"]
    # A copy of this replica from before seq 3 makes its own third change.
    other = push(client, desk, cid, batch[1], customer(3, "Otro tres"))
    assert other.status_code == 409, other.text
    error = other.json()["error"]
    assert error["code"] == "client_id_reused"
    assert error["details"] == {"duplicates_through": 2, "last_seq": 3}
    # An older batch sent again is still known by its content, to its first change
    # that differs: a backup restored with changes it had not pushed yet.
    older = push(client, desk, cid, batch[0], customer(2, "Dos bis"))
    assert older.json()["error"]["code"] == "client_id_reused"
    assert older.json()["error"]["details"]["duplicates_through"] == 1
    assert push(client, desk, cid, *batch).json()["results"][1]["status"] == "duplicate"
    names = {
        c["data"]["first_name"] for c in pull_all(client, desk)[0] if c["entity"] == "customer"
    }
    assert {"Uno", "Dos", "Tres"} <= names
    assert not names & {"Otro tres", "Dos bis"}


def test_a_single_next_change_keeps_its_digest_too(
    client: TestClient, desk: dict[str, str]
) -> None:
    """Most pushes are one change, the client's next: they take the short way (on
    PostgreSQL the client's row and the digest in one statement). Its retry is still a
    duplicate and other content under its seq is still refused."""
    cid = str(uuid.uuid4())
    assert push(client, desk, cid, customer(1, "Uno")).status_code == 200  # a new client
    second = customer(2, "Dos")
    assert push(client, desk, cid, second).json()["results"][0]["status"] == "applied"
    assert push(client, desk, cid, second).json()["results"][0]["status"] == "duplicate"
    other = push(client, desk, cid, customer(2, "Otro dos"))
    assert other.status_code == 409, other.text
    assert other.json()["error"]["code"] == "client_id_reused"
    assert other.json()["error"]["details"]["duplicates_through"] == 1


def test_a_cursor_this_store_never_gave_is_refused_with_its_own_code(
    client: TestClient, desk: dict[str, str]
) -> None:
    cid = str(uuid.uuid4())
    push(client, desk, cid, customer(1, "Uno"))
    _, cursor = pull_all(client, desk)
    version, entity, entity_id = cursor.split("|")
    assert client.get("/sync/pull", params={"cursor": cursor}, headers=desk).status_code == 200
    for stranger in (
        f"{int(version) + 1000}|{entity}|{entity_id}",  # from the future
        f"{version}|customer|{uuid.uuid4()}",  # a row this store never had
        f"{int(version) + 1}|{entity}|{entity_id}",  # later than the row it names
    ):
        answer = client.get("/sync/pull", params={"cursor": stranger}, headers=desk)
        assert answer.status_code == 409, stranger
        assert answer.json()["error"]["code"] == "cursor_ahead"


def test_the_same_first_push_twice_at_once_is_answered_as_a_replay(
    store: Engine, clinic: Clinic, desk: dict[str, str]
) -> None:
    with make_client(store) as one, make_client(store) as two:
        for _ in range(10):
            cid = str(uuid.uuid4())
            batch = [customer(1, "Gemela"), customer(2, "Gemelo")]
            answers: list[Any] = []
            start = threading.Barrier(2)

            def send(
                own: TestClient,
                batch: list[dict[str, Any]] = batch,
                cid: str = cid,
                start: threading.Barrier = start,
                answers: list[Any] = answers,
            ) -> None:
                start.wait()
                answers.append(push(own, desk, cid, *batch))

            threads = [threading.Thread(target=send, args=(c,)) for c in (one, two)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
            statuses = sorted(r["status"] for a in answers for r in a.json()["results"])
            assert statuses == ["applied", "applied", "duplicate", "duplicate"]
