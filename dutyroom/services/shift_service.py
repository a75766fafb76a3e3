"""The duty clock's records: shift check-ins, presence confirmations, spot checks from above,
holiday reports done, and acknowledgements of alerts. Each is one audited transaction.

What is *expected* (who signs in by when, when a prompt asks) comes from the settings and
the rota through domain/duty_clock; only what people did is stored. The shift as it stands
is read by shift_records.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dutyroom.db.models import AlertAck, CheckIn, DutyTask, SpotCheck, Staff
from dutyroom.domain import duty_clock
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.duty_clock import SPOT_CHANNEL_LABELS, SPOT_OUTCOME_LABELS, TaskKind
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import FUTURE_TOLERANCE
from dutyroom.domain.local_time import parse_local_time
from dutyroom.domain.roles import Permission
from dutyroom.domain.roster import Seat
from dutyroom.domain.text import sentence
from dutyroom.domain.tiers import Tier
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.records import audit_change, text_input, utc_now
from dutyroom.services.roster_records import rota_in
from dutyroom.services.settings_service import desk
from dutyroom.services.shift_records import (
    PRESENCE,
    SHIFT,
    CheckInView,
    ShiftView,
    SpotCheckView,
    checkin_seats,
    checkin_view,
    shift_officers,
    shift_view_in,
    spot_view,
    staff_names_in,
)
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

CHANGED = Changes(clock=True)


# --- reading ------------------------------------------------------------------------------------


def shift_view(uow: UnitOfWork, at: datetime | None = None) -> ShiftView:
    """The duty day at `at` (now by default) as the desk sees it: from the moment the next
    shift's sign-in opens, that shift."""
    moment = utc_now(at)
    with uow.read() as session:
        ctx = desk(session)
        return shift_view_in(session, duty_clock.checkin_day_of(moment, ctx.clock, ctx.zone), ctx)


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
        return Outcome(checkin_view(row, staff_names_in(session)), CHANGED)


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
        return Outcome(checkin_view(row, staff_names_in(session)), CHANGED)


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
        return Outcome(spot_view(row), CHANGED)


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
