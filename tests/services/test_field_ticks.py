"""处置要点 ticks in the field package (desk on SQLite or PostgreSQL, the laptop an SQLite
file): the laptop shows what the desk ticked, what the laptop ticked comes back once with its
who and when, the earlier of two ticks stands, a voided incident takes none, and a forged
tick refuses the whole package."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from dutyroom.app import open_backend
from dutyroom.db import audit
from dutyroom.db.models import AuditEntry, PlaybookTick, audit_key
from dutyroom.domain.playbooks import steps_for
from dutyroom.domain.roles import Actor, Role
from dutyroom.services import (
    field_service,
    handover_service,
    incident_service,
    incident_views,
    integrity_service,
    playbook_records,
    playbook_service,
    user_service,
)
from dutyroom.services.errors import InputError
from tests.fuzz.tables import contents
from tests.services.test_field_merge_attacks import _forge, people

NOW = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)  # 10:00 at the desk
DAY = date(2026, 7, 1)
FIELD = Actor.user(9, "wang", "王五", Role.OFFICER, None)
WANG = "王五(wang)"
LEAK = steps_for("危化品泄漏")
FLOOD = steps_for("山洪")

# Its desk is made with accounts, which on a server are made over the owner's connection.
pytestmark = pytest.mark.owner


def _at(minutes: int) -> datetime:
    return NOW + timedelta(minutes=minutes)


@pytest.fixture
def desk(backend):
    uow = backend.uow
    people(uow)
    incident_service.add_incident(uow, {"received_at": NOW.isoformat(), "title": "化工厂储罐泄漏",
                                        "category": "accident", "subtype": "危化品泄漏"}, now=NOW)
    return backend


def _export(desk, path, minutes=10):
    return field_service.export_package(desk.uow, DAY, DAY + timedelta(days=6), path, users=("wang",),
                                        now=_at(minutes)).value


def _laptop(path):
    laptop = open_backend(path, "tester")
    laptop.uow = laptop.uow.for_actor(FIELD)
    return laptop


def _id(uow, title) -> int:
    return next(r.id for r in incident_views.list_incidents(uow, incident_views.IncidentQuery()).rows
                if r.title == title)


def _tick(uow, title, step, minutes, done=True):
    playbook_service.set_step(uow, _id(uow, title), step, done, now=_at(minutes))


def _done(uow, title) -> dict[str, tuple[datetime, str]]:
    return {s.text: (s.ticked_at, s.ticked_by)
            for s in playbook_service.checklist(uow, _id(uow, title)) if s.done}


def _merge(desk, path, minutes=300):
    return field_service.merge_package(desk.uow, path, now=_at(minutes))


def _carried(desk, title, minutes=400) -> str:
    """The handover record's line of 处置要点 still to do for the incident, as the desk has it."""
    at = _at(minutes)
    view = handover_service.handover_view(desk.uow, handover_service.handover_day(desk.uow, at), at)
    line = next(line for s in view.record.sections for line in s.lines
                if line.key == f"playbook/{_id(desk.uow, title)}")
    return line.cells[1]


