"""`check` compares every audited table with its last audited state, proves the chain still
holds an anchor written on paper, and never fails on a damaged file."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from dutyroom.app import open_backend
from dutyroom.db.models import Base
from dutyroom.domain.anchors import parse_anchor
from dutyroom.domain.calendar import DayKind
from dutyroom.domain.tiers import Tier
from dutyroom.services import (
    backup_service,
    daily_report_service,
    incident_service,
    instruction_service,
    integrity_service,
    leave_service,
    responsible_service,
    roster_calendar,
    roster_service,
    settings_service,
    shift_service,
    staff_service,
    warning_service,
)
from dutyroom.services.integrity_service import AUDITED


def owner_tampers(connection) -> None:
    """Tampering as the server's owner would do it on purpose: past the trigger that keeps
    audit_entries append-only (migration 0014), which only the owner may disable."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER USER"))

DAY = date(2026, 7, 1)
SIGN_IN = datetime(2026, 7, 1, 0, 20, tzinfo=UTC)  # 08:20 in Shanghai


@pytest.fixture
def desk(backend):
    """A desk that has used every audited table once."""
    uow = backend.uow
    officer = staff_service.add_staff(uow, {"name": "张三", "tier": "值班员", "mobile": "13800000001"}).value
    leader = staff_service.add_staff(uow, {"name": "李四", "tier": "带班领导", "mobile": "13800000002"}).value
    settings_service.save_settings(uow, {"unit_name": "青山镇人民政府"})
    roster_service.assign(uow, DAY, Tier.OFFICER, officer.id)
    roster_service.assign(uow, DAY, Tier.LEADER, leader.id)
    stand_in = staff_service.add_staff(
        uow, {"name": "钱八", "tier": "带班领导", "mobile": "13800000008"}).value
    roster_service.assign(uow, DAY + timedelta(days=2), Tier.LEADER, leader.id)
    roster_service.assign(uow, DAY + timedelta(days=2), Tier.LEADER, stand_in.id,
                          kind="substitute", reason="出差")
    leave_service.add_leave(uow, officer.id, "leave", "2026-07-10", "2026-07-12", "病假")
    roster_calendar.add_period(uow, "防汛", "2026-07-15", "2026-07-20")
    roster_calendar.set_calendar_day(uow, date(2027, 1, 1), DayKind.HOLIDAY, "元旦")
    shift_service.check_in(uow, "officer", officer.id, at=SIGN_IN)
    shift_service.record_spot_check(uow, {"at": "2026-07-01T09:00", "checker": "县应急局",
                                          "answered_by": "张三", "outcome": "ok"},
                                    now=SIGN_IN + timedelta(hours=1))
    shift_service.complete_task(uow, "daily_report", DAY, at=SIGN_IN)
    daily_report_service.send(uow, DAY, at=SIGN_IN + timedelta(hours=2))
    shift_service.acknowledge(uow, "checkin:2026-07-01:leader", at=SIGN_IN)
    incident_service.add_incident(uow, {"received_at": "2026-07-01T08:00", "title": "河堤管涌",
                                        "category": "natural_disaster"}, now=SIGN_IN)
    person = responsible_service.add_person(uow, {"name": "王五", "village": "东村", "role": "网格员",
                                                  "mobile": "13900000001"}).value
    warning = warning_service.add_warning(uow, {"issuer": "县气象台", "type": "暴雨", "colour": "red",
                                                "issued_at": "2026-07-01T08:10",
                                                "villages": ["东村"]}, now=SIGN_IN).value.warning
    warning_service.record_attempt(uow, warning.id, person.id, "phone", False, now=SIGN_IN)
    order = instruction_service.add_instruction(uow, {
        "subject_kind": "warning", "subject_id": warning.id, "leader_id": leader.id,
        "text": "逐村落实转移", "assignee": "王五", "due_at": "2026-07-01T12:00"}, now=SIGN_IN).value
    instruction_service.add_feedback(uow, order, "东村已转移 12 人", now=SIGN_IN)
    assert integrity_service.run_check(uow, backend.engine).ok
    return backend


