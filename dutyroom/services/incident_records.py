"""What every incident use case reads: an incident's rows turned into domain values.

Intake, reports upward, dispatch, the views and the handover record all need the same few
things about an incident: its facts, its level as it stood at a moment, its reports and
dispatches, and the deadlines these give under the desk's rules. They live here once, as
session-level readers taking an open session, so no use-case module borrows another's
private helpers. Deadlines are computed by domain/deadlines.py each time they are needed;
the copy kept for the statistics (db/deadline_store.py) is rewritten from the same rules by
the unit of work whenever an incident or its reports are written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db import deadline_store
from dutyroom.db.models import AuditEntry, Department, Dispatch, Incident, UpwardReport
from dutyroom.domain import deadlines as rules_module
from dutyroom.domain.deadlines import Channel, Deadline, Stage
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import (
    COUNTS,
    FUTURE_TOLERANCE,
    TEXTS,
    Category,
    IncidentFacts,
    Level,
    Status,
)
from dutyroom.domain.local_time import parse_local_time
from dutyroom.domain.report_times import is_late_entry, late_entry_text, received_change_text
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.services.conflicts import stale_edit
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.records import audit_change
from dutyroom.services.settings_service import Desk
from dutyroom.services.uow import Changes

ENTITY = "incident"

CHANGED = Changes(incidents=True)

# Listed rather than "not closed", so SQLite reads the few open rows through the status index
# instead of scanning ten years of closed ones.
OPEN_STATUSES = (Status.RECEIVED.value, Status.HANDLING.value)

TIME_FIELDS = {"received_at": "接报时间", "occurred_at": "发生时间"}


@dataclass(frozen=True)
class DeadlineView:
    kind: str
    label: str
    due: datetime
    met_at: datetime | None
    late: bool
    ref: int  # the incident's id
    subject: str  # readable: the incident (and department) it is about

    @classmethod
    def of(cls, deadline: Deadline, ref: int, subject: str) -> DeadlineView:
        return cls(deadline.kind.value, deadline.label(), deadline.due, deadline.met_at,
                   deadline.late, ref, subject)


# --- reading rows into domain values ----------------------------------------------------------


def facts_of(row: Incident) -> IncidentFacts:
    return IncidentFacts(
        category=Category(row.category), level=Level(row.level),
        economic_loss=row.economic_loss,
        **{key: getattr(row, key) for key in (*TIME_FIELDS, *TEXTS, *COUNTS)},
    )


def level_at(row: Incident, moment: datetime) -> Level:
    """The incident's level as it was set at `moment`."""
    return deadline_store.levels_until(row, moment)[-1][1]


def is_open(row: Incident) -> bool:
    return not row.voided and row.status != Status.CLOSED


def load_incident(session: Session, incident_id: int, version: int | None) -> Incident:
    row = session.get(Incident, incident_id)
    if row is None:
        raise InputError([Problem(sentence("没有编号为 {0} 的事件", incident_id), field="id")])
    if version is not None and row.version != version:
        raise stale_edit(session, row, ENTITY, sentence("事件「{0}」", Verbatim(row.title)))
    if row.voided:
        raise InputError.simple(sentence("事件「{0}」已作废，不能再修改或报送", row.title), "id")
    return row


def stated_time(raw: Any, zone: tzinfo, moment: datetime, key: str, label: str,
          not_before: datetime, before_label: str) -> datetime:
    try:
        value = parse_local_time(raw, zone, key, label) or moment
    except FieldError as error:
        raise InputError.from_field(error) from None
    if value > moment + FUTURE_TOLERANCE:
        raise InputError.simple(sentence("{0}比现在晚 5 分钟以上，请检查日期和时间", label), key)
    if value < not_before:
        raise InputError.simple(sentence("{0}不能早于{1}", label, before_label), key)
    return value


# --- deadlines --------------------------------------------------------------------------------


def report_deadlines_of(row: Incident, reports: Sequence[UpwardReport], d: Desk,
                        as_of: datetime | None = None) -> list[Deadline]:
    """The incident's report deadlines under the desk's rules; with `as_of`, as they stood
    then (db/deadline_store.py, which also keeps them for the statistics)."""
    return deadline_store.report_deadlines_of(row, reports, d.rules, d.zone, as_of)


def match_reports(session: Session, row: Incident, d: Desk, actor: str, moment: datetime,
                  fresh: UpwardReport | None = None) -> None:
    """Measure every report of an incident against the deadline it answered, in the order
    the reports were SENT. A report recorded later but sent earlier (补录, or a laptop's
    report merged after the desk's) takes the earlier deadline, and the reports sent after
    it move on; a stored deadline or lateness that changes is chained into the audit trail,
    so `check` sees the correction. `fresh` (just added, audited by its creator) is set
    without an entry of its own."""
    session.flush()
    reports = reports_of(session, [row.id])[row.id]
    for index, report in enumerate(reports):
        before = report_deadlines_of(row, reports[:index], d)
        met = rules_module.deadline_for_report(before, Stage(report.stage), Channel(report.channel))
        due, late = (met.due if met else None), bool(met and report.sent_at > met.due)
        if (report.due_at, report.late) == (due, late):
            continue
        report.due_at, report.late = due, late
        if report is not fresh:
            audit_change(session, report, actor, "upward_report", "update", moment)


