"""The desk's settings as one frozen, typed snapshot, and the rule views built from it.

The registry (domain/settings.py) says what each setting is, its default and its check; the
values come out of it as plain JSON-friendly primitives keyed by name. Reading them by
string key let a typo pass until it ran. Everything that uses a setting reads it here, as
an attribute mypy checks; `of` refuses a name the registry does not know, and a unit test
holds the fields and the registry to the same names and types, so the two cannot drift.

The views (`zone`, `rules`, `clock`, `roster`, `weights`, `relay`, `daily`) are built once
per snapshot: a use case reads the snapshot once inside its transaction and every rule it
applies comes from the same values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import time
from functools import cached_property
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from dutyroom.domain.daily_report_days import DailyRules
    from dutyroom.domain.deadlines import ReportRules
    from dutyroom.domain.duty_clock import ClockRules
    from dutyroom.domain.fairness import Weights
    from dutyroom.domain.roster import RosterRules
    from dutyroom.domain.warnings import RelayRules


@dataclass(frozen=True)
class DeskSettings:
    """Every setting's effective value (see the registry for labels, defaults, sources)."""

    unit_name: str  # 单位名称
    desk_name: str  # 值班室名称
    handover_time: str  # 交接班时间
    timezone: str  # 时区
    font_scale: int  # 字体缩放
    desk_phone: str  # 值班电话
    lock_minutes: int  # 无操作自动锁屏（分钟）
    tiers_workday: str  # 工作日值班层级
    tiers_weekend: str  # 周末值班层级
    tiers_holiday: str  # 节假日值班层级
    tiers_sensitive: str  # 敏感时期值班层级
    officers_workday: int  # 工作日值班员人数
    officers_weekend: int  # 周末值班员人数
    officers_holiday: int  # 节假日值班员人数
    officers_sensitive: int  # 敏感时期值班员人数
    chief_may_lead: bool  # 主要领导可顶带班领导
    min_rest_days: int  # 两次值班最少间隔（天）
    weight_workday: int  # 工作日值班权重
    weight_weekend: int  # 周末值班权重
    weight_holiday: int  # 节假日值班权重
    roster_seconds: int  # 自动排班时限（秒）
    comp_days_per_holiday: int  # 节假日值班补休（天/次）
    report_phone_major: int  # Ⅰ、Ⅱ级电话报告时限（分钟）
    report_written_major: int  # Ⅰ、Ⅱ级书面报告时限（分钟）
    report_phone_larger: int  # Ⅲ级电话报告时限（分钟）
    report_written_larger: int  # Ⅲ级书面报告时限（分钟）
    report_phone_general: int  # Ⅳ级电话报告时限（分钟）
    report_written_general: int  # Ⅳ级书面报告时限（分钟）
    report_phone_unrated: int  # 待核定电话报告时限（分钟）
    report_written_unrated: int  # 待核定书面报告时限（分钟）
    update_times_major: str  # Ⅰ、Ⅱ级续报时间
    update_times_other: str  # Ⅲ、Ⅳ级及待核定续报时间
    final_report_days: int  # 终报时限（天）
    late_entry_minutes: int  # 补录界限（分钟）
    mass_county_over: int  # 群体性事件县级指挥（人数超过）
    mass_city_from: int  # 群体性事件市级指挥（人数达到）
    alert_warning_minutes: int  # 提前提醒（分钟）
    checkin_before_minutes: int  # 接班签到提前（分钟）
    checkin_after_minutes: int  # 接班签到截止（分钟）
    checkin_tiers: str  # 需签到的层级
    presence_start: str  # 在岗确认开始
    presence_end: str  # 在岗确认结束
    presence_interval_minutes: int  # 在岗确认间隔（分钟）
    presence_window_minutes: int  # 在岗确认时限（分钟）
    rota_report_days: int  # 节假日值班表报备（提前天数）
    rota_report_time: str  # 值班表报备截止时间
    daily_report_time: str  # 节假日值班日报时间
    villages: str  # 村(社区)名单
    responsible_roles: str  # 责任人岗位
    relay_roles_red: str  # 红色、橙色预警叫应岗位
    relay_roles_yellow: str  # 黄色预警叫应岗位
    relay_roles_by_type: str  # 按预警类型收窄叫应岗位
    relay_minutes_red: int  # 红色预警叫应时限（分钟）
    relay_minutes_orange: int  # 橙色预警叫应时限（分钟）
    relay_minutes_yellow: int  # 黄色预警叫应时限（分钟）
    relay_minutes_blue: int  # 蓝色预警叫应时限（分钟）
    relay_attempts: int  # 转 AB角前呼叫次数
    partner_office_start: str  # 联动单位上班时间
    partner_office_end: str  # 联动单位下班时间
    daily_report_periods: bool  # 敏感时期每日报送值班日报
    flood_season_start: str  # 主汛期开始（月-日）
    flood_season_end: str  # 主汛期结束（月-日）
    attachment_limit_mb: int  # 附件大小上限（MB）
    demo_data: bool  # 示例数据

    @classmethod
    def of(cls, values: DeskSettings | Mapping[str, Any]) -> DeskSettings:
        """The snapshot of these effective values (`registry.resolve`'s answer), the
        registry's defaults for any not given; a name the registry does not know is refused
        (a typo, or a setting removed) rather than ignored."""
        if isinstance(values, DeskSettings):
            return values
        from dutyroom.domain.settings import SETTINGS

        known = {d.key for d in SETTINGS}
        unknown = sorted(set(values) - known)
        if unknown:
            raise KeyError(f"no such setting: {', '.join(unknown)}")
        return cls(**{d.key: values.get(d.key, d.default) for d in SETTINGS})

    def as_dict(self) -> dict[str, Any]:
        """By name, for what is keyed by the registry itself: the settings form, storage."""
        return asdict(self)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    # --- the views --------------------------------------------------------------------------

    @cached_property
    def zone(self) -> ZoneInfo:
        """The desk's zone: its dates and clock times, whatever the computer's zone is."""
        return ZoneInfo(self.timezone)

    @cached_property
    def handover(self) -> time:
        from dutyroom.domain.local_time import clock_time

        return clock_time(self.handover_time)

    @cached_property
    def rules(self) -> ReportRules:
        """The upward-reporting rules (deadlines by level, updates, the final report)."""
        from dutyroom.domain.deadlines import rules_from_settings

        return rules_from_settings(self)

    @cached_property
    def clock(self) -> ClockRules:
        """The duty clock's rules: check-in, presence prompts, holiday reports."""
        from dutyroom.domain.duty_clock import rules_from_settings

        return rules_from_settings(self)

    @cached_property
    def roster(self) -> RosterRules:
        from dutyroom.domain.roster import rules_from_settings

        return rules_from_settings(self)

    @cached_property
    def weights(self) -> Weights:
        from dutyroom.domain.fairness import weights_from_settings

        return weights_from_settings(self)

    @cached_property
    def relay(self) -> RelayRules:
        from dutyroom.domain.warnings import rules_from_settings

        return rules_from_settings(self)

    @cached_property
    def daily(self) -> DailyRules:
        from dutyroom.domain.daily_report_days import rules_from_settings

        return rules_from_settings(self)

    @property
    def unit_title(self) -> str:
        """The unit's name where a title needs one, else the desk's."""
        return self.unit_name or self.desk_name
