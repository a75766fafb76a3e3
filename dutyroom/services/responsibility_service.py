"""The 职责分工 table (who leads, who supports, for each kind of incident) and the
departments it proposes for an incident."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import Department, Responsibility
from dutyroom.domain import responsibilities
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import CATEGORY_LABELS, Category
from dutyroom.domain.responsibilities import DutyLine
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.import_export import cell_text, column_map, raw_rows, read_table
from dutyroom.services.records import audit_change, audit_removal, utc_now
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "responsibility"
CHANGED = Changes(departments=True)
DUTY_COLUMNS: dict[str, tuple[str, ...]] = {
    "category": ("类别", "category", "事件类别"),
    "subtype": ("子类", "subtype", "事件子类"),
    "lead": ("牵头单位", "lead"),
    "support": ("配合单位", "support"),
}
DUTY_REQUIRED = ("category", "lead")


@dataclass(frozen=True)
class DutyView:
    id: int
    category: Category
    subtype: str
    lead_id: int
    lead: str
    support_ids: tuple[int, ...]
    support: tuple[str, ...]

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS[self.category]


@dataclass(frozen=True)
class ProposalView:
    """Departments proposed for an incident (by id, lead first) and which line said so."""

    lead_id: int | None  # None when the lead department is no longer in use
    support_ids: tuple[int, ...]
    lead: str
    support: tuple[str, ...]
    basis: str

    @property
    def ids(self) -> tuple[int, ...]:
        return (*((self.lead_id,) if self.lead_id is not None else ()), *self.support_ids)


def _names(session: Session) -> dict[int, str]:
    return {i: name for i, name in session.execute(select(Department.id, Department.name))}


def _view(row: Responsibility, names: Mapping[int, str]) -> DutyView:
    support = tuple(json.loads(row.support_ids))
    return DutyView(row.id, Category(row.category), row.subtype, row.lead_id,
                    names.get(row.lead_id, "?"), support, tuple(names.get(i, "?") for i in support))


def _all(session: Session) -> list[DutyView]:
    names = _names(session)
    order = {c.value: i for i, c in enumerate(Category)}
    rows = sorted(session.scalars(select(Responsibility)),
                  key=lambda r: (order.get(r.category, 9), r.subtype == "", r.subtype))
    return [_view(r, names) for r in rows]


def list_duties(uow: UnitOfWork) -> list[DutyView]:
    with uow.read() as session:
        return _all(session)


def _ids(session: Session) -> dict[str, int]:
    return {name: i for i, name in _names(session).items()}


def _store(session: Session, line: DutyLine, ids: Mapping[str, int], actor: str,
           moment: datetime) -> Responsibility:
    row = session.scalar(select(Responsibility).where(
        Responsibility.category == line.category.value, Responsibility.subtype == line.subtype))
    support = json.dumps([ids[name] for name in line.support])
    action = "update"
    if row is None:
        row, action = Responsibility(category=line.category.value, subtype=line.subtype), "create"
        session.add(row)
    elif row.lead_id == ids[line.lead] and row.support_ids == support:
        return row
    row.lead_id, row.support_ids = ids[line.lead], support
    row.updated_at, row.updated_by = moment, actor
    audit_change(session, row, actor, ENTITY, action, moment)
    return row


def put_duty(uow: UnitOfWork, values: Mapping[str, object],
             now: datetime | None = None) -> Outcome[DutyView]:
    """Add a line, or change the one for the same category and subtype."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        ids = _ids(session)
        line = responsibilities.duty_line(
            category=values.get("category"), subtype=values.get("subtype", ""),
            lead=values.get("lead", ""), support=values.get("support", ""), departments=ids)
        row = _store(session, line, ids, uow.actor, moment)
        return Outcome(_view(row, _names(session)), CHANGED)


def remove_duty(uow: UnitOfWork, duty_id: int, now: datetime | None = None) -> Outcome[None]:
    with uow.write(Permission.LOG) as session:
        row = session.get(Responsibility, duty_id)
        if row is None:
            raise InputError.simple(sentence("没有编号为 {0} 的职责分工", duty_id), "id")
        audit_removal(session, row, uow.actor, ENTITY, utc_now(now))
        return Outcome(None, CHANGED)


def _parse(path: Path, departments: Iterable[str]) -> list[DutyLine]:
    table = read_table(path)
    columns = column_map(table, path.name, DUTY_COLUMNS, DUTY_REQUIRED)
    label = {field: header for field, (_, header) in columns.items()}
    known = set(departments)
    problems: list[Problem] = []
    lines: list[DutyLine] = []
    seen: dict[tuple[str, str], int] = {}
    for number, raw in raw_rows(table, columns):
        text = {f: cell_text(v) for f, v in raw.items()}
        try:
            line = responsibilities.duty_line(
                category=text["category"], subtype=text.get("subtype", ""), lead=text["lead"],
                support=text.get("support", ""), departments=known)
        except FieldError as error:
            problems.append(Problem(error.message, row=number, column=label.get(error.field)))
            continue
        key = (line.category.value, line.subtype)
        if key in seen:
            problems.append(Problem(sentence("与第 {0} 行是同一类事件", seen[key]), row=number,
                                    column=label.get("subtype", label["category"])))
            continue
        seen[key] = number
        lines.append(line)
    if not lines and not problems:
        problems.append(Problem(sentence("文件中没有职责分工数据"), row=table.header_row + 1))
    if problems:
        raise InputError(problems, source=path.name)
    return lines


def import_duties_file(uow: UnitOfWork, path: Path,
                       now: datetime | None = None) -> Outcome[int]:
    """Load a 职责分工 table: each line replaces the desk's line for the same kind of
    incident, others stay; one bad row (an unknown subtype or department) loads nothing."""
    moment = utc_now(now)
    with uow.write(Permission.LOG) as session:
        ids = _ids(session)
        lines = _parse(path, ids)
        for line in lines:
            _store(session, line, ids, uow.actor, moment)
        return Outcome(len(lines), CHANGED)


def store_lines(session: Session, lines: Iterable[DutyLine], actor: str) -> int:
    """Write lines already checked (the sample town's defaults)."""
    ids, moment, count = _ids(session), utc_now(), 0
    for line in lines:
        _store(session, line, ids, actor, moment)
        count += 1
    return count


def proposal(uow: UnitOfWork, category: str, subtype: str) -> ProposalView | None:
    """The departments to propose for an incident of this kind (active ones only), or
    None when the table says nothing about it."""
    if not category:
        return None
    with uow.read() as session:
        lines = {(v.category.value, v.subtype): v for v in _all(session)}
        active = set(session.scalars(select(Department.id).where(Department.active.is_(True))))
    key = responsibilities.propose(category, subtype, lines)
    if key is None:
        return None
    line = lines[key]
    support = [(i, n) for i, n in zip(line.support_ids, line.support, strict=True) if i in active]
    return ProposalView(line.lead_id if line.lead_id in active else None,
                        tuple(i for i, _ in support), line.lead, tuple(n for _, n in support),
                        responsibilities.basis(line.category, line.subtype))
