"""Which days need a 值班日报: every statutory holiday, the sensitive periods if the desk says
so, and every day of the flood season (主汛期) if one is set, as many counties require.

Apart from the report's wording (domain/daily_report.py) because the alert list asks this
for every day near now at start-up, and should not load the report's assembly to do it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.local_time import parse_month_day


@dataclass(frozen=True)
class DailyRules:
    """When the desk sends a 值班日报: holidays always; sensitive periods if the desk does;
    every day of the flood season (主汛期) if one is set, as many counties require."""

    in_periods: bool
    flood_season: tuple[tuple[int, int], tuple[int, int]] | None  # (month, day) first and last


def in_flood_season(day: date, season: tuple[tuple[int, int], tuple[int, int]] | None) -> bool:
    """A season may run over New Year (11-15 to 02-15)."""
    if season is None:
        return False
    first, last = season
    here = (day.month, day.day)
    return first <= here <= last if first <= last else here >= first or here <= last


def needs_daily_report(day: date, holiday: bool, in_period: bool, rules: DailyRules) -> bool:
    return holiday or (in_period and rules.in_periods) or in_flood_season(day, rules.flood_season)


def rules_from_settings(values: DeskSettings | Mapping[str, object]) -> DailyRules:
    s = DeskSettings.of(values)
    first = parse_month_day(s.flood_season_start, "flood_season_start", "主汛期开始")
    last = parse_month_day(s.flood_season_end, "flood_season_end", "主汛期结束")
    return DailyRules(in_periods=bool(s.daily_report_periods),
                      flood_season=(first, last) if first and last else None)