# One direct edit per audited table, as someone with the file and an SQLite editor would.
TAMPERING = {
    "setting": "UPDATE settings SET value = '\"别的镇\"' WHERE key = 'unit_name'",
    "staff": "UPDATE staff SET mobile = '13999999999' WHERE name = '张三'",
    "calendar_day": "UPDATE calendar_days SET kind = 'workday'",
    "period": "UPDATE sensitive_periods SET end_date = '2026-07-30'",
    "duty_day": "DELETE FROM duty_days WHERE id NOT IN (SELECT duty_day_id FROM duty_assignments)",
    "duty_slot": "UPDATE duty_assignments SET staff_id = (SELECT id FROM staff WHERE name = '李四')"
                 " WHERE tier = 'officer'",
    "roster_change": "UPDATE roster_changes SET approved_by = '王局长'",
    "leave": "UPDATE leaves SET end_date = '2026-07-20'",
    "incident": "UPDATE incidents SET injured = 7",
    "checkin": "UPDATE checkins SET confirmed_at = due_at",
    "spot_check": "UPDATE spot_checks SET outcome = 'no_answer'",
    "duty_task": "UPDATE duty_tasks SET done_at = due_at",
    "alert_ack": "UPDATE alert_acks SET acknowledged_by = '王五'",
    "responsible": "UPDATE responsible_people SET mobile = '13999999999'",
    "warning": "UPDATE warning_targets SET mobile = '13999999999'",  # the list is the notice's
    "warning_attempt": "UPDATE warning_attempts SET outcome = 'answered'",
    "daily_report": "UPDATE daily_reports SET content = replace(content, '值班员', '值班人')",
    "instruction": "UPDATE instructions SET assignee = '县水利局'",
    "instruction_feedback": "UPDATE instruction_feedback SET text = '已全部转移'",
}


def test_every_audited_table_has_a_tampering_case():
    covered = set(TAMPERING) | {"department", "user", "upward_report", "dispatch",
                                "dispatch_feedback", "register_entry", "handover",
                                "partner_duty", "responsibility", "playbook_tick", "resource",
                                "attachment", "plan", "playbook"}
    assert covered == {entity for entity, _, _ in AUDITED}  # (these fourteen: tests elsewhere)
    entities = [entity for entity, _, _ in AUDITED]  # each checked once, its problems said once
    assert len(entities) == len(set(entities))
    audited_tables = {model.__tablename__ for _, model, _ in AUDITED}
    bookkeeping = {"audit_entries", "field_packages", "field_baselines", "field_merges",
                   "field_exports", "field_export_entries", "field_line_hashes", "desk_identity",
                   "warning_targets",  # (audited whole in its warning's snapshot)
                   "login_attempts",  # (the lockout's counts: their turning points are audited)
                   "attachment_blobs",  # (hashed against the SHA-256 its attachment's audit holds)
                   "report_deadlines"}  # (derived: worked out again and compared by check)
    assert audited_tables | bookkeeping == set(Base.metadata.tables)


@pytest.mark.parametrize("entity", sorted(TAMPERING))
def test_a_direct_edit_of_any_audited_table_is_found(desk, entity):
    statement = TAMPERING[entity]
    if entity == "duty_day":  # a day with no slot: make one, then delete it behind the app
        roster_service.assign(desk.uow, DAY + timedelta(days=5), Tier.OFFICER, 1)
        roster_service.assign(desk.uow, DAY + timedelta(days=5), Tier.OFFICER, None)
    with desk.engine.begin() as connection:
        assert connection.execute(text(statement)).rowcount >= 1
    problems = integrity_service.run_check(desk.uow, desk.engine).problems
    label = next(label for e, _, label in AUDITED if e == entity)
    assert any(p.startswith(label) for p in problems), problems


