"""The duty clock's records: shift check-ins, presence confirmations, spot checks from above,
holiday reports done, and acknowledgements of alerts. Each is one audited transaction.

What is *expected* (who signs in by when, when a prompt asks) comes from the settings and
the rota through domain/duty_clock; only what people did is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dutyroom.db.models import AlertAck, CheckIn, DutyTask, SpotCheck, Staff
from dutyroom.domain import duty_clock
from dutyroom.domain.calendar import DayInfo
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.deadlines import AlertState, timed_state
from dutyroom.domain.duty_clock import SPOT_CHANNEL_LABELS, SPOT_OUTCOME_LABELS, ClockRules, TaskKind
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import FUTURE_TOLERANCE
from dutyroom.domain.local_time import minute_text, parse_local_time
from dutyroom.domain.roles import Permission
from dutyroom.domain.roster import TIER_ORDER, Seat
from dutyroom.domain.text import label_of, sentence
from dutyroom.domain.tiers import Tier
from dutyroom.reports.content import ClockLog, Document, LogRow
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.records import audit_change, text_input, utc_now
from dutyroom.services.roster_calendar import check_range
from dutyroom.services.roster_files import period_title
from dutyroom.services.roster_records import Rota, StaffBrief, rota_in
from dutyroom.services.settings_service import Desk, desk
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

CHANGED = Changes(clock=True)
SHIFT, PRESENCE = "shift", "presence"


# --- what the pages get back ------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInView:
    id: int
    kind: str
    day: date
    tier: Tier
    due_at: datetime
    confirmed_at: datetime
    staff_name: str
    rostered_name: str
    note: str
    recorded_by: str
    staff_id: int | None = None  # who signed in or confirmed
    slot: int = 0  # the seat signed for: the second officer of a two-officer day is 1

    @property
    def seat(self) -> Seat:
        return Seat(self.tier, self.slot)

    @property
    def late(self) -> bool:
        return self.confirmed_at > self.due_at

    @property
    def substitute(self) -> bool:
        return bool(self.rostered_name) and self.rostered_name != self.staff_name

    def describe(self) -> str:
        text = f"{self.confirmed_at:%H:%M} {self.staff_name}"
        if self.substitute:
            text += f"（替 {self.rostered_name}）"
        return text + ("，迟签" if self.late else "")


@dataclass(frozen=True)
class SlotView:
    """One seat of today's rota (a tier; each officer of a two-officer day) with its sign-in."""

    seat: Seat
    staff: StaffBrief | None
    must_check_in: bool
    opens: datetime
    due: datetime
    checkin: CheckInView | None

    @property
    def tier(self) -> Tier:
        return self.seat.tier

    def state(self, at: datetime) -> AlertState | None:
        if not self.must_check_in:
            return None
        return timed_state(self.opens, self.due,
                           self.checkin.confirmed_at if self.checkin else None, at)


@dataclass(frozen=True)
class PromptView:
    asked_at: datetime
    due: datetime
    confirmation: CheckInView | None


@dataclass(frozen=True)
class SpotCheckView:
    id: int
    at: datetime
    checker: str
    channel: str
    answered_by: str
    within_rule: bool
    outcome: str
    result: str
    recorded_by: str

    @property
    def channel_label(self) -> str:
        return label_of(SPOT_CHANNEL_LABELS, self.channel)

    @property
    def outcome_label(self) -> str:
        return label_of(SPOT_OUTCOME_LABELS, self.outcome)


@dataclass(frozen=True)
class ShiftView:
    """A duty day as 今日值班 shows it."""

    day: date
    info: DayInfo
    periods: tuple[str, ...]
    start: datetime
    end: datetime
    slots: list[SlotView]
    prompts: list[PromptView]
    spot_checks: list[SpotCheckView]
    rules: ClockRules


# --- reading ------------------------------------------------------------------------------------


def _checkin_view(row: CheckIn, names: Mapping[int, str]) -> CheckInView:
    assert row.confirmed_at is not None
    return CheckInView(row.id, row.kind, row.day, Tier(row.tier), row.due_at, row.confirmed_at,
                       names.get(row.staff_id or 0, ""), names.get(row.rostered_staff_id or 0, ""),
                       row.note, row.recorded_by, row.staff_id, row.slot)


def _names(session: Session) -> dict[int, str]:
    return {staff_id: name for staff_id, name in session.execute(select(Staff.id, Staff.name))}


