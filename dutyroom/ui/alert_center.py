"""The alert center: reads the alert list from the database whenever the clock says something
changed, and makes it heard: a tray message, a sound, the taskbar flashing, again and again
while something due is not taken on.

Whether to ring is decided against what was already rung for each alert (by key), so a
reading repeated after a clock jump, a late job or a restart neither misses an alert nor
rings it twice for the same state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from dutyroom.domain.deadlines import AlertState
from dutyroom.domain.local_time import utc_clock
from dutyroom.services import alert_service
from dutyroom.services.alert_service import Alert, Watch
from dutyroom.services.uow import UnitOfWork
from dutyroom.ui.acting import Acting, ActsForDesk
from dutyroom.ui.alert_timer import AlertTimer
from dutyroom.ui.i18n import tr, tr_label, tr_noted, tr_text
from dutyroom.ui.tasks import Runner, SyncRunner

log = logging.getLogger("dutyroom.ui")
RANK = {AlertState.UPCOMING: 1, AlertState.DUE: 2, AlertState.OVERDUE: 3}
REPEAT_MS = 120_000  # ring again every 2 minutes while something due is not taken on


class Notifier(Protocol):
    def notify(self, title: str, text: str, *, loud: bool) -> None: ...


def summary(alerts: Sequence[Alert], shown: int = 2) -> str:
    """"书面报告 — 化工厂储罐泄漏（已超时）", one line for each of the first `shown`, and how
    many more there are."""
    lines = [tr("{0} — {1}（{2}）").format(tr_noted(a.label), tr_text(a.subject), tr_label(a.state_label))
             for a in alerts[:shown]]
    if len(alerts) > shown:
        lines.append(tr("……另有 {0} 项").format(len(alerts) - shown))
    return "\n".join(lines)


class AlertCenter(ActsForDesk, QObject):
    updated = Signal(object)  # Watch: the list to show now

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner, notifier: Notifier,
                 now: Callable[[], datetime] = utc_clock, clock: AlertTimer | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.acting, self.runner, self.notifier, self.now = Acting.of(uow), runner, notifier, now
        self.clock = clock or AlertTimer(now, parent=self)
        self.clock.due.connect(self.refresh)
        self.clock.rebuild.connect(self.refresh)
        self.current: Watch | None = None
        self._rung: dict[str, int] = {}
        self._reading = False
        self._again = False
        self._repeat = QTimer(self)
        self._repeat.setInterval(REPEAT_MS)
        self._repeat.timeout.connect(self.ring_again)

    def start(self) -> None:
        self.clock.start()
        self._repeat.start()
        if not self._reading:  # the window's first refresh may have asked already
            self.refresh()

    def stop(self) -> None:
        self._repeat.stop()
        self.clock.stop()

    def refresh(self) -> None:
        """Read the list again; a request while one is out is folded into one more read."""
        if self._reading:
            self._again = True
            return
        self._reading = True
        self.runner.run(alert_service.watch, self.uow, self.now(), done=self._apply,
                        failed=self._failed)

    def _apply(self, watch: Watch) -> None:
        self._reading = False
        self.current = watch
        self.clock.plan(watch.changes, watch.rebuild_at)
        self._ring(watch.alerts)
        self.updated.emit(watch)
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._reading = False
        log.error("could not read the alerts", exc_info=error)
        self.notifier.notify(tr("提醒读取失败"), tr("无法读取提醒列表，详情已写入日志；请检查数据库。"),
                             loud=True)

    def _ring(self, alerts: Sequence[Alert]) -> None:
        """Ring what reached a new state; an acknowledged alert no longer rings."""
        fresh = [a for a in alerts if not a.acknowledged_by
                 and RANK[a.state] > self._rung.get(a.key, 0)]
        for alert in fresh:
            self._rung[alert.key] = RANK[alert.state]
        live = {a.key for a in alerts}
        self._rung = {k: v for k, v in self._rung.items() if k in live}
        loud = [a for a in fresh if a.pressing]
        if loud:
            overdue = any(a.state == AlertState.OVERDUE for a in loud)
            self.notifier.notify(tr("值班提醒：已超时") if overdue else tr("值班提醒：已到期"),
                                 summary(loud), loud=True)
        elif fresh:
            self.notifier.notify(tr("值班提醒：即将到期"), summary(fresh), loud=False)

    def ring_again(self) -> None:
        pressing = self.pressing()
        if pressing:
            self.notifier.notify(tr("值班提醒：仍未处理"), summary(pressing), loud=True)

    def pressing(self) -> list[Alert]:
        return self.current.pressing if self.current else []
