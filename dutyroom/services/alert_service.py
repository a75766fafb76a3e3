"""What the desk must be warned about at a moment: the alert list of 今日值班 and `alerts`.

Alerts are derived from the database every time (nothing is queued), so a restart, a crash
or a night with the laptop asleep loses none: whatever fell due meanwhile is simply overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from dutyroom.domain.deadlines import (
    ALERT_STATE_LABELS,
    KIND_LABELS,
    AlertState,
    DeadlineKind,
    alert_state,
)
from dutyroom.services import incident_service
from dutyroom.services.settings_service import load_settings
from dutyroom.services.uow import UnitOfWork


@dataclass(frozen=True)
class Alert:
    kind: str
    label: str  # what is due, e.g. 书面报告
    subject: str  # what it is about, e.g. the incident's title
    ref: int
    due: datetime
    state: AlertState

    @property
    def state_label(self) -> str:
        return ALERT_STATE_LABELS[self.state]


def alerts_at(uow: UnitOfWork, at: datetime | None = None) -> list[Alert]:
    """Every deadline inside its warning window, due or overdue at `at`, soonest first."""
    moment = (at or datetime.now(UTC)).astimezone(UTC)
    warning = timedelta(minutes=load_settings(uow)["alert_warning_minutes"])
    alerts = []
    for deadline in incident_service.open_deadlines(uow):
        state = alert_state(deadline.due, deadline.met_at, moment, warning)
        if state is None or state == AlertState.DONE:
            continue
        alerts.append(Alert(deadline.kind, KIND_LABELS[DeadlineKind(deadline.kind)],
                            deadline.subject, deadline.ref,
                            deadline.due, state))
    return sorted(alerts, key=lambda a: a.due)
