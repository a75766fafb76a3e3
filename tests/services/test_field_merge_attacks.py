"""Field merges that must not lose or accept what they used to: two laptops from one export,
an older copy after a newer one, a package edited with an SQLite editor (chain recomputed),
a package from another desk, and the accounts a package carries."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, text

from dutyroom.app import open_backend
from dutyroom.db import audit, deadline_store
from dutyroom.db.models import Incident, UpwardReport, audit_key
from dutyroom.domain.roles import Actor, Role
from dutyroom.services import (
    dispatch_service,
    field_service,
    incident_service,
    incident_views,
    integrity_service,
    settings_service,
    staff_service,
    upward_reports,
    user_service,
)
from dutyroom.services.errors import InputError
from tests.fuzz.tables import contents

NOW = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)
DAY = date(2026, 7, 1)
FIELD = Actor.user(9, "wang", "王五", Role.OFFICER, None)

# Its desk is made with accounts, which on a server are made over the owner's connection.
pytestmark = pytest.mark.owner


def people(uow):
    """A staff member, and two accounts: 王五 (wang), who goes out, and 赵六 (zhao)."""
    staff_service.add_staff(uow, {"name": "张三", "tier": "值班员", "mobile": "13800000001"})
    for name, login in (("王五", "wang"), ("赵六", "zhao")):
        user_service.add_user(uow, {"username": login, "display_name": name, "role": "officer",
                                    "password": "Duty-2026!", "confirm": "Duty-2026!"})


@pytest.fixture
def desk(backend):
    uow = backend.uow
    people(uow)
    incident_service.add_incident(uow, {"received_at": NOW.isoformat(), "title": "河堤管涌",
                                        "category": "natural_disaster", "injured": 2}, now=NOW)
    incident_service.add_incident(uow, {"received_at": NOW.isoformat(), "title": "道路塌方",
                                        "category": "accident"}, now=NOW)
    return backend


def _export(desk, path, users=("wang",)):
    return field_service.export_package(desk.uow, DAY, DAY + timedelta(days=6), path, users=users,
                                        now=NOW).value


def _laptop(path):
    laptop = open_backend(path, "tester")
    laptop.uow = laptop.uow.for_actor(FIELD)
    return laptop


def _incident(uow, title):
    return next(r for r in incident_views.list_incidents(uow, incident_views.IncidentQuery()).rows
                if r.title == title)


def test_only_the_chosen_accounts_go_out_and_the_export_says_so(desk, tmp_path):
    report = _export(desk, tmp_path / "a.dutyroom")
    assert report.users == ("wang",)
    with sqlite3.connect(tmp_path / "a.dutyroom") as raw:
        assert [r[0] for r in raw.execute("SELECT username FROM users")] == ["wang"]
    with pytest.raises(InputError, match="没有可登录的用户「nobody」"):
        _export(desk, tmp_path / "b.dutyroom", users=("wang", "nobody"))


def _two_copies_a_sets_injured_7(desk, tmp_path):
    """One export copied to two laptops, a.dutyroom and c.dutyroom; team A sets 河堤管涌's
    injured to 7 on its copy. Returns the incident as the laptop lists it."""
    _export(desk, tmp_path / "a.dutyroom")
    shutil.copyfile(tmp_path / "a.dutyroom", tmp_path / "c.dutyroom")
    team_a = _laptop(tmp_path / "a.dutyroom")
    flood = _incident(team_a.uow, "河堤管涌")
    incident_service.update_incident(team_a.uow, flood.id, None, {"injured": 7}, "现场核实",
                                     now=NOW + timedelta(hours=1))
    team_a.close()
    return flood


def test_two_laptops_from_one_export(desk, tmp_path):
    """Team C never touched the incident team A changed: merging C after A keeps A's change."""
    _two_copies_a_sets_injured_7(desk, tmp_path)
    team_c = _laptop(tmp_path / "c.dutyroom")
    incident_service.add_incident(team_c.uow, {"received_at": (NOW + timedelta(hours=2)).isoformat(),
                                               "title": "村民被困", "category": "natural_disaster"},
                                  now=NOW + timedelta(hours=2))
    team_c.close()
    first = field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))
    assert first.value.counts.get("updated") == 1
    second = field_service.merge_package(desk.uow, tmp_path / "c.dutyroom", now=NOW + timedelta(hours=6))
    assert second.value.counts.get("added") == 1 and "updated" not in second.value.counts
    flood_now = incident_views.get_incident(desk.uow, _incident(desk.uow, "河堤管涌").id)
    assert flood_now.facts.injured == 7  # team C's untouched copy did not put 2 back
    again = field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=7))
    assert again.value.counts == {}
    assert integrity_service.run_check(desk.uow, desk.engine).ok


