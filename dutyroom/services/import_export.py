"""Reading the staff list offices keep in Excel or CSV.

An import is all or nothing: every row is checked first and one bad row rejects the whole
file, naming its row and column, so a desk never ends up with half a contact list.
Rows are numbered as a spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from dutyroom.domain.contacts import StaffFields, staff_errors
from dutyroom.domain.roles import Permission
from dutyroom.domain.text import sentence
from dutyroom.services import staff_service
from dutyroom.services.errors import InputError, Problem, file_error
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
# Far above any town office's lists; checked while the file streams in, so a wrong or
# hostile file (a 100 MB CSV, an .xlsx of three million rows) is refused after reading a
# little of it instead of filling the memory of the duty computer first.
MAX_ROWS = 5000  # rows with content
MAX_SCANNED_ROWS = 20_000  # rows read, blank ones included
MAX_CSV_BYTES = 16 * 1024 * 1024
MAX_XLSX_BYTES = 32 * 1024 * 1024
# What an .xlsx unpacks to (read from the zip's directory, before any XML is parsed): a
# sheet without its <dimension> is scanned whole by openpyxl before the first row, so a
# short file of millions of rows (or a zip bomb) is refused here instead.
MAX_XLSX_UNPACKED = 64 * 1024 * 1024


@dataclass(frozen=True)
class Table:
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[object]]]  # (spreadsheet row number, cells)


def _too_many(path: Path, limit: int) -> InputError:
    return InputError([Problem(sentence("行数超过 {0} 行，请检查是否选错了文件", limit))],
                      source=path.name)


def read_table(path: Path) -> Table:
    """The first sheet of an .xlsx, or a .csv in UTF-8 (with or without BOM) or GBK."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError([Problem(sentence("只能导入 .xlsx 或 .csv 文件"))], source=str(path))
    header_row, headers = 0, list[str]()
    rows: list[tuple[int, list[object]]] = []
    try:
        size = path.stat().st_size
        limit = MAX_XLSX_BYTES if suffix == ".xlsx" else MAX_CSV_BYTES
        if size > limit:
            raise InputError([Problem(sentence("文件过大（{0:.0f} MB，最多 {1} MB），请检查是否选错了文件",
                                               size / 1_048_576, limit // 1_048_576))],
                             source=path.name)
        for number, cells in (_xlsx_rows(path) if suffix == ".xlsx" else _csv_rows(path)):
            if number > MAX_SCANNED_ROWS:
                raise _too_many(path, MAX_SCANNED_ROWS)
            if all(_blank(c) for c in cells):
                continue
            if not headers:
                header_row, headers = number, [str(c or "").strip() for c in cells]
                continue
            rows.append((number, list(cells)))
            if len(rows) > MAX_ROWS:
                raise _too_many(path, MAX_ROWS)
    except OSError as error:
        raise file_error(path, error) from None
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError, EOFError,
            UnicodeDecodeError) as error:
        raise InputError([Problem(sentence("文件已损坏或不是有效的表格（{0}）", _spreadsheet_fault(error)))],
                         source=path.name) from None
    return Table(headers, header_row, rows)


class _CsvFault(ValueError):
    """A CSV that cannot be read, with the reason already in Chinese."""


def _spreadsheet_fault(error: Exception) -> str:
    """Why a file is not a readable table, in Chinese: the libraries' own words are English
    (and name their internals), so only the kind of fault is told."""
    if isinstance(error, _CsvFault):
        return str(error)
    if isinstance(error, zipfile.BadZipFile):
        return sentence("不是 .xlsx 表格，可能是改了扩展名的其他文件或没有下载完整")
    if isinstance(error, KeyError):
        return sentence("表格缺少必要的组成部分")
    if isinstance(error, SyntaxError | EOFError):  # xml.etree's ParseError: a sheet cut short
        return sentence("表格内容不完整或已损坏")
    if isinstance(error, UnicodeDecodeError):
        return sentence("文件中有无法识别的文字编码")
    if type(error).__module__.startswith("defusedxml"):  # entity expansion, the "billion laughs"
        return sentence("表格中含有不安全的内容，已拒绝读取")
    return sentence("表格中有无法读取的内容")


def _blank(cell: object) -> bool:
    return cell is None or str(cell).strip() == ""


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    """Rows as they stream from the sheet (openpyxl read-only mode; with defusedxml
    installed it refuses XML entity expansion)."""
    from openpyxl import load_workbook  # loaded on first use: it adds 150 ms to every start

    with zipfile.ZipFile(path) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > MAX_XLSX_UNPACKED:
        raise InputError([Problem(sentence("表格解压后过大（{0:.0f} MB，最多 {1} MB），请检查是否选错了文件",
                                           unpacked / 1_048_576, MAX_XLSX_UNPACKED // 1_048_576))],
                         source=path.name)
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
            yield number, list(row)
    finally:
        book.close()


def _csv_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    data = path.read_bytes()  # at most MAX_CSV_BYTES (read_table checked the size)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _CsvFault(sentence("编码既不是 UTF-8 也不是 GBK"))
    del data
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
            yield number, list(row)
    except csv.Error:  # a NUL byte, a quote never closed: csv says so in English
        raise _CsvFault(sentence("CSV 格式有误（例如引号不成对或含有空字符）")) from None


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


def _column_map(table: Table, source: str) -> dict[str, tuple[int, str]]:
    columns: dict[str, tuple[int, str]] = {}
    for index, header in enumerate(table.headers):
        for field, names in STAFF_COLUMNS.items():
            if header.lower() in (n.lower() for n in names) and field not in columns:
                columns[field] = (index, header)
    missing = [STAFF_COLUMNS[f][0] for f in REQUIRED if f not in columns]
    if not table.headers:
        raise InputError([Problem(sentence("文件是空的，没有表头和数据"))], source=source)
    if missing:
        raise InputError([Problem(
            sentence("缺少必需的列「{0}」（表头应含 姓名、值班层级、手机）", '」「'.join(missing)),
            row=table.header_row)], source=source)
    return columns


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def parse_staff(table: Table, source: str) -> StaffPreview:
    columns = _column_map(table, source)
    label = {field: header for field, (_, header) in columns.items()}
    rows: list[StaffRow] = []
    problems: list[Problem] = []
    seen_names: dict[str, int] = {}
    seen_mobiles: dict[str, int] = {}
    for number, cells in table.rows:
        raw = {f: (cells[i] if i < len(cells) else None) for f, (i, _) in columns.items()}
        text = {f: _cell_text(v) for f, v in raw.items()}
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
