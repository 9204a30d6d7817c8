"""Reading a pulled page's rows (the server's side and the round trip are in
tests/server/test_sync_api.py): a line the sync cannot read stops the pull, rather
than storing half a row."""

from __future__ import annotations

import pytest

from app.sync.api import SyncError, read_rows


def test_rows_keep_their_json_text_and_deletes_have_none() -> None:
    body = b'booking\tb1\t3\t{"notes":"a\\tb"}\ncustomer\tc1\t4\t\n'
    assert read_rows(body) == [
        {"entity": "booking", "id": "b1", "version": 3, "data": '{"notes":"a\\tb"}'},
        {"entity": "customer", "id": "c1", "version": 4, "data": None},
    ]
    assert read_rows(b"") == []


@pytest.mark.parametrize(
    "line",
    [b"booking\tb1\t3\n", b"booking\tb1\tthree\t{}\n", b"booking b1 3 {}\n"],
    ids=["a field short", "a version not a number", "no tabs"],
)
def test_a_row_the_sync_cannot_read_stops_the_pull(line: bytes) -> None:
    with pytest.raises(SyncError, match="cannot read"):
        read_rows(b'service\ts1\t1\t{"name":"x"}\n' + line)
