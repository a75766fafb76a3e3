"""Day kinds checked against the real 2026 State Council notice (docs/rules.md)."""

from datetime import date, timedelta

import pytest

from dutyroom.domain import calendar
from dutyroom.domain.calendar import (
    DayKind,
    Source,
    UserDay,
    assumed_holidays,
    assumed_years,
    day_info,
    legal_holidays,
    parse_date,
    parse_kind,
    resolve,
)
from dutyroom.domain.errors import FieldError

D = date

OFF_2026 = [D(2026, 1, 1), D(2026, 1, 3), D(2026, 2, 15), D(2026, 2, 23), D(2026, 4, 4),
            D(2026, 4, 6), D(2026, 5, 1), D(2026, 5, 5), D(2026, 6, 19), D(2026, 6, 21),
            D(2026, 9, 25), D(2026, 9, 27), D(2026, 10, 1), D(2026, 10, 7)]
WORKING_WEEKENDS_2026 = [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9),
                         D(2026, 9, 20), D(2026, 10, 10)]


@pytest.mark.parametrize("day", OFF_2026)
def test_2026_statutory_holidays(day):
    info = day_info(day, {})
    assert info.kind is DayKind.HOLIDAY and info.source is Source.BUILTIN and info.name


@pytest.mark.parametrize("day", WORKING_WEEKENDS_2026)
def test_2026_adjusted_workdays(day):
    assert day_info(day, {}).kind is DayKind.ADJUSTED_WORKDAY


def test_names_are_chinese():
    assert day_info(D(2026, 2, 17), {}).name == "春节"
    assert day_info(D(2026, 10, 1), {}).name == "国庆节"
    assert day_info(D(2026, 2, 14), {}).name == "春节"


def test_ordinary_days():
    assert day_info(D(2026, 11, 23), {}).kind is DayKind.WORKDAY
    assert day_info(D(2026, 11, 21), {}).kind is DayKind.WEEKEND


def test_a_year_without_an_official_schedule_is_assumed():
    days = resolve(D(2026, 12, 30), D(2027, 1, 3), {})
    assert [d.source for d in days][-3:] == [Source.ASSUMED] * 3
    assert day_info(D(2027, 1, 4), {}).kind is DayKind.WORKDAY  # until the notice is loaded
    assert day_info(D(2027, 1, 2), {}).kind is DayKind.WEEKEND  # no bridging days assumed
    assert assumed_years(days) == [2027]


def test_the_legal_holidays_of_a_year_without_a_notice_are_known():
    new_year = day_info(D(2027, 1, 1), {})
    assert (new_year.kind, new_year.name, new_year.source) == (
        DayKind.HOLIDAY, "元旦", Source.ASSUMED)
    spring = [d.day for d in resolve(D(2027, 2, 1), D(2027, 2, 28), {})
              if d.kind is DayKind.HOLIDAY]
    assert spring == [D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)]  # 除夕–初三
    assert [d.day for d in assumed_holidays(resolve(D(2027, 1, 1), D(2027, 12, 31), {}))] == [
        D(2027, 1, 1), *spring, D(2027, 4, 5), D(2027, 5, 1), D(2027, 5, 2), D(2027, 6, 9),
        D(2027, 9, 15), D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)]
    assert day_info(D(2027, 2, 9), {}).kind is DayKind.WORKDAY  # a bridging day waits


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_law_agrees_with_the_notices_chinese_calendar_carries(year):
    """The same rule for the years that have a notice: every legal day is a notice holiday."""
    import chinese_calendar

    law = legal_holidays(year)
    assert len(law) == 13
    assert all(day in chinese_calendar.holidays for day in law)


def test_desk_entries_win():
    user = {D(2027, 1, 1): UserDay(DayKind.HOLIDAY, "元旦"),
            D(2026, 11, 23): UserDay(DayKind.HOLIDAY, "本地节日")}
    assert day_info(D(2027, 1, 1), user).source is Source.USER
    assert day_info(D(2026, 11, 23), user).kind is DayKind.HOLIDAY
    assert assumed_years(resolve(D(2027, 1, 1), D(2027, 1, 1), user)) == []


def test_parsing():
    assert parse_kind("holiday") is DayKind.HOLIDAY
    assert parse_kind("调休上班") is DayKind.ADJUSTED_WORKDAY
    assert parse_date("2027-02-06") == D(2027, 2, 6)
    with pytest.raises(FieldError):
        parse_kind("festival")
    with pytest.raises(FieldError):
        parse_date("2027-02-30")


def test_a_period_is_named_as_a_month_or_by_both_ends():
    """Every range of days from 2024 to 2027: a whole calendar month reads as the month, one
    day as that day, any other range names both ends, and the year twice only when it
    changes."""
    first = date(2024, 1, 1)
    for offset in range(0, 4 * 366, 7):
        start = first + timedelta(days=offset)
        for length in (0, 1, 27, 28, 29, 30, 31, 45, 400):
            end = start + timedelta(days=length)
            title = calendar.period_title(start, end)
            whole_month = (start.day == 1 and end.month == start.month and end.year == start.year
                           and (end + timedelta(days=1)).day == 1)
            if whole_month:
                assert title == f"{start.year}年{start.month}月"
                continue
            if length == 0:
                assert title == f"{start.year}年{start.month}月{start.day}日"
                continue
            assert title.startswith(f"{start.year}年{start.month}月{start.day}日至")
            assert title.endswith(f"{end.month}月{end.day}日")
            assert (f"至{end.year}年" in title) == (end.year != start.year)
