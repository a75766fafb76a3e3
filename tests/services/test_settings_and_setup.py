from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, text

from dutyroom.db.models import Department, Staff
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    attachment_service,
    demo,
    incident_views,
    instruction_service,
    integrity_service,
    plan_service,
    roster_service,
    settings_service,
    shift_service,
    staff_service,
)
from dutyroom.services.errors import InputError
from dutyroom.services.incident_views import IncidentQuery


def test_settings_round_trip_and_audit(backend):
    assert settings_service.load_settings(backend.uow)["handover_time"] == "08:30"
    saved = settings_service.save_settings(backend.uow, {"unit_name": "青山镇人民政府",
                                                          "handover_time": "9:00"})
    assert saved.changes.settings
    values = settings_service.load_settings(backend.uow)
    assert (values["unit_name"], values["handover_time"]) == ("青山镇人民政府", "09:00")
    again = settings_service.save_settings(backend.uow, {"unit_name": "青山镇人民政府"})
    assert not again.changes
    with backend.engine.connect() as connection:
        assert connection.execute(text(
            "SELECT count(*) FROM audit_entries WHERE entity = 'setting'")).scalar() == 2  # a key each


def test_one_bad_setting_saves_none(backend):
    with pytest.raises(InputError) as caught:
        settings_service.save_settings(backend.uow, {"unit_name": "新名字",
                                                      "timezone": "Mars/Base"})
    assert [p.field for p in caught.value.problems] == ["timezone"]
    assert settings_service.load_settings(backend.uow)["unit_name"] == ""


def test_demo_town(backend, tmp_path):
    report = demo.seed_demo(backend.uow, now=datetime(2026, 11, 23, 3, 0, tzinfo=UTC)).value
    assert (report.staff, report.departments) == (30, 20)
    view = roster_service.roster_view(backend.uow, date(2026, 11, 1), date(2027, 1, 31))
    assert report.duties == sum(len(d.slots) for d in view.days) > 180
    assert view.breaks == []  # three months, every slot filled by the rules
    people = staff_service.list_staff(backend.uow)
    counts = {tier: sum(1 for p in people if p.tier == tier) for tier in Tier}
    assert counts == {Tier.CHIEF: 4, Tier.LEADER: 10, Tier.OFFICER: 16}
    assert len({p.mobile for p in people}) == 30
    values = settings_service.load_settings(backend.uow)
    assert values["demo_data"] is True and "示例" in values["unit_name"]
    # a sample plan filed for the sample chemical leak, a real PDF the viewer opens
    [plan] = plan_service.plans_for(backend.uow, "危化品泄漏")
    assert "示例" in plan.title and plan.file is not None and plan.file.is_pdf
    copy = attachment_service.write_copy(backend.uow, plan.file.id, tmp_path)
    assert copy.read_bytes().startswith(b"%PDF-") and b"%%EOF" in copy.read_bytes()[-32:]
    leak = next(r for r in incident_views.list_incidents(backend.uow, IncidentQuery()).rows
                if r.subtype == "危化品泄漏")
    assert plan_service.plans_for(backend.uow, leak.subtype) == [plan]  # its 附件 tab lists it
    assert integrity_service.run_check(backend.uow, backend.engine).ok
    seeded = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    (order,) = instruction_service.list_instructions(backend.uow, "open", at=seeded)
    assert order.subject == "事件「青山化工园区储罐泄漏」" and order.leader_name == "陈建国"
    assert order.due_at > seeded and len(order.feedback) == 1
    assert not demo.seed_demo(backend.uow).changes  # a second run adds nothing
    with backend.uow.read() as session:
        assert session.scalar(select(func.count()).select_from(Staff)) == 30
        assert session.scalar(select(func.count()).select_from(Department)) == 20


@pytest.mark.parametrize("moment", [
    datetime(2026, 12, 1, 0, 5, tzinfo=UTC),     # 08:05 in the desk's zone, before the handover
    datetime(2026, 11, 30, 23, 59, tzinfo=UTC),  # 07:59: the computer's date is a day behind
    datetime(2027, 1, 31, 16, 5, tzinfo=UTC),    # 00:05 on 1 February: a new month, old shift
    datetime(2026, 12, 31, 14, 3, tzinfo=UTC),   # 22:03 on New Year's Eve, prompts all evening
])
def test_demo_seeds_the_running_shift_at_any_hour(backend, moment):
    """CI once ran the demo at 08:05 in Beijing on the 1st of a month, on a machine whose
    calendar said the 1st: the rota began on the 1st and the running shift (still the 30th's)
    had nobody to confirm presence. The demo must work at every hour on every machine."""
    demo.seed_demo(backend.uow, now=moment)
    shift = shift_service.shift_view(backend.uow, moment)
    assert all(slot.staff is not None for slot in shift.slots)
    assert integrity_service.run_check(backend.uow, backend.engine).ok


def test_demo_is_never_mixed_into_a_desk_in_use(backend):
    staff_service.add_staff(backend.uow, {"name": "张三", "tier": "值班员", "mobile": "13800138000"})
    with pytest.raises(InputError, match="已有 1 名人员"):
        demo.seed_demo(backend.uow)
    assert len(staff_service.list_staff(backend.uow)) == 1


FIRST_ADMIN = {"username": "admin", "display_name": "王主任", "password": "desk-2026!",
               "confirm": "desk-2026!"}


@pytest.mark.owner  # makes the first account, which the desks' role may not
@pytest.mark.parametrize("admin, unit, field", [
    (FIRST_ADMIN, {"unit_name": "青山镇人民政府", "handover_time": "25:00"}, "handover_time"),
    ({**FIRST_ADMIN, "password": "short", "confirm": "short"},
     {"unit_name": "青山镇人民政府", "handover_time": "08:30"}, "password"),
])
def test_first_run_makes_the_whole_desk_or_nothing(backend, admin, unit, field):
    """The wizard's administrator and the unit's settings are one transaction: a refusal of
    either leaves neither (before, a bad setting after the administrator left an account
    with no desk name, and the wizard's retry had to remember it)."""
    from dutyroom.services import user_service

    with pytest.raises(InputError) as refused:
        user_service.set_up_desk(backend.uow, admin, unit)
    assert refused.value.problems[0].field == field
    assert not user_service.has_users(backend.uow)
    assert settings_service.load_settings(backend.uow)["unit_name"] == ""
    actor = user_service.set_up_desk(
        backend.uow, FIRST_ADMIN, {"unit_name": "青山镇人民政府", "handover_time": "08:00"}).value
    assert actor.role.value == "admin"
    assert settings_service.snapshot(backend.uow).handover_time == "08:00"
    assert integrity_service.run_check(backend.uow, backend.engine).ok
