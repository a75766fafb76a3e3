"""Day kinds: which days are workdays, weekends, statutory holidays or adjusted workdays.

Statutory holidays and adjusted workdays (调休上班) come from the State Council's yearly
notice, which chinese-calendar carries for the years it covers. A later year is *assumed*
until the desk loads the official schedule: its legal holiday days are fixed by law
(全国年节及纪念日放假办法, as revised in 2024), so they are marked holidays already, the
lunar ones converted by lunar-python (a maintained, pure-Python, MIT library; chinese-calendar
has solar terms but no lunar conversion); only the bridging days and the 调休 workdays wait
for the notice, and other days are weekdays and weekends. Entries the desk makes always win.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

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


LAW_FROM_YEAR = 2025  # the revised 放假办法 (除夕 and 5/2 added) applies from 2025
LUNAR_YEARS = range(1901, 2100)  # what lunar-python converts reliably


def _lunar(year: int, month: int, day: int) -> date:
    from lunar_python import Lunar  # big tables, loaded only for a year past the notices

    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@cache
def legal_holidays(year: int) -> dict[date, str]:
    """The statutory holiday days of `year` fixed by law, without the notice's bridging days.

    元旦 1/1; 春节 除夕 and 正月初一–初三; 清明 the day of the 清明 solar term; 劳动节 5/1–5/2;
    端午 五月初五; 中秋 八月十五; 国庆 10/1–10/3 (docs/rules.md, Calendar). Empty for a year the law
    in its present form does not cover or the lunar library cannot convert.
    """
    if year < LAW_FROM_YEAR or year not in LUNAR_YEARS:
        return {}
    from lunar_python import Lunar

    new_year = _lunar(year, 1, 1)
    qingming = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    days = {date(year, 1, 1): "元旦"}
    days |= {new_year + timedelta(days=k): "春节" for k in range(-1, 3)}
    days[date(qingming.getYear(), qingming.getMonth(), qingming.getDay())] = "清明节"
    days |= {date(year, 5, 1): "劳动节", date(year, 5, 2): "劳动节"}
    days[_lunar(year, 5, 5)] = "端午节"
    days.setdefault(_lunar(year, 8, 15), "中秋节")  # when it falls in 国庆, 国庆 names the day
    days |= {date(year, 10, k): "国庆节" for k in (1, 2, 3)}
    return days


def day_info(day: date, user: Mapping[date, UserDay]) -> DayInfo:
    if day in user:
        entry = user[day]
        return DayInfo(day, entry.kind, entry.name, Source.USER)
    if day.year not in _BUILTIN_YEARS:
        name = legal_holidays(day.year).get(day)
        if name:
            return DayInfo(day, DayKind.HOLIDAY, name, Source.ASSUMED)
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


def period_title(start: date, end: date) -> str:
    """How a printout or a sheet names the days it covers: a whole month as 2026年11月, one
    day as that day (not 12月1日至12月1日), otherwise both ends, the year once when it does
    not change."""
    if start.day == 1 and end == month_end(start):
        return f"{start.year}年{start.month}月"
    if start == end:
        return f"{start.year}年{start.month}月{start.day}日"
    if start.year == end.year:
        return f"{start.year}年{start.month}月{start.day}日至{end.month}月{end.day}日"
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def resolve(start: date, end: date, user: Mapping[date, UserDay]) -> list[DayInfo]:
    """Every day from start to end inclusive with its kind and where that kind comes from."""
    return [day_info(day, user) for day in days_between(start, end)]


def assumed_years(days: list[DayInfo]) -> list[int]:
    """Years in view that have no official schedule yet (the GUI warns about these)."""
    return sorted({d.day.year for d in days if d.source is Source.ASSUMED})


def assumed_holidays(days: list[DayInfo]) -> list[DayInfo]:
    """Holiday days in view known from the law but not yet from a notice (a rota over them
    is generated, with a warning that the notice may move the days around them)."""
    return [d for d in days if d.source is Source.ASSUMED and d.kind is DayKind.HOLIDAY]


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
