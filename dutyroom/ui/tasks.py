"""The one runner for background work, and the one way a page runs an operation
(docs/architecture.md).

A service call runs on a single worker thread (SQLite has one writer) and its result or
error comes back to the UI thread through a Qt signal, so the window never freezes on an
import or a slow query and no ORM object or session crosses a thread. Tests use
`SyncRunner`, which runs the call at once.

`Op` is what a page or a dialog writes instead of the plumbing around `Runner.run` (the
model is Anki's `CollectionOp(parent, op).success(cb).run_in_background()`): it runs the
call on the runner, unpacks an `Outcome`, broadcasts its `Changes` on the runner's `ChangeBus`
(the main window refreshes the other pages from there) and sends every error through
`report_error`, so a bad input reads the same on every page and an internal error always
takes the crash path (logged, and shown as 内部错误).
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from dutyroom.services.errors import ServiceError
from dutyroom.services.uow import Changes, Outcome
from dutyroom.ui.i18n import tr
from dutyroom.ui.widgets import error_text

log = logging.getLogger("dutyroom.ui")

Done = Callable[[Any], object]  # what a callback returns is not used
Failed = Callable[[BaseException], object]


class ChangeBus(QObject):
    """Where every operation's `Changes` are announced, with the widget whose operation made
    them (that page has refreshed itself; the main window refreshes the others)."""

    changed = Signal(object, object)  # Changes, the originating widget or None

    def broadcast(self, changes: Changes, origin: QObject | None = None) -> None:
        if changes:
            self.changed.emit(changes, origin)


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
        self.bus = ChangeBus()

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

    def __init__(self) -> None:
        self.bus = ChangeBus()

    def run(self, fn: Callable[..., Any], *args: Any, done: Done, failed: Failed) -> None:
        try:
            result = fn(*args)
        except Exception as error:
            failed(error)
            return
        done(result)

    def shutdown(self) -> None:
        """Nothing runs in the background."""


def report_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    """The one way an operation's error reaches a person. A service's refusal (bad input, a
    conflict, a missing permission) is its Chinese sentence in a dialog titled `title`;
    anything else is a fault in Dutyroom and takes the crash path (`sys.excepthook`: the
    window's hook logs it with its traceback and shows 内部错误, the self-test fails)."""
    if isinstance(error, ServiceError):
        QMessageBox.warning(parent, title, error_text(error))
        return
    sys.excepthook(type(error), error, error.__traceback__)


class Op:
    """One service call made from a widget: `Op(page, runner, fn, *args).success(show)
    .run_in_background()`.

    On the worker it calls `fn(*args)`. Back on the UI thread, an `Outcome` is unpacked:
    what it changed goes to `changed` (the page refreshes itself) and out on `runner.bus`
    with `parent` as its origin (the window refreshes the other pages), then `success` gets
    the value. An error goes to `report_error`, titled `title`, then to `failure` (to put
    the widget back as it was).
    """

    def __init__(self, parent: QWidget, runner: Runner | SyncRunner,
                 fn: Callable[..., Any], *args: Any, title: str | None = None) -> None:
        self._parent, self._runner, self._fn, self._args = parent, runner, fn, args
        self._title = title
        self._success: Callable[[Any], object] | None = None
        self._changed: Callable[[Changes], object] | None = None
        self._outcome: Callable[[Outcome[Any]], object] | None = None
        self._failure: Callable[[BaseException], object] | None = None
        self._shown = False

    def success(self, callback: Callable[[Any], object]) -> Op:
        self._success = callback
        return self

    def outcome(self, callback: Callable[[Outcome[Any]], object]) -> Op:
        """`callback` gets the whole `Outcome` (after it was broadcast), for a page that says
        whether anything changed."""
        self._outcome = callback
        return self

    def changed(self, callback: Callable[[Changes], object]) -> Op:
        """`callback` gets what the operation changed, when it changed something."""
        self._changed = callback
        return self

    def failure(self, callback: Callable[[BaseException], object], *, shown: bool = False
                ) -> Op:
        """`callback` runs after the error is reported. `shown`: it shows a service's refusal
        itself (in the page's status line), or the caller goes on without the result (the
        职责分工 table only helps at intake), so no dialog is shown for a refusal; a fault
        still takes the crash path."""
        self._failure, self._shown = callback, shown
        return self

    def run_in_background(self) -> None:
        self._runner.run(self._fn, *self._args, done=self._done, failed=self._failed)

    def _done(self, result: Any) -> None:
        if isinstance(result, Outcome):
            if result.changes and self._changed is not None:
                self._changed(result.changes)
            self._runner.bus.broadcast(result.changes, self._parent)
            if self._outcome is not None:
                self._outcome(result)
            result = result.value
        if self._success is not None:
            self._success(result)

    def _failed(self, error: BaseException) -> None:
        if not (self._shown and isinstance(error, ServiceError)):
            report_error(self._parent, self._title or tr("操作未完成"), error)
        if self._failure is not None:
            self._failure(error)
