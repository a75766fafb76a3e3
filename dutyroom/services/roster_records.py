"""What the rota's use cases read: the calendar it is planned over and who stands where.

The rota, the duty clock, the alerts, the statistics and the partner departments' duty all
need the same few things about days: each day's kind (the built-in calendar with the days
the desk set by hand), the sensitive periods covering it, and who holds which seat. They
live here once, as session-level readers taking an open session, so no use-case module
borrows another's helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import CalendarDay, DutyAssignment, DutyDay, Leave, SensitivePeriod, Staff
from dutyroom.domain import calendar, roster
from dutyroom.domain.calendar import DayInfo, DayKind, UserDay
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.roster import Absence, Person, RosterRules, Seat, Slot
from dutyroom.domain.tiers import Tier
from dutyroom.services.settings_service import desk


@dataclass(frozen=True)
class StaffBrief:
    id: int
    name: str
    tier: Tier
    mobile: str


def brief_of(row: Staff) -> StaffBrief:
    return StaffBrief(row.id, row.name, Tier(row.tier), row.mobile)


# --- the calendar ---------------------------------------------------------------------------


def user_days(session: Session, start: date, end: date) -> dict[date, UserDay]:
    """The days whose kind the desk set by hand, overriding the built-in calendar."""
    rows = session.scalars(select(CalendarDay).where(
        CalendarDay.day >= start, CalendarDay.day <= end, CalendarDay.source == "user"))
    return {r.day: UserDay(DayKind(r.kind), r.name) for r in rows}


def periods_by_day(session: Session, start: date, end: date) -> dict[date, tuple[str, ...]]:
    """The names of the sensitive periods covering each day of a range."""
    covering: dict[date, list[str]] = {}
    rows = session.scalars(select(SensitivePeriod).where(
        SensitivePeriod.start_date <= end, SensitivePeriod.end_date >= start)
        .order_by(SensitivePeriod.start_date))
    for period in rows:
        for day in calendar.days_between(max(period.start_date, start),
                                         min(period.end_date, end)):
            covering.setdefault(day, []).append(period.name)
    return {day: tuple(names) for day, names in covering.items()}


def calendar_days_in(session: Session, start: date, end: date) -> list[DayInfo]:
    return calendar.resolve(start, end, user_days(session, start, end))


# --- the rota's context ---------------------------------------------------------------------


@dataclass
class RotaContext:
    rules: RosterRules
    settings: DeskSettings
    plans: list[roster.DayPlan]
    people: dict[int, Person]
    staff_rows: dict[int, Staff]
    absences: list[Absence]
    assigned: dict[Slot, int]  # the range plus a margin for the rest rule


def assignments_in(session: Session, start: date, end: date) -> dict[Slot, int]:
    rows = session.execute(
        select(DutyDay.day, DutyAssignment.tier, DutyAssignment.slot, DutyAssignment.staff_id)
        .join(DutyAssignment, DutyAssignment.duty_day_id == DutyDay.id)
        .where(DutyDay.day >= start, DutyDay.day <= end))
    return {(day, Seat(Tier(tier), slot)): staff_id for day, tier, slot, staff_id in rows}


def context_in(session: Session, start: date, end: date) -> RotaContext:
    settings = desk(session)
    rules = settings.roster
    days = calendar.resolve(start, end, user_days(session, start, end))
    plans = roster.plan_days(days, periods_by_day(session, start, end), rules)
    rows = {r.id: r for r in session.scalars(select(Staff))}
    people = {i: Person(i, r.name, Tier(r.tier), r.mobile, r.active) for i, r in rows.items()}
    margin = timedelta(days=rules.min_rest_days)
    absences = [Absence(a.staff_id, a.start_date, a.end_date, a.kind) for a in session.scalars(
        select(Leave).where(Leave.start_date <= end + margin, Leave.end_date >= start - margin))]
    assigned = assignments_in(session, start - margin, end + margin)
    return RotaContext(rules, settings, plans, people, rows, absences, assigned)


# --- who is on duty -------------------------------------------------------------------------


@dataclass(frozen=True)
class Rota:
    """Who is on duty on a few days, with each day's kind and required tiers."""

    plans: list[roster.DayPlan]
    slots: dict[Slot, StaffBrief]
    settings: DeskSettings

    def plan(self, day: date) -> roster.DayPlan:
        return next(p for p in self.plans if p.day == day)


def rota_in(session: Session, start: date, end: date) -> Rota:
    ctx = context_in(session, start, end)
    slots = {(day, seat): brief_of(ctx.staff_rows[sid]) for (day, seat), sid in ctx.assigned.items()
             if start <= day <= end}
    return Rota(ctx.plans, slots, ctx.settings)
