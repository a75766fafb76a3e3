"""What an incident is: categories, levels, statuses, the facts an officer takes down, and the
level the facts suggest.

The officer decides the level; the app only suggests one from the thresholds in docs/rules.md
(生产安全事故报告和调查处理条例 Art. 3), because a wrong level moves every reporting deadline.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from dutyroom.domain.contacts import clean_text
from dutyroom.domain.errors import FieldError
from dutyroom.domain.hygiene import MAX_LOSS, check_count, is_json_structure
from dutyroom.domain.text import Verbatim, joined, sentence

FUTURE_TOLERANCE = timedelta(minutes=5)  # clocks differ; a report "from the future" is a typo


class Category(StrEnum):
    NATURAL_DISASTER = "natural_disaster"
    ACCIDENT = "accident"
    PUBLIC_HEALTH = "public_health"
    SOCIAL_SECURITY = "social_security"


CATEGORY_LABELS = {
    Category.NATURAL_DISASTER: "自然灾害",
    Category.ACCIDENT: "事故灾难",
    Category.PUBLIC_HEALTH: "公共卫生事件",
    Category.SOCIAL_SECURITY: "社会安全事件",
}

# The national plan's subtypes, then the everyday kinds a town desk logs and keeps its
# 职责分工 and 处置要点 for (domain/responsibilities.py).
SUBTYPES: Mapping[Category, tuple[str, ...]] = {
    Category.NATURAL_DISASTER: ("水旱灾害", "气象灾害", "地震灾害", "地质灾害", "森林草原火灾",
                                "生物灾害", "山洪", "森林火情"),
    Category.ACCIDENT: ("工矿商贸安全事故", "交通运输事故", "公共设施和设备事故", "核与辐射事故",
                        "环境污染和生态破坏", "道路交通事故", "危化品泄漏", "火灾", "溺水",
                        "停水停电"),
    Category.PUBLIC_HEALTH: ("传染病疫情", "群体性不明原因疾病", "食品安全和职业危害", "动物疫情",
                             "食物中毒"),
    Category.SOCIAL_SECURITY: ("刑事案件", "恐怖袭击", "民族宗教事件", "经济安全事件",
                               "涉外突发事件", "群体性事件", "网络舆情"),
}
MASS_INCIDENT = "群体性事件"


class Level(StrEnum):
    I = "I"  # noqa: E741 - the official name of the level
    II = "II"
    III = "III"
    IV = "IV"
    UNRATED = "unrated"


LEVEL_LABELS = {
    Level.I: "Ⅰ级 特别重大", Level.II: "Ⅱ级 重大", Level.III: "Ⅲ级 较大", Level.IV: "Ⅳ级 一般",
    Level.UNRATED: "待核定",
}
LEVEL_SHORT = {Level.I: "Ⅰ级", Level.II: "Ⅱ级", Level.III: "Ⅲ级", Level.IV: "Ⅳ级",
               Level.UNRATED: "待核定"}
SEVERITY = (Level.IV, Level.III, Level.II, Level.I)  # ascending


class Status(StrEnum):
    RECEIVED = "received"
    HANDLING = "handling"
    CLOSED = "closed"


STATUS_LABELS = {Status.RECEIVED: "接报", Status.HANDLING: "处置中", Status.CLOSED: "已办结"}

E = TypeVar("E", bound=StrEnum)

RECEIVED_VIA = ("电话", "传真", "系统推送", "来访", "上级通知")


def parse_enum(enum: type[E], labels: Mapping[Any, str], raw: Any, key: str, what: str) -> E:
    """Accept the English value or the Chinese label, and name both kinds when refusing."""
    text = str(raw if raw is not None else "").strip()
    for member in enum:
        if text in (member.value, labels[member], *labels[member].split()):
            return member
    allowed = "、".join(f"{m.value}（{labels[m]}）" for m in enum)
    raise FieldError(key, sentence("未知的{0}「{1}」，应为 {2}", what, text, allowed))


def parse_category(raw: Any, key: str = "category") -> Category:
    return parse_enum(Category, CATEGORY_LABELS, raw, key, "事件类别")


def parse_level(raw: Any, key: str = "level") -> Level:
    return parse_enum(Level, LEVEL_LABELS, raw or Level.UNRATED, key, "事件级别")


# --- the level's history ---------------------------------------------------------------

# (from when, level), oldest first: what the reporting deadlines are measured against.
LevelHistory = tuple[tuple[datetime, Level], ...]
_LEVEL_VALUES = frozenset(level.value for level in Level)


def _history_error(message: str) -> FieldError:
    return FieldError("level_changes", sentence("级别变更记录无法读取：{0}", message))


def level_history(raw: Any) -> LevelHistory:
    """An incident's stored level history (JSON text, or the list it holds: [[ISO time,
    level], ...]) read as aware times and levels, oldest first; an empty list gives ().

    A history written behind the app's back (an SQLite editor, an edited field package) is
    refused with a FieldError rather than read half-way: a time without a UTC offset cannot
    be compared with the desk's times (every deadline measured from it would fail), an
    unknown level has no reporting rule, and a history going back in time would put a later
    level in force before an earlier one. Equal times are allowed (two changes in one minute).
    """
    history = raw
    if isinstance(raw, str | bytes):
        try:
            history = json.loads(raw)
        except (ValueError, RecursionError):
            raise _history_error(sentence("不是有效的 JSON")) from None
    if not isinstance(history, list):
        raise _history_error(sentence("应为由「时间, 级别」组成的列表"))
    read: list[tuple[datetime, Level]] = []
    for number, item in enumerate(history, start=1):
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
                and isinstance(item[1], str)):
            raise _history_error(sentence("第 {0} 条不是「时间, 级别」", number))
        try:
            at = datetime.fromisoformat(item[0])
        except ValueError:
            raise _history_error(sentence("第 {0} 条的时间「{1}」无法识别", number,
                                          Verbatim(item[0][:40]))) from None
        if at.tzinfo is None or at.utcoffset() is None:
            raise _history_error(sentence("第 {0} 条的时间「{1}」没有时区（UTC 偏移）", number,
                                          Verbatim(item[0][:40])))
        if item[1] not in _LEVEL_VALUES:
            raise _history_error(sentence("第 {0} 条的级别「{1}」不在可选范围内", number,
                                          Verbatim(item[1][:20])))
        if read and at < read[-1][0]:
            raise _history_error(sentence("第 {0} 条的时间早于前一条（记录顺序颠倒）", number))
        read.append((at, Level(item[1])))
    return tuple(read)


def require_ends_at(history: LevelHistory, level: str) -> None:
    """A history the app wrote ends at the level the incident has now: each change of level
    appends the new one. One that ends elsewhere was edited behind the app's back, and the
    deadlines counted from it (when the update reports fall due) would not be the
    incident's. An empty history (a desk from before level histories were kept) is read as
    the incident's level since it was received, so it passes."""
    if history and history[-1][1].value != level:
        raise FieldError("level_changes", sentence(
            "级别变更记录与当前级别不符（记录止于{0}，事件现为{1}）",
            LEVEL_SHORT[history[-1][1]], _level_name(level)))


