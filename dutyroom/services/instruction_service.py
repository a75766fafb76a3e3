"""领导批示 督办: recording a leader's instruction as a task, its 落实情况, and 办结.

An instruction hangs on a register entry (call or document), an incident or a warning. The
leader is a staff member of the leader or chief tier, or a name typed freely (a county
leader is not on the desk's list); who must act is a department of the directory or a
person. Every change is a link of the audit chain; the task's alert (kind `instruction`),
its place in the handover, the daily report and the statistics are all read from these
rows (instruction_records.py), so nothing is queued and a restart loses nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dutyroom.db.models import (
    AuditEntry,
    Department,
    Instruction,
    InstructionFeedback,
    Staff,
)
from dutyroom.domain import instructions as rules
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.errors import FieldError
from dutyroom.domain.instructions import Standing
from dutyroom.domain.local_time import parse_local_time
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.domain.tiers import Tier
from dutyroom.services.errors import InputError, obey
from dutyroom.services.incident_records import stated_time
from dutyroom.services.instruction_records import (
    InstructionView,
    open_in,
    subject_row,
    views_in,
    voided_at,
)
from dutyroom.services.records import audit_change, utc_now
from dutyroom.services.settings_service import desk
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "instruction"
FEEDBACK_ENTITY = "instruction_feedback"
# 今日值班 (open count, alerts), the log and the warnings pages show them.
CHANGED = Changes(clock=True, incidents=True, register=True, warnings=True)


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    label: str  # name and tier, as the list shows it


@dataclass(frozen=True)
class Choices:
    """What the instruction dialog offers: leaders on the list and departments in use."""

    leaders: list[Person]
    departments: list[Person]


# --- use cases ----------------------------------------------------------------------------


def choices(uow: UnitOfWork) -> Choices:
    with uow.read() as session:
        leaders = [Person(s.id, s.name, f"{s.name}（{Tier(s.tier).label}）")
                   for s in session.scalars(select(Staff).where(
                       Staff.active.is_(True), Staff.tier.in_((Tier.CHIEF.value, Tier.LEADER.value)))
                       .order_by(Staff.tier, Staff.name))]
        departments = [Person(d.id, d.name, d.name) for d in session.scalars(
            select(Department).where(Department.active.is_(True)).order_by(Department.name))]
    return Choices(leaders, departments)


def list_instructions(uow: UnitOfWork, show: str = "all", subject: tuple[str, int] | None = None,
                      at: datetime | None = None) -> list[InstructionView]:
    """The 督办 list: `show` all, open (open and overdue), overdue or done; optionally only
    those on one subject. Open ones first by due time, then done ones newest first."""
    moment = utc_now(at)
    with uow.read() as session:
        query = select(Instruction)
        if subject is not None:
            query = query.where(Instruction.subject_kind == subject[0],
                                Instruction.subject_id == subject[1])
        views = views_in(session, session.scalars(query.order_by(Instruction.due_at,
                                                                Instruction.id)).all(), moment)
    wanted = {"all": set(Standing), "open": {Standing.OPEN, Standing.OVERDUE},
              "overdue": {Standing.OVERDUE}, "done": {Standing.DONE, Standing.DONE_LATE}}
    if show not in wanted:
        raise InputError.simple(sentence("筛选条件应为 all、open、overdue 或 done"), "show")
    chosen = [v for v in views if v.standing in wanted[show]]
    return ([v for v in chosen if not v.done]
            + sorted((v for v in chosen if v.done), key=lambda v: v.done_at or v.due_at,
                     reverse=True))


def open_count(uow: UnitOfWork, at: datetime | None = None) -> tuple[int, int]:
    """(not done, of which overdue) for 今日值班."""
    moment = utc_now(at)
    with uow.read() as session:
        views = open_in(session, moment)
    return len(views), sum(1 for v in views if v.standing == Standing.OVERDUE)


def get_instruction(uow: UnitOfWork, instruction_id: int, at: datetime | None = None
                    ) -> InstructionView:
    with uow.read() as session:
        row = _load(session, instruction_id)
        return views_in(session, [row], utc_now(at))[0]


def _load(session: Session, instruction_id: object) -> Instruction:
    try:
        number = int(str(instruction_id))
    except ValueError:
        number = 0
    row = session.get(Instruction, number) if 0 < number < 2**31 else None
    if row is None:
        raise InputError.simple(sentence("没有编号为 {0} 的领导批示", Verbatim(str(instruction_id))),
                                "id")
    return row


def _text(raw: Any, key: str, label: str, max_length: int, *, required: bool = False) -> str:
    try:
        return clean_text(raw, key, label, max_length=max_length, required=required)
    except FieldError as error:
        raise InputError.from_field(error) from None


def _id(raw: Any, key: str) -> int | None:
    if raw is None or str(raw).strip() in ("", "0"):
        return None
    try:
        return int(str(raw))
    except ValueError:
        raise InputError.simple(sentence("「{0}」不是编号", Verbatim(str(raw))), key) from None


def _leader(session: Session, values: Mapping[str, Any]) -> tuple[int | None, str]:
    leader_id = _id(values.get("leader_id"), "leader")
    if leader_id is None:
        return None, _text(values.get("leader"), "leader", "批示领导", rules.PARTY_MAX)
    person = session.get(Staff, leader_id) if leader_id < 2**31 else None
    if person is None or not person.active or person.tier not in (Tier.CHIEF, Tier.LEADER):
        raise InputError.simple(sentence("编号 {0} 不是在用的带班领导或主要领导；县领导等请直接填写姓名",
                                         leader_id), "leader")
    return person.id, person.name


def _assignee(session: Session, values: Mapping[str, Any]) -> tuple[int | None, str]:
    department_id = _id(values.get("department_id"), "assignee")
    if department_id is None:
        return None, _text(values.get("assignee"), "assignee", "承办单位或承办人", rules.PARTY_MAX)
    department = session.get(Department, department_id) if department_id < 2**31 else None
    if department is None or not department.active:
        raise InputError.simple(sentence("没有编号为 {0} 的在用联动单位", department_id), "assignee")
    return department.id, department.name


def add_instruction(uow: UnitOfWork, values: Mapping[str, Any],
                    now: datetime | None = None) -> Outcome[int]:
    """Record a leader's instruction on a subject; it becomes a task due at `due_at`.

    values: subject_kind, subject_id, text, leader_id or leader (free text), department_id
    or assignee (a person), given_at (default now), due_at (required, after given_at).
    """
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        d = desk(session)
        kind = obey(rules.parse_subject_kind, values.get("subject_kind"))
        subject_id = _id(values.get("subject_id"), "subject") or 0
        subject = subject_row(session, kind, subject_id) if 0 < subject_id < 2**31 else None
        if subject is None:
            raise InputError.simple(sentence("没有编号为 {0} 的{1}", subject_id,
                                             rules.SUBJECT_LABELS[kind]), "subject")
        if getattr(subject, "voided", False):
            raise InputError.simple(sentence("已作废的记录不能登记领导批示"), "subject")
        text = _text(values.get("text"), "text", "批示内容", rules.TEXT_MAX, required=True)
        leader_id, leader = _leader(session, values)
        department_id, assignee = _assignee(session, values)
        obey(rules.check_party, leader, assignee)
        given = stated_time(values.get("given_at"), d.zone, moment, "given_at", "批示时间",
                            subject.received_at, "所批示事项的接收时间")
        due = parse_local_time(values.get("due_at"), d.zone, "due_at", "办理时限")
        if due is None:
            raise InputError.simple(sentence("请填写办理时限"), "due_at")
        obey(rules.check_due_after_given, given, due)
        row = Instruction(subject_kind=kind.value, subject_id=subject_id, text=text,
                          leader_id=leader_id, leader_name=leader, department_id=department_id,
                          assignee=assignee, given_at=given, due_at=due, created_by=uow.actor,
                          created_at=moment)
        session.add(row)
        audit_change(session, row, uow.actor, ENTITY, "create", moment)
        return Outcome(row.id, CHANGED)


def _feedback(session: Session, uow: UnitOfWork, row: Instruction, text: str, at: datetime,
              final: bool, moment: datetime) -> None:
    note = InstructionFeedback(instruction_id=row.id, at=at, text=text, final=final,
                               by=uow.actor, recorded_at=moment)
    session.add(note)
    audit_change(session, note, uow.actor, FEEDBACK_ENTITY, "create", moment)


def _refuse_withdrawn(session: Session, row: Instruction) -> None:
    obey(rules.check_not_withdrawn, bool(voided_at(session, [row])))


def _task_and_time(session: Session, instruction_id: int, raw: Any, moment: datetime,
                   label: str) -> tuple[Instruction, datetime]:
    """The task an entry of 落实情况 is about (not withdrawn) and the entry's moment, stated
    by the officer or now, never before the instruction was given."""
    row = _load(session, instruction_id)
    _refuse_withdrawn(session, row)
    when = stated_time(raw, desk(session).zone, moment, "at", label, row.given_at, "批示时间")
    return row, when


def add_feedback(uow: UnitOfWork, instruction_id: int, text: str, *, at: Any = None,
                 now: datetime | None = None) -> Outcome[int]:
    """One entry of 落实情况 on a task not yet done."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row, when = _task_and_time(session, instruction_id, at, moment, "落实时间")
        body = _text(text, "text", "落实情况", rules.FEEDBACK_MAX)
        obey(rules.check_feedback, row.done_at is not None, row.given_at, when, body)
        _feedback(session, uow, row, body, when, False, moment)
        return Outcome(row.id, CHANGED)


