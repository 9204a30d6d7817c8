"""Run as a child process: a desk writing changes as fast as it can, offline, and
printing each one the moment it is confirmed. The test kills it with SIGKILL."""

from __future__ import annotations

import sys
import uuid

from app.sync.api import MemoryTokens, SyncApi, Tokens
from app.sync.engine import SyncEngine
from app.sync.replica import Replica


def main(path: str) -> None:
    engine = SyncEngine(Replica(path), SyncApi("http://127.0.0.1:9", MemoryTokens(Tokens("none"))))
    i = 0
    while True:
        i += 1
        customer_id = str(uuid.uuid4())
        engine.submit(
            "customer.create",
            {
                "customer_id": customer_id,
                "first_name": f"N{i}",
                "last_name": "Apellido",
                "phone": "11 4444 5555",
            },
        )
        # Only now would the desk tell the receptionist "saved".
        sys.stdout.write(f"confirmed {customer_id}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1])