def test_ticks_go_out_and_the_laptop_s_come_back_once_with_its_who_and_when(desk, tmp_path):
    _tick(desk.uow, "化工厂储罐泄漏", LEAK[0], 2)
    _tick(desk.uow, "化工厂储罐泄漏", LEAK[4], 3)
    package = tmp_path / "a.dutyroom"
    _export(desk, package)

    laptop = _laptop(package)
    assert integrity_service.run_check(laptop.uow, laptop.engine).ok
    assert _done(laptop.uow, "化工厂储罐泄漏") == {LEAK[0]: (_at(2), "tester"),
                                                 LEAK[4]: (_at(3), "tester")}  # the desk's ticks
    _tick(laptop.uow, "化工厂储罐泄漏", LEAK[1], 40)
    _tick(laptop.uow, "化工厂储罐泄漏", LEAK[4], 41, done=False)  # unticking is not carried back
    incident_service.add_incident(laptop.uow, {"received_at": _at(50).isoformat(), "title": "山洪暴发",
                                               "category": "natural_disaster", "subtype": "山洪"},
                                  now=_at(50))
    _tick(laptop.uow, "山洪暴发", FLOOD[1], 55)
    laptop.close()
    _tick(desk.uow, "化工厂储罐泄漏", LEAK[0], 60, done=False)  # the desk unticks meanwhile

    first = _merge(desk, package)
    # the new incident and its tick, the laptop's tick on the desk's incident; the desk's
    # incident and its tick as they left
    assert first.value.counts == {"added": 3, "same": 2} and not first.value.conflicts
    assert first.changes.incidents
    assert _done(desk.uow, "化工厂储罐泄漏") == {LEAK[1]: (_at(40), WANG), LEAK[4]: (_at(3), "tester")}
    assert _done(desk.uow, "山洪暴发") == {FLOOD[1]: (_at(55), WANG)}
    with desk.uow.read() as session:
        audited = [(e.action, json.loads(e.payload)["ticked_by"], json.loads(e.payload)["step"])
                   for e in session.scalars(select(AuditEntry).where(
                       AuditEntry.entity == "playbook_tick", AuditEntry.action == "field_add"))]
    assert sorted(audited) == sorted([("field_add", WANG, LEAK[1]), ("field_add", WANG, FLOOD[1])])
    assert LEAK[1] not in _carried(desk, "化工厂储罐泄漏") and LEAK[2] in _carried(desk, "化工厂储罐泄漏")
    assert FLOOD[1] not in _carried(desk, "山洪暴发") and FLOOD[0] in _carried(desk, "山洪暴发")
    # as the record stood before the laptop's tick, the step was still open
    assert LEAK[1] in _carried(desk, "化工厂储罐泄漏", minutes=30)
    assert integrity_service.run_check(desk.uow, desk.engine).ok

    before = contents(desk.engine)
    again = _merge(desk, package, minutes=360)
    assert again.value.counts == {} and not again.changes  # merging twice adds nothing
    after = contents(desk.engine)
    assert {t: rows for t, rows in after.items() if t not in ("audit_log", "field_merges")} == \
        {t: rows for t, rows in before.items() if t not in ("audit_log", "field_merges")}


def test_a_step_ticked_on_both_sides_keeps_the_earlier_tick(desk, tmp_path):
    package = tmp_path / "a.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    _tick(laptop.uow, "化工厂储罐泄漏", LEAK[2], 40)  # before the desk's
    _tick(laptop.uow, "化工厂储罐泄漏", LEAK[3], 45)  # after the desk's
    laptop.close()
    _tick(desk.uow, "化工厂储罐泄漏", LEAK[2], 50)
    _tick(desk.uow, "化工厂储罐泄漏", LEAK[3], 30)
    merged = _merge(desk, package).value
    assert merged.counts == {"updated": 1, "same": 2} and not merged.conflicts
    assert _done(desk.uow, "化工厂储罐泄漏") == {LEAK[2]: (_at(40), WANG), LEAK[3]: (_at(30), "tester")}
    with desk.uow.read() as session:
        assert len(session.scalars(select(PlaybookTick)).all()) == 2  # never two of one step
    assert integrity_service.run_check(desk.uow, desk.engine).ok
    assert _merge(desk, package, minutes=360).value.counts == {}


