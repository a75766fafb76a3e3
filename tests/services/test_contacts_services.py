import pytest

from dutyroom.domain.tiers import Tier
from dutyroom.services import department_service, integrity_service, staff_service
from dutyroom.services.errors import ConflictError, InputError

ZHANG = {"name": "张三", "tier": "值班员", "mobile": "13800138000", "department": "党政办"}


def test_add_list_edit_deactivate(backend):
    uow = backend.uow
    added = staff_service.add_staff(uow, ZHANG)
    assert added.changes.staff and added.value.tier == Tier.OFFICER
    edited = staff_service.update_staff(uow, added.value.id, {**ZHANG, "tier": "带班领导",
                                                               "position": "副镇长"},
                                        version=added.value.version)
    assert edited.value.tier == Tier.LEADER and edited.value.version == 2
    unchanged = staff_service.update_staff(uow, added.value.id, {**ZHANG, "tier": "带班领导",
                                                                  "position": "副镇长"})
    assert not unchanged.changes
    off = staff_service.set_staff_active(uow, added.value.id, False)
    assert off.changes.staff and not off.value.active
    assert staff_service.list_staff(uow, include_inactive=False) == []
    assert [p.name for p in staff_service.list_staff(uow)] == ["张三"]
    assert integrity_service.run_check(uow, backend.engine).audit_entries == 3


def test_staff_are_listed_by_tier_then_as_entered(backend):
    for name, tier, mobile in [("官员", "值班员", "13800000001"), ("领导", "带班领导", "13800000002"),
                               ("书记", "主要领导", "13800000003"), ("科员", "值班员", "13800000004")]:
        staff_service.add_staff(backend.uow, {"name": name, "tier": tier, "mobile": mobile})
    assert [p.name for p in staff_service.list_staff(backend.uow)] == ["书记", "领导", "官员", "科员"]


@pytest.mark.parametrize(("change", "field"), [
    ({"name": "张三", "mobile": "13900139000"}, "name"),
    ({"name": "李四", "mobile": "13800138000"}, "mobile"),
])
def test_a_second_active_person_with_the_same_name_or_mobile_is_refused(backend, change, field):
    staff_service.add_staff(backend.uow, ZHANG)
    with pytest.raises(InputError) as caught:
        staff_service.add_staff(backend.uow, {**ZHANG, **change})
    assert caught.value.problems[0].field == field
    assert len(staff_service.list_staff(backend.uow)) == 1


def test_a_former_colleagues_name_may_be_reused_but_not_reactivated_twice(backend):
    first = staff_service.add_staff(backend.uow, ZHANG).value
    staff_service.set_staff_active(backend.uow, first.id, False)
    staff_service.add_staff(backend.uow, {**ZHANG, "mobile": "13900139000"})
    with pytest.raises(InputError, match="张三"):
        staff_service.set_staff_active(backend.uow, first.id, True)


def test_bad_fields_change_nothing(backend):
    with pytest.raises(InputError) as caught:
        staff_service.add_staff(backend.uow, {**ZHANG, "mobile": "1380013800"})
    assert caught.value.problems[0].field == "mobile"
    assert staff_service.list_staff(backend.uow) == []
    assert integrity_service.run_check(backend.uow, backend.engine).audit_entries == 0


def test_a_stale_edit_is_refused(backend):
    person = staff_service.add_staff(backend.uow, ZHANG).value
    staff_service.update_staff(backend.uow, person.id, {**ZHANG, "position": "科员"},
                               version=person.version)
    with pytest.raises(ConflictError, match="已被他人修改"):
        staff_service.update_staff(backend.uow, person.id, {**ZHANG, "position": "主任"},
                                   version=person.version)
    assert staff_service.list_staff(backend.uow)[0].position == "科员"


def test_unknown_id(backend):
    with pytest.raises(InputError, match="没有编号为 42 的人员"):
        staff_service.set_staff_active(backend.uow, 42, False)


def test_departments(backend):
    uow = backend.uow
    police = department_service.add_department(uow, {
        "name": "派出所", "duty_phone": "0731-86210110", "liaison_name": "李四",
        "liaison_mobile": "13900139000", "first_line": True}).value
    department_service.add_department(uow, {"name": "林业站", "duty_phone": "0731-86210240"})
    assert [d.name for d in department_service.list_departments(uow)] == ["派出所", "林业站"]
    with pytest.raises(InputError, match="已有名为「派出所」"):
        department_service.add_department(uow, {"name": "派出所", "duty_phone": "110"})
    with pytest.raises(InputError) as caught:
        department_service.update_department(uow, police.id, {"name": "派出所", "duty_phone": "x"})
    assert caught.value.problems[0].field == "duty_phone"
    moved = department_service.update_department(
        uow, police.id, {"name": "青山派出所", "duty_phone": "110", "first_line": True},
        version=police.version)
    assert moved.value.name == "青山派出所"
    department_service.set_department_active(uow, police.id, False)
    assert [d.name for d in department_service.list_departments(uow, False)] == ["林业站"]
    assert integrity_service.run_check(uow, backend.engine).ok


def test_a_rule_refusing_inside_a_transaction_is_bad_input_and_saves_nothing(backend):
    """The unit of work turns a duty rule's FieldError into InputError on the rule's field,
    and rolls back what the transaction had already written."""
    from dutyroom.db.models import Department
    from dutyroom.domain.errors import FieldError
    from dutyroom.domain.roles import Permission

    uow = backend.uow
    with pytest.raises(InputError) as refused, uow.write(Permission.LOG) as session:
        session.add(Department(name="半途而废的单位", duty_phone="0571-88888888", active=True))
        session.flush()
        raise FieldError("name", "名称不合规")
    assert refused.value.problems[0].field == "name"
    assert refused.value.problems[0].message == "名称不合规"
    assert all(d.name != "半途而废的单位" for d in department_service.list_departments(uow))
    with pytest.raises(InputError) as refused, uow.read():
        raise FieldError("from", "日期无效")
    assert refused.value.problems[0].field == "from"
