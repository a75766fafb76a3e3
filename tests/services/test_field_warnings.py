"""Warnings in the field package: a laptop receives a warning and records 叫应 attempts
offline; merging back adds the new notices and attempts, never rolls a record back, never
adds an attempt twice, and keeps apart what the desk ended meanwhile (desk on SQLite or
PostgreSQL, the laptop an SQLite file)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from dutyroom.app import open_backend
from dutyroom.db.models import AuditEntry, Warning, WarningAttempt
from dutyroom.domain.roles import Actor, Role
from dutyroom.services import field_service, integrity_service, responsible_service, warning_service
from dutyroom.services.errors import InputError
from tests.fuzz.tables import contents
from tests.services.test_field_merge_attacks import _forge
from tests.services.test_warning_services import GOOD, write

NOW = datetime(2026, 7, 1, 18, 40, tzinfo=UTC)  # 02:40 at the desk
DAY = date(2026, 7, 2)
FIELD = Actor.user(9, "wang", "王五", Role.OFFICER, None)
MERGED = NOW + timedelta(hours=3)


def notice(**extra: object) -> dict[str, object]:
    return {"issuer": "县气象台", "type": "暴雨", "colour": "red", "issued_at": "2026-07-02T02:30",
            "valid_until": "2026-07-02T20:00", "villages": ["东村"], "text": "暴雨红色预警", **extra}


@pytest.fixture
def desk(backend, tmp_path):
    responsible_service.import_file(backend.uow, write(tmp_path, GOOD))
    warning_service.add_warning(backend.uow, notice(), now=NOW)
    return backend


def _ids(uow) -> dict[str, int]:
    return {p.name: p.id for p in responsible_service.directory(uow).people}


def _first(uow) -> int:
    return min(w.id for w in warning_service.list_warnings(uow, at=MERGED))


def _export(desk, path, minutes=1):
    return field_service.export_package(desk.uow, DAY, DAY + timedelta(days=2), path,
                                        now=NOW + timedelta(minutes=minutes)).value


def _laptop(path):
    laptop = open_backend(path, "tester")
    laptop.uow = laptop.uow.for_actor(FIELD)
    return laptop


def _call(uow, warning_id, name, minutes, answered=True, channel="phone", backup=False):
    at = NOW + timedelta(minutes=minutes)
    return warning_service.record_attempt(uow, warning_id, name, channel, answered, at=at, now=at,
                                          backup=backup).value


def _attempts(uow, warning_id, at=MERGED):
    board = warning_service.board(uow, warning_id, at)
    return {t.name: [(a.at, a.channel.value, a.outcome.value) for a in t.attempts]
            for t in board.targets}


def _merge(desk, path, minutes=180):
    return field_service.merge_package(desk.uow, path, now=NOW + timedelta(minutes=minutes)).value


def test_warnings_go_out_and_the_laptop_s_calls_come_back_once(desk, tmp_path):
    first = _first(desk.uow)
    _call(desk.uow, first, "张建国", 1, answered=False)
    made = _export(desk, tmp_path / "a.dutyroom", minutes=2)
    assert made.warnings == 1
    laptop = _laptop(tmp_path / "a.dutyroom")
    assert integrity_service.run_check(laptop.uow, laptop.engine).ok
    assert [t.name for t in warning_service.board(laptop.uow, first, NOW).targets] == [
        "张建国", "李秀英", "陈大勇"]  # the list and the directory came along
    _call(laptop.uow, first, "张建国", 3)
    _call(laptop.uow, first, "李秀英", 4, answered=False)
    west = warning_service.add_warning(laptop.uow, notice(colour="yellow", villages=["西村"]),
                                       now=NOW + timedelta(minutes=5)).value.warning.id
    _call(laptop.uow, west, "王德明", 6)
    laptop.close()
    _call(desk.uow, first, "陈大勇", 4)  # the desk went on calling meanwhile

    merged = _merge(desk, tmp_path / "a.dutyroom")
    assert merged.counts == {"added": 4, "same": 2}  # 1 notice, 3 calls; the desk's own two
    assert merged.conflicts == [] and merged.remarks == []
    calls = _attempts(desk.uow, first)
    assert calls["张建国"] == [(NOW + timedelta(minutes=1), "phone", "no_answer"),
                            (NOW + timedelta(minutes=3), "phone", "answered")]  # time order
    assert calls["李秀英"] == [(NOW + timedelta(minutes=4), "phone", "no_answer")]
    assert calls["陈大勇"] == [(NOW + timedelta(minutes=4), "phone", "answered")]
    field_warning = next(w for w in warning_service.list_warnings(desk.uow, at=MERGED)
                         if w.villages == ("西村",))
    assert (field_warning.colour.value, field_warning.reached, field_warning.to_reach) == (
        "yellow", 1, 2)
    assert field_warning.relay_due == NOW + timedelta(minutes=35)  # measured again at the desk
    assert integrity_service.run_check(desk.uow, desk.engine).ok

    before = contents(desk.engine)
    again = _merge(desk, tmp_path / "a.dutyroom", minutes=200)
    assert again.added == 0 and contents(desk.engine) == before  # the same file: nothing twice

    laptop = _laptop(tmp_path / "a.dutyroom")  # the laptop carries on and comes back again
    _call(laptop.uow, first, "李秀英", 8)
    laptop.close()
    third = _merge(desk, tmp_path / "a.dutyroom", minutes=220)
    assert third.counts == {"added": 1}
    assert _attempts(desk.uow, first)["李秀英"][-1] == (NOW + timedelta(minutes=8), "phone",
                                                      "answered")


def test_a_second_laptop_from_the_same_export_adds_only_its_own_calls(desk, tmp_path):
    first = _first(desk.uow)
    _export(desk, tmp_path / "a.dutyroom")
    shutil.copy(tmp_path / "a.dutyroom", tmp_path / "b.dutyroom")
    for path, name, minutes in ((tmp_path / "a.dutyroom", "张建国", 3),
                                (tmp_path / "b.dutyroom", "李秀英", 4)):
        laptop = _laptop(path)
        _call(laptop.uow, first, name, minutes)
        laptop.close()
    assert _merge(desk, tmp_path / "a.dutyroom").added == 1
    assert _merge(desk, tmp_path / "b.dutyroom").added == 1
    calls = _attempts(desk.uow, first)
    assert (len(calls["张建国"]), len(calls["李秀英"]), calls["陈大勇"]) == (1, 1, [])


def test_calls_after_the_desk_cancelled_are_kept_apart_and_said(desk, tmp_path):
    first = _first(desk.uow)
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    _call(laptop.uow, first, "张建国", 10)
    _call(laptop.uow, first, "李秀英", 40)
    laptop.close()
    warning_service.add_warning(desk.uow, {"supersedes": first, "action": "cancel",
                                           "issued_at": "2026-07-02T03:05"},
                                now=NOW + timedelta(minutes=30))
    merged = _merge(desk, tmp_path / "a.dutyroom")
    assert merged.counts == {"added": 1, "conflict": 1, "same": 1}  # same: the notice
    assert len(merged.conflicts) == 1
    assert "李秀英" in merged.conflicts[0] and "已解除" in merged.conflicts[0]
    calls = _attempts(desk.uow, first)
    assert len(calls["张建国"]) == 1 and calls["李秀英"] == []
    with desk.uow.read() as session:  # the laptop's call is evidence still: kept as a revision
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "field_unmerged")) == 1
    assert integrity_service.run_check(desk.uow, desk.engine).ok
    assert _merge(desk, tmp_path / "a.dutyroom", minutes=200).added == 0


@pytest.mark.parametrize("desk_action", ["upgrade", "cancel"])
def test_a_thread_continued_on_both_sides_is_a_conflict_line(desk, tmp_path, desk_action):
    first = _first(desk.uow)
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    update = warning_service.add_warning(laptop.uow, {
        "supersedes": first, "colour": "orange", "issued_at": "2026-07-02T03:00"},
        now=NOW + timedelta(minutes=25)).value.warning.id
    _call(laptop.uow, update, "张建国", 26)
    laptop.close()
    later = {"supersedes": first, "issued_at": "2026-07-02T03:05"}
    later |= {"action": "cancel"} if desk_action == "cancel" else {"colour": "red", "text": "升级"}
    warning_service.add_warning(desk.uow, later, now=NOW + timedelta(minutes=30))
    before = warning_service.list_warnings(desk.uow, at=MERGED)
    merged = _merge(desk, tmp_path / "a.dutyroom")
    assert merged.counts == {"conflict": 2, "same": 1}
    assert "暴雨橙色预警" in merged.conflicts[0] and "未并入" in merged.conflicts[0]
    assert ("解除" if desk_action == "cancel" else "值班台已在同一预警上登记") in merged.conflicts[0]
    assert "张建国" in merged.conflicts[1]
    assert warning_service.list_warnings(desk.uow, at=MERGED) == before  # nothing rolled back
    assert integrity_service.run_check(desk.uow, desk.engine).ok


def test_a_person_the_desk_deactivated_meanwhile_is_kept_and_remarked(desk, tmp_path):
    _export(desk, tmp_path / "a.dutyroom")
    responsible_service.set_person_active(desk.uow, _ids(desk.uow)["王德明"], False)
    laptop = _laptop(tmp_path / "a.dutyroom")
    west = warning_service.add_warning(laptop.uow, notice(colour="yellow", villages=["西村"]),
                                       now=NOW + timedelta(minutes=5)).value.warning.id
    _call(laptop.uow, west, "王德明", 6)
    laptop.close()
    merged = _merge(desk, tmp_path / "a.dutyroom")
    assert merged.counts == {"added": 2, "same": 1} and merged.conflicts == []
    assert len(merged.remarks) == 1 and "王德明" in merged.remarks[0] and "停用" in merged.remarks[0]
    field_warning = next(w for w in warning_service.list_warnings(desk.uow, at=MERGED)
                         if w.villages == ("西村",))
    assert (field_warning.reached, field_warning.to_reach) == (1, 2)


def test_a_person_added_only_on_the_laptop_refuses_the_merge(desk, tmp_path):
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    responsible_service.add_person(laptop.uow, {"name": "孙丽", "village": "西村", "role": "网格员",
                                                "mobile": "13900000001"})
    warning_service.add_warning(laptop.uow, notice(villages=["西村"]), now=NOW + timedelta(minutes=5))
    laptop.close()
    before = contents(desk.engine)
    with pytest.raises(InputError, match=r"孙丽.*不在值班台的基层责任人名录中"):
        _merge(desk, tmp_path / "a.dutyroom")
    assert contents(desk.engine) == before


FORGERIES = [
    ("UPDATE warning_attempts SET outcome = 'answered' WHERE id = (SELECT min(id) FROM"
     " warning_attempts)", "warning_attempt", WarningAttempt, "外勤包可能被改动过"),
    ("UPDATE warning_attempts SET outcome = 'sent' WHERE id = (SELECT max(id) FROM warning_attempts)",
     "warning_attempt", WarningAttempt,
     "叫应结果与联系方式不符"),
    ("UPDATE warnings SET colour = 'blue' WHERE id = 1", "warning", Warning, "外勤包可能被改动过"),
    ("UPDATE warnings SET colour = 'purple' WHERE id = 2", "warning", Warning, "颜色|预警级别|purple"),
    ("UPDATE warning_attempts SET at = '2026-07-01 10:00:00.000000' WHERE id = (SELECT max(id)"
     " FROM warning_attempts)", "warning_attempt",
     WarningAttempt, "早于接收预警"),
]


@pytest.mark.parametrize(("statement", "entity", "model", "word"), FORGERIES)
def test_a_forged_package_is_refused_whole(desk, tmp_path, statement, entity, model, word):
    first = _first(desk.uow)
    _call(desk.uow, first, "陈大勇", 1, answered=False)
    _export(desk, tmp_path / "a.dutyroom", minutes=2)
    laptop = _laptop(tmp_path / "a.dutyroom")
    warning_service.add_warning(laptop.uow, notice(colour="yellow", villages=["西村"]),
                                now=NOW + timedelta(minutes=5))
    _call(laptop.uow, first, "张建国", 6, answered=False)
    laptop.close()
    _forge(tmp_path / "a.dutyroom", statement, entity, model)
    before = contents(desk.engine)
    with pytest.raises(InputError, match=word):
        _merge(desk, tmp_path / "a.dutyroom")
    assert contents(desk.engine) == before


def test_an_attempt_edited_behind_the_laptop_fails_its_integrity_check(desk, tmp_path):
    first = _first(desk.uow)
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    _call(laptop.uow, first, "张建国", 3, answered=False)
    laptop.close()
    with sqlite3.connect(tmp_path / "a.dutyroom") as raw:
        raw.execute("UPDATE warning_attempts SET outcome = 'answered'")
    before = contents(desk.engine)
    with pytest.raises(InputError, match="完整性检查"):
        _merge(desk, tmp_path / "a.dutyroom")
    assert contents(desk.engine) == before


def _rename(uow, person_id, name):
    view = next(p for p in responsible_service.directory(uow).people if p.id == person_id)
    responsible_service.update_person(uow, person_id, {
        "name": name, "village": view.village, "role": view.role, "mobile": view.mobile})


@pytest.mark.parametrize("where", ["desk", "laptop"])
def test_a_person_renamed_on_either_side_still_merges_with_a_remark(desk, tmp_path, where):
    """The desk corrects 张建国 to 张建民 (or the laptop does) after the package left; the
    laptop's new notice lists him under the name it had. It is the same person (the package
    carried him): the merge goes through and says so, it is not refused as a stranger."""
    _export(desk, tmp_path / "a.dutyroom")
    person = _ids(desk.uow)["张建国"]
    laptop = _laptop(tmp_path / "a.dutyroom")
    if where == "desk":
        _rename(desk.uow, person, "张建民")
    else:
        _rename(laptop.uow, person, "张建明")  # the laptop's list then says 张建明
    update = warning_service.add_warning(laptop.uow, notice(villages=["东村"]),
                                         now=NOW + timedelta(minutes=5)).value.warning.id
    _call(laptop.uow, update, person, 6)
    laptop.close()
    merged = _merge(desk, tmp_path / "a.dutyroom")
    assert merged.counts == {"added": 2, "same": 1} and merged.conflicts == []
    assert len(merged.remarks) == 1 and "已改为" in merged.remarks[0]
    listed = "张建国" if where == "desk" else "张建明"
    assert listed in merged.remarks[0]
    newest = max(w.id for w in warning_service.list_warnings(desk.uow, at=MERGED))
    assert _attempts(desk.uow, newest)[listed] == [(NOW + timedelta(minutes=6), "phone", "answered")]
    assert integrity_service.run_check(desk.uow, desk.engine).ok


LIST_FORGERIES = [
    "UPDATE warning_targets SET name = '张三丰' WHERE id = (SELECT max(id) FROM warning_targets)",
    "UPDATE warning_targets SET role = '企业安全员' WHERE id = (SELECT max(id) FROM warning_targets)",
    "UPDATE warning_targets SET backup_name = '假AB角' WHERE id = (SELECT max(id) FROM warning_targets)",
]


@pytest.mark.parametrize("statement", LIST_FORGERIES)
def test_a_list_row_renamed_in_an_editor_is_refused(desk, tmp_path, statement):
    """A new notice's list names people as the laptop's directory had them: a name, role or
    AB角 typed into the file (its chain recomputed) would put a stranger on the desk's board."""
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    warning_service.add_warning(laptop.uow, notice(), now=NOW + timedelta(minutes=5))
    laptop.close()
    _forge(tmp_path / "a.dutyroom", statement, "warning", Warning)
    before = contents(desk.engine)
    with pytest.raises(InputError, match="与外勤笔记本上的责任人名录不符"):
        _merge(desk, tmp_path / "a.dutyroom")
    assert contents(desk.engine) == before