def _last_event(session: Session, row: Instruction) -> datetime | None:
    """The latest moment the record says something happened to the task: its newest
    落实情况 (a reopened task keeps the final one it was done with) or its reopening (the
    audit trail holds when)."""
    fed = session.scalar(select(func.max(InstructionFeedback.at)).where(
        InstructionFeedback.instruction_id == row.id))
    reopened = session.scalar(select(func.max(AuditEntry.at)).where(
        AuditEntry.entity == ENTITY, AuditEntry.entity_id == str(row.id),
        AuditEntry.action == "reopen"))
    return max((t for t in (fed, reopened) if t is not None), default=None)


def mark_done(uow: UnitOfWork, instruction_id: int, text: str, *, at: Any = None,
              now: datetime | None = None) -> Outcome[int]:
    """办结 with the final 落实情况."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row, when = _task_and_time(session, instruction_id, at, moment, "办结时间")
        body = _text(text, "text", "最终落实情况", rules.FEEDBACK_MAX)
        obey(rules.check_done, row.done_at is not None, row.given_at, when, body,
             _last_event(session, row))
        _feedback(session, uow, row, body, when, True, moment)
        row.done_at, row.done_by = when, uow.actor
        audit_change(session, row, uow.actor, ENTITY, "done", moment)
        return Outcome(row.id, CHANGED)


def reopen(uow: UnitOfWork, instruction_id: int, reason: str,
           now: datetime | None = None) -> Outcome[int]:
    """Reopen a done task (the leader was not satisfied); the reason is kept."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        row = _load(session, instruction_id)
        _refuse_withdrawn(session, row)
        why = _text(reason, "reason", "重新打开的原因", rules.FEEDBACK_MAX)
        obey(rules.check_reopen, row.done_at is not None, why)
        row.done_at, row.done_by, row.reopen_reason = None, "", why
        audit_change(session, row, uow.actor, ENTITY, "reopen", moment)
        return Outcome(row.id, CHANGED)
