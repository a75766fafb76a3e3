"""The rows of a table file: the first sheet of an .xlsx, or a .csv in UTF-8 (with or
without BOM) or GBK, read within limits so a wrong or hostile file is refused early.

Rows are numbered as a spreadsheet shows them (the header is row 1); blank rows are
skipped, and the first row with content is the header. openpyxl is loaded by the function
that reads an .xlsx: it adds 150 ms to every start.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dutyroom.domain.text import sentence
from dutyroom.formats.faults import FormatFault

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


def _too_many(path: Path, limit: int) -> FormatFault:
    return FormatFault([sentence("行数超过 {0} 行，请检查是否选错了文件", limit)], source=path.name)


def read_table(path: Path) -> Table:
    """The first sheet of an .xlsx, or a .csv in UTF-8 (with or without BOM) or GBK.
    Raises `FormatFault` for a file that is not such a table or is too big, and lets an
    `OSError` (no such file, no permission) through for the caller to name."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise FormatFault([sentence("只能导入 .xlsx 或 .csv 文件")], source=str(path))
    header_row, headers = 0, list[str]()
    rows: list[tuple[int, list[object]]] = []
    size = path.stat().st_size
    limit = MAX_XLSX_BYTES if suffix == ".xlsx" else MAX_CSV_BYTES
    if size > limit:
        raise FormatFault([sentence("文件过大（{0:.0f} MB，最多 {1} MB），请检查是否选错了文件",
                                    size / 1_048_576, limit // 1_048_576)], source=path.name)
    try:
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
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError, EOFError,
            UnicodeDecodeError) as error:
        raise FormatFault([sentence("文件已损坏或不是有效的表格（{0}）", _spreadsheet_fault(error))],
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
        raise FormatFault([sentence("表格解压后过大（{0:.0f} MB，最多 {1} MB），请检查是否选错了文件",
                                    unpacked / 1_048_576, MAX_XLSX_UNPACKED // 1_048_576)],
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
