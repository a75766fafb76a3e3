"""The rota's calendar: the date ranges it is asked about, day kinds set by hand (from next
year's notice), and sensitive periods (敏感时期) that need three tiers on duty.

These are what the rota is planned over (roster_records.py reads them for every use case
that needs a day's kind); they change on their own pages and commands, apart from who
stands in which seat.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import CalendarDay, Leave, SensitivePeriod
from dutyroom.domain import calendar
from dutyroom.domain.calendar import DayInfo, DayKind
from dutyroom.domain.contacts import clean_text
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.services.errors import InputError, Problem, obey
from dutyroom.services.records import audit_change, audit_removal, text_input
from dutyroom.services.roster_records import calendar_days_in, user_days
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

CHANGED = Changes(roster=True)
MAX_RANGE_DAYS = 731


# --- date ranges ----------------------------------------------------------------------------


def parse_range(start: object, end: object) -> tuple[date, date]:
    """Two dates as typed (ISO text or dates), checked as a range."""
    first = obey(calendar.parse_date, start, "from")
    last = obey(calendar.parse_date, end, "to")
    check_range(first, last)
    return first, last


def check_range(start: date, end: date) -> None:
    if end < start:
        raise InputError([Problem(sentence("结束日期早于开始日期"), field="to")])
    if (end - start).days >= MAX_RANGE_DAYS:
        raise InputError([Problem(sentence("日期范围过长（最多两年）"), field="to")])


# --- reading the calendar -------------------------------------------------------------------


def calendar_days(uow: UnitOfWork, start: date, end: date) -> list[DayInfo]:
    check_range(start, end)
    with uow.read() as session:
        return calendar_days_in(session, start, end)


# --- setting days by hand -------------------------------------------------------------------


def set_calendar_day(uow: UnitOfWork, day: date, kind: DayKind | None,
                     name: str = "") -> Outcome[DayInfo]:
    """Set a day's kind by hand (e.g. from next year's notice); None returns to the built-in."""
    with uow.write(Permission.ROSTER) as session:
        if kind is None:
            row = session.get(CalendarDay, day)
            if row is not None:
                audit_removal(session, row, uow.actor, "calendar_day")
        else:
            store_calendar_entries(session, [(day, kind, clean_name(name))], uow.actor)
        info = calendar.day_info(day, user_days(session, day, day))
    return Outcome(info, CHANGED)


def store_calendar_entries(session: Session, entries: Iterable[tuple[date, DayKind, str]],
                           actor: str) -> int:
    count = 0
    for day, kind, name in entries:
        row = session.get(CalendarDay, day)
        if row is None:
            row = CalendarDay(day=day, kind=kind.value, name=name, source="user")
            session.add(row)
        else:
            row.kind, row.name, row.source = kind.value, name, "user"
        audit_change(session, row, actor, "calendar_day", "set")
        count += 1
    return count


def clean_name(name: str) -> str:
    """A day's name as typed (国庆节), checked like any text."""
    return obey(clean_text, name, "name", "节日名称", max_length=32)


# --- sensitive periods ---------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodView:
    id: int
    name: str
    start: date
    end: date
    notes: str


def add_period(uow: UnitOfWork, name: str, start: object, end: object,
               notes: str = "") -> Outcome[PeriodView]:
    label = obey(clean_text, name, "name", "敏感时期名称", required=True)
    first, last = parse_range(start, end)
    with uow.write(Permission.ROSTER) as session:
        row = SensitivePeriod(name=label, start_date=first, end_date=last,
                              notes=text_input(notes, "notes", "备注", 500))
        session.add(row)
        audit_change(session, row, uow.actor, "period", "create")
        return Outcome(PeriodView(row.id, row.name, first, last, row.notes), CHANGED)


def list_periods(uow: UnitOfWork) -> list[PeriodView]:
    with uow.read() as session:
        return [PeriodView(r.id, r.name, r.start_date, r.end_date, r.notes)
                for r in session.scalars(select(SensitivePeriod)
                                         .order_by(SensitivePeriod.start_date.desc()))]


def remove_planning_record(uow: UnitOfWork, model: type[SensitivePeriod] | type[Leave],
                           record_id: int, what: str, entity: str) -> Outcome[None]:
    """Delete a planning record (not a log entry), keeping what it said in the audit chain."""
    with uow.write(Permission.ROSTER) as session:
        row = session.get(model, record_id)
        if row is None:
            raise InputError([Problem(sentence("没有编号为 {0} 的{1}", record_id, what), field="id")])
        audit_removal(session, row, uow.actor, entity)
    return Outcome(None, CHANGED)


def remove_period(uow: UnitOfWork, period_id: int) -> Outcome[None]:
    return remove_planning_record(uow, SensitivePeriod, period_id, "敏感时期", "period")
