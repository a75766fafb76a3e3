"""The duty log's incidents: intake, revisions, reports upward, dispatches, closing.

Nothing here overwrites history. Every change to an incident, and every report, dispatch
and feedback, is one link of the audit chain holding the record's whole new state, so the
chain is the incident's revision history and `dutyroom check` proves it was not altered.
Deadlines are computed by domain/deadlines.py from the desk's rules each time they are
needed, never stored, except that a report keeps the deadline it met (or missed) when it
was recorded: a late report stays late.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, column, or_, select, text
from sqlalchemy.orm import Session

from dutyroom.db import search_index
from dutyroom.db.models import (
    AuditEntry,
    Department,
    Dispatch,
    DispatchFeedback,
    Incident,
    RegisterEntry,
    UpwardReport,
)
from dutyroom.domain import deadlines as rules_module
from dutyroom.domain import duty_clock
from dutyroom.domain.clock import day_span, minute_text, parse_local_time
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.deadlines import (
    Channel,
    Deadline,
    IncidentClock,
    ReportRules,
    SentReport,
    Stage,
)
from dutyroom.domain.duty_clock import ClockRules
from dutyroom.domain.errors import FieldError
from dutyroom.domain.hygiene import searchable
from dutyroom.domain.incidents import (
    COUNTS,
    FUTURE_TOLERANCE,
    MASS_INCIDENT,
    STATUS_LABELS,
    TEXTS,
    Category,
    IncidentFacts,
    Level,
    LevelSuggestion,
    Status,
    mass_incident_command,
    parse_enum,
    suggest_level,
    validate_facts,
)
from dutyroom.domain.report_text import draft_report
from dutyroom.domain.report_times import (
    LATE_ENTRY,
    is_late_entry,
    late_entry_text,
    received_change_text,
)
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import Verbatim, joined, sentence
from dutyroom.reports.content import Document, WrittenReport
from dutyroom.services.conflicts import changed_fields, shown_value, stale_edit
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.records import audit_change, utc_now
from dutyroom.services.settings_service import load_settings_in
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "incident"
CHANGED = Changes(incidents=True)
# Listed rather than "not closed", so SQLite reads the few open rows through the status index
# instead of scanning ten years of closed ones.
OPEN_STATUSES = (Status.RECEIVED.value, Status.HANDLING.value)
TIME_FIELDS = {"received_at": "接报时间", "occurred_at": "发生时间"}
FEEDBACK_KINDS = {"arrived": "到达现场", "handling": "处置中", "closed": "办结"}


# --- what the pages and the command line get back ------------------------------------


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
class TimelineEntry:
    at: datetime
    by: str
    what: str
    detail: str


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
class Saved:
    id: int
    version: int
    deadlines: tuple[DeadlineView, ...]


@dataclass(frozen=True)
class ReportSaved:
    id: int
    report_id: int
    due_at: datetime | None
    late: bool
    deadlines: tuple[DeadlineView, ...]


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


# --- reading rows into domain values ------------------------------------------------------


@dataclass(frozen=True)
class Desk:
    """The settings an action needs, read once: the reporting-deadline rules, the duty
    clock's rules, the local zone and the raw values (the desk's name and the rest)."""

    rules: ReportRules
    clock: ClockRules
    zone: tzinfo
    values: Mapping[str, Any]


def desk(session: Session) -> Desk:
    values = load_settings_in(session)
    return Desk(rules_module.rules_from_settings(values), duty_clock.rules_from_settings(values),
                ZoneInfo(values["timezone"]), values)


def facts_of(row: Incident) -> IncidentFacts:
    return IncidentFacts(
        category=Category(row.category), level=Level(row.level),
        economic_loss=row.economic_loss,
        **{key: getattr(row, key) for key in (*TIME_FIELDS, *TEXTS, *COUNTS)},
    )


def _level_changes(row: Incident) -> tuple[tuple[datetime, Level], ...]:
    changes = tuple((datetime.fromisoformat(at), Level(level))
                    for at, level in json.loads(row.level_changes or "[]"))
    return changes or ((row.received_at, Level(row.level)),)


def _levels_until(row: Incident, moment: datetime) -> tuple[tuple[datetime, Level], ...]:
    """The level changes made up to `moment` (at least the level it was received at)."""
    changes = _level_changes(row)
    return tuple(c for c in changes if c[0] <= moment) or changes[:1]


def level_at(row: Incident, moment: datetime) -> Level:
    """The incident's level as it was set at `moment`."""
    return _levels_until(row, moment)[-1][1]


