"""The duty clock: when people must sign in, confirm they are at the desk, and send the
holiday reports; and how any timed item stands at a moment.

A duty day runs from the handover time to the same time next day, so "the night of the
23rd" (02:00 on the 24th) belongs to duty day 23. Every time here is computed from the
desk's settings and the date; nothing is stored ahead of time, which is what lets the app
rebuild every pending alert after a restart or a night asleep.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from dutyroom.domain.calendar import DayInfo, DayKind
from dutyroom.domain.deadlines import (
    DISPATCH_MINUTES,
    DUE_WINDOW,
    AlertState,
    DeadlineKind,
    timed_state,
)
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.errors import FieldError
from dutyroom.domain.local_time import clock_time
from dutyroom.domain.text import sentence
from dutyroom.domain.tiers import Tier


class TaskKind(StrEnum):
    """Desk duties that are not about one incident: each is done once, by a due time."""

    ROTA_REPORT = "rota_report"  # 值班表报备 before a holiday
    DAILY_REPORT = "daily_report"  # 值班日报 on each holiday


TASK_LABELS = {TaskKind.ROTA_REPORT: "值班表报备", TaskKind.DAILY_REPORT: "值班日报"}


class SpotChannel(StrEnum):
    """How a superior checked the desk was manned (查岗)."""

    PHONE = "phone"
    VIDEO = "video"
    ON_SITE = "on_site"


SPOT_CHANNEL_LABELS = {SpotChannel.PHONE: "电话", SpotChannel.VIDEO: "视频", SpotChannel.ON_SITE: "现场"}


class SpotOutcome(StrEnum):
    """What a spot check found."""

    OK = "ok"
    NO_ANSWER = "no_answer"
    ABSENT = "absent"
    UNREACHABLE = "unreachable"
    OTHER = "other"


SPOT_OUTCOME_LABELS = {SpotOutcome.OK: "在岗正常", SpotOutcome.NO_ANSWER: "无人接听",
                       SpotOutcome.ABSENT: "值班人员不在岗", SpotOutcome.UNREACHABLE: "值班人员联系不上",
                       SpotOutcome.OTHER: "其他问题"}


@dataclass(frozen=True)
class ClockRules:
    handover: time
    checkin_before: timedelta
    checkin_after: timedelta
    checkin_tiers: tuple[Tier, ...]
    presence_start: time
    presence_end: time
    presence_every: timedelta  # zero: no presence confirmations
    presence_window: timedelta  # how long a prompt waits for its confirmation
    rota_report_days: int
    rota_report_time: time
    daily_report_time: time
    warning: timedelta


def rules_from_settings(values: DeskSettings | Mapping[str, Any]) -> ClockRules:
    s = DeskSettings.of(values)
    return ClockRules(
        handover=clock_time(s.handover_time),
        checkin_before=timedelta(minutes=int(s.checkin_before_minutes)),
        checkin_after=timedelta(minutes=int(s.checkin_after_minutes)),
        checkin_tiers=tuple(Tier(t) for t in str(s.checkin_tiers).split(",") if t),
        presence_start=clock_time(s.presence_start),
        presence_end=clock_time(s.presence_end),
        presence_every=timedelta(minutes=int(s.presence_interval_minutes)),
        presence_window=timedelta(minutes=int(s.presence_window_minutes)),
        rota_report_days=int(s.rota_report_days),
        rota_report_time=clock_time(s.rota_report_time),
        daily_report_time=clock_time(s.daily_report_time),
        warning=timedelta(minutes=int(s.alert_warning_minutes)),
    )


# --- the duty day -------------------------------------------------------------------------


def shift_start(day: date, rules: ClockRules, zone: tzinfo) -> datetime:
    return datetime.combine(day, rules.handover, tzinfo=zone)


def shift_span(day: date, rules: ClockRules, zone: tzinfo) -> tuple[datetime, datetime]:
    """The duty day `day` as instants: from its handover to the next (a DST-free zone makes
    this 24 h; in one with DST it follows the wall clock, as the desk does)."""
    return shift_start(day, rules, zone), shift_start(day + timedelta(days=1), rules, zone)


def duty_day_of(moment: datetime, rules: ClockRules, zone: tzinfo) -> date:
    local = moment.astimezone(zone)
    day = local.date()
    return day if local.timetz().replace(tzinfo=None) >= rules.handover else day - timedelta(days=1)


def checkin_window(day: date, rules: ClockRules, zone: tzinfo) -> tuple[datetime, datetime]:
    """(opens, due): sign-in starts before the handover and must be done shortly after."""
    start = shift_start(day, rules, zone)
    return start - rules.checkin_before, start + rules.checkin_after


def checkin_day_of(moment: datetime, rules: ClockRules, zone: tzinfo) -> date:
    """The duty day a sign-in at `moment` is for: its window opens before the handover."""
    return duty_day_of(moment + rules.checkin_before, rules, zone)


def presence_prompts(day: date, rules: ClockRules, zone: tzinfo) -> list[tuple[datetime, datetime]]:
    """(asked at, confirm by) for each presence confirmation of the duty day, in order.

    The schedule runs from its start time for as long as it lasts (crossing midnight when
    the end is earlier on the clock); a run begun the evening before may reach into the
    shift, so both runs are read and the prompts inside the shift kept.
    """
    if not rules.presence_every:
        return []
    begin, end = shift_span(day, rules, zone)
    span = _span(rules.presence_start, rules.presence_end)
    asked: set[datetime] = set()
    for anchor in (day - timedelta(days=1), day, day + timedelta(days=1)):
        first = datetime.combine(anchor, rules.presence_start, tzinfo=zone)
        offset = timedelta(0)
        while offset <= span:
            if begin <= first + offset < end:
                asked.add(first + offset)
            offset += rules.presence_every
    return [(moment, moment + rules.presence_window) for moment in sorted(asked)]


def _span(start: time, end: time) -> timedelta:
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return timedelta(minutes=minutes % (24 * 60))


def holiday_blocks(days: Iterable[DayInfo]) -> list[tuple[date, date]]:
    """Runs of consecutive statutory holiday days, (first, last)."""
    blocks: list[tuple[date, date]] = []
    for info in sorted(days, key=lambda d: d.day):
        if info.kind != DayKind.HOLIDAY:
            continue
        if blocks and blocks[-1][1] + timedelta(days=1) == info.day:
            blocks[-1] = (blocks[-1][0], info.day)
        else:
            blocks.append((info.day, info.day))
    return blocks


def rota_report_due(first_holiday: date, rules: ClockRules, zone: tzinfo) -> datetime:
    return datetime.combine(first_holiday - timedelta(days=rules.rota_report_days),
                            rules.rota_report_time, tzinfo=zone)


def daily_report_due(day: date, rules: ClockRules, zone: tzinfo) -> datetime:
    return datetime.combine(day, rules.daily_report_time, tzinfo=zone)


# --- checking a set of settings as a whole --------------------------------------------------


def check_settings(values: DeskSettings | Mapping[str, Any]) -> list[FieldError]:
    """What no single field can see: a presence schedule that overlaps itself, and a warning
    window longer than a deadline it warns of (it would ring from the moment of receipt)."""
    s = DeskSettings.of(values)
    errors: list[FieldError] = []
    every = int(s.presence_interval_minutes)
    window = int(s.presence_window_minutes)
    if every:
        span = int(_span(clock_time(s.presence_start),
                         clock_time(s.presence_end)).total_seconds() // 60)
        last = span - span % every
        if window > every:
            errors.append(FieldError(
                "presence_window_minutes",
                sentence("在岗确认时限 {0} 分钟长于间隔 {1} 分钟，前后两次确认会重叠", window, every)))
        elif last + window > 24 * 60:
            errors.append(FieldError(
                "presence_end",
                sentence("在岗确认从 {0} 到 {1} 每 {2} 分钟一次，最后一次的确认时限跨入次日第一次，时间表自相"
                         "重叠", s.presence_start, s.presence_end, every)))
    if bool(s.flood_season_start) != bool(s.flood_season_end):
        errors.append(FieldError("flood_season_end", sentence("主汛期的开始和结束日期应同时设置或同时留空")))
    warning = int(s.alert_warning_minutes)
    limits = [(int(v), k) for k, v in s.as_dict().items()  # every reporting deadline, by name
              if k.startswith(("report_phone_", "report_written_")) and int(v)]
    limits.append((int(s.checkin_before_minutes) + int(s.checkin_after_minutes),
                   "checkin_after_minutes"))
    limits.append((DISPATCH_MINUTES[True], "dispatch"))
    shortest, key = min(limits, key=lambda limit: limit[0])
    if warning >= shortest:
        errors.append(FieldError(
            "alert_warning_minutes",
            sentence("提前提醒 {0} 分钟不短于最短的时限（{1} {2} 分钟），事项一开始就会提醒；请改小",
                     warning, _LIMIT_NAMES[key], shortest)))
    return errors


_LIMIT_NAMES = {
    "report_phone_major": "Ⅰ、Ⅱ级电话报告", "report_written_major": "Ⅰ、Ⅱ级书面报告",
    "report_phone_larger": "Ⅲ级电话报告", "report_written_larger": "Ⅲ级书面报告",
    "report_phone_general": "Ⅳ级电话报告", "report_written_general": "Ⅳ级书面报告",
    "report_phone_unrated": "待核定电话报告", "report_written_unrated": "待核定书面报告",
    "checkin_after_minutes": "接班签到窗口", "dispatch": "一线部门派单到场",
}


# --- any timed item at a moment ----------------------------------------------------------------


@dataclass(frozen=True)
class TimedItem:
    """One thing the desk must do by a time: a deadline, a sign-in, a prompt, a report.

    `opens` is when it starts to be shown (a warning before a deadline, the opening of a
    sign-in window, the moment a presence prompt asks); `expires` is when an unfinished
    clock item stops being an alert and becomes history (a missed sign-in of a past shift).
    """

    key: str  # stable across rebuilds: acknowledgements and notifications hang on it
    kind: str
    label: str
    subject: str
    ref: int
    target: str  # what a click opens: incident / clock / task
    opens: datetime
    due: datetime
    done_at: datetime | None = None
    expires: datetime | None = None
    day: date | None = None  # the duty day or holiday a clock item or task belongs to


def item_state(item: TimedItem, at: datetime) -> AlertState | None:
    """Where an item stands at `at`; None while not yet shown or once expired."""
    return timed_state(item.opens, item.due, item.done_at, at, item.expires)


def clock_runs(any_rota: bool) -> bool:
    """Sign-ins and presence prompts are asked of the people on the rota: a desk that has
    made no rota yet (a new desk) is asked for none, and 今日值班 asks for a rota instead.
    Once a rota exists, a night left off it still rings: its empty posts must be covered."""
    return any_rota


def prompt_to_confirm(items: Sequence[TimedItem], at: datetime) -> TimedItem | None:
    """The presence prompt 在岗确认 would answer now: the latest one already asked in a shift
    still running, if nobody has confirmed it. An earlier prompt left unanswered stays
    missed; it can no longer be confirmed, so nobody should be asked to."""
    asked = [i for i in items if i.kind == DeadlineKind.PRESENCE.value and i.opens <= at
             and (i.expires is None or at < i.expires)]
    latest = max(asked, key=lambda i: i.opens, default=None)
    return latest if latest is not None and latest.done_at is None else None


def next_change(item: TimedItem, after: datetime) -> datetime | None:
    """The next moment the item's state changes after `after`, for the scheduler."""
    moments = [item.opens, item.due, item.due + DUE_WINDOW]
    if item.expires is not None:
        moments.append(item.expires)
    if item.done_at is not None:
        moments.append(item.done_at)
    return min((m for m in moments if m > after), default=None)


def sort_items(items: Sequence[TimedItem]) -> list[TimedItem]:
    return sorted(items, key=lambda i: (i.due, i.key))
