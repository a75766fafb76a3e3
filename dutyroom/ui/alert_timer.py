"""The alert timer: APScheduler on the Qt event loop, woken at every moment an alert changes
state, and watching for the wall clock jumping (sleep, a changed system time).

The clock holds no alert of its own. It is handed "this item next changes at T" for every
item, fires a signal at each T, and the page re-reads the alert list from the database. So
a job that fires twice, late or after a clock change can only cause one more reading,
never a lost or a doubled alert.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtCore import QObject, QTimer, Signal

from dutyroom.domain.local_time import utc_clock

REBUILD_JOB = "rebuild"
HEARTBEAT_MS = 10_000
JUMP = timedelta(seconds=5)  # wall clock moved this much more (or less) than elapsed time


class DeskScheduler(QtScheduler):  # type: ignore[misc]  # APScheduler 3 ships no type hints
    """QtScheduler with one reusable timer.

    APScheduler's QtScheduler keeps the return value of the static QTimer.singleShot, which
    is None under PySide6, so it can never stop a timer: every wakeup (each add_job) would
    leave one more pending. A single owned single-shot QTimer restarts instead.
    """

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        self._qtimer = QTimer()
        self._qtimer.setSingleShot(True)
        self._qtimer.timeout.connect(self._process_jobs)

    def _start_timer(self, wait_seconds: float | None) -> None:
        self._qtimer.stop()
        if wait_seconds is not None:
            self._qtimer.start(min(int(wait_seconds * 1000), 2_147_483_647))

    def _stop_timer(self) -> None:
        self._qtimer.stop()


class AlertTimer(QObject):
    """Schedules a wake-up at each given moment and says when to look again.

    `due` fires at a moment an item changes state; `rebuild` when the set of items itself
    must be read again (a new duty day begins, or the wall clock jumped).
    """

    due = Signal()
    rebuild = Signal()

    def __init__(self, now: Callable[[], datetime] = utc_clock,
                 monotonic: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now, self._monotonic = now, monotonic
        # Jobs run inline on the event loop (DebugExecutor), never on a worker thread; a
        # job late after sleep still runs (no misfire limit) and runs once (coalesce).
        self.scheduler = DeskScheduler(
            timezone=UTC, executors={"default": DebugExecutor()},
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1})
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self.check_jump)
        self._mark = (self._now(), self._monotonic())
        self._delivery_pending = self._rebuild_pending = False

    def start(self) -> None:
        self.scheduler.start()
        self._heartbeat.start()
        self._mark = (self._now(), self._monotonic())

    def stop(self) -> None:
        self._heartbeat.stop()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def plan(self, changes: Mapping[str, datetime], rebuild_at: datetime) -> None:
        """Replace every job: one per item at its next change, and one to rebuild."""
        self.scheduler.remove_all_jobs()
        add = self.scheduler.add_job
        for key, moment in changes.items():
            add(self._fire, "date", run_date=moment, id=key, replace_existing=True,
                args=(False,))
        add(self._fire, "date", run_date=rebuild_at, id=REBUILD_JOB, replace_existing=True,
            args=(True,))

    def _fire(self, rebuild: bool) -> None:
        """Called by the scheduler while it walks its due jobs: the signal goes out once
        that walk is over, so a listener may re-plan (and several jobs due at one moment
        cause one reading)."""
        self._rebuild_pending |= rebuild
        if not self._delivery_pending:
            self._delivery_pending = True
            QTimer.singleShot(0, self._deliver)

    def _deliver(self) -> None:
        self._delivery_pending = False
        if self._rebuild_pending:
            self._rebuild_pending = False
            self.rebuild.emit()
        else:
            self.due.emit()

    def jobs(self) -> dict[str, datetime]:
        return {job.id: job.next_run_time for job in self.scheduler.get_jobs()}

    def check_jump(self) -> bool:
        """Compare the wall clock with elapsed time; after a jump, read everything again
        and let the scheduler recompute its wait (its timer counted in the old time)."""
        wall, mono = self._now(), self._monotonic()
        then_wall, then_mono = self._mark
        self._mark = (wall, mono)
        drift = (wall - then_wall) - timedelta(seconds=mono - then_mono)
        if abs(drift) < JUMP:
            return False
        if self.scheduler.running:
            self.scheduler.wakeup()
        self.rebuild.emit()
        return True
