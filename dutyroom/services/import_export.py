"""Reading the staff list offices keep in Excel or CSV (the file itself is read by
formats/table_files.py), and the helpers the other imports share.

An import is all or nothing: every row is checked first and one bad row rejects the whole
file, naming its row and column, so a desk never ends up with half a contact list.
Rows are numbered as a spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from dutyroom.domain.contacts import StaffFields, staff_errors
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.formats import table_files
from dutyroom.formats.faults import FormatFault
from dutyroom.formats.table_files import Table
from dutyroom.services import staff_service
from dutyroom.services.errors import InputError, Problem, file_error, format_error
from dutyroom.services.uow import Outcome, UnitOfWork

# field -> accepted headers (docs/cli.md: Chinese first, English accepted)
STAFF_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "tier": ("值班层级", "tier"),
    "mobile": ("手机", "mobile", "手机号", "手机号码"),
    "department": ("部门", "department"),
    "position": ("职务", "position"),
    "office_phone": ("办公电话", "office_phone"),
}
REQUIRED = ("name", "tier", "mobile")


def read_table(path: Path) -> Table:
    """The first sheet of an .xlsx, or a .csv in UTF-8 (with or without BOM) or GBK
    (formats/table_files.py), every fault of the file as bad input naming it."""
    try:
        return table_files.read_table(path)
    except OSError as error:
        raise file_error(path, error) from None
    except FormatFault as fault:
        raise format_error(fault) from None


@dataclass(frozen=True)
class StaffRow:
    row: int
    fields: StaffFields | None
    cells: dict[str, str]  # field -> text as read, for the preview


@dataclass(frozen=True)
class StaffPreview:
    """What an import would do: every row as read, and everything wrong with the file."""

    source: str
    rows: list[StaffRow]
    problems: list[Problem]
    columns: dict[str, str]  # field -> header as written in the file

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def people(self) -> list[StaffFields]:
        return [r.fields for r in self.rows if r.fields is not None]


def column_map(table: Table, source: str, known: dict[str, tuple[str, ...]],
               required: tuple[str, ...]) -> dict[str, tuple[int, str]]:
    """Which column holds each field (`known`: field -> accepted headers, Chinese first);
    a file lacking a required column is refused naming the columns it must have."""
    columns: dict[str, tuple[int, str]] = {}
    for index, header in enumerate(table.headers):
        for field, names in known.items():
            if header.lower() in (n.lower() for n in names) and field not in columns:
                columns[field] = (index, header)
    missing = [known[f][0] for f in required if f not in columns]
    if not table.headers:
        raise InputError([Problem(sentence("文件是空的，没有表头和数据"))], source=source)
    if missing:
        raise InputError([Problem(
            sentence("缺少必需的列「{0}」（表头应含 {1}）", '」「'.join(missing),
                     "、".join(known[f][0] for f in required)),
            row=table.header_row)], source=source)
    return columns


def raw_rows(table: Table, columns: dict[str, tuple[int, str]]
             ) -> Iterator[tuple[int, dict[str, object]]]:
    """Each data row as field -> cell, numbered as the spreadsheet shows it."""
    for number, cells in table.rows:
        yield number, {f: (cells[i] if i < len(cells) else None) for f, (i, _) in columns.items()}


def cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def parse_staff(table: Table, source: str) -> StaffPreview:
    columns = column_map(table, source, STAFF_COLUMNS, REQUIRED)
    label = {field: header for field, (_, header) in columns.items()}
    rows: list[StaffRow] = []
    problems: list[Problem] = []
    seen_names: dict[str, int] = {}
    seen_mobiles: dict[str, int] = {}
    for number, raw in raw_rows(table, columns):
        text = {f: cell_text(v) for f, v in raw.items()}
        fields, errors = staff_errors(**{f: raw.get(f, "") for f in STAFF_COLUMNS})
        if fields is None:
            problems += [Problem(e.message, row=number, column=label.get(e.field)) for e in errors]
            rows.append(StaffRow(number, None, text))
            continue
        clash = None
        if fields.name in seen_names:
            clash = Problem(sentence("「{0}」与第 {1} 行重复", fields.name, seen_names[fields.name]),
                            row=number, column=label["name"])
        elif fields.mobile in seen_mobiles:
            clash = Problem(sentence("手机 {0} 与第 {1} 行重复", fields.mobile, seen_mobiles[fields.mobile]),
                            row=number, column=label["mobile"])
        if clash:
            problems.append(clash)
            rows.append(StaffRow(number, None, text))
            continue
        seen_names[fields.name] = number
        seen_mobiles[fields.mobile] = number
        rows.append(StaffRow(number, fields, text))
    if not rows:
        problems.append(Problem(sentence("文件中没有人员数据"), row=table.header_row + 1))
    return StaffPreview(source, rows, problems, label)


def _with_database_clashes(session: Session, preview: StaffPreview) -> StaffPreview:
    problems = list(preview.problems)
    active = staff_service.ActiveIndex(session)
    for row in preview.rows:
        if row.fields is None:
            continue
        clash = active.clash(row.fields)
        if clash:
            problems.append(Problem(clash.message, row=row.row,
                                    column=preview.columns.get(clash.field)))
    problems.sort(key=lambda p: p.row or 0)
    return StaffPreview(preview.source, preview.rows, problems, preview.columns)


def _preview_in(session: Session, path: Path) -> StaffPreview:
    return _with_database_clashes(session, parse_staff(read_table(path), path.name))


def preview_staff_file(uow: UnitOfWork, path: Path) -> StaffPreview:
    """Read and check a staff file without changing anything, for the import dialog."""
    with uow.read() as session:
        return _preview_in(session, path)


def import_staff_file(uow: UnitOfWork, path: Path) -> Outcome[int]:
    """Add every person in the file, or nobody if any row is wrong."""
    with uow.write(Permission.ROSTER) as session:
        preview = _preview_in(session, path)
        if not preview.ok:
            raise InputError(preview.problems, source=path.name)
        count = staff_service.insert_many(session, preview.people, uow.actor)
        return Outcome(count, staff_service.CHANGED)


def read_json_object(path: Path) -> dict[str, Any]:
    """A JSON file holding one object (an incident for `incident add`)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise file_error(path, error) from None
    except UnicodeDecodeError:
        raise InputError([Problem(sentence("不是 UTF-8 编码的文本文件"))], source=str(path)) from None
    except json.JSONDecodeError as error:  # its msg is English: only where it broke is told
        raise InputError([Problem(sentence("不是有效的 JSON：第 {0} 行第 {1} 列附近格式有误", error.lineno,
                                           error.colno))], source=str(path)) from None
    except RecursionError:
        raise InputError([Problem(sentence("不是有效的事件文件：JSON 嵌套过深"))],
                         source=str(path)) from None
    if not isinstance(document, dict):
        raise InputError([Problem(sentence("应为一个 JSON 对象（{\"title\": ...}）"))], source=str(path))
    return document
