"""Reporting deadlines (信息报送时限): computed from the rules, never typed in.

Every deadline counts from the moment the desk received the report. The rules are data (a
desk's settings, with national and provincial presets), so the same code serves a county
that follows the 2015 national notice and one that follows Henan's stricter times.

A change of level recomputes the deadlines from the original receipt time, but a deadline
that was already missed under the old level stays missed: the effective due time of each
kind is the earliest one that fell due while its level was in force.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import Level
from dutyroom.domain.text import sentence


class DeadlineKind(StrEnum):
    PHONE_REPORT = "phone_report"
    WRITTEN_REPORT = "written_report"
    UPDATE_REPORT = "update_report"
    FINAL_REPORT = "final_report"
    DISPATCH_ARRIVAL = "dispatch_arrival"
    CHECKIN = "checkin"
    PRESENCE = "presence"
    WARNING_RELAY = "warning_relay"
    INSTRUCTION = "instruction"


KIND_LABELS = {
    DeadlineKind.PHONE_REPORT: "电话报告", DeadlineKind.WRITTEN_REPORT: "书面报告",
    DeadlineKind.UPDATE_REPORT: "续报", DeadlineKind.FINAL_REPORT: "终报",
    DeadlineKind.DISPATCH_ARRIVAL: "派单到场", DeadlineKind.CHECKIN: "接班签到",
    DeadlineKind.PRESENCE: "在岗确认", DeadlineKind.WARNING_RELAY: "预警叫应",
    DeadlineKind.INSTRUCTION: "领导批示",
}


class Stage(StrEnum):
    FIRST = "first"
    UPDATE = "update"
    FINAL = "final"


class Channel(StrEnum):
    PHONE = "phone"
    WRITTEN = "written"


STAGE_LABELS = {Stage.FIRST: "首报", Stage.UPDATE: "续报", Stage.FINAL: "终报"}
CHANNEL_LABELS = {Channel.PHONE: "电话", Channel.WRITTEN: "书面"}


# --- the rules --------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelRule:
    phone_minutes: int  # 0: no phone report required
    written_minutes: int
    update_times: tuple[time, ...]


@dataclass(frozen=True)
class ReportRules:
    major: LevelRule  # I and II
    larger: LevelRule  # III
    general: LevelRule  # IV
    unrated: LevelRule
    final_days: int  # 0: no fixed deadline, only required before closing

    def for_level(self, level: Level) -> LevelRule:
        if level in (Level.I, Level.II):
            return self.major
        return {Level.III: self.larger, Level.IV: self.general}.get(level, self.unrated)


# Setting key → what it holds; the settings registry (domain/settings.py) declares them.
RULE_GROUPS = (("major", "Ⅰ、Ⅱ级"), ("larger", "Ⅲ级"), ("general", "Ⅳ级"), ("unrated", "待核定"))


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    source: str
    values: Mapping[str, Any]


def _preset_values(major: tuple[int, int], larger: tuple[int, int], general: tuple[int, int],
                   unrated: tuple[int, int]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for (group, _), (phone, written) in zip(RULE_GROUPS, (major, larger, general, unrated),
                                            strict=True):
        values[f"report_phone_{group}"] = phone
        values[f"report_written_{group}"] = written
    return values


PRESETS = (
    Preset("national", "国家（默认）",
           "国务院应急办 2015 年通知：重特大事件 30 分钟内电话、1 小时内书面；"
           "一般事件 2 小时内书面（生产安全事故报告和调查处理条例）",
           _preset_values((30, 60), (30, 60), (0, 120), (30, 60))),
    Preset("henan", "河南省",
           "河南省：Ⅰ、Ⅱ级 15 分钟电话、35 分钟书面；Ⅲ级 60 分钟书面；Ⅳ级 6 小时书面",
           _preset_values((15, 35), (30, 60), (0, 360), (30, 60))),
    Preset("strict", "严格（市级）",
           "部分地市：Ⅰ、Ⅱ级 15 分钟电话、30 分钟书面",
           _preset_values((15, 30), (30, 60), (0, 120), (30, 60))),
)
PRESETS_BY_KEY = {p.key: p for p in PRESETS}


def parse_clock_list(raw: Any, key: str, label: str) -> tuple[time, ...]:
    """"08:00,17:00" → the times, sorted; an empty list is refused (updates must be due)."""
    text = ",".join(map(str, raw)) if isinstance(raw, list | tuple) else str(raw or "")
    times: set[time] = set()
    for part in text.replace("，", ",").replace("、", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            hours, minutes = part.split(":")
            times.add(time(int(hours), int(minutes)))
        except ValueError:
            raise FieldError(key, sentence("{0}中「{1}」不是 时:分（例如 17:00）", label, part)) from None
    if not times:
        raise FieldError(key, sentence("{0}至少要有一个时间，例如 17:00", label))
    return tuple(sorted(times))


# The settings the report deadlines are computed from (with the desk's time zone, which the
# update times are read in): a change of any of them changes deadlines already past.
RULE_SETTING_KEYS = frozenset({
    *(f"report_{channel}_{group}" for group, _ in RULE_GROUPS for channel in ("phone", "written")),
    "update_times_major", "update_times_other", "final_report_days", "timezone"})


def rules_from_settings(values: DeskSettings | Mapping[str, Any]) -> ReportRules:
    s = DeskSettings.of(values)
    major = parse_clock_list(s.update_times_major, "update_times_major", "续报时间")
    other = parse_clock_list(s.update_times_other, "update_times_other", "续报时间")
    return ReportRules(
        major=LevelRule(s.report_phone_major, s.report_written_major, major),
        larger=LevelRule(s.report_phone_larger, s.report_written_larger, other),
        general=LevelRule(s.report_phone_general, s.report_written_general, other),
        unrated=LevelRule(s.report_phone_unrated, s.report_written_unrated, other),
        final_days=s.final_report_days,
    )


# --- what is due --------------------------------------------------------------------------


@dataclass(frozen=True)
class SentReport:
    stage: Stage
    channel: Channel
    sent_at: datetime


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due: datetime
    met_at: datetime | None = None
    note: str = ""

    @property
    def met(self) -> bool:
        return self.met_at is not None

    @property
    def late(self) -> bool:
        return self.met_at is not None and self.met_at > self.due

    def label(self) -> str:
        return KIND_LABELS[self.kind] + (f"（{self.note}）" if self.note else "")


@dataclass(frozen=True)
class IncidentClock:
    """What the deadline rules need to know about one incident."""

    received_at: datetime
    level_changes: tuple[tuple[datetime, Level], ...]  # (from when, level), oldest first
    open: bool  # not closed and not voided
    casualties_changed_at: datetime | None
    reports: tuple[SentReport, ...]


def _first(reports: Sequence[SentReport], *, stages: tuple[Stage, ...],
           channels: tuple[Channel, ...] = tuple(Channel)) -> datetime | None:
    times = [r.sent_at for r in reports if r.stage in stages and r.channel in channels]
    return min(times, default=None)


def _effective_due(clock: IncidentClock, rules: ReportRules, minutes_of: Any) -> datetime | None:
    """The earliest due time that fell while its level was in force (or is in force now)."""
    changes = clock.level_changes
    candidates: list[datetime] = []
    for index, (_, level) in enumerate(changes):
        minutes = minutes_of(rules.for_level(level))
        if not minutes:
            continue
        due = clock.received_at + timedelta(minutes=minutes)
        replaced_at = changes[index + 1][0] if index + 1 < len(changes) else None
        if replaced_at is None or due <= replaced_at:
            candidates.append(due)
    return min(candidates, default=None)


def _clock_times_after(moment: datetime, times: tuple[time, ...], zone: tzinfo
                       ) -> Iterator[datetime]:
    local = moment.astimezone(zone)
    day: date = local.date()
    while True:
        for clock in times:
            candidate = datetime.combine(day, clock, tzinfo=zone)
            if candidate > local:
                yield candidate
        day += timedelta(days=1)


def _end_of_day(moment: datetime, zone: tzinfo) -> datetime:
    local = moment.astimezone(zone)
    return datetime.combine(local.date(), time(23, 59), tzinfo=zone)


def report_deadlines(clock: IncidentClock, rules: ReportRules, zone: tzinfo) -> list[Deadline]:
    """Every reporting deadline of the incident, met or not, in due order."""
    current = clock.level_changes[-1][1]
    rule = rules.for_level(current)
    reports = sorted(clock.reports, key=lambda r: r.sent_at)
    deadlines: list[Deadline] = []
    phone_due = _effective_due(clock, rules, lambda r: r.phone_minutes)
    if phone_due is not None:
        deadlines.append(Deadline(DeadlineKind.PHONE_REPORT, phone_due,
                                  _first(reports, stages=(Stage.FIRST,))))
    written_due = _effective_due(clock, rules, lambda r: r.written_minutes)
    if written_due is not None:
        deadlines.append(Deadline(DeadlineKind.WRITTEN_REPORT, written_due,
                                  _first(reports, stages=(Stage.FIRST,),
                                         channels=(Channel.WRITTEN,))))
    deadlines += _update_deadlines(clock, rule, written_due or clock.received_at, reports, zone)
    final_at = _first(reports, stages=(Stage.FINAL,))
    if rules.final_days:
        deadlines.append(Deadline(DeadlineKind.FINAL_REPORT,
                                  clock.received_at + timedelta(days=rules.final_days), final_at))
    elif final_at is not None:
        deadlines.append(Deadline(DeadlineKind.FINAL_REPORT, final_at, final_at, "办结前报送"))
    return sorted(deadlines, key=lambda d: d.due)


def _update_deadlines(clock: IncidentClock, rule: LevelRule, start: datetime,
                      reports: Sequence[SentReport], zone: tzinfo) -> list[Deadline]:
    """Updates (续报) by the rule's clock times while the incident is open.

    Each update meets the next clock time after the previous one was due or sent; the one
    after the last update is pending. A change in casualties needs an update the same day.
    """
    deadlines: list[Deadline] = []
    due = next(_clock_times_after(start, rule.update_times, zone))
    updates = [r for r in reports if r.stage == Stage.UPDATE]
    for report in updates:
        deadlines.append(Deadline(DeadlineKind.UPDATE_REPORT, due, report.sent_at))
        due = next(_clock_times_after(max(report.sent_at, due), rule.update_times, zone))
    if not clock.open:
        return deadlines
    changed = clock.casualties_changed_at
    note = ""
    if changed is not None and not any(r.sent_at >= changed for r in updates):
        same_day = _end_of_day(changed, zone)
        if same_day < due:
            due, note = same_day, "伤亡人数有变化，当日续报"
    deadlines.append(Deadline(DeadlineKind.UPDATE_REPORT, due, None, note))
    return deadlines


# Arrival after a dispatch order: first-line departments of a city-level response 30 minutes,
# others 40 (docs/rules.md, 联动派单). Keyed by Department.first_line.
DISPATCH_MINUTES = {True: 30, False: 40}


def dispatch_deadline(ordered_at: datetime, arrival_minutes: int, arrived_at: datetime | None,
                      department: str) -> Deadline:
    return Deadline(DeadlineKind.DISPATCH_ARRIVAL, ordered_at + timedelta(minutes=arrival_minutes),
                    arrived_at, department)


def next_open(deadlines: Sequence[Deadline]) -> Deadline | None:
    return min((d for d in deadlines if not d.met), key=lambda d: d.due, default=None)


def deadline_for_report(deadlines: Sequence[Deadline], stage: Stage, channel: Channel
                        ) -> Deadline | None:
    """The open deadline a report of this stage and channel meets, for recording it late or not."""
    if stage == Stage.FIRST:
        kinds = ((DeadlineKind.WRITTEN_REPORT, DeadlineKind.PHONE_REPORT) if channel == Channel.WRITTEN
                 else (DeadlineKind.PHONE_REPORT,))
    elif stage == Stage.UPDATE:
        kinds = (DeadlineKind.UPDATE_REPORT,)
    else:
        kinds = (DeadlineKind.FINAL_REPORT,)
    for kind in kinds:
        for deadline in deadlines:
            if deadline.kind == kind and not deadline.met:
                return deadline
    return None


# --- alert states --------------------------------------------------------------------------


class AlertState(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"


ALERT_STATE_LABELS = {AlertState.UPCOMING: "即将到期", AlertState.DUE: "到期",
                      AlertState.OVERDUE: "已超时", AlertState.DONE: "已完成"}
DUE_WINDOW = timedelta(minutes=1)  # the minute of the deadline itself


def timed_state(opens: datetime, due: datetime, done_at: datetime | None, at: datetime,
                expires: datetime | None = None) -> AlertState | None:
    """Where anything timed stands at `at`: None before it `opens` (a warning, a sign-in
    window, a prompt) and after it `expires` unfinished (a shift that is over)."""
    if done_at is not None and done_at <= at:
        return AlertState.DONE
    if at < opens or (expires is not None and at >= expires):
        return None
    if at < due:
        return AlertState.UPCOMING
    if at < due + DUE_WINDOW:
        return AlertState.DUE
    return AlertState.OVERDUE


def alert_state(due: datetime, met_at: datetime | None, at: datetime,
                warning: timedelta) -> AlertState | None:
    """Where a deadline stands at `at`; None while it is still further off than the warning."""
    return timed_state(due - warning, due, met_at, at)
