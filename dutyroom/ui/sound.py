"""The alert sound, with no audio library: a short two-tone chime written once as a WAV file
and played by what every desk OS already has (winsound on Windows, afplay on macOS,
paplay or aplay on Linux), else the system beep.

PySide6-Essentials has no QtMultimedia, and the Addons package (well over 100 MB) would
not earn its place for one chime.
"""

from __future__ import annotations

import logging
import math
import shutil
import struct
import sys
import wave
from pathlib import Path

import platformdirs
from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication

log = logging.getLogger("dutyroom.ui")
RATE = 22_050


def chime_file() -> Path:
    """Write the chime (880 Hz then 660 Hz, 0.25 s each, faded) if it is not there yet."""
    path = Path(platformdirs.user_cache_dir("Dutyroom", appauthor=False)) / "alert.wav"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = bytearray()
    for frequency in (880, 660, 880, 660):
        count = RATE // 4
        for n in range(count):
            fade = min(1.0, n / 400, (count - n) / 400)
            frames += struct.pack("<h", int(12_000 * fade * math.sin(2 * math.pi * frequency * n
                                                                      / RATE)))
    partial = path.with_suffix(".tmp")
    with wave.open(str(partial), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    partial.replace(path)
    return path


def play_chime() -> None:
    """Play without blocking; any failure falls back to the beep and is logged, never raised."""
    try:
        path = chime_file()
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
            return
        for player in ("afplay", "paplay", "aplay"):
            program = shutil.which(player)
            if program:
                QProcess.startDetached(program, ["-q", str(path)] if player == "aplay"
                                       else [str(path)])
                return
    except OSError:
        log.warning("could not play the alert sound", exc_info=True)
    QApplication.beep()
