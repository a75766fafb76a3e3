"""值班日报: the day's report assembled from the duty day, reworded by the officer, and
locked when it is recorded as sent (报送).

Until it is sent the report is read live from the day (the same facts the handover record
reads), so it never goes stale; sending stores it whole in the wording sent, records the
day's 值班日报 duty task as done in the same transaction, and every later reading, printout
and text is exactly what was sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dutyroom.db.models import DailyReportRow, DutyAssignment, DutyDay, DutyTask
from dutyroom.domain import duty_clock
from dutyroom.domain.daily_report import DailyReport, assemble
from dutyroom.domain.duty_clock import TaskKind
from dutyroom.domain.errors import FieldError
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.reports.content import Document
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.records import audit_change, utc_now
from dutyroom.services.settings_service import Desk, desk
from dutyroom.services.shift_facts import shift_facts_in
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "daily_report"
CHANGED = Changes(clock=True)


@dataclass(frozen=True)
class DailyView:
    day: date
    report: DailyReport
    sent: bool  # stored and locked
    due: datetime  # when a day's report is due (15:00 by default)
    task_done_at: datetime | None  # the day's 值班日报 task, if it was recorded (even without text)


def report_day(uow: UnitOfWork, at: datetime | None = None) -> date:
    """The duty day a report written at `at` is about: the one running then."""
    moment = utc_now(at)
    with uow.read() as session:
        ctx = desk(session)
        return duty_clock.duty_day_of(moment, ctx.clock, ctx.zone)


def _row(session: Session, day: date) -> DailyReportRow | None:
    return session.scalars(select(DailyReportRow).where(DailyReportRow.day == day)).first()


def _check_day(session: Session, ctx: Desk, day: date, moment: datetime) -> None:
    """A report is about a duty day that has begun and that the desk kept (it has a rota)."""
    start, _ = duty_clock.shift_span(day, ctx.clock, ctx.zone)
    if start > moment:
        raise InputError([Problem(sentence("{0:%Y-%m-%d}的值班尚未开始，还没有值班日报", day),
                                  field="date")])
    kept = session.scalar(select(DutyAssignment.id).join(DutyDay, DutyDay.id == DutyAssignment.duty_day_id)
                          .where(DutyDay.day == day, DutyAssignment.staff_id.is_not(None)).limit(1))
    if kept is None:
        raise InputError([Problem(sentence("{0:%Y-%m-%d}没有排班，不是本值班室的值班日", day),
                                  field="date")])


def report_in(session: Session, day: date, moment: datetime,
              ctx: Desk | None = None) -> tuple[DailyReport, DailyReportRow | None]:
    """The report as sent, or as the day's facts stand at `moment`."""
    ctx = ctx or desk(session)
    row = _row(session, day)
    if row is not None:
        return DailyReport.from_json(row.content), row
    _check_day(session, ctx, day, moment)
    return assemble(shift_facts_in(session, day, moment, ctx)), None


def daily_view(uow: UnitOfWork, day: date, at: datetime | None = None) -> DailyView:
    moment = utc_now(at)
    with uow.read() as session:
        ctx = desk(session)
        report, row = report_in(session, day, moment, ctx)
        task = session.scalars(select(DutyTask).where(
            DutyTask.kind == TaskKind.DAILY_REPORT.value, DutyTask.day == day)).first()
        return DailyView(day, report, row is not None,
                         duty_clock.daily_report_due(day, ctx.clock, ctx.zone),
                         task.done_at if task else None)


def send(uow: UnitOfWork, day: date, texts: Mapping[str, str] | None = None, *,
         at: datetime | None = None) -> Outcome[DailyView]:
    """记为已报送: the report in the officer's wording (`texts`: paragraph key → text, the
    others as assembled) is stored and locked, and the day's 值班日报 task is done."""
    moment = utc_now(at)
    with uow.write(Permission.LOG) as session:
        ctx = desk(session)
        if _row(session, day) is not None:
            raise InputError([Problem(sentence("{0:%m月%d日}的值班日报已报送并锁定，不能再改", day),
                                      field="date")])
        _check_day(session, ctx, day, moment)
        report = assemble(shift_facts_in(session, day, moment, ctx)).edited(texts or {})
        report = replace(report, sent_at=minute_text(moment, ctx.zone), sent_by=uow.actor)
        row = DailyReportRow(day=day, content=report.to_json(), sent_at=moment, sent_by=uow.actor)
        session.add(row)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError:
            raise InputError([Problem(sentence("另一台电脑刚刚报送了这一天的值班日报"))]) from None
        audit_change(session, row, uow.actor, ENTITY, "create", moment)
        due = duty_clock.daily_report_due(day, ctx.clock, ctx.zone)
        task = session.scalars(select(DutyTask).where(
            DutyTask.kind == TaskKind.DAILY_REPORT.value, DutyTask.day == day)).first()
        if task is None:
            task = DutyTask(kind=TaskKind.DAILY_REPORT.value, day=day, due_at=due, done_at=moment,
                            done_by=uow.actor, note="")
            session.add(task)
            audit_change(session, task, uow.actor, "duty_task", "create", moment)
        return Outcome(DailyView(day, report, True, due, task.done_at), CHANGED)


def _worded(report: DailyReport, sent: bool, texts: Mapping[str, str] | None) -> DailyReport:
    """A draft in the officer's wording so far; a sent report stays as sent."""
    if sent or not texts:
        return report
    try:
        return report.edited(texts)
    except FieldError as error:
        raise InputError.from_field(error) from None


def daily_document(uow: UnitOfWork, day: date, at: datetime | None = None,
                   texts: Mapping[str, str] | None = None) -> Document:
    """The printout in the official layout: as sent, or the draft as it stands now (in the
    wording the officer has typed, if `texts`)."""
    moment = utc_now(at)
    with uow.read() as session:
        ctx = desk(session)
        report, row = report_in(session, day, moment, ctx)
        phone = str(ctx.desk_phone)
    report = _worded(report, row is not None, texts)
    from dutyroom.reports.daily_report_pdf import daily_report_pdf  # ReportLab on first print

    return daily_report_pdf(report, minute_text(moment, ctx.zone), phone)


def daily_text(uow: UnitOfWork, day: date, at: datetime | None = None,
               texts: Mapping[str, str] | None = None) -> str:
    """The report as plain text, to paste into 政务微信 or an OA system."""
    moment = utc_now(at)
    with uow.read() as session:
        report, row = report_in(session, day, moment)
    return _worded(report, row is not None, texts).plain_text()
