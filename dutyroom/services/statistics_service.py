"""统计: the period's facts gathered in one read, counted by domain/statistics.py; the
Excel workbook (one sheet per table) and the JSON of `dutyroom stats`.

Reports on time, late and missing are counted by the database over the deadlines kept for
each incident (db/deadline_store.py), which the same rules the alerts use work out whenever
an incident or its reports are written, so a report counted late here is the report the
alert list showed as overdue, and a year is a few GROUP BY queries, not 20,000 incidents
worked out in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, func, literal, not_, or_, select
from sqlalchemy.orm import Session, aliased

from dutyroom.db.models import (
    Department,
    Dispatch,
    Incident,
    ReportDeadline,
    SpotCheck,
    Warning,
    WarningAttempt,
    WarningTarget,
)
from dutyroom.domain import duty_clock, statistics
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import CATEGORY_LABELS, Category
from dutyroom.domain.local_time import day_start, minute_text
from dutyroom.domain.statistics import (
    ArrivalDue,
    PeriodFacts,
    PromptDue,
    RelayTally,
    ReportGroup,
    SignInDue,
    Statistics,
    Tally,
    WarningStats,
)
from dutyroom.domain.warnings import Action, Outcome
from dutyroom.reports.content import Document
from dutyroom.services.errors import InputError
from dutyroom.services.instruction_records import times_between
from dutyroom.services.records import utc_now
from dutyroom.services.roster_records import rota_in
from dutyroom.services.settings_service import Desk, desk
from dutyroom.services.shift_records import PRESENCE, SHIFT, confirmations
from dutyroom.services.uow import UnitOfWork
from dutyroom.services.warning_readers import villages_in


def _months(first: date, last: date, zone: tzinfo) -> list[tuple[str, datetime]]:
    """Each month from `first`'s to `last`'s: its label and the moment the next one starts."""
    months = []
    month = first.replace(day=1)
    while month <= last:
        following = (month + timedelta(days=32)).replace(day=1)
        months.append((f"{month:%Y-%m}", day_start(following, zone)))
        month = following
    return months


def _local_month(column: Any, months: Sequence[tuple[str, datetime]]) -> Any:
    """The desk's month (YYYY-MM) a stored moment falls in, worked out by the database: a
    CASE over the months' boundaries (exact across any clock change of the zone, on
    SQLite and PostgreSQL alike, which share no time-zone function)."""
    if len(months) == 1:
        return literal(months[0][0])
    return case(*((column < ends, label) for label, ends in months[:-1]), else_=months[-1][0])


def _counted(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _report_counts(session: Session, ctx: Desk, start: datetime, end: datetime, at: datetime
                   ) -> tuple[list[ReportGroup], int]:
    """The kept report deadlines of the period's incidents (db/deadline_store.py, read from
    one index), counted per kind, level and month of the due time by domain/statistics.
    report_standing's rule, and the incidents closed without a report that was due (漏报)."""
    d = ReportDeadline
    period = (d.received_at >= start, d.received_at < end)
    unmet = or_(d.met_at.is_(None), d.met_at > at)
    # First the 漏报 incidents, and the latest due time, which bounds the months to count in
    # (none is due before its incident came in).
    missing, high = session.execute(select(
        func.count(func.distinct(case((and_(d.closed, d.due_at <= at, unmet), d.incident_id)))),
        func.max(d.due_at)).where(*period)).one()
    if high is None:
        return [], 0
    months = _months(start.astimezone(ctx.zone).date(), high.astimezone(ctx.zone).date(), ctx.zone)
    rows = (select(d.kind, d.level, _local_month(d.due_at, months).label("month"), d.closed,
                   d.due_at, d.met_at).where(*period).subquery())
    met = and_(rows.c.met_at.is_not(None), rows.c.met_at <= at)
    unmet_due = and_(not_(met), rows.c.due_at <= at)
    groups = [ReportGroup(str(kind), str(level), str(month), Tally(
        int(due), int(on_time), int(late), int(overdue), int(left_out)))
        for kind, level, month, due, on_time, late, overdue, left_out in session.execute(
            select(rows.c.kind, rows.c.level, rows.c.month, _counted(or_(met, rows.c.due_at <= at)),
                   _counted(and_(met, rows.c.met_at <= rows.c.due_at)),
                   _counted(and_(met, rows.c.met_at > rows.c.due_at)),
                   _counted(and_(unmet_due, not_(rows.c.closed))),
                   _counted(and_(unmet_due, rows.c.closed)))
            .group_by(rows.c.kind, rows.c.level, rows.c.month))]
    return groups, int(missing)


