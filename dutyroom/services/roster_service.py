"""The rota: who stands in which seat: checking, generation, hand edits, publishing and
statistics. The calendar and sensitive periods it is planned over are in roster_calendar.py,
leave in leave_service.py, and what it reads (days, seats held) in roster_records.py.

Every change to an assignment is kept in `roster_changes` (who asked, who approved, why)
and chained into the audit trail; the rota is never silently rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db import audit
from dutyroom.db.models import (
    DutyAssignment,
    DutyDay,
    RosterChange,
    Staff,
)
from dutyroom.domain import calendar, roster, rota_solver
from dutyroom.domain.calendar import DayInfo
from dutyroom.domain.fairness import fairness, load
from dutyroom.domain.roles import Permission
from dutyroom.domain.roster import (
    CHANGE_LABELS,
    MAX_OFFICERS,
    Category,
    RosterRules,
    RuleBreak,
    Seat,
    Slot,
)
from dutyroom.domain.text import label_of, sentence
from dutyroom.domain.tiers import Tier
from dutyroom.services.errors import InputError, Problem, obey
from dutyroom.services.records import audit_change, audit_removal, utc_now
from dutyroom.services.roster_calendar import CHANGED, check_range
from dutyroom.services.roster_records import (
    RotaContext,
    StaffBrief,
    assignments_in,
    brief_of,
    context_in,
    user_days,
)
from dutyroom.services.settings_service import desk
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

HISTORY_DAYS = 365  # earlier duties that still count for fairness


@dataclass(frozen=True)
class DayView:
    info: DayInfo
    periods: tuple[str, ...]
    seats: tuple[Seat, ...]  # every place the day needs filled
    slots: dict[Seat, StaffBrief]  # who is on duty in each seat (needed or not)
    breaks: tuple[str, ...]

    @property
    def required(self) -> tuple[Tier, ...]:
        return tuple(dict.fromkeys(seat.tier for seat in self.seats))

    def shown(self) -> list[Seat]:
        """The seats to show: those needed and any other one somebody holds, in order."""
        return sorted(set(self.seats) | set(self.slots),
                      key=lambda s: (roster.TIER_ORDER.index(s.tier), s.index))

    def empty(self) -> list[Seat]:
        return [seat for seat in self.seats if seat not in self.slots]


@dataclass(frozen=True)
class RosterView:
    start: date
    end: date
    days: list[DayView]
    assumed_years: list[int]
    breaks: list[RuleBreak]


@dataclass(frozen=True)
class DutyCounts:
    """One person's duties by day kind over a period (fairness table and statistics)."""

    staff: StaffBrief
    workday: int
    weekend: int
    holiday: int
    comp_days: int = 0  # 补休 earned; only the statistics fill it in
    load: int = 0  # weighted load over the range and the year before; only the preview

    @property
    def total(self) -> int:
        return self.workday + self.weekend + self.holiday


@dataclass(frozen=True)
class GenerationReport:
    start: date
    end: date
    assignments: list[tuple[date, Seat, StaffBrief]]
    unfilled: list[roster.Unfilled]
    fairness: list[DutyCounts]  # counts in the range, including what was already there
    spreads: dict[tuple[Tier, Category], int]  # max − min over the range and the year before
    load_spreads: dict[Tier, int] = field(default_factory=dict)  # the same, weighted load
    method: roster.Method = roster.Method.GREEDY
    proven: tuple[str, ...] = ()  # goals proven best (rota_solver.STAGES)
    min_empty: int | None = None  # proven lower bound on empty first seats (rota_solver)
    note: str = ""
    unhonoured: list[tuple[date, StaffBrief]] = field(default_factory=list)
    assumed_holidays: list[DayInfo] = field(default_factory=list)  # days awaiting the notice
    kept: int = 0  # slots in the range already arranged, left as they are
    min_second: int | None = None  # the same, further officers' seats, once the first are


# --- reading ------------------------------------------------------------------------------


def roster_view(uow: UnitOfWork, start: date, end: date) -> RosterView:
    """What the 排班 page shows: every day with its kind, slots, people and rule breaks."""
    check_range(start, end)
    with uow.read() as session:
        ctx = context_in(session, start, end)
    breaks = roster.check(ctx.plans, ctx.assigned, ctx.people, ctx.absences, ctx.rules)
    by_day: dict[date, list[str]] = {}
    for b in breaks:
        by_day.setdefault(b.day, []).append(b.describe())
    slots: dict[date, dict[Seat, StaffBrief]] = {}
    for (day, seat), staff_id in ctx.assigned.items():
        slots.setdefault(day, {})[seat] = brief_of(ctx.staff_rows[staff_id])
    views = [DayView(plan.info, plan.periods, plan.seats, slots.get(plan.day, {}),
                     tuple(by_day.get(plan.day, ()))) for plan in ctx.plans]
    return RosterView(start, end, views, calendar.assumed_years([p.info for p in ctx.plans]),
                      breaks)