def _is_open(row: Incident) -> bool:
    return not row.voided and row.status != Status.CLOSED


def report_deadlines_of(row: Incident, reports: Sequence[UpwardReport], d: Desk,
                        as_of: datetime | None = None) -> list[Deadline]:
    """The incident's report deadlines; with `as_of`, as they stood then (reports sent and
    levels set later ignored), which is how a past shift's handover record reads."""
    if row.voided:
        return []
    levels = _level_changes(row)
    open_now = _is_open(row)
    casualties = row.casualties_changed_at
    if as_of is not None:
        if casualties is not None and casualties > as_of:
            casualties = None
        reports = [r for r in reports if r.sent_at <= as_of]
        levels = _levels_until(row, as_of)
        open_now = open_now or (row.closed_at is not None and row.closed_at > as_of)
    clock = IncidentClock(
        received_at=row.received_at, level_changes=levels, open=open_now,
        casualties_changed_at=casualties,
        reports=tuple(SentReport(Stage(r.stage), Channel(r.channel), r.sent_at) for r in reports),
    )
    return rules_module.report_deadlines(clock, d.rules, d.zone)


def _dispatch_deadlines(row: Incident, dispatches: Sequence[tuple[Dispatch, str]]
                        ) -> list[Deadline]:
    if row.voided:
        return []
    return [rules_module.dispatch_deadline(x.ordered_at, x.arrival_minutes, x.arrived_at, name)
            for x, name in dispatches]


def _views(row: Incident, deadlines: Sequence[Deadline]) -> tuple[DeadlineView, ...]:
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
    return sorted(report_deadlines_of(row, reports, d) + _dispatch_deadlines(row, dispatches),
                  key=lambda x: x.due)


def late_entry_note(report: UpwardReport, d: Desk) -> str:
    """The 补录 note of a report recorded long after its claimed time, else ""."""
    if not is_late_entry(report.sent_at, report.recorded_at, int(d.values["late_entry_minutes"])):
        return ""
    return late_entry_text(report.sent_at, report.recorded_at, report.entry_reason, d.zone)


# --- validation -------------------------------------------------------------------------


def _raise(errors: Sequence[FieldError]) -> None:
    if errors:
        raise InputError([Problem(e.message, field=e.field) for e in errors])


def _parse_times(values: Mapping[str, Any], zone: tzinfo) -> tuple[dict[str, Any],
                                                                    list[FieldError]]:
    parsed, errors = dict(values), []
    for key, label in TIME_FIELDS.items():
        if key in values:
            try:
                parsed[key] = parse_local_time(values[key], zone, key, label)
            except FieldError as error:
                errors.append(error)
                parsed[key] = None
    return parsed, errors


def validate(values: Mapping[str, Any], zone: tzinfo, now: datetime) -> IncidentFacts:
    """All problems at once (a form marks every wrong field); nothing is saved on any."""
    parsed, time_errors = _parse_times(values, zone)
    facts, errors = validate_facts(parsed, now)
    if time_errors:  # an unreadable time is reported as such, not also as "missing"
        errors = time_errors + [e for e in errors if e.field not in
                                {t.field for t in time_errors}]
    _raise(errors)
    if facts.level == Level.I:
        return facts  # I-level events are logged to the second
    return replace(facts, received_at=facts.received_at.replace(second=0, microsecond=0))


# --- intake and revisions -------------------------------------------------------------------


def _apply(row: Incident, facts: IncidentFacts) -> None:
    for key, value in facts.as_dict().items():
        setattr(row, key, value.value if isinstance(value, Category | Level) else value)


def create_incident(session: Session, facts: IncidentFacts, actor: str, now: datetime,
                    note: str = "") -> Incident:
    row = Incident(status=Status.RECEIVED.value, created_by=actor, created_at=now,
                   updated_by=actor, updated_at=now, change_note=note,
                   level_changes=json.dumps([[facts.received_at.astimezone(UTC).isoformat(),
                                              facts.level.value]]))
    _apply(row, facts)
    session.add(row)
    session.flush()
    search_index.put(session, search_index.INCIDENTS, row.id,
                     search_index.body(row, search_index.INCIDENTS))
    audit_change(session, row, actor, ENTITY, "create", now)
    return row