def test_two_laptops_from_one_export_ticking_one_step_leave_the_earlier_tick(desk, tmp_path):
    first, second = tmp_path / "a.dutyroom", tmp_path / "b.dutyroom"
    _export(desk, first)
    shutil.copy(first, second)
    for package, ticks in ((first, ((LEAK[1], 50),)), (second, ((LEAK[1], 40), (LEAK[2], 45)))):
        laptop = _laptop(package)
        for step, minutes in ticks:
            _tick(laptop.uow, "化工厂储罐泄漏", step, minutes)
        laptop.close()
    assert _merge(desk, first).value.counts == {"added": 1, "same": 1}
    branch = _merge(desk, second, minutes=320).value  # the other copy: a branch of the line
    assert branch.counts == {"added": 1, "updated": 1} and not branch.conflicts
    assert _done(desk.uow, "化工厂储罐泄漏") == {LEAK[1]: (_at(40), WANG), LEAK[2]: (_at(45), WANG)}
    for package in (first, second):  # and neither adds anything a second time
        assert _merge(desk, package, minutes=360).value.counts == {}
    assert _done(desk.uow, "化工厂储罐泄漏") == {LEAK[1]: (_at(40), WANG), LEAK[2]: (_at(45), WANG)}
    assert integrity_service.run_check(desk.uow, desk.engine).ok


def test_a_tick_on_an_incident_voided_at_the_desk_is_not_taken_and_said_once(desk, tmp_path):
    package = tmp_path / "a.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    _tick(laptop.uow, "化工厂储罐泄漏", LEAK[1], 40)
    laptop.close()
    incident_service.void_incident(desk.uow, _id(desk.uow, "化工厂储罐泄漏"), None, "重复登记",
                                   now=_at(60))
    merged = _merge(desk, package).value
    assert merged.counts == {"conflict": 1, "same": 1}
    assert merged.conflicts == [f"事件「化工厂储罐泄漏」的处置要点「{LEAK[1]}」"
                                "（事件已在值班台作废，外勤 2026-07-01 10:40 的勾选未并入，已另存为修订）"]
    with desk.uow.read() as session:
        assert session.scalars(select(PlaybookTick)).all() == []
        kept = session.scalars(select(AuditEntry).where(AuditEntry.entity == "field_unmerged")).one()
        assert json.loads(kept.payload)["state"]["ticked_by"] == WANG  # the laptop's tick kept
    assert integrity_service.run_check(desk.uow, desk.engine).ok
    again = _merge(desk, package, minutes=360).value
    assert again.counts == {} and again.conflicts == []


def test_a_tick_on_a_step_the_desk_dropped_or_the_laptop_added_is_kept_and_named(desk, tmp_path):
    package = tmp_path / "a.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    playbook_service.save_playbooks(laptop.uow, {"危化品泄漏": [*LEAK, "查看现场视频"]}, now=_at(20))
    _tick(laptop.uow, "化工厂储罐泄漏", "查看现场视频", 40)
    _tick(laptop.uow, "化工厂储罐泄漏", LEAK[5], 41)
    laptop.close()
    playbook_service.save_playbooks(desk.uow, {"危化品泄漏": list(LEAK[:5])}, now=_at(30))
    merged = _merge(desk, package).value
    assert merged.counts == {"added": 2, "same": 1} and not merged.conflicts
    assert len(merged.remarks) == 2 and all("已不在值班台现行的处置要点清单中" in r for r in merged.remarks)
    steps = playbook_service.checklist(desk.uow, _id(desk.uow, "化工厂储罐泄漏"))
    # the desk's list, then the ticked steps no longer on it, as for a list edited at the desk
    assert [s.text for s in steps] == [*LEAK[:5], "查看现场视频", LEAK[5]]
    assert all(s.done for s in steps[5:]) and not any(s.done for s in steps[:5])
    assert "查看现场视频" not in _carried(desk, "化工厂储罐泄漏")
    with desk.uow.read() as session:  # the laptop's own list stays the laptop's
        assert playbook_records.own_lists(session)["危化品泄漏"] == LEAK[:5]
    assert integrity_service.run_check(desk.uow, desk.engine).ok


