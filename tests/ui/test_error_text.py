"""What the desk says when a call to the server fails: its own words for what it
knows, the server's words (after its code's translation) for the rest."""

from __future__ import annotations

import pytest

from app.domain.errors import InvalidValueError
from app.sync.api import OfflineError, RefusedError, SignedOutError, TooManyAttemptsError
from ui.common.labels import error_text


@pytest.mark.parametrize(
    ("exc", "said"),
    [
        (
            OfflineError("All connection attempts failed"),
            "The server cannot be reached now. Try again when the desk is online.",
        ),
        (SignedOutError("the session expired"), "The session has ended. Sign in again."),
        (TooManyAttemptsError(61), "Too many attempts. Try again in 2 minute(s)."),
        (
            RefusedError(403, "forbidden_role", "this needs the role admin", "GET /setup/kiosks"),
            "Your role does not allow this.",
        ),
        (
            RefusedError(409, "slot_taken", "overlaps another booking", "POST /bookings"),
            "That time overlaps another booking of this provider.",
        ),
        (
            RefusedError(422, "something_new", "the server's own words", "POST /x"),
            "The server's own words",
        ),
        (
            InvalidValueError("phone", "invalid_phone", "is not a phone number"),
            "The phone is not valid: write it with its area code, e.g. 11 4567-8901.",
        ),
    ],
    ids=["offline", "signed out", "rate limited", "role", "known code", "unknown code", "phone"],
)
def test_a_failed_call_reads_as_the_desk_would_say_it(exc: Exception, said: str) -> None:
    assert error_text(exc) == said