def slot_order(slot: Slot) -> tuple[date, int, int]:
    """Day, then rank, then seat: the order every list of the rota is in."""
    day, seat = slot
    return day, roster.TIER_ORDER.index(seat.tier), seat.index


def roster_rows(uow: UnitOfWork, start: date, end: date) -> list[tuple[date, Seat, StaffBrief]]:
    check_range(start, end)
    with uow.read() as session:
        assigned = assignments_in(session, start, end)
        rows = {r.id: r for r in session.scalars(select(Staff))}
    return [(day, seat, brief_of(rows[sid]))
            for (day, seat), sid in sorted(assigned.items(), key=lambda i: slot_order(i[0]))]


# --- generation ---------------------------------------------------------------------------


def _history(session: Session, start: date) -> dict[tuple[int, Category], int]:
    before = start - timedelta(days=1)
    first = start - timedelta(days=HISTORY_DAYS)
    assigned = assignments_in(session, first, before)
    plans = roster.plan_days(calendar.resolve(first, before, user_days(session, first, before)),
                             {}, RosterRules())
    counts: dict[tuple[int, Category], int] = {}
    for stats in roster.duty_stats(plans, assigned).values():
        for cat, n in ((Category.WORKDAY, stats.workday), (Category.WEEKEND, stats.weekend),
                       (Category.HOLIDAY, stats.holiday)):
            if n:
                counts[stats.staff_id, cat] = n
    return counts


def _generate(session: Session, start: date, end: date, control: rota_solver.SolveControl | None
              ) -> tuple[RotaContext, roster.Generation]:
    """Load what generation needs in `session`, then solve (which takes a moment to the
    time limit; the caller decides whether the session is still open meanwhile)."""
    check_range(start, end)
    ctx = context_in(session, start, end)
    problem = rota_solver.Problem(ctx.plans, list(ctx.people.values()), ctx.assigned,
                                  ctx.absences, _history(session, start), ctx.rules,
                                  ctx.settings.weights)
    seconds = float(ctx.settings.roster_seconds)
    return ctx, rota_solver.generate(problem, seconds=seconds, control=control)


def _report(ctx: RotaContext, result: roster.Generation, start: date, end: date) -> GenerationReport:
    kept = {k: v for k, v in ctx.assigned.items() if start <= k[0] <= end}
    merged = {**kept, **result.assignments}
    stats = roster.duty_stats(ctx.plans, merged)
    weights = ctx.settings.weights
    fairness_rows = [DutyCounts(brief_of(ctx.staff_rows[p.id]), *(
        (s.workday, s.weekend, s.holiday) if (s := stats.get(p.id)) else (0, 0, 0)),
        load=load(result.counts, p.id, weights))
        for p in sorted(ctx.people.values(), key=lambda p: (roster.TIER_ORDER.index(p.tier),
                                                            p.id)) if p.active]
    # Fairness is judged as the generator balances it: this range plus the year before.
    figures = fairness(result.counts, ctx.people.values(), weights)
    rows = [(day, seat, brief_of(ctx.staff_rows[sid]))
            for (day, seat), sid in sorted(result.assignments.items(),
                                           key=lambda i: slot_order(i[0]))]
    return GenerationReport(
        start, end, rows, result.unfilled, fairness_rows, figures.by_kind, figures.by_load,
        result.method, result.proven, result.min_empty, result.note,
        [(day, brief_of(ctx.staff_rows[sid])) for sid, day in result.unhonoured],
        calendar.assumed_holidays([p.info for p in ctx.plans]), len(kept), result.min_second)


def preview_generation(uow: UnitOfWork, start: date, end: date,
                       control: rota_solver.SolveControl | None = None) -> GenerationReport:
    """What `generate` would add, with the fairness table, without saving anything.

    `control` lets the window show progress and cancel (rota_solver.Cancelled is raised).
    """
    with uow.read() as session:
        ctx, result = _generate(session, start, end, control)
    return _report(ctx, result, start, end)