def test_rows_removed_through_the_app_stay_removed(desk):
    leave = leave_service.list_leaves(desk.uow, DAY, DAY + timedelta(days=30))[0]
    leave_service.remove_leave(desk.uow, leave.id)
    assert integrity_service.run_check(desk.uow, desk.engine).ok
    with desk.engine.begin() as connection:  # written back behind the app
        connection.execute(text(
            "INSERT INTO leaves (id, staff_id, kind, start_date, end_date, reason, created_at)"
            " VALUES (:id, 1, 'leave', '2026-07-10', '2026-07-12', '病假', CURRENT_TIMESTAMP)"),
            {"id": leave.id})
    problems = integrity_service.run_check(desk.uow, desk.engine).problems
    assert any("已被删除，却仍在数据库中" in p for p in problems)


# --- the anchor --------------------------------------------------------------------------------


def test_the_head_is_an_anchor_and_proves_the_chain(desk):
    report = integrity_service.run_check(desk.uow, desk.engine)
    anchor = report.head
    assert anchor.position == report.audit_entries and len(anchor.digest) == 16
    assert parse_anchor(anchor.readable().split(" ", 2)[1] + ":" + anchor.digest) == anchor
    staff_service.add_staff(desk.uow, {"name": "王五", "tier": "值班员", "mobile": "13800000003"})
    later = integrity_service.run_check(desk.uow, desk.engine, (anchor,))
    assert later.ok and later.head.position == anchor.position + 1


@pytest.mark.owner  # only the owner can get past the append-only trigger
def test_a_rewritten_chain_does_not_hold_the_paper_anchor(desk):
    """The whole chain recomputed after a rewrite passes the links but not the anchor."""
    from dutyroom.db import audit

    anchor = integrity_service.run_check(desk.uow, desk.engine).head
    with desk.engine.begin() as connection:
        connection.execute(text("UPDATE incidents SET injured = 7"))
        owner_tampers(connection)
        rows = connection.execute(text(
            "SELECT id, at, actor, entity, entity_id, action, payload FROM audit_entries ORDER BY id")).all()
        prev = audit.GENESIS
        for row in rows:
            payload = row.payload
            if row.entity == "incident":
                payload = payload.replace('"injured":0', '"injured":7')
            at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(row.at)
            digest = audit._digest(prev, at.replace(tzinfo=at.tzinfo or UTC), row.actor, row.entity,
                                   row.entity_id, row.action, payload)
            connection.execute(text("UPDATE audit_entries SET payload = :p, prev_hash = :v, hash = :h"
                                    " WHERE id = :id"), {"p": payload, "v": prev, "h": digest,
                                                         "id": row.id})
            prev = digest
    assert integrity_service.run_check(desk.uow, desk.engine).ok  # the forgery holds together
    forged = integrity_service.run_check(desk.uow, desk.engine, (anchor,))
    assert any("不是纸面记录的" in p for p in forged.problems), forged.problems


@pytest.mark.owner
def test_truncation_and_rollback_do_not_hold_the_paper_anchor(desk, tmp_path):
    if desk.url.get_backend_name() == "sqlite":
        older = backup_service.backup_to(desk.url, tmp_path / "older.sqlite3")
    staff_service.add_staff(desk.uow, {"name": "王五", "tier": "值班员", "mobile": "13800000003"})
    anchor = integrity_service.run_check(desk.uow, desk.engine).head  # printed on the paper
    with desk.engine.begin() as connection:  # the last entries deleted with their rows
        owner_tampers(connection)
        connection.execute(text("DELETE FROM audit_entries WHERE entity = 'staff' AND entity_id ="
                                " (SELECT CAST(id AS TEXT) FROM staff WHERE name = '王五')"))
        connection.execute(text("DELETE FROM staff WHERE name = '王五'"))
    cut = integrity_service.run_check(desk.uow, desk.engine, (anchor,))
    assert [p for p in cut.problems if "只有" in p], cut.problems
    assert len(cut.problems) == 1  # otherwise the file is consistent: only the paper tells
    if desk.url.get_backend_name() == "sqlite":  # the whole file replaced by an older backup
        live = desk.url.database
        desk.engine.dispose()
        shutil.copyfile(older, live)
        rolled = open_backend(live, "tester", prepare=False)
        try:
            report = integrity_service.run_check(rolled.uow, rolled.engine, (anchor,))
            assert any("更早的备份" in p for p in report.problems), report.problems
        finally:
            rolled.close()


