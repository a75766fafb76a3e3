"""Partner departments' duty rosters (值班备勤表) and whom to call there at a moment.

A department reports who is on duty each day; the desk types it in (通讯录 → 联动单位) or
imports the department's own Excel/CSV, all or nothing. `on_duty` answers the question the
officer asks at 03:10: whom do I ring at the water company now? (partner_records.py reads
it for the log, the dispatches and the alerts.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import Department, PartnerDuty
from dutyroom.domain import partner_duty
from dutyroom.domain.calendar import parse_date
from dutyroom.domain.errors import FieldError
from dutyroom.domain.partner_duty import RosterEntry
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.import_export import cell_text, column_map, raw_rows, read_table
from dutyroom.services.partner_records import OnDuty, on_duty_in
from dutyroom.services.records import audit_change, audit_removal, utc_now
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "partner_duty"
CHANGED = Changes(departments=True)
ROSTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "duty_date": ("日期", "date", "值班日期"),
    "person": ("值班人员", "person", "值班人", "姓名"),
    "mobile": ("手机", "mobile", "手机号", "联系电话"),
    "leader": ("带班领导", "leader"),
    "leader_mobile": ("带班领导手机", "leader_mobile"),
}
ROSTER_REQUIRED = ("duty_date", "person", "mobile")
MAX_ROSTER_DAYS = 400  # a department reports a holiday or a month, at most a year


@dataclass(frozen=True)
class PartnerDutyView:
    id: int
    department_id: int
    duty_date: date
    person: str
    mobile: str
    leader: str
    leader_mobile: str


def _view(row: PartnerDuty) -> PartnerDutyView:
    return PartnerDutyView(row.id, row.department_id, row.duty_date, row.person, row.mobile,
                           row.leader, row.leader_mobile)


def _department(session: Session, department_id: int) -> Department:
    row = session.get(Department, department_id)
    if row is None:
        raise InputError.simple(sentence("没有编号为 {0} 的联动单位", department_id), "department")
    return row


def find_department(session: Session, name: str) -> Department:
    """A department by its name as written in a file or on the command line."""
    row = session.scalar(select(Department).where(Department.name == name.strip()))
    if row is None:
        raise InputError.simple(sentence("通讯录中没有名为「{0}」的联动单位", name.strip()),
                                "department")
    return row


def roster_of(uow: UnitOfWork, department_id: int, start: date | None = None,
              end: date | None = None) -> list[PartnerDutyView]:
    """A department's 值班备勤表, by date (all of it without a range)."""
    with uow.read() as session:
        query = select(PartnerDuty).where(PartnerDuty.department_id == department_id)
        if start is not None:
            query = query.where(PartnerDuty.duty_date >= start)
        if end is not None:
            query = query.where(PartnerDuty.duty_date <= end)
        return [_view(r) for r in session.scalars(query.order_by(PartnerDuty.duty_date))]


def _entry(values: Mapping[str, object]) -> RosterEntry:
    raw = values.get("duty_date")
    day = raw.date() if isinstance(raw, datetime) else parse_date(raw, "duty_date")
    return partner_duty.roster_entry(duty_date=day, person=values.get("person", ""),
                                     mobile=values.get("mobile", ""),
                                     leader=values.get("leader", ""),
                                     leader_mobile=values.get("leader_mobile", ""))


def _put(session: Session, department_id: int, entry: RosterEntry, actor: str,
         moment: datetime) -> bool:
    """Write one day (new, or replacing what the department sent before); False if the
    same was already there."""
    row = session.scalar(select(PartnerDuty).where(PartnerDuty.department_id == department_id,
                                                   PartnerDuty.duty_date == entry.duty_date))
    action = "update"
    if row is None:
        row, action = PartnerDuty(department_id=department_id, duty_date=entry.duty_date), "create"
        session.add(row)
    elif (row.person, row.mobile, row.leader, row.leader_mobile) == (
            entry.person, entry.mobile, entry.leader, entry.leader_mobile):
        return False
    row.person, row.mobile = entry.person, entry.mobile
    row.leader, row.leader_mobile = entry.leader, entry.leader_mobile
    row.updated_at, row.updated_by = moment, actor
    audit_change(session, row, actor, ENTITY, action, moment)
    return True


