"""Dispatch (联动派单): ordering departments to the scene, and their feedback.

Each order gets its arrival deadline (30 or 40 minutes) and keeps the person reached as
通讯录 listed them at that moment; each feedback is one link of the audit chain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from dutyroom.db.models import Department, Dispatch, DispatchFeedback
from dutyroom.domain import deadlines as rules_module
from dutyroom.domain.contacts import NAME_MAX, clean_text, normalize_phone
from dutyroom.domain.incident_rules import (
    ORDERED,
    FeedbackKind,
    check_can_dispatch,
    check_feedback_open,
    check_not_dispatched,
    parse_feedback_kind,
    status_after_dispatch,
)
from dutyroom.domain.incidents import Status
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.services import department_service, responsibility_service
from dutyroom.services.department_service import DepartmentView
from dutyroom.services.errors import InputError, obey
from dutyroom.services.incident_records import (
    CHANGED,
    ENTITY,
    dispatches_of,
    is_open,
    load_incident,
    stated_time,
)
from dutyroom.services.partner_duty_service import on_duty
from dutyroom.services.partner_records import OnDuty, on_duty_in
from dutyroom.services.records import audit_change, utc_now
from dutyroom.services.responsibility_service import ProposalView
from dutyroom.services.settings_service import desk
from dutyroom.services.uow import Outcome, UnitOfWork


@dataclass(frozen=True)
class DispatchChoices:
    """What the dispatch dialog offers: the departments in use, whom to call at each now,
    and the departments the 职责分工 table proposes for this kind of incident."""

    departments: list[DepartmentView]
    on_duty: dict[int, OnDuty]
    proposal: ProposalView | None


def dispatch_choices(uow: UnitOfWork, category: str, subtype: str,
                     now: datetime | None = None) -> DispatchChoices:
    departments = department_service.list_departments(uow, include_inactive=False)
    calls = {d.department_id: d for d in on_duty(uow, now)}
    return DispatchChoices(departments, calls,
                           responsibility_service.proposal(uow, category, subtype))


def dispatch(uow: UnitOfWork, incident_id: int, department_ids: Sequence[int], *,
             ordered_at: Any = None, instructions: Mapping[int, str] | None = None,
             reached: Mapping[int, tuple[str, str]] | None = None,
             now: datetime | None = None) -> Outcome[list[int]]:
    """Order departments to the scene; each gets its 30- or 40-minute arrival deadline and
    may be told what it is asked to do (`instructions`, by department).

    `reached` (by department: name, phone) is the person the officer actually got on the
    line, typed freely; without it, the person to call at the moment of the order
    (partner_records.on_duty_in: the office in working hours, else today's duty person, the
    24-hour phone, the liaison). The record keeps them even if 通讯录 changes later.
    """
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        d = desk(session)
        row = load_incident(session, incident_id, None)
        obey(check_can_dispatch, is_open(row), department_ids)
        when = stated_time(ordered_at, d.zone, moment, "ordered_at", "派单时间", row.received_at,
                           "接报时间")
        busy = {x.department_id: name for x, name in dispatches_of(session, [row.id])[row.id]
                if x.closed_at is None}
        created: list[int] = []
        for department_id in dict.fromkeys(department_ids):
            department = session.get(Department, department_id)
            if department is None or not department.active:
                raise InputError.simple(sentence("没有编号为 {0} 的在用联动单位",
                                                 department_id), "departments")
            obey(check_not_dispatched, department_id, busy)
            asked = clean_text((instructions or {}).get(department_id, ""), "instruction",
                               "派单要求", max_length=2000)
            name, phone = _reached(session, department, when, (reached or {}).get(department_id))
            order = Dispatch(incident_id=row.id, department_id=department_id,
                             contact_name=name[:32], contact_phone=phone[:32], ordered_at=when,
                             arrival_minutes=rules_module.DISPATCH_MINUTES[department.first_line],
                             status=ORDERED, created_by=uow.actor, instruction=asked)
            session.add(order)
            audit_change(session, order, uow.actor, "dispatch", "create", moment)
            created.append(order.id)
        status = status_after_dispatch(Status(row.status))
        if status != row.status:
            row.status, row.updated_at, row.updated_by = status.value, moment, uow.actor
            row.change_note = "已派单，转入处置"
            audit_change(session, row, uow.actor, ENTITY, "status", moment)
        return Outcome(created, CHANGED)


def _reached(session: Session, department: Department, when: datetime,
             typed: tuple[str, str] | None) -> tuple[str, str]:
    """Who was reached: as typed (both checked), else whom the rules say to call then."""
    if typed is not None and (str(typed[0]).strip() or str(typed[1]).strip()):
        return (clean_text(typed[0], "reached", "联系人", required=True, max_length=NAME_MAX),
                normalize_phone(typed[1], "reached", required=True))
    best = on_duty_in(session, when, [department])[0].best
    return (best.person, best.phone) if best is not None else ("值班室", department.duty_phone)


def record_feedback(uow: UnitOfWork, dispatch_id: int, kind: str, *, at: Any = None,
                    text: str = "", now: datetime | None = None) -> Outcome[int]:
    """到达 / 处置中 / 办结 from a department; arrival meets the dispatch deadline."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        d = desk(session)
        order = session.get(Dispatch, dispatch_id)
        if order is None:
            raise InputError.simple(sentence("没有编号为 {0} 的派单", dispatch_id), "id")
        load_incident(session, order.incident_id, None)
        the_kind = obey(parse_feedback_kind, kind)
        obey(check_feedback_open, order.closed_at is not None)
        when = stated_time(at, d.zone, moment, "at", "反馈时间", order.ordered_at, "派单时间")
        body = clean_text(text, "text", "反馈内容", max_length=20_000)
        feedback = DispatchFeedback(dispatch_id=order.id, at=when, kind=the_kind.value, text=body,
                                    by=uow.actor)
        session.add(feedback)
        if order.arrived_at is None:  # every kind of feedback means they are there
            order.arrived_at = when
        if the_kind == FeedbackKind.CLOSED:
            order.closed_at = when
        order.status = the_kind.value
        audit_change(session, feedback, uow.actor, "dispatch_feedback", "create", moment)
        audit_change(session, order, uow.actor, "dispatch", "update", moment)
        return Outcome(feedback.id, CHANGED)
