"""Whom to call at a partner department (联动单位) at a given moment.

Every partner department keeps its own 24-hour duty and reports its 值班备勤表 to the town.
In working hours an order goes to the department's office; at night, at weekends and on
holidays the office is empty, so the desk rings the person on duty that day, with the
department's 24-hour phone and its liaison (联络员) behind them. A department's duty day
is taken to run like the desk's own, from the handover time to the next day's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from dutyroom.domain.contacts import NAME_MAX, clean_text, normalize_mobile
from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import sentence


class CallSource(StrEnum):
    """Where the number to ring came from (the `source` of `contacts on-duty`)."""

    ROSTER = "roster"
    OFFICE = "office"
    DUTY_PHONE = "duty_phone"
    LIAISON = "liaison"


SOURCE_LABELS: dict[CallSource, str] = {
    CallSource.ROSTER: "值班备勤表",
    CallSource.OFFICE: "办公室",
    CallSource.DUTY_PHONE: "24 小时值班电话",
    CallSource.LIAISON: "联络员",
}


# Who answers each number (Callee.role), as the dispatch dialog shows it.
CALLEE_ROLES = ("办公室", "值班人员", "带班领导", "24 小时值班电话", "联络员")


@dataclass(frozen=True)
class OfficeHours:
    """When a department's office is staffed on a working day (a setting of the desk)."""

    start: time = time(8, 30)
    end: time = time(17, 30)

    def covers(self, moment: time) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True)
class PartnerPhones:
    """A department's standing numbers, as 通讯录 lists them."""

    office_phone: str = ""
    duty_phone: str = ""
    liaison_name: str = ""
    liaison_mobile: str = ""


@dataclass(frozen=True)
class RosterEntry:
    """One day of a department's 值班备勤表, after validation."""

    duty_date: date
    person: str
    mobile: str
    leader: str = ""
    leader_mobile: str = ""


@dataclass(frozen=True)
class Callee:
    """One number to ring, best first; `role` says who answers it (值班人员, 带班领导…)."""

    person: str
    phone: str
    source: CallSource
    role: str = ""


def office_open(local: datetime, working_day: bool, hours: OfficeHours) -> bool:
    """Is the department's office staffed at this local moment?"""
    return working_day and hours.covers(local.time().replace(tzinfo=None))


def whom_to_call(local: datetime, working_day: bool, hours: OfficeHours, phones: PartnerPhones,
                 entry: RosterEntry | None) -> list[Callee]:
    """The numbers to ring at `local`, best first.

    `working_day`: the calendar day of `local` is a workday or an adjusted workday (调休上班);
    `entry`: the department's 值班备勤表 line for the duty day holding `local`, if it sent one.
    In office hours: the office, then the duty person. Otherwise the duty person and their
    leader. Then always the 24-hour phone and the liaison, so nobody is left without a number.
    """
    callees: list[Callee] = []
    on_duty: list[Callee] = []
    if entry is not None:
        on_duty.append(Callee(entry.person, entry.mobile, CallSource.ROSTER, "值班人员"))
        if entry.leader and entry.leader_mobile:
            on_duty.append(Callee(entry.leader, entry.leader_mobile, CallSource.ROSTER,
                                  "带班领导"))
    if office_open(local, working_day, hours) and phones.office_phone:
        callees.append(Callee("办公室", phones.office_phone, CallSource.OFFICE, "办公室"))
    callees += on_duty
    if phones.duty_phone:
        callees.append(Callee("值班室", phones.duty_phone, CallSource.DUTY_PHONE, "24 小时值班电话"))
    if phones.liaison_mobile:
        callees.append(Callee(phones.liaison_name, phones.liaison_mobile, CallSource.LIAISON,
                              "联络员"))
    return callees


def roster_entry(*, duty_date: date, person: object, mobile: object, leader: object = "",
                 leader_mobile: object = "") -> RosterEntry:
    """A line of a 值班备勤表 as typed or imported, checked; raises the first field's error."""
    return RosterEntry(
        duty_date=duty_date,
        person=clean_text(person, "person", "值班人员", required=True, max_length=NAME_MAX),
        mobile=normalize_mobile(mobile, "mobile"),
        **_leader(leader, leader_mobile),
    )


def _leader(leader: object, leader_mobile: object) -> dict[str, str]:
    name = clean_text(leader, "leader", "带班领导", max_length=NAME_MAX)
    mobile = normalize_mobile(leader_mobile, "leader_mobile", required=False)
    if mobile and not name:
        raise FieldError("leader", sentence("填写了带班领导手机，请同时填写带班领导姓名"))
    return {"leader": name, "leader_mobile": mobile}


# What 今日值班 calls the reminder, and the holiday 报备 list's line.
LATE_ROSTER_LABEL = "联动单位值班备勤表未报"


def roster_expected(first_line: bool, has_reported: bool) -> bool:
    """Who must send a 值班备勤表 before a holiday: a first-line unit (on site within 30
    minutes, day and night) and any unit that has sent one before (the desk relies on it);
    the others are reached on their 24-hour phone."""
    return first_line or has_reported


def missing_rosters(departments: list[str], covered: dict[str, set[date]],
                    first: date, last: date) -> list[str]:
    """The departments whose 值班备勤表 does not cover every day from `first` to `last` (a
    holiday): a reminder on 今日值班 once the desk's own 报备 date has come, and a line in
    the holiday 报备 list."""
    days = {first + timedelta(days=n) for n in range((last - first).days + 1)}
    return [name for name in departments if not days <= covered.get(name, set())]
