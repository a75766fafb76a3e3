"""The one runner for background work (docs/architecture.md).

A service call runs on a single worker thread (SQLite has one writer) and its result or
error comes back to the UI thread through a Qt signal, so the window never freezes on an
import or a slow query and no ORM object or session crosses a thread. Tests use
`SyncRunner`, which runs the call at once.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("dutyroom.ui")

Done = Callable[[Any], object]  # what a callback returns is not used
Failed = Callable[[BaseException], object]


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    done: Done
    failed: Failed
    result: Any = None
    error: BaseException | None = None


class Runner(QObject):
    """Runs `fn(*args)` off the UI thread and calls `done` or `failed` back on it.

    The worker never holds the last reference to anything: the call, its arguments, its
    callbacks and what it returned or raised (with the traceback's frames, which may hold
    a dialog) stay in the job table, and the UI thread lets go of them when it delivers.
    A widget let go of by the worker would be destroyed there, off its thread, which
    crashes Qt (see collector.py for the other way that happened).
    """

    _finished = Signal(int)  # the job's ticket

    def __init__(self) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dutyroom-task")
        self._finished.connect(self._deliver)
        self._jobs: dict[int, _Job] = {}
        self._tickets = itertools.count()
        self.pending = 0

    def run(self, fn: Callable[..., Any], *args: Any, done: Done, failed: Failed) -> None:
        ticket = next(self._tickets)
        self._jobs[ticket] = _Job(fn, args, done, failed)
        self.pending += 1
        self._pool.submit(self._work, ticket)

    def _work(self, ticket: int) -> None:
        """On the worker: run the job, keep its outcome in the table, hold on to nothing."""
        job = self._jobs[ticket]
        try:
            job.result = job.fn(*job.args)
        except BaseException as error:
            job.error = error
        del job
        self._finished.emit(ticket)

    def _deliver(self, ticket: int) -> None:
        self.pending -= 1
        job = self._jobs.pop(ticket)
        if job.error is None:
            job.done(job.result)
        else:
            job.failed(job.error)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
        self._jobs.clear()  # what was never delivered goes here, on the UI thread


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