def _incident_counts(session: Session, ctx: Desk, first: date, last: date, start: datetime,
                     end: datetime) -> list[tuple[str, str, int]]:
    """The period's incidents per month and category, counted by the database."""
    rows = (select(_local_month(Incident.received_at, _months(first, last, ctx.zone)).label("month"),
                   Incident.category.label("category"))
            .where(Incident.voided.is_(False), Incident.received_at >= start,
                   Incident.received_at < end).subquery())
    return [(str(month), CATEGORY_LABELS[Category(category)], int(n)) for month, category, n in
            session.execute(select(rows.c.month, rows.c.category, func.count())
                            .group_by(rows.c.month, rows.c.category))]


def _arrival_facts(session: Session, start: datetime, end: datetime) -> list[ArrivalDue]:
    rows = session.execute(
        select(Dispatch.ordered_at, Dispatch.arrival_minutes, Dispatch.arrived_at, Department.name)
        .join(Department, Department.id == Dispatch.department_id)
        .join(Incident, Incident.id == Dispatch.incident_id)
        .where(Incident.voided.is_(False), Dispatch.ordered_at >= start, Dispatch.ordered_at < end))
    return [ArrivalDue(name, ordered + timedelta(minutes=minutes), arrived)
            for ordered, minutes, arrived, name in rows]


def _clock_facts(session: Session, ctx: Desk, first: date, last: date
                 ) -> tuple[list[SignInDue], list[PromptDue], list[str]]:
    """Sign-ins and prompts of the duty days that have a rota (the clock runs only then)."""
    rota = rota_in(session, first, last)
    plans = {p.day: p for p in rota.plans}
    done = {(r.kind, r.tier, r.slot, r.due_at): r.confirmed_at
            for r in confirmations(session, first, last)}
    rostered_days = sorted({day for day, _ in rota.slots})
    sign_ins: list[SignInDue] = []
    prompts: list[PromptDue] = []
    for day in rostered_days:
        _, due = duty_clock.checkin_window(day, ctx.clock, ctx.zone)
        # The seats shift_records.checkin_seats names, read from a day index (a year of days).
        for seat in (s for s in plans[day].seats if s.tier in ctx.clock.checkin_tiers):
            person = rota.slots.get((day, seat))
            signed = done.get((SHIFT, seat.tier.value, seat.index, due))
            if person is not None or signed is not None:
                sign_ins.append(SignInDue(day, person.name if person else "", due, signed))
        for _, by in duty_clock.presence_prompts(day, ctx.clock, ctx.zone):
            prompts.append(PromptDue(by, done.get((PRESENCE, "officer", 0, by))))
    duties = [person.name for (_, _), person in sorted(rota.slots.items(), key=lambda i: i[0][0])]
    return sign_ins, prompts, duties


