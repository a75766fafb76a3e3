"""What a printout holds, apart from how it is drawn: the services fill these in and get a
Document back. Kept free of ReportLab, so opening the app does not pay for loading it
(about 150 ms) before anything is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Document:
    """A finished printout."""

    data: bytes
    pages: int


@dataclass(frozen=True)
class WrittenReport:
    unit: str
    desk: str
    stage: str  # 首报 / 续报 / 终报
    text: str  # the report as recorded (or drafted): first line the title
    sent_at: str  # local time, or "" for a draft not yet sent
    recipient: str
    sent_by: str
    desk_phone: str
    recorded_at: str = ""  # when the report was entered into the log
    late_entry: str = ""  # the 补录 note (both times, the reason), else ""


@dataclass(frozen=True)
class LogRow:
    cells: tuple[str, ...]
    alert: bool = False


@dataclass(frozen=True)
class ClockLog:
    unit: str
    desk: str
    title: str  # the period, e.g. 2026年11月
    tiers: tuple[str, ...]  # the tiers that sign in, as column headings
    days: tuple[LogRow, ...]  # 日期, one sign-in per tier, 在岗确认
    spot_checks: tuple[LogRow, ...]


@dataclass(frozen=True)
class Duty:
    tier: str  # label: 主要领导 / 带班领导 / 值班员
    name: str
    mobile: str
    position: str = ""
    seat: str = ""  # the seat's label where a day has two officers: 值班员（二）

    @property
    def seat_label(self) -> str:
        return self.seat or self.tier


@dataclass(frozen=True)
class RotaDay:
    day: date
    kind: str  # workday / weekend / holiday / adjusted_workday / unknown
    name: str  # the holiday's name, if any
    periods: tuple[str, ...]  # sensitive periods covering the day
    duties: tuple[Duty, ...]  # in tier order
    missing: tuple[str, ...]  # seats required but not filled (labels: 值班员, 值班员（二）)


@dataclass(frozen=True)
class RotaSheet:
    unit: str
    desk: str
    title: str  # e.g. 2026年10月 or 国庆节
    desk_phone: str
    days: tuple[RotaDay, ...]
    late_rosters: tuple[str, ...] = ()  # partner departments whose holiday roster is not in


@dataclass(frozen=True)
class RelayRecord:
    """预警信息接收及叫应记录: the warning, then every person with each attempt, then the
    people not reached (未叫醒)."""

    unit: str
    desk: str
    title: str  # e.g. 暴雨红色预警
    facts: tuple[tuple[str, str], ...]  # (label, value): issuer, times, area, status…
    text: str
    measures: str
    people: tuple[LogRow, ...]  # 村(社区), 岗位, 姓名, 手机, AB角, 联系记录, 结果
    unreached: tuple[LogRow, ...]  # 村(社区), 岗位, 姓名, 手机, AB角, 未接通