def apply_generation(uow: UnitOfWork, report: GenerationReport) -> Outcome[GenerationReport]:
    """Save the rota a preview showed, exactly as shown — if nobody changed the rota, the
    leave or the staff behind it meanwhile (then nothing is saved and it asks for a new
    preview). Saving what was seen, not a new run, is what makes the preview a promise."""
    with uow.write(Permission.ROSTER) as session:
        ctx = context_in(session, report.start, report.end)
        chosen = {(day, seat): person.id for day, seat, person in report.assignments}
        merged = {**ctx.assigned, **chosen}
        before = roster.check(ctx.plans, ctx.assigned, ctx.people, ctx.absences, ctx.rules)
        after = roster.check(ctx.plans, merged, ctx.people, ctx.absences, ctx.rules)
        new_breaks = {b.describe() for b in after if not b.unfilled} - {
            b.describe() for b in before}
        if set(chosen) & set(ctx.assigned) or new_breaks:
            raise InputError([Problem(sentence("预览之后值班表、请假或人员已有变动，请重新预览后再保存"),
                                      field="roster")])
        _write(session, uow.actor, report.start, report.end, chosen)
    return Outcome(report, CHANGED if chosen else Changes())


def _write(session: Session, actor: str, start: date, end: date, chosen: dict[Slot, int]) -> None:
    for (day, seat), staff_id in sorted(chosen.items(), key=lambda i: slot_order(i[0])):
        put_slot(session, day, seat, staff_id, "generated", actor)
    if chosen:
        audit.append(session, actor=actor, entity="roster",
                     entity_id=f"{start.isoformat()}..{end.isoformat()}", action="generate",
                     payload=_payload(chosen))


def _payload(assigned: dict[Slot, int]) -> list[list[object]]:
    """The rota as the audit chain keeps it: [day, tier, staff id], and the seat where it
    is not the first (so a chain written before two-officer days reads the same)."""
    return [[d.isoformat(), seat.tier.value, s, *([seat.index] if seat.index else [])]
            for (d, seat), s in sorted(assigned.items(), key=lambda i: slot_order(i[0]))]


def generate(uow: UnitOfWork, start: date, end: date,
             control: rota_solver.SolveControl | None = None) -> Outcome[GenerationReport]:
    """Fill every unfilled slot in the range; hand-made and earlier assignments are kept.

    The solve runs outside the write transaction (it may take seconds), and the result is
    saved only if the rota is still as it was read.
    """
    return apply_generation(uow, preview_generation(uow, start, end, control))


def _duty_day(session: Session, day: date, actor: str) -> DutyDay:
    row = session.scalar(select(DutyDay).where(DutyDay.day == day))
    if row is None:
        row = DutyDay(day=day)
        session.add(row)
        audit_change(session, row, actor, "duty_day", "create")
    return row


def put_slot(session: Session, day: date, seat: Seat, staff_id: int | None, source: str,
             actor: str) -> int | None:
    """Set one seat, auditing its new state; return who held it before."""
    duty_day = _duty_day(session, day, actor)
    current = session.scalar(select(DutyAssignment).where(
        DutyAssignment.duty_day_id == duty_day.id, DutyAssignment.tier == seat.tier.value,
        DutyAssignment.slot == seat.index))
    before = current.staff_id if current else None
    if before == staff_id:
        return before
    if current is not None and staff_id is None:
        audit_removal(session, current, actor, "duty_slot")
    elif current is not None and staff_id is not None:
        current.staff_id, current.source, current.created_by = staff_id, source, actor
        audit_change(session, current, actor, "duty_slot", source)
    elif staff_id is not None:
        current = DutyAssignment(duty_day_id=duty_day.id, tier=seat.tier.value, slot=seat.index,
                                 staff_id=staff_id, source=source, created_by=actor)
        session.add(current)
        audit_change(session, current, actor, "duty_slot", source)
    return before


# --- hand edits ---------------------------------------------------------------------------

def _person(session: Session, staff_id: int, tier: Tier, rules: RosterRules) -> Staff:
    row = session.get(Staff, staff_id)
    if row is None:
        raise InputError([Problem(sentence("没有编号为 {0} 的人员", staff_id), field="staff_id")])
    if not row.active:
        raise InputError([Problem(sentence("{0} 已停用，不能排班", row.name), field="staff_id")])
    if not rules.may_fill(Tier(row.tier), tier):
        raise InputError([Problem(sentence("{0} 是{1}，不能值{2}班",
                                           row.name, Tier(row.tier).label, tier.label),
                                  field="staff_id")])
    return row


