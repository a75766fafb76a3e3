"""The 基层责任人 directory: who is called in each village for a warning, with an AB角.

Kept like staff: every change audited, nobody deleted (deactivated instead), and an import
from Excel or CSV is checked whole first, so one bad row rejects the file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db.models import ResponsiblePerson
from dutyroom.domain.errors import FieldError
from dutyroom.domain.responsible import (
    ResponsibleFields,
    looks_the_same,
    probable_typo,
    responsible_errors,
    shown,
)
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import Verbatim, sentence
from dutyroom.formats.table_files import Table
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.import_export import cell_text, read_table
from dutyroom.services.records import audit_change, audit_edit, load_for_edit, switch_active
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.services.warning_readers import roles_in, villages_in

ENTITY = "responsible"
CHANGED = Changes(responsible=True)

# field -> accepted headers (docs/cli.md: Chinese first, English accepted)
COLUMNS: dict[str, tuple[str, ...]] = {
    "village": ("村(社区)", "村（社区）", "村", "社区", "village"),
    "role": ("岗位", "role"),
    "name": ("姓名", "name"),
    "mobile": ("手机", "mobile", "手机号", "手机号码"),
    "backup": ("AB角", "B角", "backup"),
    "notes": ("备注", "notes"),
}
REQUIRED = ("village", "role", "name", "mobile")


@dataclass(frozen=True)
class ResponsibleView:
    id: int
    name: str
    village: str
    role: str
    mobile: str
    backup_id: int | None
    backup_name: str
    backup_mobile: str
    notes: str
    active: bool
    version: int


def _views(session: Session, rows: Sequence[ResponsiblePerson]) -> list[ResponsibleView]:
    ids = {r.backup_id for r in rows if r.backup_id is not None}
    backups = {p.id: p for p in session.scalars(
        select(ResponsiblePerson).where(ResponsiblePerson.id.in_(ids)))} if ids else {}
    views = []
    for row in rows:
        backup = backups.get(row.backup_id) if row.backup_id is not None else None
        views.append(ResponsibleView(
            row.id, row.name, row.village, row.role, row.mobile, row.backup_id,
            backup.name if backup else "", backup.mobile if backup else "", row.notes,
            row.active, row.version))
    return views


@dataclass(frozen=True)
class Directory:
    people: list[ResponsibleView]
    villages: tuple[str, ...]
    roles: tuple[str, ...]


def directory(uow: UnitOfWork, include_inactive: bool = True) -> Directory:
    """Everyone in the directory by village and role, with the desk's villages and roles."""
    with uow.read() as session:
        query = select(ResponsiblePerson)
        if not include_inactive:
            query = query.where(ResponsiblePerson.active.is_(True))
        villages, roles = villages_in(session), roles_in(session)
        order_v = {v: i for i, v in enumerate(villages)}
        order_r = {r: i for i, r in enumerate(roles)}
        rows = sorted(session.scalars(query), key=lambda r: (
            not r.active, order_v.get(r.village, len(order_v)), order_r.get(r.role, 99), r.id))
        return Directory(_views(session, rows), villages, roles)


def _validated(session: Session, values: dict[str, object]) -> ResponsibleFields:
    fields, errors = responsible_errors(
        name=values.get("name"), village=values.get("village"), role=values.get("role"),
        mobile=values.get("mobile"), notes=values.get("notes", ""), roles=roles_in(session))
    if errors:
        raise InputError([Problem(e.message, field=e.field) for e in errors])
    assert fields is not None
    return fields


def _clash(session: Session, fields: ResponsibleFields, exclude_id: int | None) -> FieldError | None:
    """The same person twice (name, village and role), or one mobile for two names."""
    query = select(ResponsiblePerson).where(ResponsiblePerson.active.is_(True))
    if exclude_id is not None:
        query = query.where(ResponsiblePerson.id != exclude_id)
    for other in session.scalars(query.where(
            (ResponsiblePerson.mobile == fields.mobile) | (ResponsiblePerson.name == fields.name))):
        if (other.name, other.village, other.role) == (fields.name, fields.village, fields.role):
            return FieldError("name", sentence("责任人名单中已有{0}{1}「{2}」", fields.village,
                                               fields.role, fields.name))
        if other.mobile == fields.mobile and other.name != fields.name:
            return FieldError("mobile", sentence("手机 {0} 已登记为「{1}」的号码", fields.mobile,
                                                 Verbatim(other.name)))
    return None


def _backup(session: Session, backup_id: object, person_id: int | None) -> int | None:
    if backup_id in (None, "", 0):
        return None
    try:
        key = int(str(backup_id))
    except ValueError:
        raise InputError.simple(sentence("AB角应为责任人名单中的人"), "backup_id") from None
    row = session.get(ResponsiblePerson, key)
    if row is None or not row.active:
        raise InputError.simple(sentence("AB角应为责任人名单中的人"), "backup_id")
    if key == person_id:
        raise InputError.simple(sentence("AB角不能是本人"), "backup_id")
    return key