def test_a_second_laptop_from_one_export_applies_its_own_edits_and_rolls_nothing_back(desk,
                                                                                       tmp_path):
    """Team A sets 河堤管涌's injured to 7; team C (a copy of the same export) edits only
    道路塌方, which the desk never touched: C's edit is applied, A's stays, nothing is a
    conflict; then A's own newer copy still merges as A's line, against A's base."""
    flood = _two_copies_a_sets_injured_7(desk, tmp_path)
    team_c = _laptop(tmp_path / "c.dutyroom")
    road = _incident(team_c.uow, "道路塌方")
    incident_service.update_incident(team_c.uow, road.id, None, {"trapped": 3}, "现场核实",
                                     now=NOW + timedelta(hours=2))
    team_c.close()
    assert field_service.merge_package(desk.uow, tmp_path / "a.dutyroom",
                                       now=NOW + timedelta(hours=5)).value.counts["updated"] == 1
    second = field_service.merge_package(desk.uow, tmp_path / "c.dutyroom",
                                         now=NOW + timedelta(hours=6)).value
    assert second.counts.get("updated") == 1 and "conflict" not in second.counts, second
    assert second.conflicts == [] and "分支" in second.note
    assert _incident_facts(desk, "河堤管涌").injured == 7
    assert _incident_facts(desk, "道路塌方").trapped == 3
    # Team A goes on with its own copy: its next change is merged, C's edit stays.
    team_a = _laptop(tmp_path / "a.dutyroom")
    incident_service.update_incident(team_a.uow, flood.id, None, {"injured": 8}, "复核",
                                     now=NOW + timedelta(hours=7))
    team_a.close()
    again = field_service.merge_package(desk.uow, tmp_path / "a.dutyroom",
                                        now=NOW + timedelta(hours=8)).value
    assert again.counts.get("updated") == 1 and "conflict" not in again.counts, again
    assert _incident_facts(desk, "河堤管涌").injured == 8
    assert _incident_facts(desk, "道路塌方").trapped == 3
    assert integrity_service.run_check(desk.uow, desk.engine).ok


def test_a_branch_edit_of_what_the_desk_took_from_the_other_copy_is_a_conflict(desk, tmp_path):
    """Both copies edited 河堤管涌: the second one merged is kept as a revision, never over
    the first one's change."""
    _export(desk, tmp_path / "a.dutyroom")
    shutil.copyfile(tmp_path / "a.dutyroom", tmp_path / "c.dutyroom")
    for name, injured in (("a", 7), ("c", 4)):
        laptop = _laptop(tmp_path / f"{name}.dutyroom")
        flood = _incident(laptop.uow, "河堤管涌")
        incident_service.update_incident(laptop.uow, flood.id, None, {"injured": injured}, "核实",
                                         now=NOW + timedelta(hours=1))
        laptop.close()
    field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))
    second = field_service.merge_package(desk.uow, tmp_path / "c.dutyroom",
                                         now=NOW + timedelta(hours=6)).value
    assert second.counts == {"conflict": 1} and second.conflicts[0].startswith("「河堤管涌」")
    assert _incident_facts(desk, "河堤管涌").injured == 7
    assert integrity_service.run_check(desk.uow, desk.engine).ok


