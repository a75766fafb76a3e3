"""What the desk must be warned about at a moment: the alert list of 今日值班 and `alerts`.

Alerts are derived from the database every time (nothing is queued), so a restart, a crash
or a night with the laptop asleep loses none: whatever fell due meanwhile is simply overdue.
The same items, with the moment each next changes state, feed the alert timer (ui/alert_timer.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import AlertAck, DutyAssignment, DutyTask, Staff
from dutyroom.domain import calendar, daily_report_days, duty_clock
from dutyroom.domain.deadlines import ALERT_STATE_LABELS, KIND_LABELS, AlertState, DeadlineKind
from dutyroom.domain.duty_clock import TASK_LABELS, TaskKind, TimedItem
from dutyroom.domain.instructions import TaskTimes, alert_opens
from dutyroom.domain.local_time import day_start
from dutyroom.domain.partner_duty import LATE_ROSTER_LABEL
from dutyroom.domain.text import Verbatim, joined, sentence
from dutyroom.services import incident_records, settings_service
from dutyroom.services.instruction_records import open_in
from dutyroom.services.partner_records import late_rosters_in
from dutyroom.services.records import utc_now
from dutyroom.services.roster_records import calendar_days_in, periods_by_day, rota_in
from dutyroom.services.settings_service import Desk
from dutyroom.services.shift_records import (
    PRESENCE,
    SHIFT,
    checkin_seats,
    confirmations,
    shift_officers,
)
from dutyroom.services.uow import UnitOfWork
from dutyroom.services.warning_readers import relay_deadlines_in

# A holiday's rota report shows two days before it is due: it takes time to prepare.
TASK_NOTICE = timedelta(days=2)
LATE_ROSTERS = "partner_roster"  # partner departments' rosters not in by the desk's 报备 date


@dataclass(frozen=True)
class Alert:
    key: str
    kind: str
    label: str  # what is due, e.g. 书面报告
    subject: str  # what it is about, e.g. the incident's title
    ref: int
    target: str  # incident / clock / task: what a click opens
    opens: datetime
    due: datetime
    state: AlertState
    acknowledged_by: str = ""
    acknowledged_at: datetime | None = None
    day: date | None = None

    @property
    def state_label(self) -> str:
        return ALERT_STATE_LABELS[self.state]

    @property
    def pressing(self) -> bool:
        """Due or overdue and nobody has taken it on: this is what rings."""
        return self.state in (AlertState.DUE, AlertState.OVERDUE) and not self.acknowledged_by


@dataclass(frozen=True)
class Schedule:
    """Every item that may still change state, and when the set itself must be rebuilt
    (a new duty day brings new check-ins and prompts)."""

    items: list[TimedItem]
    rebuild_at: datetime

    def next_changes(self, after: datetime) -> dict[str, datetime]:
        """Each item's next change up to the rebuild; later ones are planned by the rebuild,
        which reads everything again anyway."""
        changes = {}
        for item in self.items:
            moment = duty_clock.next_change(item, after)
            if moment is not None and moment <= self.rebuild_at:
                changes[item.key] = moment
        return changes


def _incident_items(session: Session, ctx: Desk) -> list[TimedItem]:
    items = []
    for view in incident_records.open_deadlines_in(session, ctx):
        key = f"{view.kind}/{view.ref}/{view.due.astimezone(ctx.zone):%Y%m%dT%H%M%S}"
        if view.kind == DeadlineKind.DISPATCH_ARRIVAL:
            key += "/" + hashlib.sha1(view.subject.encode()).hexdigest()[:10]
        label = KIND_LABELS[DeadlineKind(view.kind)]
        items.append(TimedItem(key, view.kind, label, view.subject, view.ref, "incident",
                               view.due - ctx.clock.warning, view.due, view.met_at))
    return items


def _warning_items(session: Session, at: datetime) -> list[TimedItem]:
    """A 责任人 not yet reached by the relay deadline of a warning in force."""
    return [TimedItem(f"warning_relay/{d.warning_id}/{d.person_id}",
                      DeadlineKind.WARNING_RELAY.value, KIND_LABELS[DeadlineKind.WARNING_RELAY],
                      d.subject, d.warning_id, "warning", d.due, d.due, d.reached_at, d.expires)
            for d in relay_deadlines_in(session, at)]


def _instruction_items(session: Session, ctx: Desk, at: datetime) -> list[TimedItem]:
    """A 领导批示 task not done: upcoming inside the desk's warning before its time limit,
    then due and overdue like a reporting deadline; it never expires unfinished."""
    items = []
    for task in open_in(session, at):
        times = TaskTimes(task.given_at, task.due_at, task.done_at)
        subject = sentence("{0}：{1}（{2}）", Verbatim(task.leader_name), Verbatim(task.text[:40]),
                           Verbatim(task.assignee))
        # A task not done whose row changed was done and reopened (only 办结 and reopening
        # update it): its alert is a new one, so an acknowledgement of the first does not
        # keep a reopened task from ringing.
        again = f"/r{task.version}" if task.version > 1 else ""
        items.append(TimedItem(f"instruction/{task.id}/{task.due_at.astimezone(ctx.zone):%Y%m%dT%H%M}"
                               f"{again}",
                               DeadlineKind.INSTRUCTION.value, KIND_LABELS[DeadlineKind.INSTRUCTION],
                               subject, task.id, "instruction",
                               alert_opens(times, ctx.clock.warning), task.due_at, task.done_at))
    return items


def _clock_items(session: Session, ctx: Desk, day: date) -> list[TimedItem]:
    """Sign-ins and presence prompts of duty day `day`; they expire with the shift."""
    rota = rota_in(session, day, day)
    done = {(r.kind, r.tier, r.slot, r.due_at): r.confirmed_at
            for r in confirmations(session, day, day)}
    _, end = duty_clock.shift_span(day, ctx.clock, ctx.zone)
    opens, due = duty_clock.checkin_window(day, ctx.clock, ctx.zone)
    items = []
    for seat in checkin_seats(rota, day, ctx.clock):
        person = rota.slots.get((day, seat))
        subject = (sentence("{0} {1}", seat.label, Verbatim(person.name)) if person
                   else sentence("{0}（未排班）", seat.label))
        key = f"checkin/{day}/{seat.tier}" + (f"/{seat.index}" if seat.index else "")
        items.append(TimedItem(key, DeadlineKind.CHECKIN.value,
                               KIND_LABELS[DeadlineKind.CHECKIN], subject,
                               person.id if person else 0, "clock", opens, due,
                               done.get((SHIFT, seat.tier.value, seat.index, due)), end, day))
    prompts = duty_clock.presence_prompts(day, ctx.clock, ctx.zone)
    if prompts:
        officers = [p for p in (session.get(Staff, staff_id) for staff_id in shift_officers(session, day))
                    if p is not None]
        names = joined([Verbatim(p.name) for p in officers], "、")
        subject = (sentence("值班员 {0}", names) if officers else sentence("值班员（未排班）"))
        for asked, by in prompts:
            items.append(TimedItem(
                f"presence/{day}/{asked.astimezone(ctx.zone):%H%M}", DeadlineKind.PRESENCE.value,
                KIND_LABELS[DeadlineKind.PRESENCE], subject, officers[0].id if officers else 0,
                "clock", asked, by, done.get((PRESENCE, "officer", 0, by)), end, day))
    return items


def task_items(session: Session, ctx: Desk, today: date) -> list[TimedItem]:
    """The rota report before each coming holiday, and the daily report on holidays, in
    sensitive periods and over the flood season (as the desk's settings say)."""
    # Wide enough that a holiday (never longer than nine days) is seen whole.
    days = calendar_days_in(session, today - timedelta(days=10),
                            today + timedelta(days=ctx.clock.rota_report_days + 12))
    done = {(t.kind, t.day): t.done_at for t in session.scalars(select(DutyTask).where(
        DutyTask.day >= today - timedelta(days=10)))}
    items = []
    for first, last in duty_clock.holiday_blocks(days):
        due = duty_clock.rota_report_due(first, ctx.clock, ctx.zone)
        name = next((d.name for d in days if d.day == first and d.name), "")
        holiday = Verbatim(name) if name else sentence("{0:%m月%d日}起节假日", first)
        subject = sentence("{0}值班表（{1:%m月%d日}—{2:%m月%d日}）", holiday, first, last)
        items.append(TimedItem(f"rota_report/{first}", TaskKind.ROTA_REPORT.value,
                               TASK_LABELS[TaskKind.ROTA_REPORT], subject, 0, "task",
                               due - TASK_NOTICE, due, done.get((TaskKind.ROTA_REPORT.value, first)),
                               day_start(last + timedelta(days=1), ctx.zone), first))
        late = late_rosters_in(session, first, last)
        if late:  # due at the desk's own 报备 date, gone once every roster is in
            items.append(TimedItem(
                f"{LATE_ROSTERS}/{first}", LATE_ROSTERS, LATE_ROSTER_LABEL,
                sentence("{0}（{1:%m月%d日}—{2:%m月%d日}）：{3}", holiday, first, last,
                         joined([Verbatim(name) for name in late], "、")), 0,
                "partner", due, due, None, day_start(last + timedelta(days=1), ctx.zone), first))
    daily = ctx.daily
    near = today - timedelta(days=1), today + timedelta(days=1)
    periods = periods_by_day(session, *near)
    for info in days:
        if not near[0] <= info.day <= near[1] or not daily_report_days.needs_daily_report(
                info.day, info.kind == calendar.DayKind.HOLIDAY, info.day in periods, daily):
            continue
        due = duty_clock.daily_report_due(info.day, ctx.clock, ctx.zone)
        items.append(TimedItem(f"daily_report/{info.day}", TaskKind.DAILY_REPORT.value,
                               TASK_LABELS[TaskKind.DAILY_REPORT],
                               sentence("{0:%m月%d日}值班日报（有事报事、无事报平安）", info.day), 0,
                               "task",
                               due - ctx.clock.warning, due,
                               done.get((TaskKind.DAILY_REPORT.value, info.day)),
                               day_start(info.day + timedelta(days=1), ctx.zone), info.day))
    return items


def schedule_in(session: Session, at: datetime) -> Schedule:
    ctx = settings_service.desk(session)
    day = duty_clock.duty_day_of(at, ctx.clock, ctx.zone)
    items = (_incident_items(session, ctx) + _warning_items(session, at)
             + _instruction_items(session, ctx, at)
             + task_items(session, ctx, at.astimezone(ctx.zone).date()))
    if duty_clock.clock_runs(session.scalar(select(DutyAssignment.id).limit(1)) is not None):
        items += _clock_items(session, ctx, day) + _clock_items(session, ctx, day + timedelta(days=1))
    shift_end = duty_clock.shift_span(day, ctx.clock, ctx.zone)[1]
    midnight = day_start(at.astimezone(ctx.zone).date() + timedelta(days=1), ctx.zone)
    return Schedule(duty_clock.sort_items(items), min(shift_end, midnight))


def _acks(session: Session) -> dict[str, tuple[str, datetime]]:
    return {key: (by, when) for key, by, when in session.execute(
        select(AlertAck.alert_key, AlertAck.acknowledged_by, AlertAck.acknowledged_at))}


def _alerts(plan: Schedule, acks: dict[str, tuple[str, datetime]], at: datetime) -> list[Alert]:
    alerts = []
    for item in plan.items:
        state = duty_clock.item_state(item, at)
        if state is None or state == AlertState.DONE:
            continue
        by, when = acks.get(item.key, ("", None))
        if when is not None and when > at:
            by, when = "", None
        alerts.append(Alert(item.key, item.kind, item.label, item.subject, item.ref, item.target,
                            item.opens, item.due, state, by, when, item.day))
    return alerts


def alerts_at(uow: UnitOfWork, at: datetime | None = None) -> list[Alert]:
    """Every item inside its warning window, due or overdue at `at` (acknowledged or not),
    soonest first: exactly the list 今日值班 shows."""
    return watch(uow, at).alerts


@dataclass(frozen=True)
class Watch:
    """One reading for the GUI: the list to show now and when to look again."""

    at: datetime
    alerts: list[Alert]
    changes: dict[str, datetime]  # item key → its next change of state
    rebuild_at: datetime
    to_confirm: str | None = None  # the key of the presence prompt 在岗确认 would answer now

    @property
    def pressing(self) -> list[Alert]:
        return [a for a in self.alerts if a.pressing]

    @property
    def asking(self) -> Alert | None:
        """The presence prompt to confirm now, unless someone has already taken it on."""
        return next((a for a in self.alerts if a.key == self.to_confirm
                     and not a.acknowledged_by), None)


def watch(uow: UnitOfWork, at: datetime | None = None) -> Watch:
    moment = utc_now(at)
    with uow.read() as session:
        plan = schedule_in(session, moment)
        acks = _acks(session)
    prompt = duty_clock.prompt_to_confirm(plan.items, moment)
    return Watch(moment, _alerts(plan, acks, moment), plan.next_changes(moment), plan.rebuild_at,
                 prompt.key if prompt is not None else None)