def confirmations(session: Session, first: date, last: date) -> list[CheckIn]:
    return list(session.scalars(select(CheckIn).where(
        CheckIn.day >= first, CheckIn.day <= last, CheckIn.confirmed_at.is_not(None))
        .order_by(CheckIn.confirmed_at)))


def _spot_view(row: SpotCheck) -> SpotCheckView:
    return SpotCheckView(row.id, row.at, row.checker, row.channel, row.answered_by,
                         row.within_rule, row.outcome, row.result, row.recorded_by)


def spot_checks_in(session: Session, start: datetime, end: datetime) -> list[SpotCheckView]:
    rows = session.scalars(select(SpotCheck).where(SpotCheck.at >= start, SpotCheck.at < end)
                           .order_by(SpotCheck.at))
    return [_spot_view(r) for r in rows]


def checkin_seats(rota: Rota, day: date, rules: ClockRules) -> tuple[Seat, ...]:
    """The seats that sign in on `day`: those the day needs, of the tiers the desk asks to
    sign (each officer of a two-officer day signs for their own seat)."""
    return tuple(s for s in rota.plan(day).seats if s.tier in rules.checkin_tiers)


def shift_view_in(session: Session, day: date, ctx: Desk | None = None) -> ShiftView:
    ctx = ctx or desk(session)
    rota = rota_in(session, day, day)
    plan = rota.plan(day)
    names = _names(session)
    rows = confirmations(session, day, day)
    shifts = {Seat(Tier(r.tier), r.slot): _checkin_view(r, names) for r in rows if r.kind == SHIFT}
    presence = {r.due_at: _checkin_view(r, names) for r in rows if r.kind == PRESENCE}
    opens, due = duty_clock.checkin_window(day, ctx.clock, ctx.zone)
    signing = checkin_seats(rota, day, ctx.clock)
    slots = [SlotView(seat, rota.slots.get((day, seat)), seat in signing, opens, due,
                      shifts.get(seat)) for seat in plan.seats]
    prompts = [PromptView(asked, by, presence.get(by))
               for asked, by in duty_clock.presence_prompts(day, ctx.clock, ctx.zone)]
    start, end = duty_clock.shift_span(day, ctx.clock, ctx.zone)
    return ShiftView(day, plan.info, plan.periods, start, end, slots, prompts,
                     spot_checks_in(session, start, end), ctx.clock)


def shift_view(uow: UnitOfWork, at: datetime | None = None) -> ShiftView:
    """The duty day at `at` (now by default) as the desk sees it: from the moment the next
    shift's sign-in opens, that shift."""
    moment = utc_now(at)
    with uow.read() as session:
        ctx = desk(session)
        return shift_view_in(session, duty_clock.checkin_day_of(moment, ctx.clock, ctx.zone), ctx)


def _sign_in_cell(slot: SlotView, now: datetime) -> tuple[str, bool]:
    if slot.checkin is not None:
        return slot.checkin.describe(), slot.checkin.late
    who = slot.staff.name if slot.staff else "未排班"
    return (f"{who} 未签到", True) if now > slot.due else (f"{who} 待签到", False)


def _presence_cell(shift: ShiftView, now: datetime, zone: Any) -> tuple[str, bool]:
    asked = [p for p in shift.prompts if p.asked_at <= now]
    if not shift.prompts:
        return "—", False
    missed = [p for p in asked if p.confirmation is None and now > p.due]
    text = f"{len(asked) - len(missed)}/{len(shift.prompts)} 已确认"
    if missed:
        text += "，未确认 " + "、".join(f"{p.asked_at.astimezone(zone):%H:%M}" for p in missed)
    return text, bool(missed)