def _incident_facts(desk, title):
    return incident_views.get_incident(desk.uow, _incident(desk.uow, title).id).facts


def test_an_older_copy_after_a_newer_one_adds_nothing_and_says_so(desk, tmp_path):
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    flood = _incident(laptop.uow, "河堤管涌")
    incident_service.update_incident(laptop.uow, flood.id, None, {"injured": 5}, now=NOW + timedelta(hours=1))
    laptop.close()
    shutil.copyfile(tmp_path / "a.dutyroom", tmp_path / "older.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    incident_service.update_incident(laptop.uow, flood.id, None, {"injured": 9}, now=NOW + timedelta(hours=2))
    laptop.close()
    field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))
    before = contents(desk.engine)
    older = field_service.merge_package(desk.uow, tmp_path / "older.dutyroom", now=NOW + timedelta(hours=6))
    assert older.value.counts == {} and "不比已合并过的同一外勤包新" in older.value.note
    assert contents(desk.engine) == before
    assert incident_views.get_incident(desk.uow, flood.id).facts.injured == 9


def test_a_package_from_another_desk_is_refused(desk, tmp_path):
    _export(desk, tmp_path / "a.dutyroom")
    other = open_backend(tmp_path / "other.sqlite3", "tester")
    try:
        before = contents(other.engine)
        with pytest.raises(InputError, match="来自另一个值班台"):
            field_service.merge_package(other.uow, tmp_path / "a.dutyroom")
        assert contents(other.engine) == before
    finally:
        other.close()


def test_a_package_this_desk_has_no_record_of_is_refused(desk, tmp_path):
    _export(desk, tmp_path / "a.dutyroom")
    with sqlite3.connect(tmp_path / "a.dutyroom") as raw:
        raw.execute("UPDATE field_packages SET uuid = 'f0f0f0f0-0000-4000-8000-000000000000'")
    with pytest.raises(InputError):
        field_service.merge_package(desk.uow, tmp_path / "a.dutyroom")


def _forge(path, statement, entity, model, passes_check=True):
    """Edit the package as an SQLite editor would, then recompute its chain like an attacker
    who knows the (unkeyed) hash: the package passes its own integrity check (unless
    `passes_check` is false: the forged value itself is what the check finds)."""
    laptop = open_backend(path, "tester")
    try:
        with laptop.uow.write(None) as session:
            session.execute(text(statement))
            session.flush()
            for row in session.scalars(select(model)):
                audit.append(session, actor="王五(wang)", entity=entity, entity_id=audit_key(row),
                             action="update", payload=row.snapshot())
            rules = settings_service.desk(session)  # and the deadlines kept from the rows
            deadline_store.refresh(session, None, rules.rules, rules.zone)
        assert integrity_service.run_check(laptop.uow, laptop.engine).ok is passes_check
    finally:
        laptop.close()


FORGERIES = [
    # (the level no longer ends the incident's level history: the package's own check says so)
    ("UPDATE incidents SET level = 'V' WHERE title = '道路塌方'", "incident", Incident, "级别"),
    ("UPDATE incidents SET status = 'bogus' WHERE title = '道路塌方'", "incident", Incident, "状态"),
    ("UPDATE incidents SET created_by = '县长' WHERE title = '道路塌方'", "incident", Incident, "created_by"),
    ("UPDATE incidents SET status = 'closed', closed_at = '2026-07-01 05:00:00.000000'"
     " WHERE title = '道路塌方'", "incident", Incident, "终报"),
    ("UPDATE incidents SET title = '化工\x07泄漏' WHERE title = '道路塌方'", "incident", Incident,
     "控制字符"),
]