def _apply(row: ResponsiblePerson, fields: ResponsibleFields, backup_id: int | None) -> None:
    row.name, row.village, row.role = fields.name, fields.village, fields.role
    row.mobile, row.notes, row.backup_id = fields.mobile, fields.notes, backup_id


def add_person(uow: UnitOfWork, values: dict[str, object]) -> Outcome[ResponsibleView]:
    with uow.write(Permission.LOG) as session:
        fields = _validated(session, values)
        clash = _clash(session, fields, None)
        if clash:
            raise InputError.from_field(clash)
        row = ResponsiblePerson(active=True)
        _apply(row, fields, _backup(session, values.get("backup_id"), None))
        session.add(row)
        audit_change(session, row, uow.actor, ENTITY, "create")
        return Outcome(_views(session, [row])[0], CHANGED)


def update_person(uow: UnitOfWork, person_id: int, values: dict[str, object],
                  version: int | None = None) -> Outcome[ResponsibleView]:
    with uow.write(Permission.LOG) as session:
        row = load_for_edit(session, ResponsiblePerson, person_id, version, "责任人", ENTITY)
        fields = _validated(session, values)
        if row.active:
            clash = _clash(session, fields, row.id)
            if clash:
                raise InputError.from_field(clash)
        backup = _backup(session, values.get("backup_id"), row.id)
        changed = audit_edit(session, row, lambda: _apply(row, fields, backup), uow.actor, ENTITY)
        return Outcome(_views(session, [row])[0], CHANGED if changed else Changes())


def set_person_active(uow: UnitOfWork, person_id: int, active: bool) -> Outcome[ResponsibleView]:
    """Deactivate someone who left the post (past warnings keep them), or bring them back."""
    with uow.write(Permission.LOG) as session:
        row = load_for_edit(session, ResponsiblePerson, person_id, None, "责任人", ENTITY)

        def clash() -> None:
            found = _clash(session, ResponsibleFields(row.name, row.village, row.role, row.mobile),
                           row.id)
            if found:
                raise InputError.from_field(found)

        changed = switch_active(session, row, active, uow.actor, ENTITY, clash)
        return Outcome(_views(session, [row])[0], CHANGED if changed else Changes())