def _warning_facts(session: Session, start: datetime, end: datetime, at: datetime) -> WarningStats:
    """Warnings received in the period and their relay, counted by the database: a desk's
    years of notices and attempts are never read into Python one row at a time. Each
    person on a notice's list counts as domain/statistics.relay_standing says."""
    received = (Warning.received_at >= start, Warning.received_at < end, Warning.received_at <= at)
    notices = [(str(action), str(colour), int(n)) for action, colour, n in session.execute(
        select(Warning.action, Warning.colour, func.count()).where(*received)
        .group_by(Warning.action, Warning.colour))]
    # One row per person on the list of a notice of the period, with their first answer by
    # `at`, looked up through the attempts' index on their list row (a month never touches
    # the attempts of other notices).
    first_answer = (select(func.min(WarningAttempt.at))
                    .where(WarningAttempt.target_id == WarningTarget.id,
                           WarningAttempt.outcome == Outcome.ANSWERED.value, WarningAttempt.at <= at)
                    .correlate(WarningTarget).scalar_subquery())
    # When the notice's relay ended by `at`: the next notice of its thread received (a 解除,
    # an update), or its validity over.
    later = aliased(Warning)
    replaced = (select(func.min(later.received_at))
                .where(later.thread_id == Warning.thread_id, later.id > Warning.id,
                       later.received_at <= at)
                .correlate(Warning).scalar_subquery())
    people = (select(Warning.id.label("warning"), Warning.colour.label("colour"),
                     WarningTarget.village.label("village"), Warning.relay_due.label("due"),
                     first_answer.label("reply"), replaced.label("replaced"),
                     Warning.valid_until.label("valid_until"))
              .join(WarningTarget, WarningTarget.warning_id == Warning.id)
              .where(Warning.action != Action.CANCEL.value, Warning.relay_due.is_not(None), *received)
              .subquery())
    due, reply = people.c.due, people.c.reply
    # Not reached when the relay ended before the deadline: no longer to be reached
    # (relay_standing's "not_needed"), so in none of the counts. Each comparison is guarded
    # against NULL: a NULL here would drop the person from every count.
    ended_early = and_(reply.is_(None), or_(
        and_(people.c.replaced.is_not(None), people.c.replaced < due),
        and_(people.c.valid_until.is_not(None), people.c.valid_until <= at, people.c.valid_until < due)))
    unanswered = and_(reply.is_(None), not_(ended_early))

    groups = [statistics.RelayGroup(str(colour), str(village), RelayTally(
        int(n), int(in_time), int(late), int(never), int(pending)))
        for colour, village, n, in_time, late, never, pending in session.execute(
            select(people.c.colour, people.c.village, _counted(not_(ended_early)),
                   _counted(reply <= due), _counted(reply > due),
                   _counted(and_(unanswered, due <= at)), _counted(and_(unanswered, due > at)))
            .group_by(people.c.colour, people.c.village))]
    per_notice = (select(func.count().label("n"), func.count(reply).label("reached"))
                  .group_by(people.c.warning).subquery())
    with_list, complete = session.execute(select(
        func.count(), _counted(per_notice.c.reached == per_notice.c.n)).select_from(per_notice)).one()
    return statistics.warning_stats(notices, groups, villages_in(session), int(with_list),
                                    int(complete))


def statistics_in(session: Session, first: date, last: date, at: datetime) -> Statistics:
    try:
        statistics.check_period(first, last)
    except FieldError as error:
        raise InputError.from_field(error) from None
    ctx = desk(session)
    start, end = day_start(first, ctx.zone), day_start(last + timedelta(days=1), ctx.zone)
    groups, missing = _report_counts(session, ctx, start, end, at)
    sign_ins, prompts, duties = _clock_facts(session, ctx, first, last)
    spots = [statistics.SpotCheck(within, outcome) for within, outcome in session.execute(
        select(SpotCheck.within_rule, SpotCheck.outcome).where(SpotCheck.at >= start, SpotCheck.at < end))]
    return statistics.compute(PeriodFacts(
        first, last, at, report_groups=groups, missing_from_groups=missing,
        arrivals=_arrival_facts(session, start, end),
        sign_ins=sign_ins, prompts=prompts, spot_checks=spots, duties=duties,
        incident_counts=_incident_counts(session, ctx, first, last, start, end),
        warnings=_warning_facts(session, start, end, at),
        instructions=times_between(session, start, end)))