def _export_and_add_an_incident(desk, tmp_path):
    """A package whose laptop logged one genuine new incident, 村民被困."""
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    incident_service.add_incident(laptop.uow, {"received_at": (NOW + timedelta(hours=1)).isoformat(),
                                               "title": "村民被困", "category": "natural_disaster"},
                                  now=NOW + timedelta(hours=1))
    laptop.close()


@pytest.mark.parametrize(("statement", "entity", "model", "word"), FORGERIES)
def test_a_forged_package_is_refused_whole(desk, tmp_path, statement, entity, model, word):
    _export_and_add_an_incident(desk, tmp_path)
    _forge(tmp_path / "a.dutyroom", statement, entity, model,
           passes_check="level = 'V'" not in statement)
    before = contents(desk.engine)
    with pytest.raises(InputError, match=word):
        field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))
    assert contents(desk.engine) == before  # not even the genuine new incident


def test_a_desk_incidents_received_time_moved_on_the_laptop_stays_the_desks(desk, tmp_path):
    _export(desk, tmp_path / "a.dutyroom")
    _forge(tmp_path / "a.dutyroom", "UPDATE incidents SET received_at = '2026-07-01 05:00:00.000000'"
           " WHERE title = '河堤管涌'", "incident", Incident)
    merged = field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))
    assert merged.value.counts.get("conflict") == 1 and "接报时间" in merged.value.conflicts[0]
    flood = incident_views.get_incident(desk.uow, _incident(desk.uow, "河堤管涌").id)
    assert flood.facts.received_at == NOW


def test_an_inserted_report_is_measured_again_at_the_desk(desk, tmp_path):
    """A report slipped into the package claiming to be on time: its lateness is the desk's."""
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    flood = _incident(laptop.uow, "河堤管涌")
    upward_reports.record_report(laptop.uow, flood.id, "first", "written",
                                   sent_at=NOW + timedelta(hours=3), now=NOW + timedelta(hours=3))
    laptop.close()
    _forge(tmp_path / "a.dutyroom", "UPDATE upward_reports SET late = 0, due_at = NULL",
           "upward_report", UpwardReport)
    field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))
    report = incident_views.get_incident(desk.uow, flood.id).reports[0]
    assert report.late and report.due_at == NOW + timedelta(minutes=60)
    assert integrity_service.run_check(desk.uow, desk.engine).ok


@pytest.mark.parametrize("statement", [
    # a report stamped as recorded before the package even left the desk (so "on time")
    "UPDATE upward_reports SET sent_at = '2026-07-01 02:30:00.000000', "
    "recorded_at = '2026-07-01 02:30:00.000000'",
    # one stamped in 2099
    "UPDATE upward_reports SET recorded_at = '2099-01-01 00:00:00.000000'",
])
def test_a_report_stamped_outside_the_laptop_s_time_is_refused(desk, tmp_path, statement):
    """A laptop can only have recorded an entry between the export and the merge."""
    field_service.export_package(desk.uow, DAY, DAY + timedelta(days=6), tmp_path / "a.dutyroom",
                                 users=("wang",), now=NOW + timedelta(hours=2))
    laptop = _laptop(tmp_path / "a.dutyroom")
    flood = _incident(laptop.uow, "河堤管涌")
    upward_reports.record_report(laptop.uow, flood.id, "first", "written",
                                   sent_at=NOW + timedelta(hours=3), now=NOW + timedelta(hours=3))
    laptop.close()
    _forge(tmp_path / "a.dutyroom", statement, "upward_report", UpwardReport)
    before = contents(desk.engine)
    with pytest.raises(InputError, match=r"早于外勤包导出时间|晚于合并时刻"):
        field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))
    assert contents(desk.engine) == before