def test_a_tick_by_an_account_made_on_the_laptop_is_not_taken_and_the_rest_merges(desk, tmp_path):
    """Not the desk's account, yet made through the app (a package that carried none is set up
    with a new administrator on its first run): a conflict line, not a forgery."""
    package = tmp_path / "a.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    admin = laptop.uow.for_actor(Actor.user(99, "boss", "管理员", Role.ADMIN, None))
    user_service.add_user(admin, {"username": "li", "display_name": "李四", "role": "officer",
                                  "password": "Field-2026!", "confirm": "Field-2026!"})
    _tick(laptop.uow.for_actor(Actor.user(98, "li", "李四", Role.OFFICER, None)), "化工厂储罐泄漏",
          LEAK[1], 40)
    _tick(laptop.uow, "化工厂储罐泄漏", LEAK[2], 41)
    laptop.close()
    merged = _merge(desk, package).value
    assert merged.counts == {"added": 1, "conflict": 1, "same": 1}
    assert merged.conflicts == [f"事件「化工厂储罐泄漏」的处置要点「{LEAK[1]}」（勾选人「李四(li)」"
                                "是在外勤笔记本上新建的账户，不是外勤包带出的账户，这次勾选未并入，已另存为修订）"]
    assert _done(desk.uow, "化工厂储罐泄漏") == {LEAK[2]: (_at(41), WANG)}
    assert integrity_service.run_check(desk.uow, desk.engine).ok


def test_a_tick_that_left_the_desk_comes_back_changed_only_where_the_desk_unticked_it(desk, tmp_path):
    """The desk's ticks leave with the package at +10 min. LEAK[0]'s is edited in the file to
    +1 min and to wang (inside the clock tolerance, so it would win as the earlier): the desk
    still has its own tick, which stands. LEAK[4] the laptop unticks and re-ticks: the desk's
    stands too. LEAK[5] the desk unticks meanwhile: the laptop's re-tick is taken."""
    for step, minutes in ((LEAK[0], 9), (LEAK[4], 3), (LEAK[5], 5)):
        _tick(desk.uow, "化工厂储罐泄漏", step, minutes)
    package = tmp_path / "a.dutyroom"
    _export(desk, package)  # at +10 min
    laptop = _laptop(package)
    for step, minutes in ((LEAK[4], 40), (LEAK[5], 42)):
        _tick(laptop.uow, "化工厂储罐泄漏", step, minutes - 1, done=False)
        _tick(laptop.uow, "化工厂储罐泄漏", step, minutes)
    laptop.close()
    _forge(package, f"UPDATE playbook_ticks SET ticked_at = '{_at(1):%Y-%m-%d %H:%M:%S}.000000', "
           f"ticked_by = '{WANG}' WHERE step = '{LEAK[0]}'", "playbook_tick", PlaybookTick)
    _tick(desk.uow, "化工厂储罐泄漏", LEAK[5], 60, done=False)
    merged = _merge(desk, package).value
    assert merged.counts == {"added": 1, "same": 3} and not merged.conflicts
    assert _done(desk.uow, "化工厂储罐泄漏") == {LEAK[0]: (_at(9), "tester"), LEAK[4]: (_at(3), "tester"),
                                                 LEAK[5]: (_at(42), WANG)}
    assert integrity_service.run_check(desk.uow, desk.engine).ok
    assert _merge(desk, package, minutes=360).value.counts == {}


def test_ticks_by_an_account_renamed_on_the_laptop_merge_under_either_name(desk, tmp_path):
    package = tmp_path / "a.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    _tick(laptop.uow, "化工厂储罐泄漏", LEAK[1], 40)
    admin = laptop.uow.for_actor(Actor.user(99, "boss", "管理员", Role.ADMIN, None))
    wang = next(u for u in user_service.list_users(admin) if u.username == "wang")
    user_service.update_user(admin, wang.id, {"display_name": "老王"})
    _tick(laptop.uow.for_actor(Actor.user(wang.id, "wang", "老王", Role.OFFICER, None)),
          "化工厂储罐泄漏", LEAK[2], 41)
    laptop.close()
    merged = _merge(desk, package).value
    assert merged.counts == {"added": 2, "same": 1} and not merged.conflicts
    assert _done(desk.uow, "化工厂储罐泄漏") == {LEAK[1]: (_at(40), WANG), LEAK[2]: (_at(41), "老王(wang)")}