def _seat(session: Session, day: date, tier: Tier, slot: object, ctx: RotaContext | None = None
          ) -> Seat:
    """The seat a hand edit names: the first of a tier, or one of the officers the day
    needs (a second officer on an ordinary day would be a seat nobody asked for)."""
    if not isinstance(slot, int) or isinstance(slot, bool) or not 0 <= slot < MAX_OFFICERS:
        raise InputError([Problem(sentence("岗位序号应为 1 到 {0}", MAX_OFFICERS), field="slot")])
    seat = Seat(tier, slot)
    if slot and tier is not Tier.OFFICER:
        raise InputError([Problem(sentence("每天只有一名{0}", tier.label), field="slot")])
    if slot:
        ctx = ctx or context_in(session, day, day)
        needed = ctx.plans[0].seats
        if seat not in needed and (day, seat) not in ctx.assigned:
            raise InputError([Problem(sentence("{0:%m月%d日}只需 {1} 名值班员", day,
                                               sum(1 for s in needed if s.tier is Tier.OFFICER)),
                                      field="slot")])
    return seat


def _same_day(session: Session, day: date, seat: Seat, staff_id: int,
              held: dict[Slot, int] | None = None) -> None:
    """Nobody stands in two seats of one day: refused, naming the other seat."""
    held = held if held is not None else assignments_in(session, day, day)
    for (other_day, other), holder in held.items():
        if other_day == day and other != seat and holder == staff_id:
            name = session.get(Staff, staff_id)
            raise InputError([Problem(sentence("{0} {1:%m月%d日}已值{2}，同一人一天只能值一个班次",
                                               name.name if name else staff_id, day, other.label),
                                      field="staff_id")])


def assign(uow: UnitOfWork, day: date, tier: Tier, staff_id: int | None, *, slot: int = 0,
           kind: str = "assign", requested_by: str = "", reason: str = "") -> Outcome[list[str]]:
    """Put someone on a seat by hand (or clear it), recording who asked, approved and why;
    `slot` picks the officer (0 the first, 1 the second of a two-officer day). A substitute
    (代班) is approved by the account logged in, which needs the right to approve and may
    not be either person it moves (`roster.check_approver`).

    Returns the rule breaks this leaves on that day and its neighbours, so the person
    sees at once if, say, the new officer was on duty yesterday.
    """
    obey(roster.check_hand_change, kind, reason)
    with uow.write(Permission.ROSTER if kind == "assign" else Permission.APPROVE_SWAP) as session:
        ctx = context_in(session, day, day)
        seat = _seat(session, day, tier, slot, ctx)
        if staff_id is not None:
            _person(session, staff_id, tier, ctx.rules)
            _same_day(session, day, seat, staff_id, ctx.assigned)
        before = put_slot(session, day, seat, staff_id, "manual" if kind == "assign" else kind,
                          uow.actor)
        if before == staff_id:
            return Outcome([], Changes())
        approved_by = ""
        if kind != "assign":
            if kind == roster.ChangeKind.SUBSTITUTE:
                roster.check_substitute(before, staff_id)
            roster.check_approver(uow.user.staff_id, (before, staff_id))
            approved_by = uow.actor
        record_change(session, day, seat, kind if staff_id is not None else "clear", before,
                      staff_id, requested_by, approved_by, reason, uow.actor)
    rest = ctx.rules.min_rest_days
    around = roster_view(uow, day - timedelta(days=rest), day + timedelta(days=rest))
    return Outcome([b.describe() for b in around.breaks if not b.unfilled],
                   CHANGED)


def swap(uow: UnitOfWork, first: date, second: date, tier: Tier, *, slot: int = 0,
         requested_by: str = "", reason: str = "") -> Outcome[list[str]]:
    """Exchange two days' duty in one seat between the people holding them (换班), approved
    by the account logged in: it needs the right to approve (checked as stored at this
    write) and may not be either of the two (`roster.check_approver`)."""
    if not reason.strip():
        raise InputError([Problem(sentence("换班须填写原因"), field="reason")])
    if first == second:
        raise InputError([Problem(sentence("请选择另一天"), field="other_day")])
    with uow.write(Permission.APPROVE_SWAP) as session:
        seat = _seat(session, first, tier, slot)
        rest = desk(session).roster.min_rest_days
        held = assignments_in(session, min(first, second), max(first, second))
        a, b = held.get((first, seat)), held.get((second, seat))
        if a is None or b is None:
            raise InputError([Problem(sentence("两天都须已安排{0}才能换班", seat.label),
                                      field="other_day")])
        _same_day(session, first, seat, b, held)
        _same_day(session, second, seat, a, held)
        roster.check_approver(uow.user.staff_id, (a, b))
        put_slot(session, first, seat, b, "swap", uow.actor)
        put_slot(session, second, seat, a, "swap", uow.actor)
        approver = uow.actor  # the account logged in, with the right as stored now
        record_change(session, first, seat, "swap", a, b, requested_by, approver, reason, uow.actor)
        record_change(session, second, seat, "swap", b, a, requested_by, approver, reason, uow.actor)
    around = roster_view(uow, min(first, second) - timedelta(days=rest),
                         max(first, second) + timedelta(days=rest))
    return Outcome([x.describe() for x in around.breaks if not x.unfilled],
                   CHANGED)