def test_an_incident_logged_before_it_was_received_is_refused(desk, tmp_path):
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    incident_service.add_incident(laptop.uow, {"received_at": (NOW + timedelta(hours=2)).isoformat(),
                                               "title": "村民被困", "category": "natural_disaster"},
                                  now=NOW + timedelta(hours=2))
    laptop.close()
    _forge(tmp_path / "a.dutyroom", "UPDATE incidents SET created_at = '2026-07-01 03:00:00.000000'"
           " WHERE title = '村民被困'", "incident", Incident)
    with pytest.raises(InputError, match="晚于登记时间"):
        field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))


def test_rows_edited_without_recomputing_the_chain_are_refused(desk, tmp_path):
    _export(desk, tmp_path / "a.dutyroom")
    with sqlite3.connect(tmp_path / "a.dutyroom") as raw:
        raw.execute("UPDATE incidents SET injured = 40 WHERE title = '河堤管涌'")
    with pytest.raises(InputError, match="未通过完整性检查"):
        field_service.merge_package(desk.uow, tmp_path / "a.dutyroom")


@pytest.mark.parametrize("forged", [
    {"name": "救援队\x07", "duty_phone": "0731-86210119"},
    {"name": "救援队", "duty_phone": "0731-86210119", "liaison_name": "x\x00", "liaison_mobile": "abc"},
])
def test_a_department_forged_on_the_laptop_is_refused_with_the_merge(desk, tmp_path, forged):
    """A department first contacted in the field is checked as the department form checks
    one; a forged one (audited on the laptop, as its own app would) refuses the merge whole."""
    from dutyroom.db.models import Department
    from dutyroom.domain.roles import Permission
    from dutyroom.services.records import audit_change

    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    with laptop.uow.write(Permission.LOG) as session:
        row = Department(active=True, **{"liaison_name": "", "liaison_mobile": "",
                                         "liaison_position": "", "first_line": False,
                                         "notes": "", **forged})
        session.add(row)
        session.flush()
        audit_change(session, row, "wang", "department", "create")
        department_id = row.id
    flood = _incident(laptop.uow, "河堤管涌")
    dispatch_service.dispatch(laptop.uow, flood.id, [department_id], now=NOW + timedelta(hours=1))
    laptop.close()
    before = contents(desk.engine)
    with pytest.raises(InputError, match="联动单位"):
        field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))
    assert contents(desk.engine) == before


def test_a_laptop_report_sent_before_the_desk_s_takes_the_deadline_it_met(desk, tmp_path):
    """The laptop phoned the first report in at 02:10; the desk, not knowing, phoned it again
    at 03:30 (late). Merged afterwards, the laptop's report is the one that met the deadline,
    and the desk's is the repeat: measured in the order sent, not the order recorded."""
    road = _incident(desk.uow, "道路塌方").id
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    upward_reports.record_report(laptop.uow, _incident(laptop.uow, "道路塌方").id, "first", "phone",
                                 sent_at=NOW + timedelta(minutes=10), sent_by="王五",
                                 now=NOW + timedelta(minutes=11))
    laptop.close()
    upward_reports.record_report(desk.uow, road, "first", "phone", sent_at=NOW + timedelta(minutes=90),
                                 sent_by="张三", now=NOW + timedelta(minutes=91))
    desk_alone = {r.sent_by: (r.due_at, r.late) for r in incident_views.get_incident(desk.uow, road).reports}
    assert desk_alone["张三"][0] is not None  # alone, the desk's report answered the deadline
    field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=2))
    merged = {r.sent_by: (r.due_at, r.late) for r in incident_views.get_incident(desk.uow, road).reports}
    assert merged["王五"] == (desk_alone["张三"][0], False), merged
    assert merged["张三"] != desk_alone["张三"], merged
    assert integrity_service.run_check(desk.uow, desk.engine).ok