@pytest.mark.parametrize("raw", ["1234", "0:3F9AC2107B4E55D1", "12:3F9A", "12:XYZ", "", "12:" + "A" * 65])
def test_an_anchor_that_cannot_be_read(raw):
    with pytest.raises(ValueError, match="锚点"):
        parse_anchor(raw)


# --- a damaged file --------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["not_sqlite", "truncated", "overwritten", "empty_tables"])
def test_check_never_fails_on_a_damaged_file(sqlite_backend, tmp_path, damage):
    for n in range(30):
        staff_service.add_staff(sqlite_backend.uow, {"name": f"人{n}", "tier": "值班员",
                                                     "mobile": f"138000001{n:02d}"})
    path = tmp_path / "desk.sqlite3"
    copy = backup_service.backup_to(sqlite_backend.url, tmp_path / "copy.sqlite3")
    sqlite_backend.engine.dispose()
    data = copy.read_bytes()
    if damage == "not_sqlite":
        path.write_text("这不是数据库，是一份值班安排的文字说明。\n" * 200, encoding="utf-8")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    elif damage == "overwritten":
        path.write_bytes(data[:4096] + b"\x5a" * 8192 + data[4096 + 8192:])
    else:
        path.write_bytes(data)
    for leftover in tmp_path.glob("desk.sqlite3-*"):
        leftover.unlink()
    damaged = open_backend(path, "tester", prepare=False)
    try:
        if damage == "empty_tables":
            with damaged.engine.begin() as connection:
                connection.execute(text("DROP TABLE staff"))
        report = integrity_service.run_check(damaged.uow, damaged.engine)
    finally:
        damaged.close()
    assert not report.ok and report.problems
    assert all(isinstance(p, str) and "\n" not in p for p in report.problems)


# The same moment as the app wrote it (2026-07-01 00:00 UTC), in layouts an SQLite editor or
# a script would write: Python reads each as the right time, so the audit comparison and the
# kept deadlines agree with it, but SQL compares the text, which sorts elsewhere.
SAME_MOMENT_OTHERWISE_WRITTEN = (
    "2026-07-01T00:00:00", "2026-07-01 00:00:00", "2026-07-01 08:00:00+08:00",
    "2026-07-01T00:00:00.000000",
)
# In the app's layout, but no moment at all: every page reading the row would fail.
NO_SUCH_MOMENT = ("2026-02-30 10:00:00.000000", "2026-07-01 25:00:00.000000",
                  "2026-07-01 10:05:60.000000", "0000-00-00 00:00:00.000000")


@pytest.mark.parametrize("written", SAME_MOMENT_OTHERWISE_WRITTEN + NO_SUCH_MOMENT)
def test_a_time_written_in_another_layout_is_named(desk, written):
    if desk.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL keeps times as times")
    with desk.engine.begin() as connection:
        assert connection.execute(text("UPDATE incidents SET received_at = :t"),
                                  {"t": written}).rowcount == 1
    problems = integrity_service.run_check(desk.uow, desk.engine).problems
    named = (f"事件表 incidents 的 received_at 列有 1 个值不是本程序写入的时间格式或不是真实的时间"
             f"（例如「{written}」），可能被直接改动，按时间段的统计和提醒会算错或无法打开")
    if written in NO_SUCH_MOMENT:  # (the rows that cannot be read are said too)
        assert named in problems, problems
    else:  # nothing else can see it
        assert problems == [named]


@pytest.mark.parametrize("written", ["20260710", "2026-02-30", "2026-07-10 00:00:00.000000"])
def test_a_date_written_in_another_layout_is_named(desk, written):
    if desk.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL keeps dates as dates")
    with desk.engine.begin() as connection:  # (SQL would sort it before every date)
        connection.execute(text("UPDATE leaves SET start_date = :d"), {"d": written})
    problems = integrity_service.run_check(desk.uow, desk.engine).problems
    assert problems[-1:] == ["请假表 leaves 的 start_date 列有 1 个值不是本程序写入的时间格式或不是真实的时间"
                             f"（例如「{written}」），可能被直接改动，按时间段的统计和提醒会算错或无法打开"]
