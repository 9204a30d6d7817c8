"""Looking for customers' contact data in a file's bytes."""

from __future__ import annotations

import re
from collections.abc import Iterable


def leaked(secrets: Iterable[str], raw: bytes) -> list[str]:
    """The secrets found in `raw` as whole values: an 8-digit DNI must not count as
    found inside a random id's hex digits (which happens, now and then)."""
    found = []
    for secret in secrets:
        if secret and re.search(
            rb"(?<![0-9A-Za-z])" + re.escape(secret.encode()) + rb"(?![0-9A-Za-z])", raw
        ):
            found.append(secret)
    return found
