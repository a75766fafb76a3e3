"""Day kinds: which days are workdays, weekends, statutory holidays or adjusted workdays.

Statutory holidays and adjusted workdays (调休上班) come from the State Council's yearly
notice, which chinese-calendar carries for the years it covers. A later year is *assumed*
(weekdays work, weekends rest) until the desk loads the official schedule; entries the
desk makes always win over both.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import chinese_calendar

from dutyroom.domain.errors import FieldError
from dutyroom.domain.hygiene import check_year
from dutyroom.domain.text import sentence


class DayKind(StrEnum):
    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    ADJUSTED_WORKDAY = "adjusted_workday"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    DayKind.WORKDAY: "工作日", DayKind.WEEKEND: "周末", DayKind.HOLIDAY: "法定节假日",
    DayKind.ADJUSTED_WORKDAY: "调休上班", DayKind.UNKNOWN: "待定",
}


class Source(StrEnum):
    BUILTIN = "builtin"
    USER = "user"
    ASSUMED = "assumed"


HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节", "Anti-Fascist 70th Day": "抗战胜利 70 周年纪念日",
}
WEEKDAY_NAMES = "一二三四五六日"

_BUILTIN_YEARS = frozenset(d.year for d in chinese_calendar.holidays)


@dataclass(frozen=True)
class DayInfo:
    day: date
    kind: DayKind
    name: str
    source: Source

    @property
    def weekday_label(self) -> str:
        return f"星期{WEEKDAY_NAMES[self.day.weekday()]}"


@dataclass(frozen=True)
class UserDay:
    """A day the desk set itself (from an imported notice or by hand)."""

    kind: DayKind
    name: str = ""


def builtin_years() -> frozenset[int]:
    return _BUILTIN_YEARS


def _plain(day: date) -> DayKind:
    return DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY


def day_info(day: date, user: Mapping[date, UserDay]) -> DayInfo:
    if day in user:
        entry = user[day]
        return DayInfo(day, entry.kind, entry.name, Source.USER)
    if day.year not in _BUILTIN_YEARS:
        return DayInfo(day, _plain(day), "", Source.ASSUMED)
    if day in chinese_calendar.holidays:
        return DayInfo(day, DayKind.HOLIDAY, _name(chinese_calendar.holidays[day]),
                       Source.BUILTIN)
    if day in chinese_calendar.workdays and day.weekday() >= 5:
        return DayInfo(day, DayKind.ADJUSTED_WORKDAY, _name(chinese_calendar.workdays[day]),
                       Source.BUILTIN)
    return DayInfo(day, _plain(day), "", Source.BUILTIN)


def _name(raw: object) -> str:
    text = getattr(raw, "value", raw)
    return HOLIDAY_NAMES.get(str(text), str(text or ""))


def days_between(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def resolve(start: date, end: date, user: Mapping[date, UserDay]) -> list[DayInfo]:
    """Every day from start to end inclusive with its kind and where that kind comes from."""
    return [day_info(day, user) for day in days_between(start, end)]


def assumed_years(days: list[DayInfo]) -> list[int]:
    """Years in view that have no official schedule yet (the GUI warns about these)."""
    return sorted({d.day.year for d in days if d.source is Source.ASSUMED})


def parse_kind(text: object) -> DayKind:
    value = str(text or "").strip()
    for kind in DayKind:
        if value in (kind.value, kind.label):
            return kind
    raise FieldError("kind", sentence("「{0}」不是日期类型，应为 workday / weekend / holiday / adjusted_workd"
                                      "ay / unknown", value))


def parse_date(text: object, field: str = "date") -> date:
    if isinstance(text, date):
        day = text
    else:
        value = str(text or "").strip()
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise FieldError(field, sentence("「{0}」不是有效日期，应为 YYYY-MM-DD", value)) from None
    check_year(day, field, "日期")
    return day
