"""处置要点: the desk's own first-hour steps for a kind of incident, as a checklist.

Each step is ticked with who and when (services/playbook_service.py, in the audit chain);
what is still unticked at a shift change is carried in the handover record, so nothing in
the first hour is forgotten between two officers. The steps are the desk's, not the
department's: whom to ring, what to report upward, what to ask for.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime, tzinfo

from dutyroom.domain.contacts import clean_text
from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import FUTURE_TOLERANCE
from dutyroom.domain.local_time import minute_text
from dutyroom.domain.roles import recorded_name
from dutyroom.domain.text import Verbatim, sentence

MAX_STEPS = 30  # a card by the phone, not a plan: the plan is filed as a PDF
MAX_STEP_LENGTH = 100

# Written as a town desk writes them on the card by the phone; keyed by incident subtype.
DEFAULT_PLAYBOOKS: Mapping[str, tuple[str, ...]] = {
    "危化品泄漏": (
        "问清泄漏物名称、数量、风向和周边人员，记下报告人电话",
        "30 分钟内电话首报县应急管理局总值班室",
        "通知消防救援站出警，说明泄漏物名称",
        "通知生态环境分局监测站到场监测",
        "通知村（社区）疏散下风向群众，设置警戒",
        "通知卫生院做好救治准备",
        "报告镇主要领导和带班领导",
    ),
    "道路交通事故": (
        "问清地点、车辆数、伤亡和是否堵路、有无危化品车辆",
        "通知交警中队到场",
        "有伤员的通知卫生院并拨打 120",
        "涉及危化品车辆的按危化品泄漏处置",
        "死亡 1 人以上的电话首报县应急管理局",
        "报告带班领导",
    ),
    "山洪": (
        "问清村组、水位和受威胁人数",
        "通知村（社区）山洪预警员鸣锣转移危险区群众",
        "通知水利站巡查山塘水库",
        "电话首报县防汛办（县应急管理局）",
        "报告镇主要领导，必要时启动防汛应急响应",
        "落实转移安置点和人员清点",
    ),
    "地质灾害": (
        "问清位置、规模、是否压埋人员和房屋",
        "通知村（社区）群测群防员撤离危险区人员",
        "通知自然资源所到场核查",
        "有人员被困的通知消防救援站",
        "电话首报县自然资源局和县应急管理局",
        "报告镇主要领导和带班领导",
    ),
    "火灾": (
        "问清地点、起火物、是否有人员被困",
        "确认已拨打 119，通知消防救援站",
        "通知派出所维护现场秩序",
        "有伤员的通知卫生院",
        "涉及电力的通知供电所断电",
        "报告带班领导，有伤亡的电话首报县应急管理局",
    ),
    "溺水": (
        "问清地点、落水人数和时间",
        "通知派出所和消防救援站组织搜救",
        "通知卫生院到场救治",
        "通知村（社区）干部到场，安抚家属",
        "涉及学生的通知中心学校",
        "报告带班领导，有死亡的电话首报县应急管理局",
    ),
    "群体性事件": (
        "问清地点、人数、诉求和有无过激行为",
        "通知派出所到场",
        "报告镇主要领导，按人数确定指挥层级",
        "通知司法所和相关村（社区）做好劝解",
        "电话首报县委县政府总值班室",
        "注意网络舆情，统一对外口径",
    ),
    "食物中毒": (
        "问清发病人数、就餐地点、症状和送医情况",
        "通知卫生院救治，重症转上级医院",
        "通知市场监管所封存可疑食品",
        "涉及学校的通知中心学校",
        "电话首报县卫健局和县市场监管局",
        "报告带班领导",
    ),
    "停水停电": (
        "问清范围、户数、原因和预计恢复时间",
        "停电的通知供电所抢修，停水的通知自来水公司",
        "了解医院、学校、养老院等重点单位受影响情况",
        "通知相关村（社区）做好解释",
        "超过 24 小时未恢复的报告带班领导",
    ),
    "森林火情": (
        "问清地点、火势、风向和周边村庄",
        "通知林业站和扑火队出动",
        "通知消防救援站",
        "通知村（社区）组织疏散周边群众",
        "电话首报县森林防火指挥部（县应急管理局）",
        "报告镇主要领导和带班领导",
    ),
}


def steps_for(subtype: str, own: Mapping[str, tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """The checklist for an incident of this subtype: the desk's own list when it keeps one
    (`own`, by subtype), else the shipped one; empty when there is neither."""
    key = subtype.strip()
    if own is not None and key in own:
        return own[key]
    return DEFAULT_PLAYBOOKS.get(key, ())


def _readable(step: str) -> str:
    """A step as the officer reads it: without invisible format characters (a zero-width
    space, a soft hyphen, a byte-order mark), which would make two steps that look the same
    two steps, one of them never ticked and carried to every next shift."""
    return "".join(c for c in step if unicodedata.category(c) != "Cf")


def clean_steps(raw: Sequence[object]) -> tuple[str, ...]:
    """A desk's list as it will be kept: each step one line (runs of spaces and line breaks
    become one space), not empty, at most MAX_STEP_LENGTH characters, none twice (a tick
    names its step by its text), at most MAX_STEPS. An empty list means the desk keeps no
    checklist for the subtype."""
    if isinstance(raw, str | bytes) or not isinstance(raw, Sequence):
        raise FieldError("steps", sentence("处置要点应为步骤的列表"))
    if len(raw) > MAX_STEPS:
        raise FieldError("steps", sentence("处置要点最多 {0} 步", MAX_STEPS))
    steps: list[str] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, str):
            raise FieldError("steps", sentence("第 {0} 步应为文字", number))
        text = clean_text(" ".join(_readable(item).split()), "steps", sentence("第 {0} 步", number),
                          required=True, max_length=MAX_STEP_LENGTH)
        if text in steps:
            raise FieldError("steps", sentence("第 {0} 步与第 {1} 步相同", number,
                                               steps.index(text) + 1))
        steps.append(text)
    return tuple(steps)


def unticked(steps: tuple[str, ...], ticked: Collection[str]) -> tuple[str, ...]:
    """The steps still to do, in their order: what the handover carries to the next shift."""
    return tuple(step for step in steps if step not in ticked)


# --- ticks made on a field laptop ----------------------------------------------------------


def account_labels(accounts: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each label the app writes as 勾选人 for these accounts ((display name, login name)
    pairs: a renamed account's every name), to its login name."""
    return {recorded_name(display, login): login for display, login in accounts}


