"""The one runner for background work (DESIGN.md).

A service call runs on a single worker thread (SQLite has one writer) and its result or
error comes back to the UI thread through a Qt signal, so the window never freezes on an
import or a slow query and no ORM object or session crosses a thread. Tests use
`SyncRunner`, which runs the call at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("dutyroom.ui")

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(QObject):
    """Runs `fn(*args)` off the UI thread and calls `done` or `failed` back on it."""

    _finished = Signal(object, object, object)  # future, done, failed

    def __init__(self) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dutyroom-task")
        self._finished.connect(self._deliver)
        self.pending = 0

    def run(self, fn: Callable[..., Any], *args: Any, done: Done, failed: Failed) -> None:
        self.pending += 1
        future = self._pool.submit(fn, *args)
        future.add_done_callback(lambda f: self._finished.emit(f, done, failed))

    def _deliver(self, future: Future, done: Done, failed: Failed) -> None:
        self.pending -= 1
        error = future.exception()
        if error is None:
            done(future.result())
        else:
            failed(error)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


class SyncRunner:
    """Runs the call on the spot; for tests and for the self-test."""

    pending = 0

    def run(self, fn: Callable[..., Any], *args: Any, done: Done, failed: Failed) -> None:
        try:
            result = fn(*args)
        except Exception as error:
            failed(error)
            return
        done(result)

    def shutdown(self) -> None:
        """Nothing runs in the background."""
