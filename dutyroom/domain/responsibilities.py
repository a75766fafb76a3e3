"""Who handles what (职责分工, "谁主管，谁负责"): for a kind of incident, the department
that leads and those that support.

The desk keeps one line per category and subtype (a line without a subtype covers the
whole category). At intake and dispatch the line of the incident's subtype — else of its
category — is proposed; the officer decides.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from dutyroom.domain.errors import FieldError
from dutyroom.domain.incidents import CATEGORY_LABELS, SUBTYPES, Category, parse_category
from dutyroom.domain.text import sentence

_SEPARATORS = re.compile(r"[、，,；;/\s]+")
MAX_SUPPORT = 12


@dataclass(frozen=True)
class DutyLine:
    """One line of the 职责分工 table, by department name."""

    category: Category
    subtype: str
    lead: str
    support: tuple[str, ...] = ()


def split_names(raw: object) -> list[str]:
    """Several departments in one cell, joined by 、 (or a comma, as people type)."""
    return [name for name in _SEPARATORS.split(str(raw or "").strip()) if name]


def duty_line(*, category: object, subtype: object, lead: object, support: object,
              departments: Collection[str]) -> DutyLine:
    """A line as typed or imported, checked against the departments in 通讯录; raises the
    first field's error."""
    the_category = parse_category(category)
    the_subtype = str(subtype or "").strip()
    if the_subtype and the_subtype not in SUBTYPES[the_category]:
        raise FieldError("subtype", sentence("「{0}」不是{1}的子类，应为 {2}", the_subtype,
                                             CATEGORY_LABELS[the_category],
                                             "、".join(SUBTYPES[the_category])))
    the_lead = str(lead or "").strip()
    if not the_lead:
        raise FieldError("lead", sentence("牵头单位不能为空"))
    if the_lead not in departments:
        raise FieldError("lead", sentence("通讯录中没有名为「{0}」的联动单位", the_lead))
    helpers = split_names(support if not isinstance(support, list | tuple) else "、".join(support))
    for name in helpers:
        if name not in departments:
            raise FieldError("support", sentence("通讯录中没有名为「{0}」的联动单位", name))
        if name == the_lead:
            raise FieldError("support", sentence("「{0}」已是牵头单位，不必再列为配合单位", name))
    if len(helpers) > MAX_SUPPORT:
        raise FieldError("support", sentence("配合单位最多 {0} 个", MAX_SUPPORT))
    return DutyLine(the_category, the_subtype, the_lead, tuple(dict.fromkeys(helpers)))


def propose(category: Category | str, subtype: str,
            lines: Collection[tuple[str, str]]) -> tuple[str, str] | None:
    """Which line of the table to propose from: the one for this subtype, else the one for
    the whole category (subtype ""), else none."""
    key = Category(category).value
    for wanted in ((key, subtype.strip()), (key, "")):
        if wanted in lines:
            return wanted
    return None


def basis(category: Category, subtype: str) -> str:
    """How the officer reads where a proposal came from."""
    return sentence("按职责分工（{0}）", subtype or CATEGORY_LABELS[category])


# The sample town's table (services/demo.py), as a town office writes it.
DEFAULT_DUTIES: tuple[tuple[Category, str, str, tuple[str, ...]], ...] = (
    (Category.ACCIDENT, "危化品泄漏", "镇应急管理办公室",
     ("青山消防救援站", "生态环境分局青山监测站", "青山镇卫生院", "青山派出所")),
    (Category.ACCIDENT, "道路交通事故", "县交警大队青山中队", ("青山镇卫生院", "镇交通运输管理站")),
    (Category.ACCIDENT, "火灾", "青山消防救援站", ("青山派出所", "青山镇卫生院", "青山供电所")),
    (Category.ACCIDENT, "溺水", "青山派出所", ("青山消防救援站", "青山镇卫生院", "镇中心学校")),
    (Category.ACCIDENT, "停水停电", "青山供电所", ("青山自来水公司",)),
    (Category.ACCIDENT, "公共设施和设备事故", "青山自来水公司", ("青山供电所", "镇综合行政执法队")),
    (Category.ACCIDENT, "", "镇应急管理办公室", ("青山消防救援站", "青山镇卫生院")),
    (Category.NATURAL_DISASTER, "山洪", "镇水利站",
     ("镇应急管理办公室", "县气象局青山观测站", "青山派出所")),
    (Category.NATURAL_DISASTER, "地质灾害", "镇自然资源所", ("镇应急管理办公室", "青山派出所")),
    (Category.NATURAL_DISASTER, "森林火情", "镇林业站", ("青山消防救援站", "镇应急管理办公室")),
    (Category.NATURAL_DISASTER, "", "镇应急管理办公室", ("镇水利站", "镇自然资源所")),
    (Category.PUBLIC_HEALTH, "食物中毒", "镇市场监管所", ("青山镇卫生院", "镇中心学校")),
    (Category.PUBLIC_HEALTH, "", "青山镇卫生院", ("镇社会事务办",)),
    (Category.SOCIAL_SECURITY, "群体性事件", "青山派出所", ("镇司法所", "镇综合行政执法队")),
    (Category.SOCIAL_SECURITY, "", "青山派出所", ("镇司法所",)),
)
