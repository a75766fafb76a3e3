"""The duty log's incidents: intake, revisions, voiding and status (接报 → 处置中 → 已办结).

Nothing here overwrites history. Every change to an incident is one link of the audit chain
holding the record's whole new state, so the chain is the incident's revision history and
`dutyroom check` proves it was not altered. Reports upward are in upward_reports.py,
dispatches in dispatch_service.py, what the pages read in incident_views.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db import search_index
from dutyroom.db.models import Incident, UpwardReport
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.deadlines import Stage
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incident_rules import check_received_change, check_status_change
from dutyroom.domain.incidents import (
    STATUS_LABELS,
    Category,
    IncidentFacts,
    Level,
    Status,
    level_history_after_change,
    level_history_text,
    parse_enum,
    validate_facts,
)
from dutyroom.domain.local_time import minute_text, parse_local_time
from dutyroom.domain.roles import Permission
from dutyroom.services.errors import InputError, Problem, obey
from dutyroom.services.incident_records import (
    CHANGED,
    ENTITY,
    TIME_FIELDS,
    DeadlineView,
    all_deadlines,
    deadline_views,
    facts_of,
    is_open,
    load_incident,
)
from dutyroom.services.records import audit_change, utc_now
from dutyroom.services.settings_service import desk
from dutyroom.services.uow import Changes, Outcome, UnitOfWork


@dataclass(frozen=True)
class Saved:
    id: int
    version: int
    deadlines: tuple[DeadlineView, ...]


# --- validation -------------------------------------------------------------------------------


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


# --- intake and revisions ---------------------------------------------------------------------


def _apply(row: Incident, facts: IncidentFacts) -> None:
    for key, value in facts.as_dict().items():
        setattr(row, key, value.value if isinstance(value, Category | Level) else value)


def create_incident(session: Session, facts: IncidentFacts, actor: str, now: datetime,
                    note: str = "") -> Incident:
    row = Incident(status=Status.RECEIVED.value, created_by=actor, created_at=now,
                   updated_by=actor, updated_at=now, change_note=note,
                   level_changes=level_history_text(((facts.received_at.astimezone(UTC),
                                                       facts.level),)))
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
        return Outcome(Saved(row.id, row.version, deadline_views(row, all_deadlines(session, row, d))),
                       CHANGED)


def update_incident(uow: UnitOfWork, incident_id: int, version: int | None,
                    values: Mapping[str, Any], note: str = "",
                    now: datetime | None = None) -> Outcome[Saved]:
    """A new revision: the changed facts, who changed them and why; the old one stays in the
    chain. A new level keeps its history; new casualties while open need an update report."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        d = desk(session)
        row = load_incident(session, incident_id, version)
        before = facts_of(row)
        merged = {**before.as_dict(), **values}
        facts = validate(merged, d.zone, moment)
        if facts == before:
            return Outcome(Saved(row.id, row.version,
                                 deadline_views(row, all_deadlines(session, row, d))), Changes())
        if facts.received_at != before.received_at:
            reported = session.scalar(select(UpwardReport.id).where(
                UpwardReport.incident_id == row.id).limit(1)) is not None
            obey(check_received_change, facts.received_at, row.created_at,
                 minute_text(row.created_at, d.zone), reported=reported, note=str(note or ""))
        old_text = search_index.body(row, search_index.INCIDENTS)
        if facts.level != before.level:
            row.level_changes = level_history_after_change(
                row.level_changes, row.received_at, row.level, moment, facts.level)
        if facts.casualties() != before.casualties() and is_open(row):
            row.casualties_changed_at = moment
        _apply(row, facts)
        row.change_note = clean_text(note, "note", "修改说明", max_length=2000)
        row.updated_at, row.updated_by = moment, uow.actor
        session.flush()
        new_text = search_index.body(row, search_index.INCIDENTS)
        if new_text != old_text:
            search_index.put(session, search_index.INCIDENTS, row.id, new_text, old_text)
        audit_change(session, row, uow.actor, ENTITY, "update", moment)
        return Outcome(Saved(row.id, row.version, deadline_views(row, all_deadlines(session, row, d))),
                       CHANGED)


def void_incident(uow: UnitOfWork, incident_id: int, version: int | None, reason: str,
                  now: datetime | None = None) -> Outcome[Saved]:
    """Voiding keeps the entry, marked, with the reason; its deadlines stop."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row = load_incident(session, incident_id, version)
        why = clean_text(reason, "reason", "作废原因", required=True, max_length=2000)
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
        row = load_incident(session, incident_id, version)
        target = parse_enum(Status, STATUS_LABELS, status, "status", "事件状态")
        if target == row.status:
            return Outcome(Saved(row.id, row.version,
                                 deadline_views(row, all_deadlines(session, row, d))), Changes())
        has_final = target == Status.CLOSED and session.scalar(select(UpwardReport.id).where(
            UpwardReport.incident_id == row.id, UpwardReport.stage == Stage.FINAL.value)) is not None
        obey(check_status_change, Status(row.status), target, has_final_report=has_final, note=note)
        if target == Status.CLOSED:
            row.closed_at = moment
        elif row.status == Status.CLOSED:
            row.closed_at = None
        row.status = target.value
        row.change_note = note.strip()
        row.updated_at, row.updated_by = moment, uow.actor
        audit_change(session, row, uow.actor, ENTITY, "status", moment)
        return Outcome(Saved(row.id, row.version, deadline_views(row, all_deadlines(session, row, d))),
                       CHANGED)
