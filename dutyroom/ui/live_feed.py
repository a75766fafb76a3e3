"""Keeps a window live: what other windows and desks save arrives here within a second or
two, and the window refreshes the pages that show it and its alert schedule.

A thread of its own waits on the database (a LISTEN connection on a server, the file's
data_version on SQLite) so the window never blocks on it. When the connection is lost the
window says so in its status bar and the thread reconnects every few seconds; on its return
the window reads everything again, since notifications sent meanwhile are lost.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from dutyroom.services.live import EVERYTHING, ChangeWatch

log = logging.getLogger("dutyroom")
WAIT_SECONDS = 1.0  # how long one wait lasts: also how soon `stop` is noticed
RETRY_SECONDS = 5.0


class LiveFeed(QObject):
    changed = Signal(object)  # Changes another window made
    connected = Signal(bool)  # False when the feed lost the database, True once it is back

    def __init__(self, open_watch: Callable[[], ChangeWatch], parent: QObject | None = None,
                 retry_seconds: float = RETRY_SECONDS) -> None:
        super().__init__(parent)
        self._open_watch, self._retry = open_watch, retry_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="dutyroom-live", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(WAIT_SECONDS + 2)

    def _run(self) -> None:
        watch: ChangeWatch | None = None
        lost = False
        while not self._stop.is_set():
            try:
                if watch is None:
                    watch = self._open_watch()
                    if lost:  # whatever was sent while away is lost: read it all again
                        lost = False
                        self.connected.emit(True)
                        self.changed.emit(EVERYTHING)
                changes = watch.wait(WAIT_SECONDS)
            except Exception:
                log.warning("live updates: lost the database, retrying", exc_info=True)
                if watch is not None:
                    _close_quietly(watch)
                    watch = None
                if not lost:
                    lost = True
                    self.connected.emit(False)
                self._stop.wait(self._retry)
                continue
            if changes:
                self.changed.emit(changes)
        if watch is not None:
            _close_quietly(watch)


def _close_quietly(watch: ChangeWatch) -> None:
    try:
        watch.close()
    except Exception:  # a connection already gone has nothing left to close
        log.debug("closing a lost live connection", exc_info=True)