LEVEL_HISTORIES = [
    # a time without a UTC offset: it would raise TypeError on the desk's deadline pages
    '[["2026-07-01T02:00:00+00:00", "unrated"], ["2026-07-01T03:00:00", "unrated"]]',
    # back in time: the later level would be in force before the earlier one
    '[["2026-07-01T02:00:00+00:00", "unrated"], ["2026-07-01T04:00:00+00:00", "IV"],'
    ' ["2026-07-01T03:00:00+00:00", "unrated"]]',
    '[["2026-07-01T02:00:00+00:00", "VI"], ["2026-07-01T03:00:00+00:00", "unrated"]]',
    "not json",
]


def _forged_level_history(desk, tmp_path, history):
    """道路塌方's level history rewritten in the package, chain recomputed; a genuine new
    incident beside it."""
    _export_and_add_an_incident(desk, tmp_path)
    _forge(tmp_path / "a.dutyroom", f"UPDATE incidents SET level_changes = '{history}'"
           " WHERE title = '道路塌方'", "incident", Incident, passes_check=False)


@pytest.mark.parametrize("history", LEVEL_HISTORIES)
def test_a_level_history_the_desk_cannot_read_refuses_the_package_naming_it(desk, tmp_path, history):
    _forged_level_history(desk, tmp_path, history)
    before = contents(desk.engine)
    with pytest.raises(InputError) as refused:
        field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))
    said = str(refused.value)
    assert "「道路塌方」" in said and "级别变更记录无法读取" in said and "Traceback" not in said, said
    assert contents(desk.engine) == before  # not even the genuine new incident


@pytest.mark.parametrize("history", LEVEL_HISTORIES[:3])
def test_the_field_rules_read_a_level_history_as_the_desk_does(desk, tmp_path, history, monkeypatch):
    """Even a package that passed its own check (an older laptop's `check` did not read level
    histories) is refused by the merge's own rules, naming the incident."""
    _forged_level_history(desk, tmp_path, history)
    monkeypatch.setattr(field_service.integrity_service, "run_check",
                        lambda *a, **k: integrity_service.CheckReport([], 0, None))
    before = contents(desk.engine)
    with pytest.raises(InputError, match="级别变更记录无法读取") as refused:
        field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))
    assert "「道路塌方」" in str(refused.value)
    assert contents(desk.engine) == before