# --- import --------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRow:
    row: int
    fields: ResponsibleFields | None
    cells: dict[str, str]  # field -> text as read, for the preview


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do: every row as read, and everything wrong with the file."""

    source: str
    rows: list[ImportRow]
    problems: list[Problem]
    columns: dict[str, str]  # field -> header as written in the file
    # Rows worth a second look that do not stop the import: a village the desk does not have
    # whose name is close to one it has (domain/responsible.probable_typo). A notice, not an
    # error, because importing 责任人 is how a desk adds a village, and close names can be real.
    notices: list[Problem] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _column_map(table: Table, source: str) -> dict[str, tuple[int, str]]:
    if not table.headers:
        raise InputError([Problem(sentence("文件是空的，没有表头和数据"))], source=source)
    columns: dict[str, tuple[int, str]] = {}
    for index, header in enumerate(table.headers):
        for field, names in COLUMNS.items():
            if header.lower() in (n.lower() for n in names) and field not in columns:
                columns[field] = (index, header)
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in columns]
    if missing:
        raise InputError([Problem(
            sentence("缺少必需的列「{0}」（表头应含 村(社区)、岗位、姓名、手机）", '」「'.join(missing)),
            row=table.header_row)], source=source)
    return columns


def _parse(session: Session, table: Table, source: str) -> ImportPreview:
    columns = _column_map(table, source)
    label = {field: Verbatim(header) for field, (_, header) in columns.items()}
    roles = roles_in(session)
    rows: list[ImportRow] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], int] = {}
    mobiles: dict[str, tuple[str, int]] = {}
    directory_people = list(session.scalars(select(ResponsiblePerson).where(
        ResponsiblePerson.active.is_(True))))
    known_mobiles = {p.mobile: p.name for p in directory_people}
    known_people = {(p.name, p.village, p.role) for p in directory_people}
    for number, cells in table.rows:
        raw = {f: (cells[i] if i < len(cells) else None) for f, (i, _) in columns.items()}
        text = {f: cell_text(v) for f, v in raw.items()}
        fields, errors = responsible_errors(
            name=raw.get("name"), village=raw.get("village"), role=raw.get("role"),
            mobile=raw.get("mobile"), backup=raw.get("backup", ""), notes=raw.get("notes", ""),
            roles=roles)
        if fields is None:
            problems += [Problem(e.message, row=number, column=label.get(e.field)) for e in errors]
            rows.append(ImportRow(number, None, text))
            continue
        key = (fields.name, fields.village, fields.role)
        clash = None
        if key in seen:
            clash = Problem(sentence("「{0}」与第 {1} 行重复", fields.name, seen[key]),
                            row=number, column=label["name"])
        elif key in known_people:
            clash = Problem(sentence("责任人名单中已有{0}{1}「{2}」", fields.village, fields.role,
                                     fields.name), row=number, column=label["name"])
        elif fields.mobile in mobiles and mobiles[fields.mobile][0] != fields.name:
            clash = Problem(sentence("手机 {0} 与第 {1} 行重复", fields.mobile,
                                     mobiles[fields.mobile][1]), row=number, column=label["mobile"])
        elif known_mobiles.get(fields.mobile, fields.name) != fields.name:
            clash = Problem(sentence("手机 {0} 已登记为「{1}」的号码", fields.mobile,
                                     Verbatim(known_mobiles[fields.mobile])),
                            row=number, column=label["mobile"])
        if clash:
            problems.append(clash)
            rows.append(ImportRow(number, None, text))
            continue
        seen[key] = number
        mobiles.setdefault(fields.mobile, (fields.name, number))
        rows.append(ImportRow(number, fields, text))
    if not rows:
        problems.append(Problem(sentence("文件中没有责任人数据"), row=table.header_row + 1))
    names = {r.fields.name for r in rows if r.fields} | {p.name for p in directory_people}
    # Who a written AB角 name may be: the people of that name, by village and mobile. The same
    # village is looked at first; two different people left to choose from is a question the
    # file must answer, never a silent pick.
    known = {(r.fields.name, r.fields.village, r.fields.mobile) for r in rows if r.fields} | {
        (p.name, p.village, p.mobile) for p in directory_people}
    for row in rows:
        if row.fields and row.fields.backup and row.fields.backup not in names:
            problems.append(Problem(sentence("AB角「{0}」不在文件或责任人名单中", row.fields.backup),
                                    row=row.row, column=label.get("backup")))
        elif row.fields and row.fields.backup:
            same = {(v, m) for n, v, m in known if n == row.fields.backup and v == row.fields.village}
            anywhere = {(v, m) for n, v, m in known if n == row.fields.backup}
            choices = same or anywhere
            if len({m for _v, m in choices}) > 1:
                problems.append(Problem(sentence(
                    "AB角「{0}」有重名（{1}），无法确定是哪一位：请在通讯录中区分姓名后再导入",
                    row.fields.backup, "、".join(sorted({v for v, _m in choices}))),
                    row=row.row, column=label.get("backup")))
    problems.sort(key=lambda p: p.row or 0)
    known_villages = villages_in(session)
    notices = [Problem(_typo_notice(row.fields.village, guess), row=row.row,
                       column=label.get("village"))
               for row in rows if row.fields is not None
               for guess in [probable_typo(row.fields.village, known_villages)] if guess]
    return ImportPreview(source, rows, problems, {f: str(h) for f, h in label.items()}, notices)


def _typo_notice(village: str, guess: str) -> str:
    if looks_the_same(village, guess):  # the ordinary notice would name two identical-looking names
        return sentence("村(社区)「{0}」与本镇的「{1}」看起来相同，但含有看不见的字符或全角字符，"
                        "照此导入将成为另一个村(社区)：请在文件中改为「{1}」", Verbatim(shown(village)),
                        guess)
    return sentence("村(社区)「{0}」不在本镇的村(社区)名单中，可能是「{1}」的笔误；"
                    "如确为新的村(社区)，可照常导入", village, guess)


def preview_file(uow: UnitOfWork, path: Path) -> ImportPreview:
    """Read and check a 责任人 file without changing anything, for the import dialog."""
    with uow.read() as session:
        return _parse(session, read_table(path), path.name)


def _backup_of(fields: ResponsibleFields, candidates: Sequence[ResponsiblePerson]) -> int | None:
    """The AB角 by name: the one in the same village if there is one, else the first."""
    named = [c for c in candidates if c.name == fields.backup]
    same = [c for c in named if c.village == fields.village]
    chosen = same or named
    return chosen[0].id if chosen else None


def import_file(uow: UnitOfWork, path: Path) -> Outcome[int]:
    """Add every 责任人 in the file with their AB角, or nobody if any row is wrong."""
    with uow.write(Permission.LOG) as session:
        preview = _parse(session, read_table(path), path.name)
        if not preview.ok:
            raise InputError(preview.problems, source=path.name)
        people = [item.fields for item in preview.rows if item.fields is not None]
        return Outcome(insert_many(session, people, uow.actor), CHANGED)


def insert_many(session: Session, people: Sequence[ResponsibleFields], actor: str) -> int:
    """Add checked people, each AB角 found by name among them and the directory."""
    added: list[tuple[ResponsiblePerson, ResponsibleFields]] = []
    for fields in people:
        row = ResponsiblePerson(active=True)
        _apply(row, fields, None)
        session.add(row)
        added.append((row, fields))
    session.flush()
    candidates = [r for r, _ in added] + list(session.scalars(select(ResponsiblePerson).where(
        ResponsiblePerson.active.is_(True), ResponsiblePerson.id.not_in([r.id for r, _ in added]))))
    for row, fields in added:
        if fields.backup:
            row.backup_id = _backup_of(fields, candidates)
        audit_change(session, row, actor, ENTITY, "create")
    return len(added)
