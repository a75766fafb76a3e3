"""A believable sample town, so a new user sees a working desk at once.

Everything here is invented (names, numbers, the town of 青山镇) and the desk is flagged
as holding sample data, which the GUI shows on every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from dutyroom.db.models import Staff
from dutyroom.domain.contacts import validate_department, validate_staff
from dutyroom.domain.tiers import Tier
from dutyroom.services import department_service, settings_service, staff_service
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

UNIT_NAME = "青山镇人民政府（示例）"

# (name, position, department)
CHIEFS = [
    ("周立新", "党委书记", "镇党委"), ("陈建国", "镇长", "镇政府"),
    ("林秀英", "人大主席", "镇人大"), ("黄志强", "党委副书记", "镇党委"),
]
LEADERS = [
    ("王海涛", "副镇长", "镇政府"), ("李红梅", "副镇长", "镇政府"),
    ("张明远", "党委委员、武装部长", "武装部"), ("刘晓东", "纪委书记", "纪委"),
    ("赵丽华", "组织委员", "党政办"), ("孙国平", "宣传委员", "党政办"),
    ("吴志刚", "政法委员", "综治中心"), ("郑文斌", "副镇长", "镇政府"),
    ("何春燕", "党政办主任", "党政办"), ("马建军", "应急办主任", "应急管理办"),
]
OFFICERS = [
    ("杨帆", "科员", "党政办"), ("朱婷", "科员", "党政办"), ("胡斌", "科员", "应急管理办"),
    ("高雪", "科员", "综治中心"), ("罗军", "科员", "农业农村办"), ("梁静", "科员", "社会事务办"),
    ("宋涛", "科员", "经济发展办"), ("谢敏", "科员", "党政办"), ("韩磊", "科员", "自然资源所"),
    ("唐丽", "科员", "财政所"), ("冯伟", "科员", "应急管理办"), ("邓洁", "科员", "社会事务办"),
    ("曹阳", "科员", "综合执法队"), ("彭亮", "科员", "党政办"), ("曾芳", "科员", "农业农村办"),
    ("肖勇", "科员", "经济发展办"),
]

# (name, duty phone, liaison, liaison mobile, liaison post, first line)
DEPARTMENTS = [
    ("青山派出所", "0731-86210110", "蒋卫东", "13707310101", "副所长", True),
    ("青山消防救援站", "0731-86210119", "田振华", "13707310102", "站长", True),
    ("县交警大队青山中队", "0731-86210122", "袁野", "13707310103", "中队长", True),
    ("生态环境分局青山监测站", "0731-86210369", "潘志明", "13707310104", "站长", True),
    ("青山供电所", "0731-86210095", "董强", "13707310105", "所长", True),
    ("青山自来水公司", "0731-86210160", "余海", "13707310106", "经理", True),
    ("青山镇卫生院", "0731-86210120", "程慧", "13707310107", "院长", True),
    ("镇应急管理办公室", "0731-86210350", "马建军", "13707310108", "主任", True),
    ("镇水利站", "0731-86210231", "范立新", "13707310109", "站长", False),
    ("镇自然资源所", "0731-86210233", "石磊", "13707310110", "所长", False),
    ("镇农业综合服务中心", "0731-86210236", "姚红", "13707310111", "主任", False),
    ("镇市场监管所", "0731-86212315", "廖斌", "13707310112", "所长", False),
    ("镇综合行政执法队", "0731-86210238", "邹平", "13707310113", "队长", False),
    ("镇交通运输管理站", "0731-86210239", "熊伟", "13707310114", "站长", False),
    ("镇林业站", "0731-86210240", "金鑫", "13707310115", "站长", False),
    ("县气象局青山观测站", "0731-86210121", "陆雨", "13707310116", "站长", False),
    ("镇社会事务办", "0731-86210242", "夏琳", "13707310117", "主任", False),
    ("镇中心学校", "0731-86210243", "邱明", "13707310118", "校长", False),
    ("镇司法所", "0731-86210148", "方正", "13707310119", "所长", False),
    ("中国移动青山营业部", "0731-86210086", "崔浩", "13707310120", "经理", False),
]


@dataclass(frozen=True)
class DemoReport:
    staff: int
    departments: int


def _mobile(tier_index: int, person_index: int) -> str:
    return f"1390731{tier_index}{person_index:03d}"


def seed_demo(uow: UnitOfWork) -> Outcome[DemoReport]:
    """Fill an empty desk with the sample town; refuse to mix it into a desk in real use."""
    with uow.write() as session:
        current = settings_service.load_settings_in(session)
        existing = session.scalar(select(func.count()).select_from(Staff)) or 0
        if current["demo_data"]:
            return Outcome(DemoReport(0, 0), Changes())
        if existing:
            raise InputError([Problem(
                f"数据库中已有 {existing} 名人员，不能再加入示例数据；请为示例另建一个数据库",
                field="demo")])
        people = 0
        for tier_index, (tier, group) in enumerate(
                ((Tier.CHIEF, CHIEFS), (Tier.LEADER, LEADERS), (Tier.OFFICER, OFFICERS))):
            for index, (name, position, department) in enumerate(group):
                fields = validate_staff(name=name, tier=tier, mobile=_mobile(tier_index, index),
                                        office_phone=f"0731-8621{tier_index}{index:03d}",
                                        department=department, position=position)
                staff_service.insert_staff(session, fields, uow.actor)
                people += 1
        for name, phone, liaison, mobile, post, first_line in DEPARTMENTS:
            fields = validate_department(name=name, duty_phone=phone, liaison_name=liaison,
                                         liaison_mobile=mobile, liaison_position=post,
                                         first_line=first_line)
            department_service.insert_department(session, fields, uow.actor)
        settings_service.write_settings(
            session, {"unit_name": UNIT_NAME, "demo_data": True}, uow.actor)
        return Outcome(DemoReport(people, len(DEPARTMENTS)),
                       Changes(staff=True, departments=True, settings=True))
