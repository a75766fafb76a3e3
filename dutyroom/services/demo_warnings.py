"""The sample town's villages, their 基层责任人 with AB角, and two warnings: one cancelled
after a full relay, one yellow warning in force and partly relayed, so the 预警 page and the
责任人 tab show a desk in the middle of real work. Everything is invented."""

from __future__ import annotations

from datetime import datetime, timedelta

from dutyroom.domain.responsible import validate_responsible
from dutyroom.domain.roles import Permission
from dutyroom.domain.warnings import DEFAULT_ROLES
from dutyroom.services import responsible_service, settings_service, warning_service
from dutyroom.services.uow import UnitOfWork
from dutyroom.services.warning_readers import roles_in

VILLAGES = ("青山村", "石门村", "白沙村", "龙泉村", "桃源村", "杉木村", "大坪村", "新塘村",
            "黄花村", "柳溪村", "双河社区", "集镇社区")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = ("建华", "国强", "秀兰", "桂英", "志明", "海燕", "德福", "春花", "永红", "玉珍", "长青",
         "美玲", "振兴", "小军", "凤英", "晓东")
# Roles every village has, then those only the villages by the hills and the river have.
CORE = DEFAULT_ROLES[:3]
HILL = ("山洪预警员", "地灾群测群防员")


def _people() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    count = 0
    for v, village in enumerate(VILLAGES):
        roles = CORE + (HILL if v % 3 != 2 else ()) + (("水库山塘巡查员",) if v % 4 == 0 else ())
        names = []
        for role in roles:
            name = SURNAMES[count % len(SURNAMES)] + GIVEN[(count * 7) % len(GIVEN)]
            names.append(name)
            rows.append({"village": village, "role": role, "name": name,
                         "mobile": f"1350731{count:04d}", "notes": ""})
            count += 1
        # 书记 and 主任 back each other up; everyone else falls back to the 主任
        for index, row in enumerate(rows[-len(roles):]):
            row["backup"] = names[1] if index != 1 else names[0]
    return rows


def seed_warnings(uow: UnitOfWork, now: datetime) -> int:
    """Add the directory and the two warnings; returns how many 责任人 were added."""
    now = now.replace(microsecond=0)  # times a county notice could carry, not 21:17:57.054426
    with uow.write(Permission.LOG) as session:
        settings_service.write_settings(session, {"villages": "、".join(VILLAGES)}, uow.actor)
        roles = roles_in(session)
        people = [validate_responsible(roles=roles, **row) for row in _people()]
        added = responsible_service.insert_many(session, people, uow.actor)
    _cancelled(uow, now - timedelta(days=2, hours=3))
    _in_force(uow, now - timedelta(minutes=18))
    return added


def _cancelled(uow: UnitOfWork, at: datetime) -> None:
    """An orange 暴雨 warning for the river villages, everyone reached in time (one by
    the AB角 after three unanswered calls), cancelled six hours later."""
    added = warning_service.add_warning(uow, {
        "issuer": "县气象台", "type": "暴雨", "colour": "orange", "issued_at": at - timedelta(minutes=4),
        "valid_until": at + timedelta(hours=12), "villages": ["白沙村", "龙泉村", "柳溪村"],
        "text": "预计未来 6 小时内白沙、龙泉、柳溪一带降雨量将达 50 毫米以上，请做好防范。",
        "measures": "转移低洼地带和危房群众；巡查山塘水库；停止户外作业。", "received_at": at}, now=at).value
    for index, target in enumerate(added.targets):
        moment = at + timedelta(seconds=20 + 15 * index)
        if index == 2:
            for retry in range(3):
                warning_service.record_attempt(uow, added.warning.id, target.person_id, "phone",
                                               False, at=moment + timedelta(seconds=20 * retry),
                                               now=moment + timedelta(minutes=1))
            warning_service.record_attempt(uow, added.warning.id, target.person_id, "phone", True,
                                           at=moment + timedelta(seconds=70),
                                           now=moment + timedelta(minutes=2), backup=True)
            continue
        warning_service.record_attempt(uow, added.warning.id, target.person_id, "phone", True,
                                       at=moment, now=moment + timedelta(seconds=5))
    end = at + timedelta(hours=6)
    warning_service.add_warning(uow, {"supersedes": added.warning.id, "action": "cancel",
                                      "issued_at": end - timedelta(minutes=2), "received_at": end,
                                      "text": "降雨已减弱，解除暴雨橙色预警。"}, now=end)


def _in_force(uow: UnitOfWork, at: datetime) -> None:
    """A yellow 地质灾害气象风险 warning for the whole town, worked through for a while:
    most reached, two not answering, a text sent to one village's list."""
    added = warning_service.add_warning(uow, {
        "issuer": "县自然资源局", "type": "地质灾害气象风险", "colour": "yellow",
        "issued_at": at - timedelta(minutes=6), "valid_until": at + timedelta(hours=30),
        "villages": ["全镇"], "received_at": at,
        "text": "受持续降雨影响，全镇地质灾害气象风险较高（黄色预警）。",
        "measures": "加密隐患点巡查，发现险情立即组织群众撤离并报告。"}, now=at).value
    w = added.warning.id
    for index, target in enumerate(added.targets[:26]):
        moment = at + timedelta(seconds=40 * index + 30)
        answered = index % 9 != 4
        warning_service.record_attempt(uow, w, target.person_id, "phone", answered, at=moment,
                                       now=moment + timedelta(seconds=5))
    last = at + timedelta(minutes=17)
    warning_service.mark_sent(uow, w, "sms", village=added.targets[-1].village, at=last,
                              now=last)
