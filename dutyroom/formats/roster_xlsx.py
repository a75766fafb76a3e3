"""The rota as the office's Excel 值班表, and the duty counts as the 值班统计 workbook.

Every text cell is typed as text (formats/spreadsheet_cells.py). openpyxl is loaded by the
functions that write: it adds 150 ms to every start of the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from typing import TYPE_CHECKING, Any

from dutyroom.domain.calendar import DayKind, period_title
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.tiers import Tier
from dutyroom.formats.rota_days import DutyDay
from dutyroom.formats.spreadsheet_cells import append_text_row

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles import Border

HOLIDAY_FILL, SENSITIVE_FILL = "FDE9D9", "FFF2CC"
COLUMNS = [("日期", 10), ("星期", 8), ("主要领导", 10), ("联系电话", 14), ("带班领导", 10),
           ("联系电话", 14), ("值班人员", 10), ("联系电话", 14)]
TIER_COLUMNS = {Tier.CHIEF: 2, Tier.LEADER: 4, Tier.OFFICER: 6}  # 0-based name columns
NAMES_JOIN = "、"  # two officers of one day share the 值班人员 cell: 张三、李四
COUNT_HEADERS = ["姓名", "值班层级", "手机", "工作日", "周末", "节假日", "合计", "应补休（天）"]


def _box() -> Border:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="808080")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _bytes(book: Workbook) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rota_workbook(days: Sequence[DutyDay], start: date, end: date, settings: DeskSettings) -> bytes:
    """The 值班安排表 of the range: a title, the desk's phone and place, a row a day (holidays
    red, sensitive periods yellow), then the 备注 with the handover time."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    box = _box()
    book = Workbook()
    sheet = book.active
    sheet.title = "值班表"
    unit = settings.unit_title
    append_text_row(sheet, [f"{unit}{period_title(start, end)}值班安排表"])
    sheet.merge_cells("A1:H1")
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    contact = f"值班电话：{settings.desk_phone}" if settings.desk_phone else ""
    append_text_row(sheet, [f"{contact}    值班地点：{settings.desk_name}".strip()])
    sheet.merge_cells("A2:H2")
    append_text_row(sheet, [name for name, _ in COLUMNS])
    for index, (_, width) in enumerate(COLUMNS):
        sheet.column_dimensions["ABCDEFGH"[index]].width = width
        cell = sheet.cell(row=3, column=index + 1)
        cell.font, cell.border = Font(bold=True), box
        cell.alignment = Alignment(horizontal="center")
    for day in days:
        row = [f"{day.info.day.month}月{day.info.day.day}日", day.info.weekday_label] + [""] * 6
        for tier, column in TIER_COLUMNS.items():
            people = [day.slots[seat] for seat in day.shown() if seat.tier is tier
                      and seat in day.slots]  # two officers share the cell: 张三、李四
            if people:
                row[column] = NAMES_JOIN.join(p.name for p in people)
                row[column + 1] = NAMES_JOIN.join(p.mobile for p in people)
        append_text_row(sheet, row)
        colour = HOLIDAY_FILL if day.info.kind is DayKind.HOLIDAY else (
            SENSITIVE_FILL if day.periods else None)
        for cell in sheet[sheet.max_row]:
            cell.border = box
            cell.alignment = Alignment(horizontal="center")
            if colour is not None:
                cell.fill = PatternFill("solid", fgColor=colour)
    handover = settings.handover_time
    append_text_row(sheet, [])
    append_text_row(sheet, [f"备注：1.值班时间为当日{handover}至次日{handover}；"
                            "2.带班领导须24小时保持通讯畅通；"
                            "3.红色底纹为法定节假日（三级值班），黄色底纹为特殊敏感时期。"])
    sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row,
                      end_column=8)
    sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(wrap_text=True)
    sheet.row_dimensions[sheet.max_row].height = 36
    return _bytes(book)


def counts_workbook(rows: Sequence[Sequence[Any]], title: str) -> bytes:
    """The 值班统计 sheet: `title` above a row a person, in the order of COUNT_HEADERS."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    box = _box()
    book = Workbook()
    sheet = book.active
    sheet.title = "值班统计"
    append_text_row(sheet, [title])
    sheet.merge_cells("A1:H1")
    sheet["A1"].font = Font(size=14, bold=True)
    append_text_row(sheet, COUNT_HEADERS)
    for cell in sheet[2]:
        cell.font, cell.border = Font(bold=True), box
    for row in rows:
        append_text_row(sheet, list(row))
        for cell in sheet[sheet.max_row]:
            cell.border = box
    for letter, width in zip("ABCDEFGH", (10, 10, 14, 8, 8, 8, 8, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    return _bytes(book)
