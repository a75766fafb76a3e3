"""The one typed registry of desk settings, with defaults and where each default comes from.

Rules differ between provinces and desks (docs/rules.md), so every number a rule uses is a
setting here; 设置 shows the source beside each one so a desk knows what it is changing.
Values are kept as JSON-friendly primitives (a time is "HH:MM") so any store can hold them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dutyroom.domain.contacts import clean_text
from dutyroom.domain.deadlines import PRESETS_BY_KEY, RULE_GROUPS, parse_clock_list
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.errors import FieldError
from dutyroom.domain.local_time import parse_month_day
from dutyroom.domain.responsible import parse_list
from dutyroom.domain.roster import MAX_OFFICERS, parse_tier_list, parse_tiers
from dutyroom.domain.text import sentence
from dutyroom.domain.warnings import (
    ALL_ROLES,
    DEFAULT_ROLES,
    TYPE_ROLES_KEY,
    YELLOW_ROLES,
    format_type_roles,
    parse_type_roles,
)

_HHMM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def _text(max_length: int, required: bool) -> Callable[[str, str, Any], Any]:
    def check(key: str, label: str, raw: Any) -> str:
        return clean_text(raw, key, label, required=required, max_length=max_length)

    return check


def _clock(key: str, label: str, raw: Any) -> str:
    if isinstance(raw, time):
        return raw.strftime("%H:%M")
    match = _HHMM.fullmatch(str(raw or "").strip())
    if not match:
        raise FieldError(key, sentence("{0}应为 24 小时制的 时:分，例如 08:30", label))
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _zone(key: str, label: str, raw: Any) -> str:
    value = str(raw or "").strip()
    try:
        if len(value) > 64:
            raise ValueError(value)
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise FieldError(key, sentence("「{0}」不是已知的时区，例如 Asia/Shanghai", value)) from None
    return value


def _integer(low: int, high: int, unit: str = "") -> Callable[[str, str, Any], Any]:
    def check(key: str, label: str, raw: Any) -> int:
        try:
            value = int(str(raw).strip().rstrip(unit or None))
        except ValueError:
            raise FieldError(key, sentence("{0}应为整数", label)) from None
        if not low <= value <= high:
            raise FieldError(key, sentence("{0}应在 {1}{2} 到 {3}{4} 之间", label, low, unit, high, unit))
        return value

    return check


def _tiers(key: str, label: str, raw: Any) -> str:
    tiers = parse_tiers(",".join(map(str, raw)) if isinstance(raw, list | tuple) else raw, key)
    return ",".join(t.value for t in tiers)


def _signing_tiers(key: str, label: str, raw: Any) -> str:
    tiers = parse_tier_list(",".join(map(str, raw)) if isinstance(raw, list | tuple) else raw, key)
    if not tiers:
        raise FieldError(key, sentence("{0}至少要有一个，例如 带班领导、值班员", label))
    return ",".join(t.value for t in tiers)


def _flag(key: str, label: str, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    raise FieldError(key, sentence("{0}应为是或否", label))


def _list(key: str, label: str, raw: Any) -> str:
    return "、".join(parse_list(raw, key, label))


def _roles(key: str, label: str, raw: Any) -> str:
    items = parse_list(raw, key, label)
    if not items:
        raise FieldError(key, sentence("{0}至少要有一个岗位，或填「全部」", label))
    return "、".join(items)


def _type_roles(key: str, label: str, raw: Any) -> str:
    return format_type_roles(parse_type_roles(raw, key, label))


def _month_day(key: str, label: str, raw: Any) -> str:
    parsed = parse_month_day(raw, key, label)
    return f"{parsed[0]:02d}-{parsed[1]:02d}" if parsed else ""


def _clock_list(key: str, label: str, raw: Any) -> str:
    return ",".join(t.strftime("%H:%M") for t in parse_clock_list(raw, key, label))


@dataclass(frozen=True)
class SettingDef:
    key: str
    label: str
    default: Any
    source: str
    check: Callable[[str, str, Any], Any]
    visible: bool = True

    def parse(self, raw: Any) -> Any:
        return self.check(self.key, self.label, raw)

    @property
    def kind(self) -> str:
        """What sort of value it is, so every settings form offers the same editor for it:
        "time" (a clock time), "tiers" (a choice of duty tiers), "flag", "integer", "text"."""
        if self.check in _KINDS:
            return _KINDS[self.check]
        return "integer" if type(self.default) is int else "text"


_KINDS: Mapping[Callable[[str, str, Any], Any], str] = {
    _clock: "time", _tiers: "tiers", _signing_tiers: "tiers", _flag: "flag"}


SETTINGS: tuple[SettingDef, ...] = (
    SettingDef("unit_name", "单位名称", "", "用于打印件标题和窗口标题",
               _text(40, required=False)),
    SettingDef("desk_name", "值班室名称", "总值班室", "用于打印件，默认「总值班室」",
               _text(40, required=True)),
    SettingDef("handover_time", "交接班时间", "08:30",
               "默认 08:30：24 小时值班，自交接班时间起至次日同一时间", _clock),
    SettingDef("timezone", "时区", "Asia/Shanghai",
               "默认 Asia/Shanghai（北京时间）；记录按 UTC 保存，按此时区显示", _zone),
    SettingDef("font_scale", "字体缩放", 100, "默认 100%，夜间或年长同志可调大",
               _integer(80, 200, "%")),
    SettingDef("desk_phone", "值班电话", "", "印在值班表上", _text(40, required=False)),
    SettingDef("lock_minutes", "无操作自动锁屏（分钟）", 15,
               "默认 15 分钟无人操作即锁屏，须重新登录；0 表示不自动锁屏", _integer(0, 240)),
    SettingDef("tiers_workday", "工作日值班层级", "leader,officer",
               "默认 带班领导 + 值班员（工作日规定）", _tiers),
    SettingDef("tiers_weekend", "周末值班层级", "leader,officer",
               "默认 带班领导 + 值班员", _tiers),
    SettingDef("tiers_holiday", "节假日值班层级", "chief,leader,officer",
               "默认 三级值班：主要领导 + 带班领导 + 值班员（粤府办〔2012〕55号等）", _tiers),
    SettingDef("tiers_sensitive", "敏感时期值班层级", "chief,leader,officer",
               "默认 三级值班，同节假日", _tiers),
    SettingDef("officers_workday", "工作日值班员人数", 1, "默认 1 人", _integer(1, MAX_OFFICERS)),
    SettingDef("officers_weekend", "周末值班员人数", 1, "默认 1 人", _integer(1, MAX_OFFICERS)),
    SettingDef("officers_holiday", "节假日值班员人数", 1,
               "默认 1 人（敏感时期内的节假日按敏感时期人数）", _integer(1, MAX_OFFICERS)),
    SettingDef("officers_sensitive", "敏感时期值班员人数", 2,
               "默认 2 人：粤府办〔2012〕55号要求特殊敏感时期双人值班", _integer(1, MAX_OFFICERS)),
    SettingDef("chief_may_lead", "主要领导可顶带班领导", False,
               "默认否：主要领导只排主要领导班次", _flag),
    SettingDef("min_rest_days", "两次值班最少间隔（天）", 1,
               "默认 1：同一人不连续两天值班", _integer(0, 14)),
    SettingDef("weight_workday", "工作日值班权重", 1,
               "默认 1：公平性按加权工作量比较（工作日 1、周末 2、节假日 3），同《劳动法》第四十四条"
               "加班工资倍数的比例", _integer(1, 10)),
    SettingDef("weight_weekend", "周末值班权重", 2,
               "默认 2：《劳动法》第四十四条，休息日安排工作又不能安排补休的，支付不低于工资的 200%",
               _integer(1, 10)),
    SettingDef("weight_holiday", "节假日值班权重", 3,
               "默认 3：《劳动法》第四十四条，法定休假日安排工作的，支付不低于工资的 300%",
               _integer(1, 10)),
    SettingDef("roster_seconds", "自动排班时限（秒）", 20,
               "默认 20 秒：到时给出已找到的最佳排班，并注明未证明最优；可随时取消", _integer(2, 600)),
    SettingDef("comp_days_per_holiday", "节假日值班补休（天/次）", 1,
               "默认每值一天节假日班补休一天，用于值班统计", _integer(0, 3)),
    *(
        SettingDef(f"report_{channel}_{group}", f"{label}{channel_label}时限（分钟）",
                   PRESETS_BY_KEY["national"].values[f"report_{channel}_{group}"],
                   PRESETS_BY_KEY["national"].source + ("；0 表示不要求电话报告"
                                                        if channel == "phone" else ""),
                   _integer(0 if channel == "phone" else 1, 24 * 60))
        for group, label in RULE_GROUPS
        for channel, channel_label in (("phone", "电话报告"), ("written", "书面报告"))
    ),
    SettingDef("update_times_major", "Ⅰ、Ⅱ级续报时间", "08:00,17:00",
               "默认每天 08:00 和 17:00 前各续报一次（重特大事件每日至少两次）", _clock_list),
    SettingDef("update_times_other", "Ⅲ、Ⅳ级及待核定续报时间", "17:00",
               "默认每天 17:00 前续报一次", _clock_list),
    SettingDef("final_report_days", "终报时限（天）", 0,
               "默认 0：国家无统一终报时限，办结前必须终报；可设为接报后若干天", _integer(0, 60)),
    SettingDef("late_entry_minutes", "补录界限（分钟）", 30,
               "默认 30：报送时间早于登记时间 30 分钟以上的为补录，须写明原因，并在处理经过、交接班记录"
               "和打印件上注明补录及两个时间", _integer(1, 24 * 60)),
    SettingDef("mass_county_over", "群体性事件县级指挥（人数超过）", 100,
               "默认超过 100 人由县级指挥，100 人以下本镇会同相邻乡镇处置（各地预案不同）",
               _integer(1, 100_000)),
    SettingDef("mass_city_from", "群体性事件市级指挥（人数达到）", 500,
               "默认 500 人以上由市级指挥", _integer(2, 1_000_000)),
    SettingDef("alert_warning_minutes", "提前提醒（分钟）", 10,
               "默认到期前 10 分钟提醒", _integer(1, 120)),
    SettingDef("checkin_before_minutes", "接班签到提前（分钟）", 15,
               "默认交接班前 15 分钟起可签到（接班人提前到岗）", _integer(0, 120)),
    SettingDef("checkin_after_minutes", "接班签到截止（分钟）", 15,
               "默认交接班后 15 分钟仍未签到即提醒", _integer(1, 120)),
    SettingDef("checkin_tiers", "需签到的层级", "leader,officer",
               "默认带班领导和值班员签到", _signing_tiers),
    SettingDef("presence_start", "在岗确认开始", "22:00", "默认夜间 22:00 起", _clock),
    SettingDef("presence_end", "在岗确认结束", "06:00", "默认至次日 06:00", _clock),
    SettingDef("presence_interval_minutes", "在岗确认间隔（分钟）", 120,
               "默认每 2 小时确认一次；0 表示不做在岗确认", _integer(0, 24 * 60)),
    SettingDef("presence_window_minutes", "在岗确认时限（分钟）", 10,
               "默认弹出后 10 分钟内确认，否则记为未确认", _integer(1, 120)),
    SettingDef("rota_report_days", "节假日值班表报备（提前天数）", 5,
               "默认节日第一天前 5 天报备值班表（有的地市要求 3 天）", _integer(0, 30)),
    SettingDef("rota_report_time", "值班表报备截止时间", "17:00", "默认当天 17:00 前", _clock),
    SettingDef("daily_report_time", "节假日值班日报时间", "15:00",
               "默认节假日每天 15:00 前报送值班日报（有事报事、无事报平安）", _clock),
    SettingDef("villages", "村(社区)名单", "",
               "本镇的村(社区)，用「、」分隔；责任人名单中出现的村(社区)也算在内，预警按此顺序列出",
               _list),
    SettingDef("responsible_roles", "责任人岗位", "、".join(DEFAULT_ROLES),
               "默认 9 类基层责任人岗位（预警信息接收与传达规定），可增删", _roles),
    SettingDef("relay_roles_red", "红色、橙色预警叫应岗位", ALL_ROLES,
               "默认「全部」：红色、橙色预警叫应预警区域内全部责任人", _roles),
    SettingDef("relay_roles_yellow", "黄色预警叫应岗位", "、".join(YELLOW_ROLES),
               "默认各村(社区)书记、主任和网格员", _roles),
    SettingDef(TYPE_ROLES_KEY, "按预警类型收窄叫应岗位", "",
               "默认不收窄。写成「山洪灾害：山洪预警员、村(社区)书记；地质灾害气象风险：地灾群测群防员、"
               "村(社区)书记」：这些类型的预警只叫应所列岗位（仍在该颜色的叫应岗位之内）", _type_roles),
    SettingDef("relay_minutes_red", "红色预警叫应时限（分钟）", 5,
               "默认 5 分钟：长治市水旱灾害防御预警「叫应」机制「确保5分钟内叫醒」", _integer(1, 240)),
    SettingDef("relay_minutes_orange", "橙色预警叫应时限（分钟）", 5,
               "默认 5 分钟，同红色预警", _integer(1, 240)),
    SettingDef("relay_minutes_yellow", "黄色预警叫应时限（分钟）", 30,
               "默认 30 分钟", _integer(1, 24 * 60)),
    SettingDef("relay_minutes_blue", "蓝色预警叫应时限（分钟）", 0,
               "默认 0：蓝色预警登记转发，不要求逐人叫应", _integer(0, 24 * 60)),
    SettingDef("relay_attempts", "转 AB角前呼叫次数", 3,
               "默认 3 次未接通后改叫 AB角（勉县叫应叫醒做法：5 分钟内呼叫 3 次）", _integer(1, 10)),
    SettingDef("partner_office_start", "联动单位上班时间", "08:30",
               "默认 08:30：工作日上班时间内派单打联动单位办公室，其余时间打当天值班人员", _clock),
    SettingDef("partner_office_end", "联动单位下班时间", "17:30",
               "默认 17:30：此后至次日上班前及节假日，按值班备勤表找当天值班人员", _clock),
    SettingDef("daily_report_periods", "敏感时期每日报送值班日报", True,
               "默认是：特殊敏感时期同节假日，每天报送值班日报", _flag),
    SettingDef("flood_season_start", "主汛期开始（月-日）", "",
               "默认不设；设了起止日期的，主汛期内每天报送值班日报（如 04-15 至 10-15，各地不同）",
               _month_day),
    SettingDef("flood_season_end", "主汛期结束（月-日）", "",
               "与开始日期同时设置；可跨年（如 11-15 至 次年 02-15）", _month_day),
    SettingDef("attachment_limit_mb", "附件大小上限（MB）", 20,
               "默认每个附件 20 MB：扫描的来文、传真、照片和预案一般在几 MB 以内；附件存在数据库里，"
               "随每次备份复制，过大的文件拖慢备份", _integer(1, 200)),
    SettingDef("demo_data", "示例数据", False, "dutyroom init --demo 写入", _flag,
               visible=False),
)

BY_KEY: Mapping[str, SettingDef] = {d.key: d for d in SETTINGS}


def definition(key: str) -> SettingDef:
    try:
        return BY_KEY[key]
    except KeyError:
        raise FieldError(key, sentence("没有名为「{0}」的设置", key)) from None


def resolve(stored: Mapping[str, Any]) -> dict[str, Any]:
    """Every setting's effective value: what the desk stored if still valid, else the default.

    A stored value that no longer passes its check (hand-edited file, an older version's
    format) falls back to the default instead of breaking the desk.
    """
    values: dict[str, Any] = {}
    for d in SETTINGS:
        if d.key in stored:
            try:
                values[d.key] = d.parse(stored[d.key])
                continue
            except FieldError:
                pass
        values[d.key] = d.default
    return values


def handover_clock(values: Mapping[str, Any]) -> time:
    return DeskSettings.of(values).handover
