"""The rota as files: the office's Excel 值班表 (export and re-import), CSV, iCalendar,
the statistics workbook, and the official holiday schedule a desk types in as CSV.

Imports are all or nothing and name the row of the first fault (docs/cli.md). The files
themselves are written and read in formats/ (roster_xlsx, roster_csv, roster_ics,
table_files); this module reads the database for them, checks what a file says against
the desk's people and rules, and records the import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from dutyroom.db import audit
from dutyroom.db.models import Staff
from dutyroom.domain import calendar
from dutyroom.domain.calendar import DayInfo, DayKind, period_title
from dutyroom.domain.duty_clock import holiday_blocks
from dutyroom.domain.errors import FieldError
from dutyroom.domain.hygiene import check_text
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.roles import Permission
from dutyroom.domain.roster import MAX_OFFICERS, Seat
from dutyroom.domain.text import sentence
from dutyroom.domain.tiers import Tier
from dutyroom.formats.faults import FormatFault
from dutyroom.formats.roster_csv import rota_csv
from dutyroom.formats.roster_ics import holiday_entries, rota_calendar
from dutyroom.formats.roster_xlsx import counts_workbook, rota_workbook
from dutyroom.reports.content import Document, Duty, RotaDay, RotaSheet
from dutyroom.services import roster_calendar, roster_service
from dutyroom.services.errors import InputError, Problem, file_error, format_error
from dutyroom.services.import_export import read_table
from dutyroom.services.partner_records import late_rosters_in
from dutyroom.services.records import utc_now
from dutyroom.services.roster_calendar import CHANGED
from dutyroom.services.roster_service import DutyCounts, RosterView
from dutyroom.services.settings_service import desk, snapshot
from dutyroom.services.uow import Outcome, UnitOfWork

FORMATS = ("xlsx", "csv", "ics", "pdf")
PDF_LAYOUTS = {"grid": "月历", "list": "报备名单（含手机）"}
HEADER_TIERS = {"主要领导": Tier.CHIEF, "带班领导": Tier.LEADER, "值班人员": Tier.OFFICER,
                "值班员": Tier.OFFICER}
HEADER_LABELS = {Tier.CHIEF: "主要领导", Tier.LEADER: "带班领导", Tier.OFFICER: "值班人员"}
_NAMES_SPLIT = re.compile(r"\s*[、，,;；/\n]\s*")  # 张三、李四, or one a line


def rota_sheet(uow: UnitOfWork, start: date, end: date) -> RotaSheet:
    """The rota of the range as the printouts take it."""
    view = roster_service.roster_view(uow, start, end)
    with uow.read() as session:
        settings = desk(session)
        positions = {staff_id: position for staff_id, position in
                     session.execute(select(Staff.id, Staff.position))}
        late: dict[str, None] = {}  # the holiday 报备 list names the rosters not yet in
        for first, last in holiday_blocks(d.info for d in view.days):
            late.update(dict.fromkeys(late_rosters_in(session, first, last)))
    days = tuple(RotaDay(
        d.info.day, d.info.kind.value, d.info.name, d.periods,
        tuple(Duty(seat.tier.label, d.slots[seat].name, d.slots[seat].mobile,
                   positions.get(d.slots[seat].id) or "", seat.label)
              for seat in d.shown() if seat in d.slots),
        tuple(seat.label for seat in d.empty())) for d in view.days)
    names = {d.info.name for d in view.days}
    holiday = all(d.info.kind == DayKind.HOLIDAY for d in view.days) and len(names) == 1 and "" not in names
    title = f"{start.year}年{names.pop()}假期" if holiday else period_title(start, end)
    return RotaSheet(settings.unit_name, settings.desk_name, title, settings.desk_phone, days,
                     tuple(late))


def rota_document(uow: UnitOfWork, start: date, end: date, layout: str = "grid",
                  at: datetime | None = None) -> Document:
    """The rota as a PDF: the month grid, or the list with mobiles reported upward."""
    if layout not in PDF_LAYOUTS:
        raise InputError([Problem(sentence("不支持的版式「{0}」，可用 {1}", layout, ' / '.join(PDF_LAYOUTS)),
                                  field="layout")])
    sheet = rota_sheet(uow, start, end)
    with uow.read() as session:
        zone = desk(session).zone
    printed = minute_text(utc_now(at), zone)
    from dutyroom.reports.rota_pdf import (  # ReportLab loads on the first printout, not at start
        month_grid_pdf,
        rota_list_pdf,
    )

    return month_grid_pdf(sheet, printed) if layout == "grid" else rota_list_pdf(sheet, printed)


def export_roster(uow: UnitOfWork, start: date, end: date, fmt: str, out: Path,
                  staff_id: int | None = None, layout: str = "grid") -> Path:
    """Write the rota for the range; `staff_id` limits an .ics to one person's duties, and
    `layout` picks the PDF's (the month grid or the list reported upward)."""
    if fmt not in FORMATS:
        raise InputError([Problem(sentence("不支持的格式「{0}」，可用 {1}", fmt, ' / '.join(FORMATS)),
                                  field="format")])
    if fmt == "pdf":
        data = rota_document(uow, start, end, layout).data
    else:
        view = roster_service.roster_view(uow, start, end)
        settings = snapshot(uow)
        if fmt == "xlsx":
            data = rota_workbook(view.days, view.start, view.end, settings)
        elif fmt == "csv":
            data = rota_csv(view.days)
        else:
            # when the file was made (DTSTAMP), by the services' clock
            data = rota_calendar(view.days, settings, staff_id, utc_now())
    write_file(out, data)
    return out


