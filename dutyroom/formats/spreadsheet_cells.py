"""Cells written to files a person opens in Excel, WPS or LibreOffice: never a formula.

A name imported as `=cmd|' /C calc'!A0` or `+李四` is data, however it begins. In an .xlsx
every text cell is stored as text (openpyxl's string data type, not its formula
guess); in a CSV, which has no types, a cell that a spreadsheet would read as a formula
is prefixed with an apostrophe, as OWASP's CSV-injection guidance says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet will evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(v) for v in values]


def append_text_row(sheet: Worksheet, values: Sequence[Any]) -> None:
    """Append a row, every text cell typed as text so a leading = stays a character."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
