"""People on the duty rota: list, add, edit, deactivate. Every change is audited.

A name and a mobile each identify one active person: the roster import matches people by
name within their tier, and a duty officer calling a mobile must reach the person listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from dutyroom.db.models import Staff
from dutyroom.domain.contacts import StaffFields, validate_staff
from dutyroom.domain.errors import FieldError
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.domain.tiers import Tier
from dutyroom.services.errors import InputError
from dutyroom.services.records import audit_change, audit_edit, load_for_edit, switch_active
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "staff"
CHANGED = Changes(staff=True)
TIER_ORDER = case({t.value: rank for rank, t in enumerate(Tier)}, value=Staff.tier, else_=9)


@dataclass(frozen=True)
class StaffView:
    id: int
    name: str
    tier: Tier
    mobile: str
    office_phone: str
    department: str
    position: str
    active: bool
    version: int

    @property
    def tier_label(self) -> str:
        return self.tier.label


def _view(row: Staff) -> StaffView:
    return StaffView(
        id=row.id, name=row.name, tier=Tier(row.tier), mobile=row.mobile,
        office_phone=row.office_phone, department=row.department, position=row.position,
        active=row.active, version=row.version,
    )


def list_staff(uow: UnitOfWork, include_inactive: bool = True) -> list[StaffView]:
    with uow.read() as session:
        query = select(Staff).order_by(TIER_ORDER, Staff.id)
        if not include_inactive:
            query = query.where(Staff.active.is_(True))
        return [_view(row) for row in session.scalars(query)]


class ActiveIndex:
    """Who is active, by name and by mobile, to find clashes without a query per person."""

    def __init__(self, session: Session, exclude_id: int | None = None) -> None:
        query = select(Staff.name, Staff.mobile).where(Staff.active.is_(True))
        if exclude_id is not None:
            query = query.where(Staff.id != exclude_id)
        rows = session.execute(query).all()
        self.names = {name for name, _ in rows}
        self.mobiles = {mobile: name for name, mobile in rows}

    def clash(self, fields: StaffFields) -> FieldError | None:
        if fields.name in self.names:
            return FieldError("name", sentence("通讯录中已有在岗人员「{0}」", fields.name))
        if fields.mobile in self.mobiles:
            return FieldError(
                "mobile", sentence("手机 {0} 已登记为「{1}」的号码",
                                   fields.mobile, self.mobiles[fields.mobile]))
        return None


def duplicate_problem(session: Session, fields: StaffFields,
                      exclude_id: int | None = None) -> FieldError | None:
    """A clash with another active person by name or by mobile, if any."""
    return ActiveIndex(session, exclude_id).clash(fields)


def _validated(values: dict[str, object]) -> StaffFields:
    try:
        return validate_staff(**values)
    except FieldError as error:
        raise InputError.from_field(error) from None


def insert_staff(session: Session, fields: StaffFields, actor: str) -> Staff:
    row = Staff(
        name=fields.name, tier=fields.tier.value, mobile=fields.mobile,
        office_phone=fields.office_phone, department=fields.department,
        position=fields.position, active=True,
    )
    session.add(row)
    audit_change(session, row, actor, ENTITY, "create")
    return row


def add_staff(uow: UnitOfWork, values: dict[str, object]) -> Outcome[StaffView]:
    fields = _validated(values)
    with uow.write(Permission.ROSTER) as session:
        clash = duplicate_problem(session, fields)
        if clash:
            raise InputError.from_field(clash)
        row = insert_staff(session, fields, uow.actor)
        return Outcome(_view(row), CHANGED)


def update_staff(uow: UnitOfWork, staff_id: int, values: dict[str, object],
                 version: int | None = None) -> Outcome[StaffView]:
    fields = _validated(values)
    with uow.write(Permission.ROSTER) as session:
        row = load_for_edit(session, Staff, staff_id, version, "人员", ENTITY)
        if row.active:
            clash = duplicate_problem(session, fields, exclude_id=row.id)
            if clash:
                raise InputError.from_field(clash)

        def change() -> None:
            row.name, row.tier, row.mobile = fields.name, fields.tier.value, fields.mobile
            row.office_phone, row.department = fields.office_phone, fields.department
            row.position = fields.position

        changed = audit_edit(session, row, change, uow.actor, ENTITY)
        return Outcome(_view(row), CHANGED if changed else Changes())


def set_staff_active(uow: UnitOfWork, staff_id: int, active: bool) -> Outcome[StaffView]:
    """Deactivate someone who left (their past duties stay on record), or bring them back."""
    with uow.write(Permission.ROSTER) as session:
        row = load_for_edit(session, Staff, staff_id, None, "人员", ENTITY)

        def clash() -> None:
            found = duplicate_problem(session, StaffFields(row.name, Tier(row.tier), row.mobile),
                                      exclude_id=row.id)
            if found:
                raise InputError.from_field(found)

        changed = switch_active(session, row, active, uow.actor, ENTITY, clash)
        return Outcome(_view(row), CHANGED if changed else Changes())


def insert_many(session: Session, people: Iterable[StaffFields], actor: str) -> int:
    count = 0
    for fields in people:
        insert_staff(session, fields, actor)
        count += 1
    return count