def add_incident(uow: UnitOfWork, values: Mapping[str, Any],
                 now: datetime | None = None) -> Outcome[Saved]:
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        d = desk(session)
        facts = validate(values, d.zone, moment)
        row = create_incident(session, facts, uow.actor, moment)
        return Outcome(Saved(row.id, row.version, _views(row, all_deadlines(session, row, d))),
                       CHANGED)


def _load(session: Session, incident_id: int, version: int | None) -> Incident:
    row = session.get(Incident, incident_id)
    if row is None:
        raise InputError([Problem(sentence("没有编号为 {0} 的事件", incident_id), field="id")])
    if version is not None and row.version != version:
        raise stale_edit(session, row, ENTITY, sentence("事件「{0}」", Verbatim(row.title)))
    if row.voided:
        raise InputError.simple(sentence("事件「{0}」已作废，不能再修改或报送", row.title), "id")
    return row


def update_incident(uow: UnitOfWork, incident_id: int, version: int | None,
                    values: Mapping[str, Any], note: str = "",
                    now: datetime | None = None) -> Outcome[Saved]:
    """A new revision: the changed facts, who changed them and why; the old one stays in the
    chain. A new level keeps its history; new casualties while open need an update report."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        d = desk(session)
        row = _load(session, incident_id, version)
        before = facts_of(row)
        merged = {**before.as_dict(), **values}
        facts = validate(merged, d.zone, moment)
        if facts == before:
            return Outcome(Saved(row.id, row.version,
                                 _views(row, all_deadlines(session, row, d))), Changes())
        if facts.received_at != before.received_at:
            _check_received_change(session, row, facts.received_at, note)
        old_text = search_index.body(row, search_index.INCIDENTS)
        if facts.level != before.level:
            history = json.loads(row.level_changes or "[]")
            history.append([moment.isoformat(), facts.level.value])
            row.level_changes = json.dumps(history)
        if facts.casualties() != before.casualties() and _is_open(row):
            row.casualties_changed_at = moment
        _apply(row, facts)
        row.change_note = clean_text(note, "note", "修改说明", max_length=2000)
        row.updated_at, row.updated_by = moment, uow.actor
        session.flush()
        new_text = search_index.body(row, search_index.INCIDENTS)
        if new_text != old_text:
            search_index.put(session, search_index.INCIDENTS, row.id, new_text, old_text)
        audit_change(session, row, uow.actor, ENTITY, "update", moment)
        return Outcome(Saved(row.id, row.version, _views(row, all_deadlines(session, row, d))),
                       CHANGED)


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


def _check_received_change(session: Session, row: Incident, received: datetime, note: str) -> None:
    """A received time cannot be after the incident was recorded (nobody records a call
    before it comes in), and once a report exists a change needs a reason: it moves every
    deadline that report was measured against."""
    if received > row.created_at + FUTURE_TOLERANCE:
        raise InputError.simple(sentence("接报时间不能晚于这起事件的登记时间（{0}）",
                                         minute_text(row.created_at, desk(session).zone)),
                                "received_at")
    reported = session.scalar(select(UpwardReport.id).where(UpwardReport.incident_id == row.id).limit(1))
    if reported is not None and not str(note or "").strip():
        raise InputError.simple(sentence("已有报送记录，更改接报时间须写明原因"), "note")


def void_incident(uow: UnitOfWork, incident_id: int, version: int | None, reason: str,
                  now: datetime | None = None) -> Outcome[Saved]:
    """Voiding keeps the entry, marked, with the reason; its deadlines stop."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row = _load(session, incident_id, version)
        try:
            why = clean_text(reason, "reason", "作废原因", required=True, max_length=2000)
        except FieldError as error:
            raise InputError.from_field(error) from None
        row.voided, row.void_reason, row.change_note = True, why, why
        row.updated_at, row.updated_by = moment, uow.actor
        audit_change(session, row, uow.actor, ENTITY, "void", moment)
        return Outcome(Saved(row.id, row.version, ()), CHANGED)