def clock_log_document(uow: UnitOfWork, start: date, end: date,
                       at: datetime | None = None) -> Document:
    """接班签到和上级查岗记录 of the shifts starting from `start` to `end`."""
    moment = utc_now(at)
    check_range(start, end)
    with uow.read() as session:
        ctx = desk(session)
        shifts = [shift_view_in(session, start + timedelta(days=n), ctx)
                  for n in range((end - start).days + 1)]
        first, last = shifts[0].start, shifts[-1].end
        spots = spot_checks_in(session, first, last)
    seats = sorted({s.seat for v in shifts for s in v.slots if s.must_check_in},
                   key=lambda seat: (TIER_ORDER.index(seat.tier), seat.index))
    days = []
    for shift in shifts:
        slots = {s.seat: s for s in shift.slots if s.must_check_in}
        cells, alert = [f"{shift.day:%m-%d} {shift.info.weekday_label}"], False
        for seat in seats:
            text, late = _sign_in_cell(slots[seat], moment) if seat in slots else ("—", False)
            cells.append(text)
            alert = alert or late
        text, missed = _presence_cell(shift, moment, ctx.zone)
        days.append(LogRow((*cells, text), alert or missed))
    spot_rows = tuple(LogRow((f"{s.at.astimezone(ctx.zone):%m-%d %H:%M}", s.checker, s.channel_label,
                              s.answered_by, "是" if s.within_rule else "否",
                              "；".join(x for x in (s.outcome_label, s.result) if x), s.recorded_by),
                             not s.within_rule or s.outcome != "ok") for s in spots)
    log = ClockLog(ctx.unit_name, ctx.desk_name, period_title(start, end),
                   tuple(seat.label for seat in seats), tuple(days), spot_rows)
    from dutyroom.reports.clock_log_pdf import (
        clock_log_pdf,  # ReportLab loads on the first printout, not at start
    )

    return clock_log_pdf(log, minute_text(moment, ctx.zone))


# --- check-in and presence -------------------------------------------------------------------


def _confirmed(row: CheckIn) -> datetime:
    """When a sign-in or a presence answer was made: every one is written with its moment."""
    if row.confirmed_at is None:
        raise ValueError(f"check-in {row.id} has no moment")
    return row.confirmed_at


def _active_staff(session: Session, staff_id: int) -> Staff:
    row = session.get(Staff, staff_id)
    if row is None:
        raise InputError([Problem(sentence("没有编号为 {0} 的人员", staff_id), field="staff")])
    if not row.active:
        raise InputError([Problem(sentence("{0} 已停用，不能签到", row.name), field="staff")])
    return row


def _note(raw: Any) -> str:
    return text_input(raw, "note", "备注", 200)


def _save(session: Session, row: CheckIn | DutyTask | SpotCheck | AlertAck, actor: str,
          entity: str, at: datetime, clash: str) -> None:
    """Insert and audit; a unique key hit (another desk was quicker) becomes a message."""
    session.add(row)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise InputError([Problem(clash)]) from None
    audit_change(session, row, actor, entity, "create", at)


def check_in(uow: UnitOfWork, tier: str, staff_id: int, *, slot: int = 0,
             at: datetime | None = None, note: str = "") -> Outcome[CheckInView]:
    """接班签到 for a seat of the shift whose sign-in window has opened (`slot` 1 is the
    second officer of a two-officer day); someone other than the rostered person signing in
    is recorded as a substitution. One person signs for one seat only."""
    moment = utc_now(at)
    try:
        seat = Seat(Tier(tier), slot)
    except ValueError:
        raise InputError([Problem(sentence("未知的值班层级「{0}」", tier), field="tier")]) from None
    note = _note(note)
    with uow.write(Permission.LOG) as session:
        ctx = desk(session)
        day = duty_clock.checkin_day_of(moment, ctx.clock, ctx.zone)
        rota = rota_in(session, day, day)
        if seat not in checkin_seats(rota, day, ctx.clock):
            raise InputError([Problem(sentence("{0:%m月%d日}的班次不需要{1}签到", day, seat.label),
                                      field="tier")])
        person = _active_staff(session, staff_id)
        due = duty_clock.checkin_window(day, ctx.clock, ctx.zone)[1]
        signed = list(session.scalars(select(CheckIn).where(CheckIn.kind == SHIFT,
                                                            CheckIn.day == day)))
        existing = next((r for r in signed if (r.tier, r.slot) == (seat.tier.value, seat.index)),
                        None)
        if existing is not None:
            next_opens = duty_clock.checkin_window(day + timedelta(days=1), ctx.clock, ctx.zone)[0]
            raise InputError([Problem(
                sentence("{0:%m月%d日}班次的{1}已经签到（{2:%H:%M}）；下一班签到 {3:%m月%d日 %H:%M} 开始",
                         day, seat.label, _confirmed(existing).astimezone(ctx.zone),
                         next_opens.astimezone(ctx.zone)),
                field="tier")])
        twice = next((r for r in signed if r.staff_id == person.id), None)
        if twice is not None:
            raise InputError([Problem(sentence("{0} 已签到{1}，一人只能签一个岗位", person.name,
                                               Seat(Tier(twice.tier), twice.slot).label),
                                      field="staff")])
        rostered = rota.slots.get((day, seat))
        row = CheckIn(kind=SHIFT, day=day, tier=seat.tier.value, slot=seat.index, due_at=due,
                      confirmed_at=moment, staff_id=person.id,
                      rostered_staff_id=rostered.id if rostered else None, note=note,
                      recorded_by=uow.actor)
        _save(session, row, uow.actor, "checkin", moment, "该班次已由其他值班台签到")
        return Outcome(_checkin_view(row, _names(session)), CHANGED)