def _level_name(level: str) -> str:
    try:
        return LEVEL_SHORT[Level(level)]
    except ValueError:  # (an unknown level: quoted as stored)
        return Verbatim(level[:20])


def level_history_or_start(raw: Any, received_at: datetime, level: str) -> LevelHistory:
    """The level history as far as it can be used: the stored one when it reads (see
    `level_history`) and ends at the incident's level, else the level the incident has
    now, from when it was received, so an unreadable or edited history (which `check`
    names) never stops a page or a count, nor moves a deadline."""
    try:
        history = level_history(raw if raw else "[]")
        require_ends_at(history, level)
    except FieldError:
        history = ()
    if history:
        return history
    try:
        current = Level(level)
    except ValueError:
        current = Level.UNRATED
    return ((received_at, current),)


def level_history_text(history: LevelHistory) -> str:
    """The history as it is stored: [[ISO time, level], ...]."""
    return json.dumps([[at.isoformat(), level.value] for at, level in history])


def level_history_after_change(raw: Any, received_at: datetime, level: str, moment: datetime,
                               new_level: Level) -> str:
    """The stored history once the level changes to `new_level` at `moment`: read as the
    deadlines read it (an unreadable one starts again from the level the incident had),
    and never stamped before its last change (a received time set minutes ahead), so the
    history stays in order."""
    history = level_history_or_start(raw, received_at, level)
    return level_history_text((*history, (max(moment, history[-1][0]), new_level)))