def period_statistics(uow: UnitOfWork, first: date, last: date,
                      at: datetime | None = None) -> Statistics:
    """The period from its first to its last day, as it stands at `at` (default now)."""
    moment = utc_now(at)
    with uow.read() as session:
        return statistics_in(session, first, last, moment)


def as_json(stats: Statistics) -> dict[str, Any]:
    """The document `dutyroom stats --json` prints (docs/cli.md). `reports.missing` counts
    incidents (漏报); the `missing` of a stage or level counts the deadlines left unmet."""
    return {
        "from": stats.first.isoformat(), "to": stats.last.isoformat(),
        "reports": {**stats.reports.as_dict(), "missing": stats.missing_incidents,
                    "by_stage": {k: v.as_dict() for k, v in stats.by_stage.items()},
                    "by_level": {k: v.as_dict() for k, v in stats.by_level.items()}},
        "dispatch": {"due": stats.dispatch.due, "on_time": stats.dispatch.on_time,
                     "late": stats.dispatch.late, "not_arrived": stats.dispatch.not_arrived,
                     "by_department": [{"department": d.department, "due": d.due, "on_time": d.on_time,
                                        "late": d.late, "not_arrived": d.not_arrived}
                                       for d in stats.by_department]},
        "checkins": {**stats.sign_ins.as_dict(), "presence": stats.presence.as_dict()},
        "spot_checks": {"total": stats.spot_checks, "within_rule": stats.spot_within_rule,
                        "by_outcome": stats.spot_outcomes},
        "warnings": stats.warnings.as_dict(),
        "people": [{"name": p.name, "duties": p.duties, "checkins": p.sign_ins.as_dict()}
                   for p in stats.people],
        "incidents_by_month": stats.incidents_by_month,
        "instructions": stats.instructions.as_dict(),
    }


def export_workbook(uow: UnitOfWork, first: date, last: date, out: Path,
                    at: datetime | None = None) -> Statistics:
    """The period's tables as an Excel workbook, one sheet per table."""
    from dutyroom.formats.statistics_xlsx import workbook_bytes
    from dutyroom.services.roster_files import write_file

    stats = period_statistics(uow, first, last, at)
    with uow.read() as session:
        ctx = desk(session)
    write_file(out, workbook_bytes(stats, f"{ctx.unit_name}{ctx.desk_name}"))
    return stats


def monthly_document(uow: UnitOfWork, first: date, last: date, at: datetime | None = None) -> Document:
    """The printed 值班工作月报 of the period (a month, or any period), its charts over the
    twelve months that end with it."""
    moment = utc_now(at)
    months = last.year * 12 + last.month - 1 - 11  # the first of the twelve months
    trend_first = date(months // 12, months % 12 + 1, 1)
    with uow.read() as session:
        stats = statistics_in(session, first, last, moment)
        trend = statistics_in(session, min(first, trend_first), last, moment)
        ctx = desk(session)
    from dutyroom.reports.monthly_report_pdf import monthly_report_pdf  # ReportLab on first print

    title = (f"{first.year}年{first.month}月" if (first, last) == month_bounds(first)
             else f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}")
    return monthly_report_pdf(stats, trend, f"{ctx.unit_name}{ctx.desk_name}",
                              title, minute_text(moment, ctx.zone))


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def quarter_bounds(day: date) -> tuple[date, date]:
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return first, month_bounds(date(first.year, first.month + 2, 1))[1]


def year_bounds(day: date) -> tuple[date, date]:
    return date(day.year, 1, 1), date(day.year, 12, 31)


PERIOD_KINDS: Sequence[tuple[str, str]] = (("month", "月"), ("quarter", "季度"), ("year", "年"),
                                           ("custom", "自定义"))