def confirm_presence(uow: UnitOfWork, staff_id: int | None = None, *,
                     at: datetime | None = None) -> Outcome[CheckInView]:
    """在岗确认 answers the latest prompt already asked; earlier unanswered ones stay missed,
    since nobody can confirm now that they were at the desk an hour ago."""
    moment = utc_now(at)
    with uow.write(Permission.LOG) as session:
        ctx = desk(session)
        day = duty_clock.duty_day_of(moment, ctx.clock, ctx.zone)
        prompts = duty_clock.presence_prompts(day, ctx.clock, ctx.zone)
        asked = [p for p in prompts if p[0] <= moment]
        if not asked:
            upcoming = [p[0] for p in prompts if p[0] > moment]
            hint = (sentence("下一次在 {0:%H:%M}", upcoming[0].astimezone(ctx.zone)) if upcoming
                    else sentence("本班次没有在岗确认"))
            raise InputError([Problem(sentence("现在没有需要确认的在岗确认（{0}）", hint))])
        asked_at, due = asked[-1]
        done = session.scalar(select(CheckIn).where(
            CheckIn.kind == PRESENCE, CheckIn.day == day, CheckIn.due_at == due))
        if done is not None:
            raise InputError([Problem(
                sentence("{0:%H:%M} 的在岗确认已于 {1:%H:%M} 确认",
                         asked_at.astimezone(ctx.zone), _confirmed(done).astimezone(ctx.zone)))])
        officers = shift_officers(session, day)
        if staff_id is None:
            staff_id = officers[0] if officers else None
        if staff_id is None:
            raise InputError([Problem(sentence("今日没有排值班员，也没有人签到，请先接班签到"),
                                      field="staff")])
        person = _active_staff(session, staff_id)
        # Either officer of a two-officer shift answers for the desk; someone else is
        # recorded against the first.
        rostered = person.id if person.id in officers else (officers[0] if officers else None)
        row = CheckIn(kind=PRESENCE, day=day, tier=Tier.OFFICER.value, due_at=due,
                      confirmed_at=moment, staff_id=person.id, rostered_staff_id=rostered,
                      recorded_by=uow.actor)
        _save(session, row, uow.actor, "checkin", moment, "该次在岗确认已由其他值班台确认")
        return Outcome(_checkin_view(row, _names(session)), CHANGED)


def shift_officers(session: Session, day: date) -> list[int]:
    """Who is at the desk, seat by seat: the officer who signed in for it, else the one on
    the rota (one person, or two on a two-officer day)."""
    signed = {slot: staff_id for slot, staff_id in session.execute(
        select(CheckIn.slot, CheckIn.staff_id).where(
            CheckIn.kind == SHIFT, CheckIn.day == day, CheckIn.tier == Tier.OFFICER.value))}
    rota = rota_in(session, day, day)
    seats = {seat.index for seat in rota.plan(day).seats if seat.tier is Tier.OFFICER}
    seats |= {seat.index for (_d, seat) in rota.slots if seat.tier is Tier.OFFICER} | set(signed)
    out: list[int] = []
    for index in sorted(seats):
        person = signed.get(index)
        if person is None and (held := rota.slots.get((day, Seat(Tier.OFFICER, index)))):
            person = held.id
        if person is not None and person not in out:
            out.append(person)
    return out


def shift_officer(session: Session, day: date) -> int | None:
    """The first officer at the desk (shift_officers)."""
    officers = shift_officers(session, day)
    return officers[0] if officers else None


# --- spot checks ------------------------------------------------------------------------------