def change_status(uow: UnitOfWork, incident_id: int, version: int | None, status: str,
                  note: str = "", now: datetime | None = None) -> Outcome[Saved]:
    """接报 → 处置中 → 已办结; closing needs a final report, reopening a reason."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        d = desk(session)
        row = _load(session, incident_id, version)
        try:
            target = parse_enum(Status, STATUS_LABELS, status, "status", "事件状态")
        except FieldError as error:
            raise InputError.from_field(error) from None
        if target == row.status:
            return Outcome(Saved(row.id, row.version,
                                 _views(row, all_deadlines(session, row, d))), Changes())
        if target == Status.CLOSED:
            has_final = session.scalar(select(UpwardReport.id).where(
                UpwardReport.incident_id == row.id, UpwardReport.stage == Stage.FINAL.value))
            if has_final is None:
                raise InputError.simple(sentence("办结前必须先报送终报"), "status")
            row.closed_at = moment
        elif row.status == Status.CLOSED:
            if not note.strip():
                raise InputError.simple(sentence("重新打开已办结的事件须说明原因"), "note")
            row.closed_at = None
        row.status = target.value
        row.change_note = note.strip()
        row.updated_at, row.updated_by = moment, uow.actor
        audit_change(session, row, uow.actor, ENTITY, "status", moment)
        return Outcome(Saved(row.id, row.version, _views(row, all_deadlines(session, row, d))),
                       CHANGED)


# --- reports upward ----------------------------------------------------------------------------


def _enum(enum: Any, labels: Mapping[Any, str], raw: Any, key: str, what: str) -> Any:
    try:
        return parse_enum(enum, labels, raw, key, what)
    except FieldError as error:
        raise InputError.from_field(error) from None


def _when(raw: Any, zone: tzinfo, moment: datetime, key: str, label: str,
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


def record_report(uow: UnitOfWork, incident_id: int, stage: str, channel: str, *,
                  sent_at: Any = None, recipient: str = "", sent_by: str = "", text: str = "",
                  entry_reason: str = "", unexplained: str = "",
                  now: datetime | None = None) -> Outcome[ReportSaved]:
    """Record a report sent upward against the deadline it meets; after it, it is late.

    The sent time is the officer's claim; one more than the desk's margin before now is a
    补录 and needs `entry_reason` (domain/report_times.py). A caller that may not ask for one
    (the command line, whose contract records past reports without it) passes `unexplained`,
    the words stored instead, so the 补录 still shows as one without a reason given."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        d = desk(session)
        row = _load(session, incident_id, None)
        the_stage = _enum(Stage, rules_module.STAGE_LABELS, stage, "stage", "报送阶段")
        the_channel = _enum(Channel, rules_module.CHANNEL_LABELS, channel, "channel", "报送方式")
        when = _when(sent_at, d.zone, moment, "sent_at", "报送时间", row.received_at, "接报时间")
        try:
            who = clean_text(recipient, "recipient", "报送对象", max_length=64)
            by = clean_text(sent_by or uow.actor, "sent_by", "报送人", max_length=64)
            body = clean_text(text, "text", "报告内容", max_length=50_000)
            reason = clean_text(entry_reason, "entry_reason", "补录原因", max_length=500)
        except FieldError as error:
            raise InputError.from_field(error) from None
        margin = int(d.values["late_entry_minutes"])
        if is_late_entry(when, moment, margin) and not reason and unexplained:
            reason = unexplained
        elif is_late_entry(when, moment, margin) and not reason:
            raise InputError.simple(sentence(
                "报送时间比现在早 {0} 分钟以上，是补录：请写明补录原因（将与报送时间、登记时间一并显示）",
                margin), "entry_reason")
        before = report_deadlines_of(row, reports_of(session, [row.id])[row.id], d)
        met = rules_module.deadline_for_report(before, the_stage, the_channel)
        report = UpwardReport(incident_id=row.id, stage=the_stage.value,
                              channel=the_channel.value, sent_at=when, recipient=who,
                              sent_by=by, text=body, due_at=met.due if met else None,
                              late=bool(met and when > met.due), recorded_at=moment,
                              entry_reason=reason)
        session.add(report)
        audit_change(session, report, uow.actor, "upward_report", "create", moment)
        views = _views(row, all_deadlines(session, row, d))
        return Outcome(ReportSaved(row.id, report.id, report.due_at, report.late, views), CHANGED)


