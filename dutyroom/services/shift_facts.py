"""What a shift did, gathered once for the handover record and the daily report.

The handover record (交接班) and the daily report (值班日报) are both assembled by
domain/handover.py from the same facts of one shift as they stood at a moment: who was on
duty and signed in, the presence prompts and spot checks, the incidents received or still
open with their reports, dispatches and unticked steps, the register entries, the tasks
due, the warnings in force and the instructions open or given. shift_facts_in reads them
here once, in an open session, so neither use-case module borrows the other's helpers.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from dutyroom.db.models import DispatchFeedback, Incident, RegisterEntry, Staff
from dutyroom.domain.deadlines import CHANNEL_LABELS, STAGE_LABELS, Channel, Stage
from dutyroom.domain.handover import (
    DispatchFact,
    EntryFact,
    IncidentFact,
    InstructionFact,
    Prompt,
    ReportFact,
    ShiftFacts,
    SignIn,
    SpotCheckFact,
    TaskFact,
    WarningFact,
)
from dutyroom.domain.incident_rules import REGISTER_LABELS
from dutyroom.domain.incidents import Category, Status
from dutyroom.domain.text import label_of
from dutyroom.domain.tiers import Tier
from dutyroom.services import alert_service, incident_records
from dutyroom.services.instruction_records import InstructionView, given_between, open_in
from dutyroom.services.playbook_records import unticked_in
from dutyroom.services.settings_service import Desk, desk
from dutyroom.services.shift_records import shift_officers, shift_view_in
from dutyroom.services.warning_readers import in_force_in


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