def record_spot_check(uow: UnitOfWork, values: Mapping[str, Any], *,
                      now: datetime | None = None) -> Outcome[SpotCheckView]:
    """上级查岗: who checked, how, who answered and whether within the rule (three rings)."""
    moment = utc_now(now)
    problems: list[Problem] = []

    def field(check: Any) -> Any:
        try:
            return check()
        except FieldError as error:
            problems.append(Problem(error.message, field=error.field))
            return None

    with uow.write(Permission.LOG) as session:
        ctx = desk(session)
        at = field(lambda: parse_local_time(values.get("at"), ctx.zone, "at", "查岗时间")) or moment
        if at > moment + FUTURE_TOLERANCE:
            problems.append(Problem(sentence("查岗时间晚于现在"), field="at"))
        checker = field(lambda: clean_text(values.get("checker"), "checker", "查岗单位或人员",
                                           required=True, max_length=64))
        channel = str(values.get("channel") or "phone")
        if channel not in SPOT_CHANNEL_LABELS:
            problems.append(Problem(sentence("查岗方式应为{0}之一", '、'.join(SPOT_CHANNEL_LABELS.values())),
                                    field="channel"))
        outcome = str(values.get("outcome") or "ok")
        if outcome not in SPOT_OUTCOME_LABELS:
            problems.append(Problem(sentence("查岗结果不在可选范围内"), field="outcome"))
        answered = field(lambda: clean_text(values.get("answered_by"), "answered_by", "接听人",
                                            max_length=32))
        result = field(lambda: clean_text(values.get("result"), "result", "情况说明",
                                          max_length=1000))
        within = values.get("within_rule", True)
        if not isinstance(within, bool):
            problems.append(Problem(sentence("是否按规定接听应为是或否"), field="within_rule"))
        if outcome == "ok" and not answered:
            problems.append(Problem(sentence("在岗正常时请填写接听人"), field="answered_by"))
        if within is True and outcome in ("no_answer", "unreachable"):
            problems.append(Problem(sentence("无人接听或联系不上时不能记为按规定接听"), field="within_rule"))
        if problems:
            raise InputError(problems)
        row = SpotCheck(at=at.astimezone(moment.tzinfo), checker=checker, channel=channel,
                        answered_by=answered, within_rule=within, outcome=outcome,
                        result=result, recorded_by=uow.actor, recorded_at=moment)
        _save(session, row, uow.actor, "spot_check", moment, "查岗记录重复")
        return Outcome(_spot_view(row), CHANGED)


# --- holiday reports and acknowledgements --------------------------------------------------


def complete_task(uow: UnitOfWork, kind: str, day: date, *, at: datetime | None = None,
                  note: str = "") -> Outcome[datetime]:
    """Record the holiday rota report (for the holiday starting `day`) or the daily report
    of `day` as sent; returns when it was due."""
    moment = utc_now(at)
    try:
        task = TaskKind(kind)
    except ValueError:
        raise InputError([Problem(sentence("未知的事项「{0}」", kind), field="kind")]) from None
    with uow.write(Permission.LOG) as session:
        ctx = desk(session)
        due = (duty_clock.rota_report_due(day, ctx.clock, ctx.zone) if task == TaskKind.ROTA_REPORT
               else duty_clock.daily_report_due(day, ctx.clock, ctx.zone))
        row = DutyTask(kind=task.value, day=day, due_at=due, done_at=moment, done_by=uow.actor,
                       note=_note(note))
        _save(session, row, uow.actor, "duty_task", moment,
              f"{duty_clock.TASK_LABELS[task]}（{day:%m月%d日}）已经记为完成")
        return Outcome(due, CHANGED)


def acknowledge(uow: UnitOfWork, key: str, *, at: datetime | None = None,
                note: str = "") -> Outcome[bool]:
    """Take an alert on: it stops ringing, stays listed until done; who and when is kept.
    Returns False when it had already been acknowledged (by anyone)."""
    moment = utc_now(at)
    key = str(key or "").strip()
    if not key or len(key) > 128:
        raise InputError([Problem(sentence("没有指定要确认的提醒"), field="key")])
    with uow.write(Permission.LOG) as session:
        if session.scalar(select(AlertAck.id).where(AlertAck.alert_key == key)) is not None:
            return Outcome(False, Changes())
        row = AlertAck(alert_key=key, acknowledged_at=moment, acknowledged_by=uow.actor,
                       note=_note(note))
        _save(session, row, uow.actor, "alert_ack", moment, "该提醒已确认")
        return Outcome(True, CHANGED)
