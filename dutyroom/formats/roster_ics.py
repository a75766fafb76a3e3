"""The rota as an iCalendar (.ics) file, and the days of a holiday calendar read from one.

icalendar is loaded by the functions that use it: with openpyxl it would cost about
180 ms at every start of the app.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from dutyroom.domain.calendar import DayKind
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.hygiene import FIRST_YEAR, LAST_YEAR, text_problem
from dutyroom.domain.text import sentence
from dutyroom.formats.faults import FormatFault
from dutyroom.formats.rota_days import DutyDay


def rota_calendar(days: Sequence[DutyDay], settings: DeskSettings, staff_id: int | None,
                  stamp: datetime) -> bytes:
    """A 24-hour event per person per duty, from the handover time in the desk's zone;
    `staff_id` keeps one person's duties, `stamp` is when the file was made (DTSTAMP)."""
    zone = settings.zone
    hours, minutes = settings.handover.hour, settings.handover.minute
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//Dutyroom//值班表//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{settings.unit_title}值班表")
    for day in days:
        for seat, person in day.slots.items():
            tier = seat.tier
            if staff_id is not None and person.id != staff_id:
                continue
            begin = datetime.combine(day.info.day, time(hours, minutes), zone)
            event = icalendar.Event()
            event.add("uid", f"{day.info.day.isoformat()}-{tier.value}-{person.id}@dutyroom")
            event.add("dtstamp", stamp)
            event.add("dtstart", begin)
            event.add("dtend", begin + timedelta(days=1))
            event.add("summary", f"值班：{tier.label} {person.name}")
            event.add("description", f"{tier.label}：{person.name}，手机 {person.mobile}")
            cal.add_component(event)
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data


def holiday_entries(data: bytes) -> list[tuple[date, DayKind, str]]:
    """Days from a holiday calendar: each all-day event is a holiday, or an adjusted
    workday when its summary says 班 (the common "国庆节 休" / "国庆节 班" feeds). One bad
    event rejects the file: `FormatFault` names every one."""
    import icalendar

    try:
        document = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError):  # icalendar's reasons are English
        raise FormatFault([sentence("不是有效的 iCalendar（.ics）日历文件，或文件已损坏")]) from None
    found: dict[date, tuple[DayKind, str, int]] = {}
    problems: list[str] = []
    for number, event in enumerate(document.walk("VEVENT"), 1):
        summary = str(event.get("SUMMARY", "")).strip()
        try:
            start = event.decoded("DTSTART")
            if isinstance(start, date) and not FIRST_YEAR <= start.year <= LAST_YEAR:
                problems.append(sentence("第 {0} 个事件（{1}）的年份 {2} 超出 {3}–{4} 年",
                                         number, summary, start.year, FIRST_YEAR, LAST_YEAR))
                continue
            end = event.decoded("DTEND") if "DTEND" in event else start + timedelta(days=1)
        except (KeyError, ValueError, TypeError, OverflowError):
            problems.append(sentence("第 {0} 个事件（{1}）的日期无法读取", number, summary))
            continue
        if isinstance(start, datetime) or not isinstance(start, date) or not isinstance(end, date) \
                or isinstance(end, datetime) or not start < end <= start + timedelta(days=60):
            problems.append(sentence("第 {0} 个事件（{1}）应为全天事件，且不超过 60 天",
                                     number, summary))
            continue
        workday = "班" in summary and "休" not in summary
        kind = DayKind.ADJUSTED_WORKDAY if workday else DayKind.HOLIDAY
        name = re.sub(r"[（(]?[休班][)）]?$", "", summary).strip()[:32]
        problem = text_problem(name, "节日名称")
        if problem is not None:
            problems.append(sentence("第 {0} 个事件：{1}", number, problem))
            continue
        day = start
        while day < end:
            if day in found and found[day][0] != kind:
                problems.append(sentence("{0} 在第 {1} 和第 {2} 个事件中类型不同",
                                         day.isoformat(), found[day][2], number))
            found[day] = (kind, name, number)
            day += timedelta(days=1)
    if not found and not problems:
        problems.append(sentence("文件中没有全天事件"))
    if problems:
        raise FormatFault(problems)
    return [(day, kind, name) for day, (kind, name, _) in sorted(found.items())]
