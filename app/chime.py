"""The board's call chime, made here as a WAV (a two-note "ding-dong", under a second)
rather than shipped or played through QtMultimedia, which PySide6-Essentials lacks and
PySide6-Addons would bring at hundreds of megabytes (issue 15 caps the bundle)."""

from __future__ import annotations

import io
import math
import struct
import wave

RATE = 22_050  # samples a second: plenty for two bell notes
NOTES = ((659.25, 0.45), (523.25, 0.6))  # E5 then C5, seconds each


def chime_wav(volume: float = 0.5) -> bytes:
    """16-bit mono PCM; each note fades out so that it rings rather than clicks."""
    frames = bytearray()
    for freq, seconds in NOTES:
        count = int(RATE * seconds)
        for i in range(count):
            t = i / RATE
            envelope = math.exp(-4.0 * t / seconds) * min(1.0, i / (RATE * 0.005))
            sample = (
                volume
                * envelope
                * (math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t))
            )
            frames += struct.pack("<h", int(max(-1.0, min(1.0, sample / 1.3)) * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(frames))
    return out.getvalue()
