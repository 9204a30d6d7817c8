"""The always-visible connection state: online, offline or syncing; changes waiting;
the last sync; first-sync progress; conflicts to settle.

Signals:
    conflicts_clicked(): the user wants to see the conflicts.
    sign_in_clicked(): signed out (the server no longer takes this session), or the
        server's certificate changed (signing in again shows the new one to pin): sign in.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.sync.engine import SyncState, SyncStatus

COLOURS = {
    SyncState.ONLINE: "#2a9d4b",
    SyncState.SYNCING: "#1f6fb2",
    SyncState.OFFLINE: "#c0392b",
    SyncState.SIGNED_OUT: "#8e44ad",
    SyncState.UNTRUSTED: "#b00020",
}


class ConnectionIndicator(QWidget):
    conflicts_clicked = Signal()
    sign_in_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(14)
        self.dot = QLabel("●")
        self.state = QLabel()
        self.pending = QLabel()
        self.last_sync = QLabel()
        # Syncing with a site hub: how the hub's link to central is.
        self.upstream = QLabel()
        self.upstream.hide()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setFormat(self.tr("First sync %v / %m"))
        self.progress.hide()
        self.conflicts = QPushButton()
        self.conflicts.setFlat(True)
        self.conflicts.clicked.connect(self.conflicts_clicked)
        self.conflicts.hide()
        self.sign_in = QPushButton(self.tr("Sign in again…"))
        self.sign_in.clicked.connect(self.sign_in_clicked)
        self.sign_in.hide()
        for label in (self.state, self.pending, self.last_sync, self.upstream):
            label.setTextFormat(Qt.TextFormat.PlainText)
        for w in (
            self.dot,
            self.state,
            self.sign_in,
            self.pending,
            self.upstream,
            self.last_sync,
            self.progress,
            self.conflicts,
        ):
            layout.addWidget(w)
        layout.addStretch(1)
        self.setAccessibleName(self.tr("Connection"))
        self.status: SyncStatus | None = None

    def show_status(self, status: SyncStatus, tz: tzinfo | None = None) -> None:
        self.status = status
        words = {
            SyncState.ONLINE: self.tr("Online"),
            SyncState.SYNCING: self.tr("Syncing…"),
            SyncState.OFFLINE: self.tr("Offline — working from this computer"),
            SyncState.SIGNED_OUT: self.tr("Signed out — sign in again to sync"),
            SyncState.UNTRUSTED: self.tr(
                "The server's certificate changed: ask your administrator"
            ),
        }
        self.dot.setStyleSheet(f"color: {COLOURS[status.state]}; font-size: 16px;")
        self.state.setText(words[status.state])
        self.pending.setText(
            self.tr("%n change(s) waiting", "", status.pending)
            if status.pending
            else self.tr("All saved on the server")
        )
        if status.last_sync_at:
            at = datetime.fromisoformat(status.last_sync_at)
            local = at.astimezone(tz)  # None: this computer's zone
            self.last_sync.setText(self.tr("Last sync %1").replace("%1", f"{local:%H:%M:%S}"))
        else:
            self.last_sync.setText(self.tr("Not synced yet"))
        if status.progress is not None:
            done, total = status.progress
            self.progress.setMaximum(max(1, total))
            self.progress.setValue(done)
            self.progress.show()
        else:
            self.progress.hide()
        self._show_upstream(status, tz)
        self.conflicts.setVisible(status.conflicts > 0)
        self.sign_in.setVisible(status.state in (SyncState.SIGNED_OUT, SyncState.UNTRUSTED))
        self.conflicts.setText(self.tr("⚠ %n conflict(s) to settle", "", status.conflicts))
        shown = (self.state, self.pending, self.upstream, self.last_sync)
        summary = " · ".join(x.text() for x in shown if not x.isHidden())
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)

    def _show_upstream(self, status: SyncStatus, tz: tzinfo | None) -> None:
        """At a site hub: the site works on through an outage, and says so, and how
        much central has yet to hear of."""
        up = status.upstream
        self.upstream.setVisible(up is not None)
        # At a hub "all saved" is said by the link's own words, and a small screen
        # needs the room: the desk's own count shows only when something waits.
        self.pending.setVisible(up is None or status.pending > 0)
        if up is None:
            return
        if status.state is SyncState.ONLINE:
            self.state.setText(self.tr("Online — site server"))
        waiting = self.tr("%n change(s) waiting for central", "", up.waiting)
        if up.state == "online":
            text = waiting if up.waiting else self.tr("Central server connected")
        elif up.state == "unreachable":
            since = up.since.astimezone(tz)
            text = self.tr("Central unreachable since %1").replace("%1", f"{since:%H:%M}")
            text = f"{text} · {waiting}" if up.waiting else text
        elif up.state == "revoked":
            text = self.tr("The site server was unlinked from central: ask your administrator")
        else:
            text = self.tr("The site server is connecting to central…")
        self.upstream.setText(text)
        colour = "#2a9d4b" if up.state == "online" else "#b26a00"
        self.upstream.setStyleSheet(f"color: {colour};")