def test_what_the_field_added_to_an_incident_the_desk_voided_meanwhile_is_kept_apart(desk, tmp_path):
    """The desk voids 河堤管涌 (a duplicate) while the laptop, not knowing, reports it, sends a
    department with its arrival, attaches a photo and links a call to it. None of that joins
    the voided incident (it would count in the statistics and alerts): each is a conflict
    line naming the incident, kept in the audit chain; the rest of the package merges."""
    from dutyroom.db.models import AuditEntry, RegisterEntry
    from dutyroom.services import attachment_service, department_service, register_service

    department_service.add_department(desk.uow, {"name": "县水利局", "duty_phone": "0731-86210001"})
    _export(desk, tmp_path / "a.dutyroom")
    laptop = _laptop(tmp_path / "a.dutyroom")
    flood, road = _incident(laptop.uow, "河堤管涌").id, _incident(laptop.uow, "道路塌方").id
    at = NOW + timedelta(minutes=20)
    upward_reports.record_report(laptop.uow, flood, "first", "phone", sent_at=at, sent_by="王五", now=at)
    upward_reports.record_report(laptop.uow, road, "first", "phone", sent_at=at, sent_by="王五", now=at)
    [water] = [d.id for d in department_service.list_departments(laptop.uow) if d.name == "县水利局"]
    [order] = dispatch_service.dispatch(laptop.uow, flood, [water], now=at).value
    dispatch_service.record_feedback(laptop.uow, order, "arrived", at=at + timedelta(minutes=25),
                                     now=at + timedelta(minutes=25))
    photo = tmp_path / "管涌点.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(2000))
    attachment_service.add_attachment(laptop.uow, "incident", flood, photo, now=at)
    register_service.add_entry(laptop.uow, {"kind": "call", "received_at": at.isoformat(),
                                            "from_unit": "东岭村", "title": "管涌处又见渗水"}, now=at)
    laptop.close()
    _forge(tmp_path / "a.dutyroom", "UPDATE register_entries SET incident_id = "
           "(SELECT id FROM incidents WHERE title = '河堤管涌')", "register_entry", RegisterEntry)
    desk_flood = _incident(desk.uow, "河堤管涌").id
    incident_service.void_incident(desk.uow, desk_flood, None, "重复登记", now=NOW + timedelta(hours=1))

    merged = field_service.merge_package(desk.uow, tmp_path / "a.dutyroom",
                                         now=NOW + timedelta(hours=5)).value
    # 河堤管涌 itself: the laptop's report moved it on, the desk voided it (kept as a revision)
    assert merged.counts == {"added": 1, "conflict": 6, "same": 1}, merged
    assert merged.conflicts[0] == "「河堤管涌」"
    held = merged.conflicts[1:]
    assert all("所属事件「河堤管涌」已在值班台作废" in line and "未并入" in line for line in held), held
    assert [line.split("（")[0] for line in held[:4]] == ["「管涌处又见渗水」", "派单", "报送", "派单反馈"]
    assert held[4].startswith("附件「管涌点.jpg」")
    voided = incident_views.get_incident(desk.uow, desk_flood)
    assert not voided.reports and not voided.dispatches
    assert attachment_service.list_attachments(desk.uow, "incident", desk_flood, include_removed=True) == []
    with desk.uow.read() as session:
        assert session.scalars(select(RegisterEntry)).all() == []
        kept = session.scalars(select(AuditEntry.payload).where(AuditEntry.entity == "field_unmerged")).all()
    assert len(kept) == 5  # the laptop's records, as it had them
    [report] = incident_views.get_incident(desk.uow, _incident(desk.uow, "道路塌方").id).reports
    assert (report.sent_by, report.late) == ("王五", False)  # the other incident's report merged
    assert integrity_service.run_check(desk.uow, desk.engine).ok
    before = contents(desk.engine)
    assert field_service.merge_package(desk.uow, tmp_path / "a.dutyroom",
                                       now=NOW + timedelta(hours=6)).value.counts == {}
    assert contents(desk.engine) == before


@pytest.mark.parametrize(("history", "named"), [
    ('[["2026-07-01T02:00:00", "unrated"]]', "级别变更记录无法读取"),  # no offset
    ('[["2026-07-01T02:00:00+00:00", "I"]]', "级别变更记录与当前级别不符"),  # ends elsewhere
])
def test_a_desk_incident_whose_level_history_does_not_read_does_not_block_its_packages(
        desk, tmp_path, history, named):
    """道路塌方's stored history at the desk cannot be used (merged by an older version, or
    edited): the package carries the history its deadlines are counted by, so the laptop's
    check passes and its work merges; the desk's check still names 道路塌方."""
    with desk.engine.begin() as connection:
        connection.execute(text("UPDATE incidents SET level_changes = :h WHERE title = '道路塌方'"),
                           {"h": history})
    _export_and_add_an_incident(desk, tmp_path)
    laptop = _laptop(tmp_path / "a.dutyroom")
    assert integrity_service.run_check(laptop.uow, laptop.engine).ok
    laptop.close()
    merged = field_service.merge_package(desk.uow, tmp_path / "a.dutyroom", now=NOW + timedelta(hours=5))
    assert merged.value.counts == {"added": 1, "same": 2}, merged.value
    assert _incident(desk.uow, "村民被困")
    problems = integrity_service.run_check(desk.uow, desk.engine).problems
    assert any("「道路塌方」" in p and named in p for p in problems), problems


def _voided(desk, title):
    with desk.uow.read() as session:
        return session.scalar(select(Incident.voided).where(Incident.title == title))