def _ticked_package(desk, tmp_path):
    package = tmp_path / "a.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    incident_service.add_incident(laptop.uow, {"received_at": _at(120).isoformat(), "title": "山洪暴发",
                                               "category": "natural_disaster", "subtype": "山洪"},
                                  now=_at(120))
    _tick(laptop.uow, "化工厂储罐泄漏", LEAK[1], 40)
    laptop.close()
    return package


FORGED = [
    (f"UPDATE playbook_ticks SET ticked_by = '赵六(zhao)' WHERE step = '{LEAK[1]}'",
     "勾选人「赵六\\(zhao\\)」不是外勤包带出的账户"),
    (f"UPDATE playbook_ticks SET ticked_by = 'zhao' WHERE step = '{LEAK[1]}'", "不是外勤包带出的账户"),
    # a made-up name before a carried login name: not how the app names wang
    (f"UPDATE playbook_ticks SET ticked_by = '镇长签批(wang)' WHERE step = '{LEAK[1]}'",
     "勾选人「镇长签批\\(wang\\)」不是外勤包带出的账户"),
    (f"UPDATE playbook_ticks SET ticked_at = '2099-01-01 00:00:00.000000' WHERE step = '{LEAK[1]}'",
     "勾选时间 .* 晚于合并时间"),
    (f"UPDATE playbook_ticks SET ticked_at = '2026-07-01 01:00:00.000000' WHERE step = '{LEAK[1]}'",
     "勾选时间 2026-07-01 09:00 早于外勤包导出时间"),
    # a tick moved onto the incident the laptop received later, stamped before it was received
    ("UPDATE playbook_ticks SET step = '通知水利站巡查山塘水库', incident_id = "
     "(SELECT id FROM incidents WHERE title = '山洪暴发')", "早于事件的接报时间"),
    (f"UPDATE playbook_ticks SET step = '顺便买包烟' WHERE step = '{LEAK[1]}'", "不是这起事件的处置要点"),
    # a step of another subtype's list
    (f"UPDATE playbook_ticks SET step = '{FLOOD[1]}' WHERE step = '{LEAK[1]}'", "不是这起事件的处置要点"),
]


@pytest.mark.parametrize(("statement", "word"), FORGED)
def test_a_forged_tick_refuses_the_whole_package(desk, tmp_path, statement, word):
    package = _ticked_package(desk, tmp_path)
    _forge(package, statement, "playbook_tick", PlaybookTick)
    before = contents(desk.engine)
    with pytest.raises(InputError, match=word):
        _merge(desk, package)
    assert contents(desk.engine) == before  # not even the genuine new incident


def test_a_tick_of_an_incident_the_package_does_not_hold_is_refused(desk, tmp_path):
    """A tick pointed at no incident, its chain recomputed: the package's own check finds the
    dangling reference before any entry is looked at."""
    package = _ticked_package(desk, tmp_path)
    with sqlite3.connect(package) as raw:  # an SQLite editor enforces no foreign keys
        raw.execute("UPDATE playbook_ticks SET incident_id = 9999")
    laptop = open_backend(package, "tester")
    try:
        with laptop.uow.write(None) as session:
            for row in session.scalars(select(PlaybookTick)):
                audit.append(session, actor=WANG, entity="playbook_tick", entity_id=audit_key(row),
                             action="update", payload=row.snapshot())
    finally:
        laptop.close()
    before = contents(desk.engine)
    with pytest.raises(InputError, match="incidents 记录不存在"):
        _merge(desk, package)
    assert contents(desk.engine) == before
