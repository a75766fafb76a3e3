"""Partner departments (联动单位) the desk dispatches to, with their 24-hour duty phones."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import Department
from dutyroom.domain.contacts import DepartmentFields, validate_department
from dutyroom.domain.errors import FieldError
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.records import audit_change, audit_edit, load_for_edit, switch_active
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "department"
CHANGED = Changes(departments=True)


@dataclass(frozen=True)
class DepartmentView:
    id: int
    name: str
    duty_phone: str
    liaison_name: str
    liaison_mobile: str
    liaison_position: str
    first_line: bool
    notes: str
    active: bool
    version: int
    office_phone: str = ""


def _view(row: Department) -> DepartmentView:
    return DepartmentView(
        id=row.id, name=row.name, duty_phone=row.duty_phone, liaison_name=row.liaison_name,
        liaison_mobile=row.liaison_mobile, liaison_position=row.liaison_position,
        first_line=row.first_line, notes=row.notes, active=row.active, version=row.version,
        office_phone=row.office_phone,
    )


def list_departments(uow: UnitOfWork, include_inactive: bool = True) -> list[DepartmentView]:
    with uow.read() as session:
        query = select(Department).order_by(Department.first_line.desc(), Department.name)
        if not include_inactive:
            query = query.where(Department.active.is_(True))
        return [_view(row) for row in session.scalars(query)]


def _validated(values: dict[str, object]) -> DepartmentFields:
    try:
        return validate_department(**values)  # type: ignore[arg-type]
    except FieldError as error:
        raise InputError.from_field(error) from None


def _check_name(session: Session, name: str, exclude_id: int | None) -> None:
    query = select(Department.id).where(Department.name == name)
    if exclude_id is not None:
        query = query.where(Department.id != exclude_id)
    if session.scalar(query) is not None:
        raise InputError([Problem(sentence("已有名为「{0}」的联动单位", name), field="name")])


def _apply(row: Department, fields: DepartmentFields) -> None:
    row.name, row.duty_phone = fields.name, fields.duty_phone
    row.liaison_name, row.liaison_mobile = fields.liaison_name, fields.liaison_mobile
    row.liaison_position, row.first_line = fields.liaison_position, fields.first_line
    row.notes, row.office_phone = fields.notes, fields.office_phone


def insert_department(session: Session, fields: DepartmentFields, actor: str) -> Department:
    row = Department(active=True)
    _apply(row, fields)
    session.add(row)
    audit_change(session, row, actor, ENTITY, "create")
    return row


def add_department(uow: UnitOfWork, values: dict[str, object]) -> Outcome[DepartmentView]:
    fields = _validated(values)
    with uow.write(Permission.LOG) as session:
        _check_name(session, fields.name, None)
        row = insert_department(session, fields, uow.actor)
        return Outcome(_view(row), CHANGED)


def update_department(uow: UnitOfWork, department_id: int, values: dict[str, object],
                      version: int | None = None) -> Outcome[DepartmentView]:
    fields = _validated(values)
    with uow.write(Permission.LOG) as session:
        row = load_for_edit(session, Department, department_id, version, "联动单位", ENTITY)
        _check_name(session, fields.name, row.id)
        changed = audit_edit(session, row, lambda: _apply(row, fields), uow.actor, ENTITY)
        return Outcome(_view(row), CHANGED if changed else Changes())


def set_department_active(uow: UnitOfWork, department_id: int,
                          active: bool) -> Outcome[DepartmentView]:
    with uow.write(Permission.LOG) as session:
        row = load_for_edit(session, Department, department_id, None, "联动单位", ENTITY)
        changed = switch_active(session, row, active, uow.actor, ENTITY)
        return Outcome(_view(row), CHANGED if changed else Changes())