def dispatch_deadlines(row: Incident, dispatches: Sequence[tuple[Dispatch, str]]
                        ) -> list[Deadline]:
    if row.voided:
        return []
    return [rules_module.dispatch_deadline(x.ordered_at, x.arrival_minutes, x.arrived_at, name)
            for x, name in dispatches]


def deadline_views(row: Incident, deadlines: Sequence[Deadline]) -> tuple[DeadlineView, ...]:
    return tuple(DeadlineView.of(d, row.id, row.title) for d in deadlines)


def reports_of(session: Session, incident_ids: Sequence[int]) -> dict[int, list[UpwardReport]]:
    found: dict[int, list[UpwardReport]] = {i: [] for i in incident_ids}
    if incident_ids:
        for report in session.scalars(select(UpwardReport)
                                      .where(UpwardReport.incident_id.in_(incident_ids))
                                      .order_by(UpwardReport.sent_at, UpwardReport.id)):
            found[report.incident_id].append(report)
    return found


def dispatches_of(session: Session, incident_ids: Sequence[int]
                   ) -> dict[int, list[tuple[Dispatch, str]]]:
    found: dict[int, list[tuple[Dispatch, str]]] = {i: [] for i in incident_ids}
    if incident_ids:
        rows = session.execute(
            select(Dispatch, Department.name).join(Department)
            .where(Dispatch.incident_id.in_(incident_ids))
            .order_by(Dispatch.ordered_at, Dispatch.id))
        for dispatch, name in rows:
            found[dispatch.incident_id].append((dispatch, name))
    return found


def all_deadlines(session: Session, row: Incident, d: Desk) -> list[Deadline]:
    reports = reports_of(session, [row.id])[row.id]
    dispatches = dispatches_of(session, [row.id])[row.id]
    return sorted(report_deadlines_of(row, reports, d) + dispatch_deadlines(row, dispatches),
                  key=lambda x: x.due)


def late_entry_note(report: UpwardReport, d: Desk) -> str:
    """The 补录 note of a report recorded long after its claimed time, else ""."""
    if not is_late_entry(report.sent_at, report.recorded_at, int(d.late_entry_minutes)):
        return ""
    return late_entry_text(report.sent_at, report.recorded_at, report.entry_reason, d.zone)


def received_correction(session: Session, row: Incident, reports: Sequence[UpwardReport],
                        zone: tzinfo, as_of: datetime | None = None) -> str:
    """The received time's change made after a report existed (with both times), or ""."""
    first_report = min((r.recorded_at for r in reports), default=None)
    if first_report is None:
        return ""
    found, previous = "", None
    for at, payload in session.execute(select(AuditEntry.at, AuditEntry.payload).where(
            AuditEntry.entity == ENTITY, AuditEntry.entity_id == str(row.id))
            .order_by(AuditEntry.id)):
        if as_of is not None and at > as_of:
            break
        received = json.loads(payload).get("received_at")
        if previous is not None and received != previous and at >= first_report:
            found = received_change_text(datetime.fromisoformat(previous),
                                         datetime.fromisoformat(received), zone)
        previous = received
    return found


def open_deadlines_in(session: Session, d: Desk) -> list[DeadlineView]:
    """Every deadline of every open incident, met or not (the alert list filters them).

    Read as plain columns, not ORM rows: after ten years a desk has a thousand incidents
    never closed, and the alert list reads them all at start-up and after every change."""
    rows = session.execute(select(*deadline_store.INCIDENT_TIMES, Incident.title).where(
        Incident.voided.is_(False), Incident.status.in_(OPEN_STATUSES))).all()
    ids = [r.id for r in rows]
    reports = deadline_store.report_times(session, ids)
    dispatches: dict[int, list[Deadline]] = {i: [] for i in ids}
    if ids:
        for x in session.execute(
                select(Dispatch.incident_id, Dispatch.ordered_at, Dispatch.arrival_minutes,
                       Dispatch.arrived_at, Department.name).join(Department)
                .where(Dispatch.incident_id.in_(ids))
                .order_by(Dispatch.ordered_at, Dispatch.id)):  # arrivals due together: as ordered
            dispatches[x.incident_id].append(rules_module.dispatch_deadline(
                x.ordered_at, x.arrival_minutes, x.arrived_at, x.name))
    views: list[DeadlineView] = []
    for row in rows:
        for deadline in deadline_store.report_deadlines_of(row, reports[row.id], d.rules, d.zone):
            views.append(DeadlineView.of(deadline, row.id, row.title))
        for deadline in dispatches[row.id]:
            views.append(DeadlineView.of(deadline, row.id, f"{row.title}（{deadline.note}）"))
    return sorted(views, key=lambda v: v.due)