# --- suggested level ------------------------------------------------------------------

# (level, minimum deaths, minimum serious injuries (the form's 受伤), minimum direct loss in yuan)
_THRESHOLDS = (
    (Level.I, 30, 100, 100_000_000),
    (Level.II, 10, 50, 50_000_000),
    (Level.III, 3, 10, 10_000_000),
)


@dataclass(frozen=True)
class LevelSuggestion:
    level: Level
    reasons: tuple[str, ...]

    def describe(self) -> str:
        if not self.reasons:
            return sentence("建议：{0}（死亡、受伤和直接经济损失均未达较大级标准）",
                            LEVEL_LABELS[self.level])
        return sentence("建议：{0}（{1}）", LEVEL_LABELS[self.level], joined(list(self.reasons), "；"))


def suggest_level(deaths: int, injured: int, economic_loss: int) -> LevelSuggestion:
    """The highest level any one measure reaches ("以上" includes the bound)."""
    for level, min_deaths, min_injured, min_loss in _THRESHOLDS:
        reasons = []
        if deaths >= min_deaths:
            reasons.append(sentence("死亡 {0} 人 ≥ {1}", deaths, min_deaths))
        if injured >= min_injured:
            # The form asks for 受伤; the regulation counts serious injuries, which the
            # hint says in the same words as the field it reads.
            reasons.append(sentence("受伤 {0} 人 ≥ {1}（条例按重伤计，请核实伤情）", injured,
                                    min_injured))
        if economic_loss >= min_loss:
            reasons.append(sentence("直接经济损失 {0:g} 万元 ≥ {1} 万元", economic_loss / 10_000,
                                    min_loss // 10_000))
        if reasons:
            return LevelSuggestion(level, tuple(reasons))
    return LevelSuggestion(Level.IV, ())


def mass_incident_command(people: int, county_over: int, city_from: int) -> str:
    """Who commands a mass incident (群体性事件) by the number of participants."""
    if people >= city_from:
        return sentence("参与 {0} 人（≥ {1}）：由市级指挥处置", people, city_from)
    if people > county_over:
        return sentence("参与 {0} 人（> {1}）：由县级指挥处置", people, county_over)
    return sentence("参与 {0} 人（≤ {1}）：由本镇会同相邻乡镇处置", people, county_over)


# --- the facts taken down at intake -------------------------------------------------------

COUNTS = ("deaths", "injured", "missing", "trapped", "people_involved")
COUNT_LABELS = {"deaths": "死亡", "injured": "受伤", "missing": "失踪", "trapped": "被困",
                "people_involved": "涉及人数"}
TEXTS: Mapping[str, tuple[str, int, bool]] = {  # key: (label, max length, required)
    "title": ("标题", 200, True),
    "received_via": ("接报方式", 16, False),
    "location": ("地点", 200, False),
    "reporter": ("报告人", 64, False),
    "reporter_unit": ("报告人单位", 64, False),
    "reporter_post": ("报告人职务", 64, False),
    "reporter_phone": ("报告人电话", 32, False),
    "subtype": ("事件子类", 32, False),
    "summary": ("事件概要", 20_000, False),
    "actions_taken": ("已采取措施", 20_000, False),
    "informed": ("已知情领导和单位", 2_000, False),
}


@dataclass(frozen=True)
class IncidentFacts:
    """Everything the officer records about an incident, validated."""

    received_at: datetime
    title: str
    category: Category
    level: Level = Level.UNRATED
    subtype: str = ""
    received_via: str = ""
    occurred_at: datetime | None = None
    location: str = ""
    reporter: str = ""
    reporter_unit: str = ""
    reporter_post: str = ""
    reporter_phone: str = ""
    deaths: int = 0
    injured: int = 0
    missing: int = 0
    trapped: int = 0
    people_involved: int = 0
    economic_loss: int = 0
    summary: str = ""
    actions_taken: str = ""
    informed: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def casualties(self) -> tuple[int, int, int, int]:
        return (self.deaths, self.injured, self.missing, self.trapped)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}


FIELD_NAMES = frozenset(f.name for f in fields(IncidentFacts) if f.name != "extra")


def _count(raw: Any, key: str, label: str, maximum: int | None = None) -> int:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return 0
    if isinstance(raw, bool):
        raise FieldError(key, sentence("{0}应为不小于 0 的整数", label))
    try:
        value = int(str(raw).strip()) if not isinstance(raw, int) else raw
    except ValueError:
        raise FieldError(key, sentence("{0}应为不小于 0 的整数，「{1}」不是整数", label, raw)) from None
    if value < 0:
        raise FieldError(key, sentence("{0}不能为负数（{1}）", label, value))
    return check_count(value, key, label, *(() if maximum is None else (maximum,)))


def _text(raw: Any, key: str, label: str, required: bool, length: int) -> str:
    return clean_text(raw, key, label, required=required, max_length=length)


def validate_facts(values: Mapping[str, Any], now: datetime) -> tuple[IncidentFacts,
                                                                       list[FieldError]]:
    """Check every field at once so a form can mark all the wrong ones together.

    Times must already be aware datetimes (parsing local text is the caller's business).
    Returns the facts (meaningless when there are errors) and the errors.
    """
    errors: list[FieldError] = []
    unknown = sorted(set(values) - FIELD_NAMES)
    errors += [FieldError(key, sentence("未知字段「{0}」", key)) for key in unknown]

    def attempt(fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except FieldError as error:
            errors.append(error)
            return None

    texts = {key: attempt(_text, values.get(key), key, label, required, length) or ""
             for key, (label, length, required) in TEXTS.items()}
    if values.get("category") in (None, ""):
        category = None
        errors.append(FieldError("category", sentence("请选择事件类别")))
    else:
        category = attempt(parse_category, values.get("category"))
    level = attempt(parse_level, values.get("level"))
    counts: dict[str, Any] = {key: attempt(_count, values.get(key), key, COUNT_LABELS[key]) or 0
                              for key in COUNTS}
    loss = attempt(_count, values.get("economic_loss"), "economic_loss", "直接经济损失",
                   MAX_LOSS) or 0
    if texts["title"] and is_json_structure(texts["title"]):
        errors.append(FieldError("title", sentence("标题不能是 JSON 列表或对象，请填写事件的简要名称")))
    if category is not None and texts["subtype"] and texts["subtype"] not in SUBTYPES[category]:
        errors.append(FieldError("subtype", sentence(
            "「{0}」不是{1}的子类，应为 {2}", texts["subtype"], CATEGORY_LABELS[category],
            "、".join(SUBTYPES[category]))))
    received = values.get("received_at")
    occurred = values.get("occurred_at")
    if not isinstance(received, datetime):
        errors.append(FieldError("received_at", sentence("请填写接报时间")))
    elif received > now + FUTURE_TOLERANCE:
        errors.append(FieldError("received_at", sentence("接报时间比现在晚 5 分钟以上，请检查日期和时间")))
    if occurred is not None and not isinstance(occurred, datetime):
        errors.append(FieldError("occurred_at", sentence("发生时间无法识别")))
    elif isinstance(occurred, datetime) and isinstance(received, datetime) and occurred > received:
        errors.append(FieldError("occurred_at", sentence("发生时间不能晚于接报时间")))
    if errors:
        return IncidentFacts(now, "", Category.ACCIDENT), errors
    # Without errors both were read: a missing one appended an error above.
    assert isinstance(received, datetime) and category is not None
    facts = IncidentFacts(
        received_at=received, title=texts["title"], category=category, level=level,
        subtype=texts["subtype"], received_via=texts["received_via"], occurred_at=occurred,
        location=texts["location"], reporter=texts["reporter"],
        reporter_unit=texts["reporter_unit"], reporter_post=texts["reporter_post"],
        reporter_phone=texts["reporter_phone"], economic_loss=loss,
        summary=texts["summary"], actions_taken=texts["actions_taken"],
        informed=texts["informed"], **counts,
    )
    return facts, []