def test_an_incident_voided_on_the_laptop_cannot_be_unvoided_by_a_later_copy(desk, tmp_path):
    """The laptop voids 河堤管涌 and the package is merged; then the file is edited back to
    not voided (chain recomputed) and the longer copy merged: the app has no un-void, so the
    whole copy is refused naming the incident, and the desk's incident stays voided (it would
    count again in the statistics and alerts)."""
    package = tmp_path / "a.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    incident_service.void_incident(laptop.uow, _incident(laptop.uow, "河堤管涌").id, None, "误报",
                                   now=NOW + timedelta(minutes=30))
    incident_service.add_incident(laptop.uow, {"received_at": (NOW + timedelta(hours=1)).isoformat(),
                                               "title": "村民被困", "category": "accident"},
                                  now=NOW + timedelta(hours=1))
    laptop.close()
    first = field_service.merge_package(desk.uow, package, now=NOW + timedelta(hours=5)).value
    assert first.counts == {"added": 1, "updated": 1, "same": 1}, first
    assert _voided(desk, "河堤管涌") is True
    _forge(package, "UPDATE incidents SET voided = 0, void_reason = '', change_note = ''"
           " WHERE title = '河堤管涌'", "incident", Incident)
    before = contents(desk.engine)
    with pytest.raises(InputError) as refused:
        field_service.merge_package(desk.uow, package, now=NOW + timedelta(hours=6))
    said = str(refused.value)
    assert "「河堤管涌」" in said and "作废后无法恢复" in said and "Traceback" not in said, said
    assert contents(desk.engine) == before
    assert _voided(desk, "河堤管涌") is True


def test_a_register_entry_voided_on_the_laptop_cannot_be_unvoided_by_a_later_copy(desk, tmp_path):
    """As an incident: a call logged and then voided on the laptop, merged, then edited back
    to not voided in a longer copy: refused whole, the desk's entry stays voided."""
    from dutyroom.db.models import RegisterEntry
    from dutyroom.services import register_service

    package = tmp_path / "a.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    at = NOW + timedelta(minutes=20)
    call = register_service.add_entry(laptop.uow, {"kind": "call", "received_at": at.isoformat(),
                                                   "from_unit": "东岭村", "title": "请求送沙袋"},
                                      now=at).value
    register_service.void_entry(laptop.uow, call.id, None, "重复登记", now=at + timedelta(minutes=5))
    laptop.close()
    assert field_service.merge_package(desk.uow, package, now=NOW + timedelta(hours=5)).value.added == 1
    _forge(package, "UPDATE register_entries SET voided = 0, void_reason = ''", "register_entry",
           RegisterEntry)
    before = contents(desk.engine)
    with pytest.raises(InputError) as refused:
        field_service.merge_package(desk.uow, package, now=NOW + timedelta(hours=6))
    assert "来电来文登记已作废" in str(refused.value) and "作废后无法恢复" in str(refused.value)
    assert contents(desk.engine) == before


def test_an_incident_the_desk_voided_meanwhile_stays_a_conflict_with_the_laptop_s_edit(desk, tmp_path):
    """Not an un-void: the laptop edited 河堤管涌 while the desk voided it; the desk's voided
    incident stays live, the laptop's version a revision (a conflict line)."""
    package = tmp_path / "a.dutyroom"
    _export(desk, package)
    laptop = _laptop(package)
    incident_service.update_incident(laptop.uow, _incident(laptop.uow, "河堤管涌").id, None,
                                     {"injured": 5}, "核实", now=NOW + timedelta(minutes=30))
    laptop.close()
    incident_service.void_incident(desk.uow, _incident(desk.uow, "河堤管涌").id, None, "重复登记",
                                   now=NOW + timedelta(hours=1))
    merged = field_service.merge_package(desk.uow, package, now=NOW + timedelta(hours=5)).value
    assert merged.counts == {"conflict": 1, "same": 1} and merged.conflicts == ["「河堤管涌」"], merged
    assert _voided(desk, "河堤管涌") is True
