"""What the partner departments' use cases read: whom to call at each one at a moment, and
whose 值班备勤表 is missing for a holiday.

A dispatch, the 联动单位 list, the alerts and the holiday's rota report all ask the same:
the person on a department's duty roster (or its office line in working hours) and the
departments expected to report a roster that have not. They live here once, as
session-level readers taking an open session, so no use-case module borrows another's
helpers. Typing and importing the rosters is partner_duty_service.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import Department, PartnerDuty
from dutyroom.domain import partner_duty
from dutyroom.domain.calendar import DayKind
from dutyroom.domain.duty_clock import duty_day_of
from dutyroom.domain.local_time import clock_time
from dutyroom.domain.partner_duty import Callee, OfficeHours, PartnerPhones, RosterEntry
from dutyroom.services.roster_records import calendar_days_in
from dutyroom.services.settings_service import desk

WORKING = (DayKind.WORKDAY, DayKind.ADJUSTED_WORKDAY)


@dataclass(frozen=True)
class OnDuty:
    """Whom to call at one department at one moment: `callees` best first."""

    department_id: int
    department: str
    first_line: bool
    callees: tuple[Callee, ...]

    @property
    def best(self) -> Callee | None:
        return self.callees[0] if self.callees else None


def late_rosters_in(session: Session, first: date, last: date) -> list[str]:
    """The departments in use that are expected to send a 值班备勤表 and whose roster does
    not cover every day of the holiday `first`–`last`, in the directory's order."""
    reported = set(session.scalars(select(PartnerDuty.department_id).distinct()))
    expected = {row.id: row.name for row in session.scalars(
        select(Department).where(Department.active.is_(True)).order_by(Department.id))
        if partner_duty.roster_expected(row.first_line, row.id in reported)}
    covered: dict[str, set[date]] = {name: set() for name in expected.values()}
    for department_id, day in session.execute(select(PartnerDuty.department_id, PartnerDuty.duty_date)
                                              .where(PartnerDuty.duty_date.between(first, last))):
        if department_id in expected:
            covered[expected[department_id]].add(day)
    return partner_duty.missing_rosters(list(expected.values()), covered, first, last)


def _phones(row: Department) -> PartnerPhones:
    return PartnerPhones(office_phone=row.office_phone, duty_phone=row.duty_phone,
                         liaison_name=row.liaison_name, liaison_mobile=row.liaison_mobile)


def on_duty_in(session: Session, moment: datetime,
               departments: Iterable[Department]) -> list[OnDuty]:
    """Whom to call at each department at `moment`, inside the caller's transaction."""
    d = desk(session)
    local = moment.astimezone(d.zone)
    hours = OfficeHours(clock_time(d.partner_office_start),
                        clock_time(d.partner_office_end))
    working = calendar_days_in(session, local.date(), local.date())[0].kind in WORKING
    duty_date = duty_day_of(moment, d.clock, d.zone)
    chosen = list(departments)
    entries = {r.department_id: r for r in session.scalars(select(PartnerDuty).where(
        PartnerDuty.duty_date == duty_date,
        PartnerDuty.department_id.in_([x.id for x in chosen])))}
    answer = []
    for row in chosen:
        found = entries.get(row.id)
        entry = None if found is None else RosterEntry(found.duty_date, found.person, found.mobile,
                                                       found.leader, found.leader_mobile)
        answer.append(OnDuty(row.id, row.name, row.first_line, tuple(
            partner_duty.whom_to_call(local, working, hours, _phones(row), entry))))
    return answer