def draft_text(uow: UnitOfWork, incident_id: int, stage: str, now: datetime | None = None) -> str:
    with uow.read() as session:
        d = desk(session)
        row = session.get(Incident, incident_id)
        if row is None:
            raise InputError([Problem(sentence("没有编号为 {0} 的事件", incident_id), field="id")])
        the_stage = _enum(Stage, rules_module.STAGE_LABELS, stage, "stage", "报送阶段")
        departments = [name for _, name in dispatches_of(session, [row.id])[row.id]]
        return draft_report(facts_of(row), the_stage, unit=d.values["unit_name"],
                            desk=d.values["desk_name"], zone=d.zone, now=utc_now(now),
                            dispatched=list(dict.fromkeys(departments)))


def report_document(uow: UnitOfWork, incident_id: int, stage: str,
                    at: datetime | None = None) -> Document:
    """The written report of `stage` as sent (the latest one recorded), or the draft."""
    moment = utc_now(at)
    with uow.read() as session:
        d = desk(session)
        the_stage = _enum(Stage, rules_module.STAGE_LABELS, stage, "stage", "报送阶段")
        sent = session.scalars(select(UpwardReport).where(
            UpwardReport.incident_id == incident_id, UpwardReport.stage == the_stage.value)
            .order_by(UpwardReport.sent_at.desc(), UpwardReport.id.desc())).first()
    recorded = late = ""
    if sent is not None and sent.text.strip():
        text, sent_at = sent.text, minute_text(sent.sent_at, d.zone)
        recipient, by = sent.recipient, sent.sent_by
        recorded, late = minute_text(sent.recorded_at, d.zone), late_entry_note(sent, d)
    else:
        text, sent_at, recipient, by = draft_text(uow, incident_id, stage, moment), "", "", ""
    report = WrittenReport(d.values["unit_name"], d.values["desk_name"],
                           rules_module.STAGE_LABELS[the_stage], text, sent_at, recipient, by,
                           d.values["desk_phone"], recorded, late)
    from dutyroom.reports.incident_pdf import (
        incident_report_pdf,  # ReportLab loads on the first printout, not at start
    )

    return incident_report_pdf(report, minute_text(moment, d.zone))


# --- dispatch (联动派单) -----------------------------------------------------------------------


def dispatch(uow: UnitOfWork, incident_id: int, department_ids: Sequence[int], *,
             ordered_at: Any = None, instructions: Mapping[int, str] | None = None,
             now: datetime | None = None) -> Outcome[list[int]]:
    """Order departments to the scene; each gets its 30- or 40-minute arrival deadline and
    may be told what it is asked to do (`instructions`, by department).

    The person reached is the department's liaison (else its duty phone), as listed in
    通讯录 at the moment of the order; the record keeps them even if 通讯录 changes later.
    """
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        d = desk(session)
        row = _load(session, incident_id, None)
        if not _is_open(row):
            raise InputError.simple(sentence("事件已办结，不能再派单；如需继续处置请先重新打开"), "status")
        if not department_ids:
            raise InputError.simple(sentence("请至少选择一个联动单位"), "departments")
        when = _when(ordered_at, d.zone, moment, "ordered_at", "派单时间", row.received_at,
                     "接报时间")
        busy = {x.department_id: name for x, name in dispatches_of(session, [row.id])[row.id]
                if x.closed_at is None}
        created: list[int] = []
        for department_id in dict.fromkeys(department_ids):
            department = session.get(Department, department_id)
            if department is None or not department.active:
                raise InputError.simple(sentence("没有编号为 {0} 的在用联动单位",
                                                 department_id), "departments")
            if department_id in busy:
                raise InputError.simple(sentence("已向「{0}」派单且尚未办结，不必重复派单",
                                                 busy[department_id]),
                                        "departments")
            name = department.liaison_name or "值班室"
            phone = department.liaison_mobile or department.duty_phone
            try:
                asked = clean_text((instructions or {}).get(department_id, ""), "instruction",
                                   "派单要求", max_length=2000)
            except FieldError as error:
                raise InputError.from_field(error) from None
            order = Dispatch(incident_id=row.id, department_id=department_id,
                             contact_name=name[:32], contact_phone=phone[:32], ordered_at=when,
                             arrival_minutes=rules_module.DISPATCH_MINUTES[department.first_line],
                             status="ordered", created_by=uow.actor, instruction=asked)
            session.add(order)
            audit_change(session, order, uow.actor, "dispatch", "create", moment)
            created.append(order.id)
        if row.status == Status.RECEIVED:
            row.status, row.updated_at, row.updated_by = Status.HANDLING.value, moment, uow.actor
            row.change_note = "已派单，转入处置"
            audit_change(session, row, uow.actor, ENTITY, "status", moment)
        return Outcome(created, CHANGED)


