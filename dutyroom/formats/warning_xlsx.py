"""The relay record of one warning (预警信息接收及叫应记录) as an Excel workbook for the
county: a sheet of the warning and every person with their attempts, one of 未叫醒.

Every text cell is typed as text (formats/spreadsheet_cells.py); openpyxl is loaded here,
on the first export, not at the start of the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from dutyroom.formats.spreadsheet_cells import append_text_row

ATTEMPTS_COLUMN = 6  # 1-based: the attempts, one a line, wrap in their cell
WIDTHS = (12, 14, 10, 14, 22, 40, 10)


def relay_workbook(heading: str, facts: Sequence[tuple[str, str]],
                   people_headers: Sequence[str], people: Sequence[Sequence[str]],
                   unreached_headers: Sequence[str], unreached: Sequence[Sequence[str]]) -> bytes:
    """`heading` in bold, the warning's facts as label and value, then the people; the
    second sheet, 未叫醒名单, lists those never reached."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "叫应记录"
    append_text_row(sheet, [heading])
    sheet["A1"].font = Font(size=14, bold=True)
    for label, value in facts:
        append_text_row(sheet, [label, value])
    append_text_row(sheet, [])
    append_text_row(sheet, list(people_headers))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in people:
        append_text_row(sheet, list(row))
        sheet.cell(sheet.max_row, ATTEMPTS_COLUMN).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    missing = book.create_sheet("未叫醒名单")
    append_text_row(missing, list(unreached_headers))
    for row in unreached:
        append_text_row(missing, list(row))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