def put_entry(uow: UnitOfWork, department_id: int, values: dict[str, object],
              now: datetime | None = None) -> Outcome[PartnerDutyView]:
    """Type in one day of a department's roster (a day already listed is replaced)."""
    try:
        entry = _entry(values)
    except FieldError as error:
        raise InputError.from_field(error) from None
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        _department(session, department_id)
        changed = _put(session, department_id, entry, uow.actor, moment)
        row = session.scalar(select(PartnerDuty).where(
            PartnerDuty.department_id == department_id, PartnerDuty.duty_date == entry.duty_date))
        assert row is not None
        return Outcome(_view(row), CHANGED if changed else Changes())


def remove_entry(uow: UnitOfWork, entry_id: int, now: datetime | None = None) -> Outcome[None]:
    with uow.write(Permission.LOG) as session:
        row = session.get(PartnerDuty, entry_id)
        if row is None:
            raise InputError.simple(sentence("没有编号为 {0} 的值班备勤记录", entry_id), "id")
        audit_removal(session, row, uow.actor, ENTITY, utc_now(now))
        return Outcome(None, CHANGED)


# --- importing a department's file -------------------------------------------------------


def parse_roster_file(path: Path) -> list[RosterEntry]:
    """Every line of a 值班备勤表 file, or InputError naming every bad cell: a row that
    does not read, or a date listed twice (two people on duty on one day cannot both be
    "the" person to ring)."""
    table = read_table(path)
    columns = column_map(table, path.name, ROSTER_COLUMNS, ROSTER_REQUIRED)
    label = {field: header for field, (_, header) in columns.items()}
    problems: list[Problem] = []
    entries: list[RosterEntry] = []
    seen: dict[date, int] = {}
    for number, raw in raw_rows(table, columns):
        values = {f: (v if f == "duty_date" and isinstance(v, date) else cell_text(v))
                  for f, v in raw.items()}
        try:
            entry = _entry(values)
        except FieldError as error:
            problems.append(Problem(error.message, row=number, column=label.get(error.field)))
            continue
        if entry.duty_date in seen:
            problems.append(Problem(sentence("{0} 与第 {1} 行是同一天，一天只能有一名值班人员",
                                             entry.duty_date.isoformat(), seen[entry.duty_date]),
                                    row=number, column=label["duty_date"]))
            continue
        seen[entry.duty_date] = number
        entries.append(entry)
    if not entries and not problems:
        problems.append(Problem(sentence("文件中没有值班备勤数据"), row=table.header_row + 1))
    if len(entries) > MAX_ROSTER_DAYS:
        problems.append(Problem(sentence("值班备勤表超过 {0} 天，请检查是否选错了文件",
                                         MAX_ROSTER_DAYS)))
    if problems:
        raise InputError(problems, source=path.name)
    return entries


def import_roster_file(uow: UnitOfWork, department: str | int, path: Path,
                       now: datetime | None = None) -> Outcome[int]:
    """Load a department's 值班备勤表 (the dates it lists replace what it sent before for
    those dates), or nothing if any row is wrong; the count is the days in the file."""
    moment = utc_now(now)
    entries = parse_roster_file(path)
    with uow.write(Permission.LOG) as session:
        row = (_department(session, department) if isinstance(department, int)
               else find_department(session, department))
        if not row.active:
            raise InputError.simple(sentence("联动单位「{0}」已停用", row.name), "department")
        for entry in entries:
            _put(session, row.id, entry, uow.actor, moment)
        return Outcome(len(entries), CHANGED)


def store_rosters(uow: UnitOfWork, rosters: Mapping[str, Iterable[RosterEntry]],
                  now: datetime | None = None) -> Outcome[int]:
    """Write checked rosters of several departments by name (the sample town's) at once."""
    moment, count = utc_now(now), 0
    with uow.write(Permission.LOG) as session:
        for name, entries in rosters.items():
            department = find_department(session, name)
            for entry in entries:
                count += _put(session, department.id, entry, uow.actor, moment)
        return Outcome(count, CHANGED)


# --- whom to call --------------------------------------------------------------------------


def on_duty(uow: UnitOfWork, at: datetime | None = None,
            department: str | None = None) -> list[OnDuty]:
    """Whom to call at each active partner department (or the one named) at `at`."""
    moment = utc_now(at)
    with uow.read() as session:
        if department is not None:
            rows = [find_department(session, department)]
        else:
            rows = list(session.scalars(select(Department).where(Department.active.is_(True))
                                        .order_by(Department.first_line.desc(), Department.name)))
        return on_duty_in(session, moment, rows)