def ticked_by_one_of(ticked_by: str, labels: Collection[str]) -> bool:
    """Whether a tick's 勾选人 is exactly one of these labels (`account_labels`: 姓名(登录名),
    as the app writes it for the user who ticked); a made-up name before a real login name is
    not one."""
    return ticked_by in labels


def check_field_tick(step: str, offered: Collection[str], ticked_by: str, labels: Collection[str],
                     ticked_at: datetime, received_at: datetime, zone: tzinfo) -> None:
    """A tick a field laptop brings back is one its app could have recorded: a step its
    checklist offered for the incident (`offered`: on the desk's list or on the list the
    laptop had, now or before an edit), by one of the laptop's accounts (`labels`, as the app
    writes them, `account_labels`: those the package carried, and any made on the laptop,
    under any name they had), not before the incident
    was received. Raises FieldError naming what cannot be (the package was edited)."""
    if step not in offered:
        raise FieldError("step", sentence(
            "「{0}」不是这起事件的处置要点（值班台和外勤笔记本的清单上都没有），外勤包可能被改动过",
            Verbatim(step[:MAX_STEP_LENGTH])))
    if not ticked_by_one_of(ticked_by, labels):
        raise FieldError("ticked_by", sentence(
            "勾选人「{0}」不是外勤包带出的账户（也不是笔记本上新建的），外勤包可能被改动过",
            Verbatim(ticked_by[:64])))
    if ticked_at < received_at - FUTURE_TOLERANCE:
        raise FieldError("ticked_at", sentence("勾选时间 {0} 早于事件的接报时间 {1}，外勤包可能被改动过",
                                               minute_text(ticked_at, zone),
                                               minute_text(received_at, zone)))


def field_tick_first(desk_ticked_at: datetime, field_ticked_at: datetime, *,
                     left_the_desk: bool = False) -> bool:
    """A step both the desk and the laptop ticked was done when it was first done: the
    laptop's tick (its who and when) replaces the desk's only when it is the earlier one.
    Not a conflict: both say the step is done.

    Except a tick that left the desk with the package (`left_the_desk`) and comes back
    changed while the desk still has its own tick for the step: the laptop could only have
    unticked and re-ticked it after the export, so the desk's is the earlier and stays (an
    earlier time or another who on it was written into the file, not ticked)."""
    return not left_the_desk and field_ticked_at < desk_ticked_at
