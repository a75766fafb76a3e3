"""Who acts is fixed for a unit of work's life: logging in returns an `Actor`, and acting as
them is a new unit of work over the same database (issue 19, item 3)."""

import json
import threading
from dataclasses import FrozenInstanceError

import pytest
from sqlalchemy import select

from dutyroom.db.models import AuditEntry
from dutyroom.domain.roles import NOBODY, Actor, Role
from dutyroom.services import staff_service, user_service
from dutyroom.services.errors import PermissionDenied
from dutyroom.services.uow import UnitOfWork

ADMIN = {"username": "admin", "display_name": "王主任", "password": "desk-2026!"}
PERSON = {"name": "张三", "tier": "值班员", "mobile": "13800000001"}


def test_a_unit_of_work_cannot_be_changed_to_act_as_someone_else(sqlite_backend):
    uow = sqlite_backend.uow
    for name, value in (("login", NOBODY), ("_sessions", None), ("_standing", None)):
        with pytest.raises(FrozenInstanceError):
            setattr(uow, name, value)
    with pytest.raises(AttributeError):
        uow.user = NOBODY  # a read-only view of the stored account
    assert not hasattr(uow, "act_as")
    assert uow.user.name == "tester" and uow.login.name == "tester"


def test_logging_in_leaves_the_unit_of_work_it_was_given_as_it_was(sqlite_backend):
    nobody = sqlite_backend.uow.for_actor(NOBODY)
    admin = user_service.create_first_admin(nobody, ADMIN).value
    assert nobody.user is NOBODY  # still nobody: making the account did not log in here
    again = user_service.login(nobody, "admin", "desk-2026!")
    assert nobody.user is NOBODY and again == admin
    with pytest.raises(PermissionDenied, match="未登录"):
        staff_service.add_staff(nobody, PERSON)
    as_admin = nobody.for_actor(again)
    staff_service.add_staff(as_admin, PERSON)
    with as_admin.read() as session:
        actors = session.scalars(select(AuditEntry.actor).where(AuditEntry.entity == "staff")).all()
    assert actors == ["王主任(admin)"] and as_admin.login is again


def test_units_of_work_for_different_people_share_the_database_not_the_identity(sqlite_backend):
    base = sqlite_backend.uow
    admin = user_service.create_first_admin(base, ADMIN).value
    officer = base.for_actor(admin)
    user_service.add_user(officer, {"username": "zhang", "display_name": "张三",
                                    "role": "officer", "password": "pass-word-1"})
    zhang = user_service.login(base, "zhang", "pass-word-1")
    desk_b = base.for_actor(zhang)
    assert (officer.user.role, desk_b.user.role) == (Role.ADMIN, Role.OFFICER)
    with pytest.raises(PermissionDenied, match="值班员"):
        user_service.add_user(desk_b, {"username": "li", "display_name": "李四",
                                       "role": "officer", "password": "pass-word-1"})
    assert officer.user.role == Role.ADMIN  # the other desk's refusal changed nothing here


def test_a_worker_thread_sees_one_whole_identity_while_another_desk_acts(sqlite_backend):
    """Eight threads write through their own people's units of work at once; every record
    is under the name of the unit of work that wrote it."""
    base = sqlite_backend.uow
    people = [Actor.system(f"值班员{n}") for n in range(8)]
    errors: list[BaseException] = []

    def work(uow: UnitOfWork, n: int) -> None:
        try:
            for k in range(3):
                staff_service.add_staff(uow, {"name": f"人员{n}-{k}", "tier": "值班员",
                                              "mobile": f"1380000{n:02d}{k:02d}"})
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(base.for_actor(p), n))
               for n, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with base.read() as session:
        rows = session.execute(select(AuditEntry.actor, AuditEntry.payload)
                               .where(AuditEntry.entity == "staff")).all()
    assert len(rows) == 24
    written = [(actor, json.loads(payload)["name"]) for actor, payload in rows]
    assert all(actor == f"值班员{name.split('-')[0][2:]}" for actor, name in written), written
