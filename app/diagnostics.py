"""What staff paste into a support message: versions, server, sync state, the last
errors. Never a token, a password or a customer's data."""

from __future__ import annotations

import platform
import sys

from app import __version__
from app.logs import RECENT, log_folder
from app.sync.engine import SyncStatus


def diagnostics(
    *,
    app: str,
    qt: str,
    server: str,
    user: str,
    status: SyncStatus,
    replica_rows: int,
    last_error: str,
) -> str:
    lines = [
        f"Turnero {__version__} ({app})",
        f"System: {platform.platform()}; Python {sys.version.split()[0]}; Qt {qt}",
        f"Server: {server}",
        f"Signed in as: {user}",
        f"Sync: {status.state.value}; {status.pending} change(s) waiting; "
        f"{status.conflicts} conflict(s); last sync {status.last_sync_at or 'never'}",
        f"Replica: {replica_rows} rows",
        f"Logs: {log_folder()}",
        f"Last sync error: {last_error or 'none'}",
        "Recent warnings and errors:",
        *(f"  {line}" for line in RECENT.records),
    ]
    if not RECENT.records:
        lines.append("  none")
    return "\n".join(lines)