def record_feedback(uow: UnitOfWork, dispatch_id: int, kind: str, *, at: Any = None,
                    text: str = "", now: datetime | None = None) -> Outcome[int]:
    """到达 / 处置中 / 办结 from a department; arrival meets the dispatch deadline."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        d = desk(session)
        order = session.get(Dispatch, dispatch_id)
        if order is None:
            raise InputError.simple(sentence("没有编号为 {0} 的派单", dispatch_id), "id")
        _load(session, order.incident_id, None)
        if kind not in FEEDBACK_KINDS:
            raise InputError.simple(sentence(
                "未知的反馈类型「{0}」，应为 {1}", kind,
                Verbatim("、".join(f"{k}（{v}）" for k, v in FEEDBACK_KINDS.items()))), "kind")
        if order.closed_at is not None:
            raise InputError.simple(sentence("该派单已办结"), "kind")
        when = _when(at, d.zone, moment, "at", "反馈时间", order.ordered_at, "派单时间")
        try:
            body = clean_text(text, "text", "反馈内容", max_length=20_000)
        except FieldError as error:
            raise InputError.from_field(error) from None
        feedback = DispatchFeedback(dispatch_id=order.id, at=when, kind=kind, text=body,
                                    by=uow.actor)
        session.add(feedback)
        if order.arrived_at is None and kind in ("arrived", "handling", "closed"):
            order.arrived_at = when
        if kind == "closed":
            order.closed_at = when
        order.status = kind
        audit_change(session, feedback, uow.actor, "dispatch_feedback", "create", moment)
        audit_change(session, order, uow.actor, "dispatch", "update", moment)
        return Outcome(feedback.id, CHANGED)


# --- reading the log ---------------------------------------------------------------------------


def _said_apart(stated: datetime, recorded: datetime, zone: tzinfo) -> bool:
    """The time the officer gave for a step is not the minute it was recorded (a report
    phoned at 10:05 and entered at 10:12): the step then says both."""
    return minute_text(stated, zone) != minute_text(recorded, zone)


def _incident_step(entry: AuditEntry, previous: dict[str, Any] | None, state: dict[str, Any],
                   zone: tzinfo) -> tuple[str, str]:
    """One change to the incident itself, said as a person would say it."""
    note = state.get("change_note") or ""
    if previous is None:
        detail = sentence("{0}「{1}」", shown_value("level", state.get("level"), zone),
                          Verbatim(state.get("title") or ""))
        if state.get("received_via"):
            detail = sentence("{0}，{1}", detail, Verbatim(state["received_via"]))
        received = datetime.fromisoformat(state["received_at"])
        if _said_apart(received, entry.at, zone):
            detail = sentence("{0}（接报时间 {1}）", detail, minute_text(received, zone))
        if note:
            detail = sentence("{0}。说明：{1}", detail, Verbatim(note))
        return sentence("接报登记"), detail
    if entry.action == "status":
        status, before = Status(state["status"]), previous.get("status")
        if status == Status.CLOSED:
            what = sentence("办结")
        elif before == Status.CLOSED:
            what = sentence("重新打开")
        else:
            what = sentence("状态改为{0}", STATUS_LABELS[status])
        return what, sentence("说明：{0}", Verbatim(note)) if note else ""
    if entry.action == "void":
        return sentence("作废"), sentence("原因：{0}", Verbatim(state.get("void_reason") or note))
    changes = changed_fields(previous, state, zone)
    detail = joined(changes, "；") if changes else sentence("内容未变")
    if note:
        detail = sentence("{0}。说明：{1}", detail, Verbatim(note))
    return sentence("修改"), detail


def _timeline(session: Session, d: Desk, row: Incident, reports: Sequence[UpwardReport],
              dispatches: Sequence[tuple[Dispatch, str]],
              feedback: Mapping[int, Sequence[DispatchFeedback]]) -> list[TimelineEntry]:
    """处理经过: every step in the order it was recorded (the audit chain's instants), worded
    for a person; the time a step was said to happen is added where it differs, and a report
    entered long after it was sent (补录) says so with its reason."""
    zone = d.zone
    ids: dict[str, dict[str, Any]] = {
        ENTITY: {str(row.id): row},
        "upward_report": {str(r.id): r for r in reports},
        "dispatch": {str(order.id): (order, name) for order, name in dispatches},
        "dispatch_feedback": {str(answer.id): (answer, name) for order, name in dispatches
                              for answer in feedback[order.id]},
    }
    first_report = min((r.recorded_at for r in reports), default=None)
    audited = session.scalars(select(AuditEntry).where(or_(*(
        and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(list(records)))
        for entity, records in ids.items() if records))).order_by(AuditEntry.id))
    entries: list[tuple[datetime, int, TimelineEntry]] = []
    previous: dict[str, Any] | None = None
    for entry in audited:
        record = ids[entry.entity][entry.entity_id]
        if entry.entity == ENTITY:
            state = json.loads(entry.payload)
            what, detail = _incident_step(entry, previous, state, zone)
            moved = previous is not None and previous.get("received_at") != state.get("received_at")
            if previous is not None and moved and entry.action == "update" and first_report is not None \
                    and first_report <= entry.at:
                what = sentence("修改（接报时间在报送后更正）")
                detail = sentence("{0}；{1}", received_change_text(
                    datetime.fromisoformat(previous["received_at"]),
                    datetime.fromisoformat(state["received_at"]), zone), detail)
            previous = state
        elif entry.action != "create":
            continue  # a dispatch's own updates are its feedback, told below
        elif entry.entity == "upward_report":
            channel = rules_module.CHANNEL_LABELS[Channel(record.channel)]
            stage = rules_module.STAGE_LABELS[Stage(record.stage)]
            what = (sentence("{0}{1}（迟报）", channel, stage) if record.late
                    else sentence("{0}{1}", channel, stage))
            detail = (sentence("报送{0}", Verbatim(record.recipient)) if record.recipient
                      else sentence("报送上级"))
            note = late_entry_note(record, d)
            if note:
                what = sentence("{0}（{1}）", what, LATE_ENTRY)
                detail = sentence("{0}；{1}", detail, note)
            elif _said_apart(record.sent_at, entry.at, zone):
                detail = sentence("{0}（报送时间 {1}）", detail, minute_text(record.sent_at, zone))
        elif entry.entity == "dispatch":
            order, name = record
            detail = sentence("{0}（{1} {2}），{3} 分钟内到达", Verbatim(name),
                              Verbatim(order.contact_name), Verbatim(order.contact_phone),
                              order.arrival_minutes)
            if order.instruction:
                detail = sentence("{0}。要求：{1}", detail, Verbatim(order.instruction))
            if _said_apart(order.ordered_at, entry.at, zone):
                detail = sentence("{0}（派单时间 {1}）", detail, minute_text(order.ordered_at, zone))
            what = sentence("派单")
        else:
            answer, name = record
            what = sentence("{0}反馈：{1}", Verbatim(name), FEEDBACK_KINDS[answer.kind])
            detail = Verbatim(answer.text)
            if _said_apart(answer.at, entry.at, zone):
                detail = sentence("{0}（反馈时间 {1}）", detail, minute_text(answer.at, zone))
        entries.append((entry.at, entry.id, TimelineEntry(entry.at, entry.actor, what, detail)))
    return [step for _, _, step in sorted(entries, key=lambda e: (e[0], e[1]))]


def get_incident(uow: UnitOfWork, incident_id: int) -> IncidentDetail:
    with uow.read() as session:
        d = desk(session)
        row = session.get(Incident, incident_id)
        if row is None:
            raise InputError([Problem(sentence("没有编号为 {0} 的事件", incident_id), field="id")])
        reports = reports_of(session, [row.id])[row.id]
        dispatches = dispatches_of(session, [row.id])[row.id]
        deadlines = sorted(report_deadlines_of(row, reports, d)
                           + _dispatch_deadlines(row, dispatches), key=lambda x: x.due)
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
            command = mass_incident_command(facts.people_involved, d.values["mass_county_over"],
                                            d.values["mass_city_from"])
        source = session.scalar(select(RegisterEntry.id)
                                .where(RegisterEntry.incident_id == row.id).limit(1))
        return IncidentDetail(
            id=row.id, version=row.version, uuid=row.uuid, facts=facts, status=row.status,
            voided=row.voided, void_reason=row.void_reason, closed_at=row.closed_at,
            created_by=row.created_by, deadlines=_views(row, deadlines),
            reports=tuple(ReportView(r.id, r.stage, r.channel, r.sent_at, r.recipient,
                                     r.sent_by, r.text, r.due_at, r.late, r.recorded_at,
                                     late_entry_note(r, d)) for r in reports),
            dispatches=tuple(dispatch_views),
            timeline=tuple(_timeline(session, d, row, reports, dispatches, feedback)),
            register_entry_id=source,
            suggestion=suggest_level(facts.deaths, facts.injured, facts.economic_loss),
            command=command,
        )


def like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def text_condition(session: Session, table: search_index.SearchTable, model: Any,
                   words: Sequence[str]) -> Any:
    """Every word must appear in one of the searched columns (search_index.py explains how)."""
    conditions = []
    indexed = search_index.available(session)
    for number, word in enumerate(words):
        # SQLite's LIKE ignores ASCII case already; PostgreSQL needs ILIKE for the same result.
        conditions.append(or_(*(
            (getattr(model, c).like if indexed else getattr(model, c).ilike)(
                like_pattern(word), escape="\\") for c in table.columns)))
        query = search_index.match_query(word) if indexed else None
        if query is not None and not search_index.is_dense(session, table, query):
            matches = text(f"SELECT rowid FROM {table.name} WHERE {table.name} MATCH :q{number}")
            conditions.append(model.id.in_(
                matches.bindparams(**{f"q{number}": query}).columns(column("rowid"))))
    return and_(*conditions)


def newest_first(session: Session, table: search_index.SearchTable, model: Any, statement: Any,
                 dates: tuple[date | None, date | None], zone: tzinfo, words: str,
                 include_voided: bool, after: tuple[datetime, int] | None, limit: int
                 ) -> tuple[list[Any], bool]:
    """One page of a log table (incidents or the register), newest first, and whether more
    follow: the local date range, voided rows unless asked for, the search words, and the
    position after the last row of the previous page (received_at, id)."""
    start, end = dates
    words = searchable(words)
    if start or end:
        low, high = day_span(start or date(1970, 1, 1), end or date(9998, 12, 31), zone)
        statement = statement.where(model.received_at >= low, model.received_at < high)
    if not include_voided:
        statement = statement.where(model.voided.is_(False))
    if words.split():
        statement = statement.where(text_condition(session, table, model, words.split()))
    if after is not None:
        at, last_id = after
        statement = statement.where(or_(model.received_at < at,
                                        and_(model.received_at == at, model.id < last_id)))
    rows = list(session.scalars(statement.order_by(model.received_at.desc(), model.id.desc())
                                .limit(limit + 1)))
    return rows[:limit], len(rows) > limit


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
        open_ids = [r.id for r in rows if _is_open(r)]
        reports = reports_of(session, open_ids)
        dispatches = dispatches_of(session, open_ids)
        result = []
        for row in rows:
            upcoming = None
            if row.id in reports:
                pending = rules_module.next_open(report_deadlines_of(row, reports[row.id], d)
                                                 + _dispatch_deadlines(row, dispatches[row.id]))
                upcoming = DeadlineView.of(pending, row.id, row.title) if pending else None
            result.append(IncidentRow(row.id, row.received_at, row.title, row.category,
                                      row.subtype, row.level, row.status, row.location,
                                      row.reporter, row.voided, upcoming))
        return IncidentPage(result, more)


def open_deadlines_in(session: Session, d: Desk) -> list[DeadlineView]:
    """Every deadline of every open incident, met or not (the alert list filters them)."""
    rows = list(session.scalars(select(Incident).where(
        Incident.voided.is_(False), Incident.status.in_(OPEN_STATUSES))))
    ids = [r.id for r in rows]
    reports, dispatches = reports_of(session, ids), dispatches_of(session, ids)
    views: list[DeadlineView] = []
    for row in rows:
        for deadline in report_deadlines_of(row, reports[row.id], d):
            views.append(DeadlineView.of(deadline, row.id, row.title))
        for deadline in _dispatch_deadlines(row, dispatches[row.id]):
            views.append(DeadlineView.of(deadline, row.id, f"{row.title}（{deadline.note}）"))
    return sorted(views, key=lambda v: v.due)