def write_file(out: Path, data: bytes) -> None:
    """Write an exported file, turning a folder that cannot be written into a message."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as error:
        raise file_error(out, error, writing=True) from None


# --- the statistics workbook --------------------------------------------------------------


def export_statistics(rows: list[DutyCounts], start: date, end: date, unit: str, out: Path) -> Path:
    """The 值班统计 workbook of the range (formats/roster_xlsx.py), written to `out`."""
    data = counts_workbook([[r.staff.name, r.staff.tier.label, r.staff.mobile, r.workday, r.weekend,
                             r.holiday, r.total, r.comp_days] for r in rows],
                           f"{unit}{period_title(start, end)}值班统计")
    try:
        out.write_bytes(data)
    except OSError as error:
        raise file_error(out, error, writing=True) from None
    return out


# --- imports ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarPreview:
    """What importing a holiday schedule would set, beside how each day reads now."""

    entries: list[tuple[date, DayKind, str]]
    current: dict[date, DayInfo]

    @property
    def changes(self) -> int:
        return sum(1 for day, kind, name in self.entries
                   if (info := self.current.get(day)) is None or info.kind != kind
                   or (info.name or "") != name)


def calendar_entries(path: Path) -> list[tuple[date, DayKind, str]]:
    """The days of a holiday schedule file (CSV `date,kind,name`, or a holiday calendar
    .ics); one bad row or event rejects the file, every problem named."""
    return _ics_entries(path) if path.suffix.lower() == ".ics" else _table_entries(path)


def preview_calendar(uow: UnitOfWork, path: Path) -> CalendarPreview:
    """Read a schedule and the calendar as it stands for its days; nothing is written."""
    entries = calendar_entries(path)
    days = [day for day, _, _ in entries]
    infos = roster_calendar.calendar_days(uow, min(days), max(days))
    return CalendarPreview(entries, {info.day: info for info in infos})


def import_calendar(uow: UnitOfWork, path: Path) -> Outcome[int]:
    """Load an official holiday schedule (CSV `date,kind,name`, or a holiday calendar
    .ics); one bad row or event rejects the file."""
    entries = calendar_entries(path)
    with uow.write(Permission.ROSTER) as session:
        count = roster_calendar.store_calendar_entries(session, entries, uow.actor)
        audit.append(session, actor=uow.actor, entity="calendar", entity_id=path.name,
                     action="import", payload=[[d.isoformat(), k.value, n]
                                               for d, k, n in entries])
    return Outcome(count, CHANGED)


def _ics_entries(path: Path) -> list[tuple[date, DayKind, str]]:
    """Days from a holiday calendar (formats/roster_ics.py), every bad event named."""
    try:
        return holiday_entries(path.read_bytes())
    except OSError as error:
        raise file_error(path, error) from None
    except FormatFault as fault:
        raise format_error(fault, path.name) from None


def _table_entries(path: Path) -> list[tuple[date, DayKind, str]]:
    table = read_table(path)
    headers = [h.lower() for h in table.headers]
    missing = [h for h in ("date", "kind") if h not in headers]
    if missing:
        raise InputError([Problem(sentence("缺少列「{0}」（应为 date,kind,name）", '」「'.join(missing)),
                                  row=table.header_row)], source=path.name)
    at: dict[str, int] = {h: headers.index(h) for h in ("date", "kind", "name") if h in headers}
    entries: list[tuple[date, DayKind, str]] = []
    problems: list[Problem] = []
    seen: dict[date, int] = {}
    for number, cells in table.rows:
        def cell(name: str, cells: list[object] = cells) -> str:
            index = at.get(name)
            value = cells[index] if index is not None and index < len(cells) else ""
            return "" if value is None else str(value).strip()

        try:
            day = calendar.parse_date(cell("date"), "date")
            kind = calendar.parse_kind(cell("kind"))
            name = check_text(cell("name")[:32], "name", "节日名称")
        except FieldError as error:
            problems.append(Problem(error.message, row=number, column=error.field))
            continue
        if day in seen:
            problems.append(Problem(sentence("{0} 与第 {1} 行重复", day.isoformat(), seen[day]), row=number,
                                    column="date"))
            continue
        seen[day] = number
        entries.append((day, kind, name))
    if not entries and not problems:
        problems.append(Problem(sentence("文件中没有日期"), row=table.header_row + 1))
    if problems:
        raise InputError(problems, source=path.name)
    return entries


_MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(\d{4})\s*年")


@dataclass(frozen=True)
class _RosterCell:
    row: int
    day: date
    seat: Seat
    name: str


def _parse_day(value: object, year: int | None) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    match = _MONTH_DAY.fullmatch(text)
    if match:
        if year is None:
            raise FieldError("日期", sentence("标题中没有年份，无法确定「{0}」是哪一年", text))
        try:
            return date(year, int(match.group(1)), int(match.group(2)))
        except ValueError:
            raise FieldError("日期", sentence("「{0}」不是有效日期", text)) from None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError("日期", sentence("「{0}」不是日期（应为 2月15日 或 2026-02-15）", text)) from None


def read_roster_file(path: Path) -> list[_RosterCell]:
    """Read a 值班表 in the office layout: a title with the year, then 日期 / 星期 /
    主要领导 / 联系电话 / 带班领导 / 联系电话 / 值班人员 / 联系电话, then a 备注 line."""
    if path.suffix.lower() != ".xlsx":
        raise InputError([Problem(sentence("值班表只能从 .xlsx 导入"))], source=path.name)
    table = read_table(path)
    all_rows: list[tuple[int, list[object]]] = [(table.header_row, list(table.headers)),
                                                *table.rows]
    header_index = next((i for i, (_n, cells) in enumerate(all_rows)
                         if any(str(c or "").strip() == "日期" for c in cells)), None)
    if header_index is None:
        raise InputError([Problem(sentence("找不到「日期」表头行"))], source=path.name)
    title = " ".join(str(c or "") for _n, cells in all_rows[:header_index] for c in cells)
    header_row, headers = all_rows[header_index]
    headers = [str(h or "").strip() for h in headers]
    year_match = _YEAR.search(title)
    year = int(year_match.group(1)) if year_match else None
    columns = {HEADER_TIERS[h]: i for i, h in enumerate(headers) if h in HEADER_TIERS}
    if Tier.LEADER not in columns:
        raise InputError([Problem(sentence("缺少「带班领导」列"), row=header_row)], source=path.name)
    date_column = headers.index("日期")
    cells_out: list[_RosterCell] = []
    problems: list[Problem] = []
    seen: dict[date, int] = {}
    for number, cells in all_rows[header_index + 1:]:
        first = str(cells[0] or "").strip() if cells else ""
        if first.startswith("备注"):
            break
        try:
            day = _parse_day(cells[date_column] if date_column < len(cells) else None, year)
        except FieldError as error:
            problems.append(Problem(error.message, row=number, column="日期"))
            continue
        if day in seen:
            problems.append(Problem(sentence("{0}月{1}日 与第 {2} 行重复", day.month, day.day, seen[day]),
                                    row=number, column="日期"))
            continue
        seen[day] = number
        for tier, column in columns.items():
            text = str(cells[column] or "").strip() if column < len(cells) else ""
            names = [n for n in _NAMES_SPLIT.split(text) if n]
            most = MAX_OFFICERS if tier is Tier.OFFICER else 1
            if len(names) > most:
                problems.append(Problem(sentence("{0}最多填 {1} 人", tier.label, most), row=number,
                                        column=HEADER_LABELS[tier]))
                continue
            cells_out.extend(_RosterCell(number, day, Seat(tier, index), name)
                             for index, name in enumerate(names))
    if problems:
        raise InputError(problems, source=path.name)
    if not seen:
        raise InputError([Problem(sentence("值班表中没有日期行"), row=header_row + 1)], source=path.name)
    return cells_out


def import_roster(uow: UnitOfWork, path: Path) -> Outcome[int]:
    """Put a 值班表 on the rota; every name must be an active person of that column's tier."""
    cells = read_roster_file(path)
    with uow.write(Permission.ROSTER) as session:
        rules = desk(session).roster
        people = list(session.scalars(select(Staff).where(Staff.active.is_(True))))
        problems: list[Problem] = []
        resolved: list[tuple[_RosterCell, int]] = []
        on_day: dict[tuple[date, int], _RosterCell] = {}
        for cell in cells:
            matches = [p for p in people if p.name == cell.name]
            fitting = [p for p in matches if rules.may_fill(Tier(p.tier), cell.seat.tier)]
            column = HEADER_LABELS[cell.seat.tier]
            if not matches:
                problems.append(Problem(sentence("「{0}」不在通讯录在岗人员中", cell.name), row=cell.row,
                                        column=column))
            elif not fitting:
                problems.append(Problem(
                    sentence("「{0}」是{1}，不能列为{2}",
                             cell.name, Tier(matches[0].tier).label, cell.seat.tier.label),
                    row=cell.row, column=column))
            elif (twice := on_day.get((cell.day, fitting[0].id))) is not None:
                problems.append(Problem(sentence("「{0}」当天已列为{1}，同一人一天只能值一个班次",
                                                 cell.name, twice.seat.label),
                                        row=cell.row, column=column))
            else:
                on_day[cell.day, fitting[0].id] = cell
                resolved.append((cell, fitting[0].id))
        if problems:
            raise InputError(problems, source=path.name)
        for cell, staff_id in resolved:
            before = roster_service.put_slot(session, cell.day, cell.seat, staff_id, "import",
                                             uow.actor)
            if before != staff_id:
                roster_service.record_change(session, cell.day, cell.seat, "assign", before,
                                             staff_id, "", "", f"导入 {path.name}", uow.actor)
    return Outcome(len(resolved), CHANGED)


def export_rows(view: RosterView) -> Iterable[dict[str, object]]:
    """The rota as plain rows, for `roster show --json`."""
    for day in view.days:
        for seat in day.shown():
            person = day.slots.get(seat)
            if person is not None:
                yield {"date": day.info.day.isoformat(), "tier": seat.tier.value,
                       "staff_id": person.id, "name": person.name, "phone": person.mobile}