def record_change(session: Session, day: date, seat: Seat, kind: str, old: int | None,
                  new: int | None, requested_by: str, approved_by: str, reason: str,
                  actor: str) -> None:
    change = RosterChange(day=day, tier=seat.tier.value, slot=seat.index, kind=kind,
                          old_staff_id=old, new_staff_id=new,
                          requested_by=requested_by.strip(), approved_by=approved_by.strip(),
                          reason=reason.strip(), recorded_by=actor)
    session.add(change)
    audit_change(session, change, actor, "roster_change", kind)


@dataclass(frozen=True)
class ChangeView:
    day: date
    seat: Seat
    kind: str
    old: str
    new: str
    requested_by: str
    approved_by: str
    reason: str
    at: Any
    recorded_by: str


def changes(uow: UnitOfWork, start: date, end: date) -> list[ChangeView]:
    """The history of every hand change in a range, newest first."""
    with uow.read() as session:
        names = {r.id: r.name for r in session.scalars(select(Staff))}
        rows = session.scalars(select(RosterChange).where(
            RosterChange.day >= start, RosterChange.day <= end).order_by(RosterChange.id.desc()))
        return [ChangeView(r.day, Seat(Tier(r.tier), r.slot), label_of(CHANGE_LABELS, r.kind),
                           names.get(r.old_staff_id or 0, ""), names.get(r.new_staff_id or 0, ""),
                           r.requested_by, r.approved_by, r.reason, r.at, r.recorded_by)
                for r in rows]


def publish(uow: UnitOfWork, start: date, end: date, *,
            now: datetime | None = None) -> Outcome[int]:
    """Mark a range as the published rota, only if it passes the pre-publish check:
    every required slot filled (a leader every day, three tiers on holidays and in
    sensitive periods), nobody on leave, resting or in the wrong tier, every mobile
    reachable."""
    check_range(start, end)
    with uow.write(Permission.PUBLISH_ROTA) as session:
        ctx = context_in(session, start, end)
        breaks = roster.check(ctx.plans, ctx.assigned, ctx.people, ctx.absences, ctx.rules)
        if breaks:
            raise InputError([Problem(b.describe(), field="roster") for b in breaks])
        stamp = utc_now(now)
        for plan in ctx.plans:
            duty_day = _duty_day(session, plan.day, uow.actor)
            duty_day.published_at = stamp
            audit_change(session, duty_day, uow.actor, "duty_day", "publish")
        audit.append(session, actor=uow.actor, entity="roster",
                     entity_id=f"{start.isoformat()}..{end.isoformat()}", action="publish",
                     payload=_payload({k: v for k, v in ctx.assigned.items()
                                       if start <= k[0] <= end}))
    return Outcome(len(ctx.plans), CHANGED)


def published_days(uow: UnitOfWork, start: date, end: date) -> set[date]:
    with uow.read() as session:
        return set(session.scalars(select(DutyDay.day).where(
            DutyDay.day >= start, DutyDay.day <= end, DutyDay.published_at.is_not(None))))


# --- statistics ---------------------------------------------------------------------------


def statistics(uow: UnitOfWork, start: date, end: date) -> list[DutyCounts]:
    """Duties per person by day kind and comp days earned, for allowances (值班补贴)."""
    check_range(start, end)
    with uow.read() as session:
        ctx = context_in(session, start, end)
    within = {k: v for k, v in ctx.assigned.items() if start <= k[0] <= end}
    stats = roster.duty_stats(ctx.plans, within, ctx.settings.comp_days_per_holiday)
    rows = [DutyCounts(brief_of(ctx.staff_rows[s.staff_id]), s.workday, s.weekend, s.holiday,
                     s.comp_days) for s in stats.values()]
    rows.sort(key=lambda r: (roster.TIER_ORDER.index(r.staff.tier), r.staff.id))
    return rows
