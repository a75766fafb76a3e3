"""Shift handover (交接班): the record assembled from the shift, the outgoing officer's notes,
the incoming officer's acceptance that locks it, and corrections as new revisions.

Until it is accepted the record is read live from the database each time it is shown, so it
never goes stale; on acceptance the assembled record is stored whole (`content`) and every
later reading and printout shows exactly what was accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dutyroom.db import audit
from dutyroom.db.models import DispatchFeedback, Handover, Incident, RegisterEntry, Staff
from dutyroom.domain import duty_clock
from dutyroom.domain.anchors import Anchor, parse_anchor
from dutyroom.domain.deadlines import CHANNEL_LABELS, STAGE_LABELS, Channel, Stage
from dutyroom.domain.handover import (
    MAX_NOTES,
    NAMES_JOIN,
    Change,
    Correction,
    DispatchFact,
    EntryFact,
    HandoverRecord,
    IncidentFact,
    InstructionFact,
    Prompt,
    ReportFact,
    ShiftFacts,
    SignIn,
    SpotCheckFact,
    TaskFact,
    WarningFact,
    assemble,
    changes_since,
)
from dutyroom.domain.incident_rules import REGISTER_LABELS
from dutyroom.domain.incidents import Category, Status
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import label_of, sentence
from dutyroom.domain.tiers import Tier
from dutyroom.reports.content import Document
from dutyroom.services import alert_service, incident_records
from dutyroom.services.conflicts import stale_edit
from dutyroom.services.errors import ConflictError, InputError, Problem
from dutyroom.services.instruction_records import InstructionView, given_between, open_in
from dutyroom.services.playbook_records import unticked_in
from dutyroom.services.records import audit_change, text_input, utc_now
from dutyroom.services.settings_service import Desk, desk
from dutyroom.services.shift_records import shift_officers, shift_view_in
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.services.warning_readers import in_force_in

ENTITY = "handover"
CHANGED = Changes(handover=True)
DRAFT, FINAL = "draft", "final"
HISTORY = 90  # records the page lists
MAX_EQUIPMENT = 500


@dataclass(frozen=True)
class Stored:
    """The row behind a record: what the officers wrote and whether it is locked."""

    id: int
    version: int
    status: str
    revision: int
    accepted_by: str
    finalized_at: datetime | None
    notes: str
    equipment: str

    @property
    def final(self) -> bool:
        return self.status == FINAL


@dataclass(frozen=True)
class HandoverView:
    day: date
    record: HandoverRecord
    stored: Stored | None
    changes: list[Change]  # since the last handover
    previous_day: date
    accept_from: datetime  # the next shift's sign-in opens: acceptance is possible from then
    incoming_id: int | None  # the incoming officer as rostered or signed in

    @property
    def final(self) -> bool:
        return self.stored is not None and self.stored.final


@dataclass(frozen=True)
class HandoverSummary:
    day: date
    status: str
    revision: int
    outgoing: str
    incoming: str
    accepted_by: str
    finalized_at: datetime | None

    @property
    def status_label(self) -> str:
        if self.status != FINAL:
            return sentence("草稿")
        return sentence("已接班") if self.revision == 1 else sentence("已接班（第 {0} 版）", self.revision)


# --- gathering the shift's facts ---------------------------------------------------------------


def _incident_facts(session: Session, ctx: Desk, start: datetime, end: datetime,
                    as_of: datetime) -> tuple[IncidentFact, ...]:
    """Incidents received in the shift, and those received earlier still open at its start."""
    rows = list(session.scalars(select(Incident).where(
        Incident.voided.is_(False), Incident.received_at < end, Incident.received_at <= as_of,
        or_(Incident.received_at >= start, Incident.closed_at.is_(None), Incident.closed_at >= start))
        .order_by(Incident.received_at)))
    ids = [r.id for r in rows]
    reports = incident_records.reports_of(session, ids)
    dispatches = incident_records.dispatches_of(session, ids)
    feedback: dict[int, str] = {}
    dispatch_ids = [x.id for pairs in dispatches.values() for x, _ in pairs]
    if dispatch_ids:
        for fb in session.scalars(select(DispatchFeedback).where(
                DispatchFeedback.dispatch_id.in_(dispatch_ids), DispatchFeedback.at <= as_of)
                .order_by(DispatchFeedback.at, DispatchFeedback.id)):
            feedback[fb.dispatch_id] = f"{fb.at.astimezone(ctx.zone):%H:%M} {fb.text}".strip()
    unticked = unticked_in(session, rows, as_of)
    facts = []
    for row in rows:
        closed = row.status == Status.CLOSED and row.closed_at is not None and row.closed_at <= as_of
        status = Status.CLOSED if closed else (
            Status.RECEIVED if row.status == Status.RECEIVED else Status.HANDLING)
        sent = [r for r in reports[row.id] if r.sent_at <= as_of]
        deadlines = incident_records.report_deadlines_of(row, reports[row.id], ctx, as_of)
        report_facts = tuple(ReportFact(STAGE_LABELS[Stage(r.stage)], CHANNEL_LABELS[Channel(r.channel)],
                                        r.sent_at, r.due_at is not None and r.sent_at > r.due_at,
                                        r.recorded_at if incident_records.late_entry_note(r, ctx)
                                        else None)
                             for r in sent)

        def seen(moment: datetime | None) -> datetime | None:
            return moment if moment is not None and moment <= as_of else None

        dispatch_facts = tuple(
            DispatchFact(x.id, name, x.contact_name, x.ordered_at,
                         x.ordered_at + timedelta(minutes=x.arrival_minutes), seen(x.arrived_at),
                         seen(x.closed_at), feedback.get(x.id, ""))
            for x, name in dispatches[row.id] if x.ordered_at <= as_of)
        level = incident_records.level_at(row, as_of)
        facts.append(IncidentFact(row.id, row.received_at, row.title, Category(row.category), level,
                                  status, report_facts, tuple(deadlines), dispatch_facts,
                                  incident_records.received_correction(session, row, sent, ctx.zone,
                                                                       as_of),
                                  unticked[row.id]))
    return tuple(facts)


def _entry_facts(session: Session, start: datetime, end: datetime,
                 as_of: datetime) -> tuple[EntryFact, ...]:
    rows = session.scalars(select(RegisterEntry).where(
        RegisterEntry.voided.is_(False), RegisterEntry.received_at >= start,
        RegisterEntry.received_at < end, RegisterEntry.received_at <= as_of)
        .order_by(RegisterEntry.received_at))
    return tuple(EntryFact(r.id, r.received_at, label_of(REGISTER_LABELS, r.kind),
                           " ".join(x for x in (r.from_unit, r.from_name) if x),
                           " ".join(x for x in (r.doc_number, r.title) if x) or r.content[:200],
                           r.leader_instruction, r.passed_to) for r in rows)


def shift_facts_in(session: Session, day: date, at: datetime, ctx: Desk | None = None) -> ShiftFacts:
    ctx = ctx or desk(session)
    shift = shift_view_in(session, day, ctx)
    as_of = min(at, shift.end)
    people: dict[Tier, tuple[str, ...]] = {}
    for slot in shift.slots:
        who = slot.checkin.staff_name if slot.checkin else (slot.staff.name if slot.staff else "")
        if who:
            people[slot.tier] = (*people.get(slot.tier, ()), who)
    incoming = [session.get(Staff, staff_id)
                for staff_id in shift_officers(session, day + timedelta(days=1))]
    sign_ins = tuple(
        SignIn(s.seat, s.staff.name if s.staff else "", s.due,
               s.checkin.staff_name if s.checkin else "",
               s.checkin.confirmed_at if s.checkin else None)
        for s in shift.slots if s.must_check_in)
    prompts = tuple(Prompt(p.asked_at, p.due, p.confirmation.staff_name if p.confirmation else "",
                           p.confirmation.confirmed_at if p.confirmation else None)
                    for p in shift.prompts)
    spots = tuple(SpotCheckFact(s.at, s.checker, s.channel_label, s.answered_by, s.within_rule,
                                s.outcome_label, s.result)
                  for s in shift.spot_checks if s.at <= as_of)
    tasks = tuple(TaskFact(t.key, t.label, t.subject, t.due)
                  for t in alert_service.task_items(session, ctx, as_of.astimezone(ctx.zone).date())
                  if t.opens <= as_of and (t.done_at is None or t.done_at > as_of)
                  and (t.expires is None or t.expires > as_of))
    return ShiftFacts(
        unit=ctx.unit_name, desk=ctx.desk_name, day=day, start=shift.start,
        end=shift.end, zone=ctx.zone, as_of=as_of, people=people,
        incoming=tuple(person.name for person in incoming if person is not None),
        sign_ins=sign_ins, prompts=prompts, spot_checks=spots,
        incidents=_incident_facts(session, ctx, shift.start, shift.end, as_of),
        entries=_entry_facts(session, shift.start, shift.end, as_of), tasks=tasks,
        warnings=_warning_facts(session, as_of),
        instructions=_instruction_facts(open_in(session, as_of), as_of),
        instructions_given=_instruction_facts(given_between(
            session, shift.start, min(shift.end, as_of + timedelta(microseconds=1)), as_of), as_of))


def _instruction_facts(views: list[InstructionView],
                       as_of: datetime) -> tuple[InstructionFact, ...]:
    """Each task with its feedback as it stood at `as_of` (a past shift's record reads the
    same whenever it is printed)."""
    facts = []
    for n in views:
        notes = [f.text for f in n.feedback if f.at <= as_of]
        done = n.done_at if n.done_at is not None and n.done_at <= as_of else None
        facts.append(InstructionFact(n.id, n.leader_name, n.text, n.assignee, n.subject,
                                     n.given_at, n.due_at, done, notes[-1] if notes else ""))
    return tuple(facts)


def _warning_facts(session: Session, as_of: datetime) -> tuple[WarningFact, ...]:
    """Warnings in force at the handover, each with the people not yet reached."""
    return tuple(
        WarningFact(w.id, w.title, w.relay_due, w.valid_until, w.reached, w.to_reach,
                    tuple(f"{t.village} {t.role} {t.name}" for t in targets if not t.reached))
        for w, targets in in_force_in(session, as_of))


# --- reading ----------------------------------------------------------------------------------


def _stored(row: Handover) -> Stored:
    return Stored(row.id, row.version, row.status, row.revision, row.accepted_by, row.finalized_at,
                  row.notes, row.equipment_status)


def _row(session: Session, day: date) -> Handover | None:
    return session.scalars(select(Handover).where(Handover.shift_date == day)).first()


def record_in(session: Session, day: date, at: datetime,
              ctx: Desk | None = None) -> tuple[HandoverRecord, Handover | None]:
    """The accepted record as stored, or the live one with the notes written so far."""
    row = _row(session, day)
    if row is not None and row.status == FINAL:
        return HandoverRecord.from_json(row.content), row
    record = assemble(shift_facts_in(session, day, at, ctx),
                      equipment=row.equipment_status if row else "", notes=row.notes if row else "")
    return record, row


def handover_day(uow: UnitOfWork, at: datetime | None = None) -> date:
    """The shift to hand over at `at`: the one running then (at 08:20 still yesterday's)."""
    moment = utc_now(at)
    with uow.read() as session:
        ctx = desk(session)
        return duty_clock.duty_day_of(moment, ctx.clock, ctx.zone)


def handover_view(uow: UnitOfWork, day: date, at: datetime | None = None) -> HandoverView:
    moment = utc_now(at)
    with uow.read() as session:
        ctx = desk(session)
        record, row = record_in(session, day, moment, ctx)
        # The last handover is the shift before: as accepted, or as it stood at its end.
        previous_day = day - timedelta(days=1)
        previous, _ = record_in(session, previous_day, moment, ctx)
        accept_from, _ = duty_clock.checkin_window(day + timedelta(days=1), ctx.clock, ctx.zone)
        incoming = shift_officers(session, day + timedelta(days=1))
        mine = uow.user.staff_id
        incoming_id = mine if mine in incoming else (incoming[0] if incoming else None)
    return HandoverView(day, record, _stored(row) if row else None, changes_since(previous, record),
                        previous_day, accept_from, incoming_id)


def list_handovers(uow: UnitOfWork, limit: int = HISTORY) -> list[HandoverSummary]:
    """Stored records, newest shift first."""
    with uow.read() as session:
        rows = session.scalars(select(Handover).order_by(Handover.shift_date.desc()).limit(limit))
        result = []
        for row in rows:
            outgoing = incoming = ""
            if row.content:
                record = HandoverRecord.from_json(row.content)
                outgoing, incoming = record.outgoing, record.incoming
            result.append(HandoverSummary(row.shift_date, row.status, row.revision, outgoing, incoming,
                                          row.accepted_by, row.finalized_at))
        return result


def handover_document(uow: UnitOfWork, day: date, at: datetime | None = None) -> Document:
    """The printout: the accepted record, or the draft as it stands now."""
    moment = utc_now(at)
    with uow.read() as session:
        ctx = desk(session)
        record, _ = record_in(session, day, moment, ctx)
        head = chain_anchor(session)
    from dutyroom.reports.handover_pdf import (
        handover_pdf,  # ReportLab loads on the first printout, not at start
    )

    return handover_pdf(record, minute_text(moment, ctx.zone), head.readable() if head else "")


def newest_anchor(session: Session) -> tuple[date, Anchor] | None:
    """The chain head stored in the latest accepted handover: the newest one on paper."""
    for row in session.scalars(select(Handover).where(Handover.status == FINAL)
                               .order_by(Handover.finalized_at.desc()).limit(20)):
        anchor = HandoverRecord.from_json(row.content).anchor
        if anchor:
            return row.shift_date, parse_anchor(anchor)
    return None


def chain_anchor(session: Session) -> Anchor | None:
    """The audit chain's head now, as it goes on a printout (None while the chain is empty)."""
    count, last = audit.head(session)
    return Anchor.of(count, last) if count else None


# --- writing ----------------------------------------------------------------------------------


def _editable(session: Session, day: date, version: int | None) -> Handover:
    row = _row(session, day)
    if row is None:
        row = Handover(shift_date=day, notes="", equipment_status="", content="", status=DRAFT)
        session.add(row)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError:
            raise ConflictError(sentence("另一台电脑刚刚保存了这一班的交接班记录，请刷新后再改。")) from None
        return row
    if version is not None and row.version != version:
        raise stale_edit(session, row, ENTITY, sentence("这一班的交接班记录"))
    if row.status == FINAL:
        raise InputError([Problem(
            sentence("{0:%m月%d日}的交接班记录已由{1}接班确认并锁定，只能「更正」",
                     day, row.accepted_by), field="notes")])
    return row


def save_draft(uow: UnitOfWork, day: date, *, notes: str, equipment: str, version: int | None = None,
               at: datetime | None = None) -> Outcome[Stored]:
    """The outgoing officer's notes and equipment status, kept until the handover."""
    moment = utc_now(at)
    notes = text_input(notes, "notes", "其他交代事项", MAX_NOTES)
    equipment = text_input(equipment, "equipment", "设备和电话状态", MAX_EQUIPMENT)
    with uow.write(Permission.HANDOVER) as session:
        row = _editable(session, day, version)
        row.notes, row.equipment_status = notes, equipment
        audit_change(session, row, uow.actor, ENTITY, "update", moment)
        return Outcome(_stored(row), CHANGED)


def accept(uow: UnitOfWork, day: date, incoming_staff_id: int, *, notes: str, equipment: str,
           version: int | None = None, at: datetime | None = None) -> Outcome[Stored]:
    """接班确认: the incoming officer takes the desk; the record is stored whole and locked.

    The incoming officer confirms under their own login; a leader may confirm for them.
    """
    moment = utc_now(at)
    notes = text_input(notes, "notes", "其他交代事项", MAX_NOTES)
    equipment = text_input(equipment, "equipment", "设备和电话状态", MAX_EQUIPMENT)
    with uow.write(Permission.HANDOVER) as session:
        ctx = desk(session)
        opens, _ = duty_clock.checkin_window(day + timedelta(days=1), ctx.clock, ctx.zone)
        if moment < opens:
            raise InputError([Problem(
                sentence("接班签到开始（{0:%m-%d %H:%M}）后才能接班确认",
                         opens.astimezone(ctx.zone)), field="at")])
        person = session.get(Staff, incoming_staff_id)
        if person is None or not person.active:
            raise InputError([Problem(sentence("请选择在岗的接班人"), field="incoming")])
        if person.id != uow.user.staff_id:
            uow.require(Permission.FINALIZE_HANDOVER)  # only a leader confirms for someone else
        row = _editable(session, day, version)
        facts = shift_facts_in(session, day, moment, ctx)
        record = assemble(facts, equipment=equipment, notes=notes)
        local = minute_text(moment, ctx.zone)
        head = chain_anchor(session)
        record = replace(record, incoming=accepted_by(person.name, facts.incoming),
                         accepted_at=local, anchor=str(head) if head else "")
        row.notes, row.equipment_status = notes, equipment
        row.incoming_staff_id = person.id
        row.content, row.status = record.to_json(), FINAL
        row.finalized_at, row.accepted_by, row.revision = moment, person.name, 1
        audit_change(session, row, uow.actor, ENTITY, "finalize", moment)
        return Outcome(_stored(row), CHANGED)


def accepted_by(name: str, incoming: tuple[str, ...]) -> str:
    """The incoming officers as the accepted record names them: as rostered when one of them
    accepts; someone else accepting stands in for the first (张三（替 李四）、王五)."""
    if not incoming or name in incoming:
        return NAMES_JOIN.join(incoming) or name
    return NAMES_JOIN.join((f"{name}（替 {incoming[0]}）", *incoming[1:]))


def correct(uow: UnitOfWork, day: date, *, notes: str, equipment: str, reason: str,
            version: int | None = None, at: datetime | None = None) -> Outcome[Stored]:
    """A correction of an accepted record: a new revision naming who corrected it and why;
    the earlier revision stays in the audit chain."""
    moment = utc_now(at)
    notes = text_input(notes, "notes", "其他交代事项", MAX_NOTES)
    equipment = text_input(equipment, "equipment", "设备和电话状态", MAX_EQUIPMENT)
    reason = text_input(reason, "reason", "更正原因", 200, required=True)
    with uow.write(Permission.FINALIZE_HANDOVER) as session:
        ctx = desk(session)
        row = _row(session, day)
        if row is None or row.status != FINAL:
            raise InputError([Problem(sentence("只有已接班确认的记录需要更正；草稿可直接修改后保存"),
                                      field="reason")])
        if version is not None and row.version != version:
            raise stale_edit(session, row, ENTITY, sentence("这一班的交接班记录"))
        if notes == row.notes and equipment == row.equipment_status:
            raise InputError([Problem(sentence("更正后的内容与原记录相同"), field="notes")])
        record = HandoverRecord.from_json(row.content)
        local = minute_text(moment, ctx.zone)
        record = replace(record, notes=notes, equipment=equipment,
                         corrections=(*record.corrections, Correction(local, uow.actor, reason)))
        row.notes, row.equipment_status, row.content = notes, equipment, record.to_json()
        row.revision += 1
        audit_change(session, row, uow.actor, ENTITY, "revise", moment)
        return Outcome(_stored(row), CHANGED)
