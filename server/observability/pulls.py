"""What a pull tells the metrics: rows sent, and where its client now stands."""

from __future__ import annotations

import time
import uuid

from server.deps import Principal
from server.observability import lag, metrics
from server.sync.pull import PullPage


def observe_pull(principal: Principal, client_id: uuid.UUID | None, page: PullPage) -> None:
    metrics.ROWS_PULLED.inc(len(page.changes))
    # Desks and kiosks name their replica; a caller that does not is one per session.
    client = str(client_id or principal.session_id)
    at = lag.pulled_to(page.cursor, page.version, page.more)
    lag.BOOK.note(principal.tenant_id, client, at, time.time())
