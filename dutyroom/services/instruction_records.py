"""What the instruction use cases read: each 领导批示 as a task with its 落实情况 and standing.

The 督办 page, the alerts, the handover record, the daily report and the statistics all
read the same tasks: what each is about, its feedback, and where it stands at a moment
(open, done, late, withdrawn with a voided record). They live here once, as session-level
readers taking an open session, so no use-case module borrows another's private helpers.
Recording and changing the tasks is instruction_service.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import Incident, Instruction, InstructionFeedback, RegisterEntry, Warning
from dutyroom.domain import instructions as rules
from dutyroom.domain import warnings as warning_rules
from dutyroom.domain.incident_rules import REGISTER_LABELS
from dutyroom.domain.instructions import Standing, SubjectKind, TaskTimes
from dutyroom.domain.text import Verbatim, label_of, sentence


@dataclass(frozen=True)
class FeedbackView:
    at: datetime
    text: str
    by: str
    final: bool


@dataclass(frozen=True)
class InstructionView:
    id: int
    version: int
    subject_kind: str
    subject_id: int
    subject: str  # what it is about, readable: 事件「…」
    text: str
    leader_name: str
    assignee: str
    department_id: int | None
    given_at: datetime
    due_at: datetime
    done_at: datetime | None
    done_by: str
    reopen_reason: str
    created_by: str
    feedback: tuple[FeedbackView, ...]
    standing: Standing

    @property
    def done(self) -> bool:
        return self.standing in (Standing.DONE, Standing.DONE_LATE)

    @property
    def standing_label(self) -> str:
        return rules.STANDING_LABELS[self.standing]

    @property
    def subject_label(self) -> str:
        return label_of(rules.SUBJECT_LABELS, self.subject_kind)


def subject_row(session: Session, kind: SubjectKind, subject_id: int
                 ) -> Incident | RegisterEntry | Warning | None:
    if kind == SubjectKind.INCIDENT:
        return session.get(Incident, subject_id)
    if kind == SubjectKind.REGISTER:
        return session.get(RegisterEntry, subject_id)
    return session.get(Warning, subject_id)


def _describe(row: Incident | RegisterEntry | Warning | None, kind: str, subject_id: int) -> str:
    if isinstance(row, Incident):
        return sentence("事件「{0}」", Verbatim(row.title))
    if isinstance(row, RegisterEntry):
        what = row.title or row.from_unit or row.from_name or str(row.id)
        return sentence("{0}「{1}」", label_of(REGISTER_LABELS, row.kind), Verbatim(what))
    if isinstance(row, Warning):
        return sentence("预警「{0}{1}」", Verbatim(row.issuer),
                        Verbatim(warning_rules.title(row.type, warning_rules.Colour(row.colour))))
    return sentence("{0} {1}", label_of(rules.SUBJECT_LABELS, kind), subject_id)


VOIDABLE = ((SubjectKind.INCIDENT, Incident), (SubjectKind.REGISTER, RegisterEntry))


def voided_at(session: Session, rows: Sequence[Instruction]) -> dict[tuple[str, int], datetime]:
    """When the records these instructions are on were voided, for those that were (a
    voided record is never edited again, so its last change is the void)."""
    found: dict[tuple[str, int], datetime] = {}
    for kind, model in VOIDABLE:
        ids = {r.subject_id for r in rows if r.subject_kind == kind.value}
        if ids:
            found.update(((kind.value, i), at) for i, at in session.execute(
                select(model.id, model.updated_at).where(model.id.in_(ids), model.voided.is_(True))))
    return found


def _times(row: Instruction, voided: Mapping[tuple[str, int], datetime]) -> TaskTimes:
    return TaskTimes(row.given_at, row.due_at, row.done_at,
                     voided.get((row.subject_kind, row.subject_id)))


def views_in(session: Session, rows: Sequence[Instruction], at: datetime) -> list[InstructionView]:
    ids = [r.id for r in rows]
    voided = voided_at(session, rows)
    notes: dict[int, list[FeedbackView]] = {i: [] for i in ids}
    if ids:
        for f in session.scalars(select(InstructionFeedback).where(
                InstructionFeedback.instruction_id.in_(ids)).order_by(
                InstructionFeedback.at, InstructionFeedback.id)):
            notes[f.instruction_id].append(FeedbackView(f.at, f.text, f.by, f.final))
    views = []
    for r in rows:
        try:
            kind = SubjectKind(r.subject_kind)
            subject = _describe(subject_row(session, kind, r.subject_id), r.subject_kind,
                                r.subject_id)
        except ValueError:  # a kind a newer version wrote
            subject = _describe(None, r.subject_kind, r.subject_id)
        views.append(InstructionView(
            r.id, r.version, r.subject_kind, r.subject_id, subject, r.text, r.leader_name,
            r.assignee, r.department_id, r.given_at, r.due_at, r.done_at, r.done_by,
            r.reopen_reason, r.created_by, tuple(notes[r.id]),
            rules.standing(_times(r, voided), at)))
    return views


def open_in(session: Session, at: datetime) -> list[InstructionView]:
    """Every task not done at `at` (given by then, not withdrawn with a voided record by
    then), soonest due first: the alerts and the handover's 未办结事项 read these."""
    rows = session.scalars(select(Instruction).where(
        Instruction.given_at <= at,
        (Instruction.done_at.is_(None)) | (Instruction.done_at > at)).order_by(
        Instruction.due_at, Instruction.id)).all()
    return [v for v in views_in(session, rows, at) if v.standing != Standing.WITHDRAWN]


def given_between(session: Session, start: datetime, end: datetime, at: datetime
                  ) -> list[InstructionView]:
    """Instructions given in [start, end), as they stand at `at` (the daily report)."""
    rows = session.scalars(select(Instruction).where(
        Instruction.given_at >= start, Instruction.given_at < end).order_by(
        Instruction.given_at, Instruction.id)).all()
    return views_in(session, rows, at)


def times_between(session: Session, start: datetime, end: datetime) -> list[TaskTimes]:
    """The times of the instructions given in [start, end), for the statistics."""
    rows = session.scalars(select(Instruction).where(
        Instruction.given_at >= start, Instruction.given_at < end)).all()
    voided = voided_at(session, rows)
    return [_times(r, voided) for r in rows]
