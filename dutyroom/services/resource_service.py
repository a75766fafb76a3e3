"""The 应急资源 directory: teams, supplies and shelters, and those an incident can call on.

Kept like staff: every change audited, nothing deleted (deactivated instead), and an import
from Excel or CSV is checked whole first, so one bad row rejects the file. A row naming a
resource the desk already has (same kind, name and place) updates it: a desk re-imports its
stock list when the counts change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import Resource
from dutyroom.domain import resources
from dutyroom.domain.resources import KIND_LABELS, ResourceFields, ResourceKind, resource_errors
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.import_export import cell_text, column_map, raw_rows, read_table
from dutyroom.services.records import audit_change, audit_edit, load_for_edit, switch_active
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "resource"
CHANGED = Changes(resources=True)
# field -> accepted headers (docs/cli.md: Chinese first, English accepted)
COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("类型", "kind", "资源类型"),
    "name": ("名称", "name"),
    "quantity": ("数量或容量", "quantity", "数量", "容量", "人数"),
    "location": ("位置", "location", "地点", "存放地点"),
    "keeper": ("负责人", "keeper", "保管人", "队长"),
    "phone": ("电话", "phone", "联系电话"),
    "subtypes": ("适用子类", "subtypes"),
    "notes": ("备注", "notes"),
}
REQUIRED = ("kind", "name", "quantity", "location", "keeper", "phone", "subtypes")
KIND_ORDER = {kind: index for index, kind in enumerate(ResourceKind)}


@dataclass(frozen=True)
class ResourceView:
    id: int
    kind: ResourceKind
    name: str
    quantity: int | None
    unit: str
    location: str
    keeper: str
    phone: str
    subtypes: tuple[str, ...]
    notes: str
    active: bool
    version: int

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def amount(self) -> str:
        return resources.quantity_text(self.quantity, self.unit)


def _view(row: Resource) -> ResourceView:
    return ResourceView(row.id, ResourceKind(row.kind), row.name, row.quantity, row.unit,
                        row.location, row.keeper, row.phone,
                        tuple(s for s in row.subtypes.split("、") if s), row.notes, row.active,
                        row.version)


def _ordered(rows: Sequence[Resource]) -> list[ResourceView]:
    return [_view(r) for r in sorted(rows, key=lambda r: (
        not r.active, KIND_ORDER.get(ResourceKind(r.kind), 9), r.name, r.id))]


def list_resources(uow: UnitOfWork) -> list[ResourceView]:
    """The whole directory, in use first, by kind and name."""
    with uow.read() as session:
        return _ordered(list(session.scalars(select(Resource))))


def for_subtype(uow: UnitOfWork, subtype: str) -> list[ResourceView]:
    """The resources in use that an incident of `subtype` can call on."""
    with uow.read() as session:
        rows = {r.id: r for r in session.scalars(select(Resource).where(Resource.active.is_(True)))}
        wanted = resources.serving(subtype, ((i, _view(r).subtypes) for i, r in rows.items()))
        return _ordered([rows[i] for i in wanted])


def _checked(values: Mapping[str, object]) -> ResourceFields:
    fields, errors = resource_errors(
        kind=values.get("kind"), name=values.get("name"), quantity=values.get("quantity"),
        location=values.get("location"), keeper=values.get("keeper"), phone=values.get("phone"),
        subtypes=values.get("subtypes"), notes=values.get("notes", ""))
    if errors:
        raise InputError([Problem(e.message, field=e.field) for e in errors])
    assert fields is not None
    return fields


def _same(session: Session, fields: ResourceFields, exclude_id: int | None) -> Resource | None:
    """The active resource of the same kind, name and place, other than `exclude_id`."""
    query = select(Resource).where(
        Resource.active.is_(True), Resource.kind == fields.kind.value,
        Resource.name == fields.name, Resource.location == fields.location)
    if exclude_id is not None:
        query = query.where(Resource.id != exclude_id)
    return session.scalars(query).first()


def _already(fields: ResourceFields) -> str:
    return sentence("应急资源中已有{0}「{1}」{2}", KIND_LABELS[fields.kind], Verbatim(fields.name),
                    sentence("（{0}）", Verbatim(fields.location)) if fields.location else "")


def _apply(row: Resource, fields: ResourceFields) -> None:
    row.kind, row.name, row.location = fields.kind.value, fields.name, fields.location
    row.quantity, row.unit = fields.quantity, fields.unit
    row.keeper, row.phone, row.notes = fields.keeper, fields.phone, fields.notes
    row.subtypes = "、".join(fields.subtypes)


def add_resource(uow: UnitOfWork, values: Mapping[str, object]) -> Outcome[ResourceView]:
    with uow.write(Permission.LOG) as session:
        fields = _checked(values)
        if _same(session, fields, None) is not None:
            raise InputError.simple(_already(fields), "name")
        row = Resource(active=True)
        _apply(row, fields)
        session.add(row)
        audit_change(session, row, uow.actor, ENTITY, "create")
        return Outcome(_view(row), CHANGED)


def update_resource(uow: UnitOfWork, resource_id: int, values: Mapping[str, object],
                    version: int | None = None) -> Outcome[ResourceView]:
    with uow.write(Permission.LOG) as session:
        row = load_for_edit(session, Resource, resource_id, version, "应急资源", ENTITY)
        fields = _checked(values)
        if row.active and _same(session, fields, row.id) is not None:
            raise InputError.simple(_already(fields), "name")
        changed = audit_edit(session, row, lambda: _apply(row, fields), uow.actor, ENTITY)
        return Outcome(_view(row), CHANGED if changed else Changes())


def set_resource_active(uow: UnitOfWork, resource_id: int,
                        active: bool) -> Outcome[ResourceView]:
    """Take a resource out of use (a team disbanded, a stock used up) or back into it."""
    with uow.write(Permission.LOG) as session:
        row = load_for_edit(session, Resource, resource_id, None, "应急资源", ENTITY)

        def clash() -> None:
            fields = _fields_of(row)
            if _same(session, fields, row.id) is not None:
                raise InputError.simple(_already(fields), "name")

        changed = switch_active(session, row, active, uow.actor, ENTITY, clash)
        return Outcome(_view(row), CHANGED if changed else Changes())


def _fields_of(row: Resource) -> ResourceFields:
    view = _view(row)
    return ResourceFields(view.kind, view.name, view.quantity, view.unit, view.location,
                          view.keeper, view.phone, view.subtypes, view.notes)


# --- import --------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRow:
    row: int
    fields: ResourceFields | None
    cells: dict[str, str]  # field -> text as read, for the preview
    updates: bool = False  # the desk already has this resource: the row replaces it


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do: every row as read, and everything wrong with the file."""

    source: str
    rows: list[ImportRow]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def _parse(session: Session, path: Path) -> ImportPreview:
    table = read_table(path)
    columns = column_map(table, path.name, COLUMNS, REQUIRED)
    label = {field: Verbatim(header) for field, (_, header) in columns.items()}
    # key -> notes of what the desk has: a file without a 备注 column says nothing about
    # notes, so a row updating a resource keeps the ones it has (a key's location, say).
    known = {(r.kind, r.name, r.location): r.notes for r in session.scalars(
        select(Resource).where(Resource.active.is_(True)))}
    rows: list[ImportRow] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, raw in raw_rows(table, columns):
        text = {f: cell_text(v) for f, v in raw.items()}
        fields, errors = resource_errors(
            kind=raw["kind"], name=raw["name"], quantity=raw["quantity"],
            location=raw["location"], keeper=raw["keeper"], phone=raw["phone"],
            subtypes=raw["subtypes"], notes=raw.get("notes", ""))
        if fields is None:
            problems += [Problem(e.message, row=number, column=label.get(e.field)) for e in errors]
            rows.append(ImportRow(number, None, text))
            continue
        if fields.key in seen:
            problems.append(Problem(sentence("「{0}」与第 {1} 行重复", Verbatim(fields.name),
                                             seen[fields.key]), row=number, column=label["name"]))
            rows.append(ImportRow(number, None, text))
            continue
        seen[fields.key] = number
        if "notes" not in columns and fields.key in known:
            fields = replace(fields, notes=known[fields.key])
        rows.append(ImportRow(number, fields, text, fields.key in known))
    if not rows:
        problems.append(Problem(sentence("文件中没有应急资源数据"), row=table.header_row + 1))
    return ImportPreview(path.name, rows, problems)


def preview_file(uow: UnitOfWork, path: Path) -> ImportPreview:
    """Read and check a resources file without changing anything, for the import dialog."""
    with uow.read() as session:
        return _parse(session, path)


def import_file(uow: UnitOfWork, path: Path) -> Outcome[int]:
    """Take every resource in the file (adding new ones, updating those the desk has), or
    none if any row is wrong."""
    with uow.write(Permission.LOG) as session:
        preview = _parse(session, path)
        if not preview.ok:
            raise InputError(preview.problems, source=path.name)
        return Outcome(store_many(session, [r.fields for r in preview.rows if r.fields],
                                  uow.actor), CHANGED)


def store_many(session: Session, items: Sequence[ResourceFields], actor: str) -> int:
    """Write checked resources: a new one is added, one the desk has is updated (and
    audited only when something about it changed)."""
    for fields in items:
        row = _same(session, fields, None)
        if row is None:
            row = Resource(active=True)
            _apply(row, fields)
            session.add(row)
            audit_change(session, row, actor, ENTITY, "create")
            continue
        audit_edit(session, row, partial(_apply, row, fields), actor, ENTITY)
    return len(items)
