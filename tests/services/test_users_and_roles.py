"""Accounts, logging in, and each role's limits, through the services on SQLite and PostgreSQL."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from dutyroom.db.models import AuditEntry, Incident, User
from dutyroom.domain.roles import NOBODY, Role
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    incident_service,
    integrity_service,
    roster_service,
    settings_service,
    staff_service,
    user_service,
)
from dutyroom.services.errors import InputError, PermissionDenied

# Accounts are made and changed over the owner's connection on a server (README「多席位服务器」);
# test_server_roles.py logs in and works as the desk role, and shows it cannot change them.
pytestmark = pytest.mark.owner
ADMIN = {"username": "admin", "display_name": "王主任", "password": "desk-2026!", "confirm": "desk-2026!"}
INCIDENT = {"received_at": "2026-07-01T10:00", "title": "某村山体滑坡", "category": "natural_disaster"}
NOW = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)


def _add(uow, username, role, staff_id=None):
    return user_service.add_user(uow, {"username": username, "display_name": username.upper(),
                                       "role": role, "password": "pass-word-1",
                                       "staff_id": staff_id}).value


def test_first_run_creates_the_administrator_and_only_once(backend):
    uow = backend.uow
    assert not user_service.has_users(uow)
    actor = user_service.create_first_admin(uow, ADMIN).value
    uow = uow.for_actor(actor)
    assert actor.role == Role.ADMIN and uow.user == actor and uow.actor == "王主任(admin)"
    with pytest.raises(InputError, match="已有用户"):
        user_service.create_first_admin(uow, {**ADMIN, "username": "second"})
    with backend.uow.read() as session:
        stored = session.scalar(select(User.password_hash))
    assert stored.startswith("$argon2") and "desk-2026!" not in stored
    assert integrity_service.run_check(uow, backend.engine).ok


@pytest.mark.parametrize(("values", "field"), [
    ({**ADMIN, "username": "a"}, "username"),
    ({**ADMIN, "username": "有 空格"}, "username"),
    ({**ADMIN, "display_name": " "}, "display_name"),
    ({**ADMIN, "password": "short", "confirm": "short"}, "password"),
    ({**ADMIN, "password": "aaaaaaaaaa", "confirm": "aaaaaaaaaa"}, "password"),
    ({**ADMIN, "confirm": "different!"}, "confirm"),
])
def test_bad_account_input_is_refused_and_nothing_is_written(backend, values, field):
    with pytest.raises(InputError) as refused:
        user_service.create_first_admin(backend.uow, values)
    assert refused.value.problems[0].field == field
    assert not user_service.has_users(backend.uow)


def test_login_names_the_user_in_every_record_and_audit_entry(backend):
    uow = backend.uow
    uow = uow.for_actor(user_service.create_first_admin(uow, ADMIN).value)
    _add(uow, "zhangsan", "值班员")
    uow = uow.for_actor(NOBODY)
    actor = user_service.login(uow, "ZhangSan", "pass-word-1", now=NOW)
    uow = uow.for_actor(actor)
    assert actor.role == Role.OFFICER and uow.actor == "ZHANGSAN(zhangsan)"
    saved = incident_service.add_incident(uow, INCIDENT, now=NOW).value
    with uow.read() as session:
        row = session.get(Incident, saved.id)
        actors = [e.actor for e in session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "incident"))]
        logins = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "session")).all()
    assert row.created_by == "ZHANGSAN(zhangsan)" and actors == ["ZHANGSAN(zhangsan)"]
    assert logins == ["login", "login"]


def test_wrong_passwords_are_recorded_and_lock_the_account_for_a_while(backend):
    uow = backend.uow
    uow = uow.for_actor(user_service.create_first_admin(uow, ADMIN).value)
    _add(uow, "lisi", "officer")
    for attempt in range(5):
        with pytest.raises(InputError) as refused:
            user_service.login(uow, "lisi", "wrong-password", now=NOW + timedelta(seconds=attempt))
    assert "锁定" in refused.value.message
    with pytest.raises(InputError, match="锁定"):  # even the right password, for now
        user_service.login(uow, "lisi", "pass-word-1", now=NOW + timedelta(minutes=1))
    with pytest.raises(InputError, match="用户名或密码不正确"):
        user_service.login(uow, "nobody", "pass-word-1", now=NOW)
    assert user_service.login(uow, "lisi", "pass-word-1", now=NOW + timedelta(minutes=6)).role \
        == Role.OFFICER
    with uow.read() as session:  # the turning points (test_login_attacks.py has the rest)
        failed = session.scalars(select(AuditEntry.action).where(
            AuditEntry.action.like("login_%"))).all()
    assert failed == ["login_failed", "login_locked", "login_refused", "login_failed"]
    assert integrity_service.run_check(uow, backend.engine).ok


def test_each_role_may_do_its_own_work_and_nothing_more(backend):
    uow = backend.uow
    uow = uow.for_actor(user_service.create_first_admin(uow, ADMIN).value)
    officer = staff_service.add_staff(uow, {"name": "张三", "tier": "值班员", "mobile": "13800000001"})
    staff_service.add_staff(uow, {"name": "李四", "tier": "值班员", "mobile": "13800000002"})
    _add(uow, "officer", "值班员", officer.value.id)
    _add(uow, "leader", "带班领导")
    day = date(2026, 7, 1)
    roster_service.assign(uow, day, Tier.OFFICER, officer.value.id)
    roster_service.assign(uow, day + timedelta(days=3), Tier.OFFICER, officer.value.id + 1)

    uow = uow.for_actor(user_service.login(uow, "officer", "pass-word-1"))
    incident_service.add_incident(uow, INCIDENT, now=NOW)  # 值班员 logs
    for refused in (lambda: settings_service.save_settings(uow, {"unit_name": "某镇"}),
                    lambda: roster_service.publish(uow, day, day),
                    lambda: roster_service.swap(uow, day, day + timedelta(days=3), Tier.OFFICER,
                                                reason="家中有事"),
                    lambda: _add(uow, "intruder", "管理员")):
        with pytest.raises(PermissionDenied, match="值班员"):
            refused()

    uow = uow.for_actor(user_service.login(uow, "leader", "pass-word-1"))
    roster_service.swap(uow, day, day + timedelta(days=3), Tier.OFFICER, reason="家中有事")
    changes = roster_service.changes(uow, day, day)
    assert changes[0].approved_by == "LEADER(leader)"
    with pytest.raises(PermissionDenied, match="带班领导"):
        roster_service.publish(uow, day, day)

    uow = uow.for_actor(user_service.login(uow, "admin", "desk-2026!"))
    assert settings_service.save_settings(uow, {"unit_name": "某镇"}).changes.settings
    uow = uow.for_actor(NOBODY)
    with pytest.raises(PermissionDenied, match="未登录"):
        incident_service.add_incident(uow, INCIDENT, now=NOW)


def test_the_approver_is_the_account_logged_in_and_never_one_the_change_moves(backend):
    """A leader mapped to 李强 cannot approve moving 李强's own duty — by a swap or by a
    substitute — and no approver can be typed in: the record names the account that saved."""
    uow = backend.uow
    uow = uow.for_actor(user_service.create_first_admin(uow, ADMIN).value)
    people = {name: staff_service.add_staff(uow, {"name": name, "tier": tier,
                                                  "mobile": f"1380000000{n}"}).value.id
              for n, (name, tier) in enumerate((("李强", "带班领导"), ("王海", "带班领导"),
                                                ("陈明", "带班领导"), ("张三", "值班员"),
                                                ("李四", "值班员")))}
    _add(uow, "li", "带班领导", people["李强"])
    day = date(2026, 7, 1)
    for seat_day, leader, officer in ((day, "李强", "张三"), (day + timedelta(days=3), "王海", "李四")):
        roster_service.assign(uow, seat_day, Tier.LEADER, people[leader])
        roster_service.assign(uow, seat_day, Tier.OFFICER, people[officer])
    li = uow.for_actor(user_service.login(uow, "li", "pass-word-1"))
    before = (roster_service.roster_rows(uow, day, day + timedelta(days=3)),
              roster_service.changes(uow, day, day + timedelta(days=3)))
    for own in (lambda: roster_service.swap(li, day, day + timedelta(days=3), Tier.LEADER,
                                            reason="家中有事"),
                lambda: roster_service.assign(li, day, Tier.LEADER, people["陈明"],
                                              kind="substitute", reason="出差"),
                lambda: roster_service.assign(li, day + timedelta(days=3), Tier.LEADER,
                                              people["李强"], kind="substitute", reason="顶班")):
        with pytest.raises(InputError, match="不能批准涉及自己的换班或代班"):
            own()
    empty = day + timedelta(days=1)  # nobody on duty: a leader may not fill it by 代班
    with pytest.raises(InputError, match="还没有人值班，谈不上代班"):
        roster_service.assign(li, empty, Tier.LEADER, people["陈明"], kind="substitute",
                              reason="顶班")
    assert (roster_service.roster_rows(uow, day, day + timedelta(days=3)),
            roster_service.changes(uow, day, day + timedelta(days=3))) == before
    with pytest.raises(TypeError):  # no name can be typed in as the approver
        roster_service.swap(li, day, day + timedelta(days=3), Tier.OFFICER,  # type: ignore[call-arg]
                            reason="家中有事", approved_by="王局长")
    roster_service.swap(li, day, day + timedelta(days=3), Tier.OFFICER, reason="家中有事")
    roster_service.assign(li, day + timedelta(days=3), Tier.LEADER, people["陈明"],
                          kind="substitute", reason="出差")
    assert {c.approved_by for c in roster_service.changes(uow, day, day + timedelta(days=3))
            if c.kind != "安排"} == {"LI(li)"}


def test_the_last_administrator_stays_and_roles_change_under_audit(backend):
    uow = backend.uow
    admin = user_service.create_first_admin(uow, ADMIN).value
    uow = uow.for_actor(admin)
    with pytest.raises(InputError, match="唯一的管理员"):
        user_service.update_user(uow, admin.user_id, {"role": "值班员"})
    with pytest.raises(InputError, match="唯一的管理员"):
        user_service.update_user(uow, admin.user_id, {"active": False})
    other = _add(uow, "deputy", "值班员")
    user_service.update_user(uow, other.id, {"role": "管理员"})
    user_service.reset_password(uow, other.id, "new-pass-99", "new-pass-99")
    user_service.update_user(uow, admin.user_id, {"role": "带班领导"})
    with pytest.raises(PermissionDenied, match="带班领导"):  # demoted: at once, not at logout
        user_service.reset_password(uow, other.id, "new-pass-98", "new-pass-98")
    with pytest.raises(InputError):
        user_service.login(uow, "deputy", "pass-word-1")
    deputy = user_service.login(uow, "deputy", "new-pass-99")
    uow = uow.for_actor(deputy)
    assert deputy.role == Role.ADMIN
    user_service.change_own_password(uow, "new-pass-99", "third-pass-7", "third-pass-7")
    assert {(u.username, u.role) for u in user_service.list_users(uow)} == {
        ("admin", Role.LEADER), ("deputy", Role.ADMIN)}
    assert integrity_service.run_check(uow, backend.engine).ok


def test_a_role_changed_in_the_file_directly_is_caught_by_check(sqlite_backend):
    uow = sqlite_backend.uow
    uow = uow.for_actor(user_service.create_first_admin(uow, ADMIN).value)
    _add(uow, "zhao", "值班员")
    with sqlite_backend.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE users SET role = 'admin' WHERE username = 'zhao'")
    report = integrity_service.run_check(uow, sqlite_backend.engine)
    assert any("用户" in p and "直接改动" in p for p in report.problems)


def test_rights_are_those_stored_at_each_write_not_at_login(backend):
    """Desk B's officer and leader stay logged in while desk A's administrator deactivates
    one and demotes the other: their very next write is refused."""
    from dutyroom.services.uow import UnitOfWork

    admin_desk = backend.uow
    admin_desk = admin_desk.for_actor(user_service.create_first_admin(admin_desk, ADMIN).value)
    officer, leader = _add(admin_desk, "officer", "值班员"), _add(admin_desk, "leader", "带班领导")
    other_desk = UnitOfWork(admin_desk._sessions, "desk B")
    other_desk = other_desk.for_actor(user_service.login(other_desk, "officer", "pass-word-1"))
    incident_service.add_incident(other_desk, INCIDENT, now=NOW)
    user_service.update_user(admin_desk, officer.id, {"active": False})
    with pytest.raises(PermissionDenied, match="已被停用"):
        incident_service.add_incident(other_desk, INCIDENT, now=NOW)
    assert not other_desk.user.permissions  # and it stays refused, as if logged out

    other_desk = other_desk.for_actor(user_service.login(other_desk, "leader", "pass-word-1"))
    day = date(2026, 7, 1)
    user_service.update_user(admin_desk, leader.id, {"role": "officer"})
    with pytest.raises(PermissionDenied, match="值班员"):
        roster_service.swap(other_desk, day, day + timedelta(days=3), Tier.OFFICER, reason="有事")
    assert other_desk.user.role == Role.OFFICER
    user_service.update_user(admin_desk, leader.id, {"role": "leader"})
    incident_service.add_incident(other_desk, INCIDENT, now=NOW)  # promoted again: at once
    with backend.uow.read() as session:
        logged = session.scalar(select(func.count()).select_from(Incident))
    assert logged == 2