def test_an_attempt_copied_under_a_new_uuid_is_not_added_twice(desk, tmp_path):
    """Merged once, then the file's last call copied in an editor under another UUID (chain
    recomputed): the copy would count the call twice (one more 未接通 brings the AB角 early)."""
    first = _first(desk.uow)
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    _call(laptop.uow, first, "张建国", 3, answered=False)
    laptop.close()
    assert _merge(desk, tmp_path / "a.dutyroom").added == 1
    _forge(tmp_path / "a.dutyroom",
           "INSERT INTO warning_attempts (uuid, target_id, at, channel, outcome, via_backup, by,"
           " recorded_at) SELECT 'aaaaaaaa-0000-4000-8000-000000000001', target_id, at, channel,"
           " outcome, via_backup, by, recorded_at FROM warning_attempts WHERE id = (SELECT max(id)"
           " FROM warning_attempts)", "warning_attempt", WarningAttempt)
    before = contents(desk.engine)
    with pytest.raises(InputError, match="完全相同"):
        _merge(desk, tmp_path / "a.dutyroom", minutes=200)
    assert contents(desk.engine) == before
    assert len(_attempts(desk.uow, first)["张建国"]) == 1


def test_a_later_notice_received_before_the_one_it_follows_is_refused(desk, tmp_path):
    """The laptop's update says it arrived at 02:00, before the red notice it follows (02:40):
    it would end that relay before it began and be overdue on arrival. Refused, at the
    desk as on a package (its chain recomputed as an editor would)."""
    first = _first(desk.uow)
    with pytest.raises(InputError, match="接收时间不能早于它所跟随的通知"):
        warning_service.add_warning(desk.uow, {"supersedes": first, "colour": "orange",
                                               "issued_at": "2026-07-02T01:50",
                                               "received_at": "2026-07-02T02:00"},
                                    now=NOW + timedelta(minutes=10))
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    warning_service.add_warning(laptop.uow, {"supersedes": first, "colour": "orange",
                                             "issued_at": "2026-07-02T02:50"},
                                now=NOW + timedelta(minutes=15))
    laptop.close()
    _forge(tmp_path / "a.dutyroom", "UPDATE warnings SET issued_at = '2026-07-01 17:50:00.000000',"
           " received_at = '2026-07-01 18:00:00.000000' WHERE id = (SELECT max(id) FROM warnings)",
           "warning", Warning)
    before = contents(desk.engine)
    with pytest.raises(InputError, match="接收时间不能早于它所跟随的通知"):
        _merge(desk, tmp_path / "a.dutyroom")
    assert contents(desk.engine) == before
