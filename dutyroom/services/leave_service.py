"""Leave (请假, 出差, 培训) and wishes (尽量不排): the days a person cannot, or would rather
not, be on the rota.

The rota reads these rows when it checks and generates (roster_service); here they are
recorded, listed and removed, each change kept in the audit chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from dutyroom.db.models import Leave, Staff
from dutyroom.domain.roles import Permission
from dutyroom.domain.roster import LEAVE_LABELS
from dutyroom.domain.text import label_of, sentence
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.records import audit_change, text_input
from dutyroom.services.roster_calendar import CHANGED, parse_range, remove_planning_record
from dutyroom.services.roster_records import StaffBrief, brief_of
from dutyroom.services.uow import Outcome, UnitOfWork


@dataclass(frozen=True)
class LeaveView:
    id: int
    staff: StaffBrief
    kind: str
    start: date
    end: date
    reason: str

    @property
    def kind_label(self) -> str:
        return label_of(LEAVE_LABELS, self.kind)


def add_leave(uow: UnitOfWork, staff_id: int, kind: str, start: object, end: object,
              reason: str = "") -> Outcome[LeaveView]:
    if kind not in LEAVE_LABELS:
        raise InputError([Problem(sentence("未知的类型「{0}」", kind), field="kind")])
    first, last = parse_range(start, end)
    with uow.write(Permission.ROSTER) as session:
        person = session.get(Staff, staff_id)
        if person is None:
            raise InputError([Problem(sentence("没有编号为 {0} 的人员", staff_id), field="staff_id")])
        row = Leave(staff_id=staff_id, kind=kind, start_date=first, end_date=last,
                    reason=text_input(reason, "reason", "原因", 500))
        session.add(row)
        audit_change(session, row, uow.actor, "leave", "create")
        return Outcome(LeaveView(row.id, brief_of(person), kind, first, last, row.reason), CHANGED)


def list_leaves(uow: UnitOfWork, start: date, end: date) -> list[LeaveView]:
    with uow.read() as session:
        rows = session.execute(select(Leave, Staff).join(Staff, Staff.id == Leave.staff_id)
                               .where(Leave.start_date <= end, Leave.end_date >= start)
                               .order_by(Leave.start_date))
        return [LeaveView(leave.id, brief_of(person), leave.kind, leave.start_date,
                          leave.end_date, leave.reason) for leave, person in rows]


def remove_leave(uow: UnitOfWork, leave_id: int) -> Outcome[None]:
    return remove_planning_record(uow, Leave, leave_id, "请假记录", "leave")
