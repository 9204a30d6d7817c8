"""Playing the board's chime with what the machine has: Windows' own winsound, or the
sound server's command line player (paplay, pw-play, aplay; afplay on macOS), and the
system beep when none is there. No QtMultimedia: see app/chime.py for why."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication

from app.chime import chime_wav

PLAYERS = ("paplay", "pw-play", "aplay", "afplay")


class ChimePlayer:
    """Plays the chime without waiting for it; `played` counts, for tests and logs."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled, self.played = enabled, 0
        self.wav = chime_wav()
        self.player = next((p for p in PLAYERS if shutil.which(p)), None)
        self.file: Path | None = None
        self.process: QProcess | None = None

    def play(self) -> None:
        if not self.enabled:
            return
        self.played += 1
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(self.wav, winsound.SND_MEMORY | winsound.SND_ASYNC)
            return
        if self.player is None:
            QApplication.beep()
            return
        if self.file is None:
            with tempfile.NamedTemporaryFile(
                prefix="turnero-chime-", suffix=".wav", delete=False
            ) as handle:
                handle.write(self.wav)
            self.file = Path(handle.name)
        if self.process is None:
            self.process = QProcess()
        if self.process.state() == QProcess.ProcessState.NotRunning:
            self.process.start(self.player, [str(self.file)])

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.waitForFinished(1000)
        if self.file is not None:
            self.file.unlink(missing_ok=True)
