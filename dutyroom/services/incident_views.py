"""What the log page, 今日值班 and the command line read about incidents: one incident whole,
or a page of the log, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from dutyroom.db import search_index
from dutyroom.db.log_search import newest_first
from dutyroom.db.models import DispatchFeedback, Incident, RegisterEntry
from dutyroom.domain import deadlines as rules_module
from dutyroom.domain.incidents import (
    MASS_INCIDENT,
    IncidentFacts,
    LevelSuggestion,
    Status,
    mass_incident_command,
    suggest_level,
)
from dutyroom.domain.text import sentence
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.incident_records import (
    OPEN_STATUSES,
    DeadlineView,
    deadline_views,
    dispatch_deadlines,
    dispatches_of,
    facts_of,
    is_open,
    late_entry_note,
    report_deadlines_of,
    reports_of,
)
from dutyroom.services.incident_timeline import TimelineEntry, timeline
from dutyroom.services.settings_service import desk
from dutyroom.services.uow import UnitOfWork


@dataclass(frozen=True)
class IncidentRow:
    id: int
    received_at: datetime
    title: str
    category: str
    subtype: str
    level: str
    status: str
    location: str
    reporter: str
    voided: bool
    next_deadline: DeadlineView | None


@dataclass(frozen=True)
class IncidentPage:
    rows: list[IncidentRow]
    more: bool  # another page follows; fetch it with `after` = the last row


@dataclass(frozen=True)
class ReportView:
    id: int
    stage: str
    channel: str
    sent_at: datetime
    recipient: str
    sent_by: str
    text: str
    due_at: datetime | None
    late: bool
    recorded_at: datetime
    late_entry: str  # "" or the 补录 note with both times and the reason (domain/report_times)


@dataclass(frozen=True)
class FeedbackView:
    at: datetime
    kind: str
    text: str
    by: str


@dataclass(frozen=True)
class DispatchView:
    id: int
    department_id: int
    department: str
    contact_name: str
    contact_phone: str
    ordered_at: datetime
    due: datetime
    arrived_at: datetime | None
    closed_at: datetime | None
    status: str
    feedback: tuple[FeedbackView, ...]
    instruction: str = ""


@dataclass(frozen=True)
class IncidentDetail:
    id: int
    version: int
    uuid: str
    facts: IncidentFacts
    status: str
    voided: bool
    void_reason: str
    closed_at: datetime | None
    created_by: str
    deadlines: tuple[DeadlineView, ...]
    reports: tuple[ReportView, ...]
    dispatches: tuple[DispatchView, ...]
    timeline: tuple[TimelineEntry, ...]
    register_entry_id: int | None
    suggestion: LevelSuggestion
    command: str  # who commands a mass incident, else ""

    @property
    def open(self) -> bool:
        return not self.voided and self.status != Status.CLOSED


@dataclass(frozen=True)
class IncidentQuery:
    start: date | None = None
    end: date | None = None
    category: str | None = None
    level: str | None = None
    status: str | None = None
    text: str = ""
    include_voided: bool = False
    open_only: bool = False  # not yet closed (办结), as 今日值班 lists them


def get_incident(uow: UnitOfWork, incident_id: int) -> IncidentDetail:
    with uow.read() as session:
        d = desk(session)
        row = session.get(Incident, incident_id)
        if row is None:
            raise InputError([Problem(sentence("没有编号为 {0} 的事件", incident_id), field="id")])
        reports = reports_of(session, [row.id])[row.id]
        dispatches = dispatches_of(session, [row.id])[row.id]
        deadlines = sorted(report_deadlines_of(row, reports, d)
                           + dispatch_deadlines(row, dispatches), key=lambda x: x.due)
        feedback: dict[int, list[DispatchFeedback]] = {order.id: [] for order, _ in dispatches}
        for answer in session.scalars(select(DispatchFeedback).where(
                DispatchFeedback.dispatch_id.in_(list(feedback)))
                .order_by(DispatchFeedback.at, DispatchFeedback.id)):
            feedback[answer.dispatch_id].append(answer)
        dispatch_views = []
        for order, name in dispatches:
            due = rules_module.dispatch_deadline(order.ordered_at, order.arrival_minutes,
                                                 order.arrived_at, name).due
            dispatch_views.append(DispatchView(
                order.id, order.department_id, name, order.contact_name, order.contact_phone,
                order.ordered_at, due, order.arrived_at, order.closed_at, order.status,
                tuple(FeedbackView(f.at, f.kind, f.text, f.by) for f in feedback[order.id]),
                order.instruction))
        facts = facts_of(row)
        command = ""
        if facts.subtype == MASS_INCIDENT:
            command = mass_incident_command(facts.people_involved, d.mass_county_over,
                                            d.mass_city_from)
        source = session.scalar(select(RegisterEntry.id)
                                .where(RegisterEntry.incident_id == row.id).limit(1))
        return IncidentDetail(
            id=row.id, version=row.version, uuid=row.uuid, facts=facts, status=row.status,
            voided=row.voided, void_reason=row.void_reason, closed_at=row.closed_at,
            created_by=row.created_by, deadlines=deadline_views(row, deadlines),
            reports=tuple(ReportView(r.id, r.stage, r.channel, r.sent_at, r.recipient,
                                     r.sent_by, r.text, r.due_at, r.late, r.recorded_at,
                                     late_entry_note(r, d)) for r in reports),
            dispatches=tuple(dispatch_views),
            timeline=tuple(timeline(session, d, row, reports, dispatches, feedback)),
            register_entry_id=source,
            suggestion=suggest_level(facts.deaths, facts.injured, facts.economic_loss),
            command=command,
        )


def list_incidents(uow: UnitOfWork, query: IncidentQuery,
                   after: tuple[datetime, int] | None = None, limit: int = 50) -> IncidentPage:
    """One page of the log, newest first; pass the last row's (received_at, id) for the next."""
    with uow.read() as session:
        d = desk(session)
        statement = select(Incident)
        if query.category:
            statement = statement.where(Incident.category == query.category)
        if query.level:
            statement = statement.where(Incident.level == query.level)
        if query.status:
            statement = statement.where(Incident.status == query.status)
        if query.open_only:
            statement = statement.where(Incident.status.in_(OPEN_STATUSES))
        rows, more = newest_first(session, search_index.INCIDENTS, Incident, statement,
                                  (query.start, query.end), d.zone, query.text,
                                  query.include_voided, after, limit)
        open_ids = [r.id for r in rows if is_open(r)]
        reports = reports_of(session, open_ids)
        dispatches = dispatches_of(session, open_ids)
        result = []
        for row in rows:
            upcoming = None
            if row.id in reports:
                pending = rules_module.next_open(report_deadlines_of(row, reports[row.id], d)
                                                 + dispatch_deadlines(row, dispatches[row.id]))
                upcoming = DeadlineView.of(pending, row.id, row.title) if pending else None
            result.append(IncidentRow(row.id, row.received_at, row.title, row.category,
                                      row.subtype, row.level, row.status, row.location,
                                      row.reporter, row.voided, upcoming))
        return IncidentPage(result, more)
