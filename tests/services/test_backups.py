"""Automatic and manual backups, and restoring one, on the desk's SQLite file."""

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from dutyroom.app import open_backend
from dutyroom.db.backup import backup_folder
from dutyroom.domain.roles import Actor, Role
from dutyroom.services import backup_service, integrity_service, staff_service
from dutyroom.services.errors import InputError, PermissionDenied

ZHANG = {"name": "张三", "tier": "值班员", "mobile": "13800138000"}


def _names(backend):
    return [p.name for p in staff_service.list_staff(backend.uow)]


def test_automatic_backups_rotate_to_seven_days_and_four_weeks(sqlite_backend):
    start = datetime(2026, 9, 1, 1, 0, tzinfo=UTC)
    for n in range(45):  # a start and an exit every day for 45 days
        for hour in (0, 10):
            backup_service.auto_backup(sqlite_backend.url, "Asia/Shanghai",
                                       start + timedelta(days=n, hours=hour))
    backup_service.backup_to(sqlite_backend.url, now=start)  # manual copies never rotate
    kept = backup_service.list_backups(sqlite_backend.url)
    autos = [b for b in kept if b.label == "auto"]
    assert 7 <= len(autos) <= 11 and autos[0].at == start + timedelta(days=44, hours=10)
    assert [b.kind for b in kept if b.label != "auto"] == ["手动备份"]
    assert not backup_service.daily_due(sqlite_backend.url, autos[0].at + timedelta(hours=23))
    assert backup_service.daily_due(sqlite_backend.url, autos[0].at + timedelta(hours=24))


def test_restore_puts_a_backup_back_and_keeps_the_replaced_database(sqlite_backend, tmp_path):
    staff_service.add_staff(sqlite_backend.uow, ZHANG)
    copy = backup_service.backup_to(sqlite_backend.url, tmp_path / "copy.sqlite3")
    staff_service.add_staff(sqlite_backend.uow, {**ZHANG, "name": "李四", "mobile": "13900139000"})
    # Before anything is replaced, the person is told what the older file lacks.
    plan = backup_service.plan_restore(sqlite_backend.uow, sqlite_backend.url, copy)
    assert "恢复后将失去" in plan.lost and "人员 1 条" in plan.lost and not plan.signed, plan
    report = backup_service.restore(sqlite_backend.uow, sqlite_backend.engine, sqlite_backend.url,
                                    copy)
    assert report.lost == plan.lost  # said again afterwards; the replaced file keeps it
    assert _names(sqlite_backend) == ["张三"]  # the same engine reads the restored file
    assert report.kept is not None and report.kept.parent == backup_folder(tmp_path / "desk.sqlite3")
    with sqlite3.connect(report.kept) as raw:
        assert {r[0] for r in raw.execute("SELECT name FROM staff")} == {"张三", "李四"}
    staff_service.add_staff(sqlite_backend.uow, {**ZHANG, "name": "王五", "mobile": "13700137000"})
    assert integrity_service.run_check(sqlite_backend.uow, sqlite_backend.engine).ok


def test_a_bad_backup_is_refused_before_anything_is_replaced(sqlite_backend, tmp_path):
    staff_service.add_staff(sqlite_backend.uow, ZHANG)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as raw:
        raw.execute("CREATE TABLE t (x)")
    tampered = backup_service.backup_to(sqlite_backend.url, tmp_path / "tampered.sqlite3")
    with sqlite3.connect(tampered) as raw:
        raw.execute("UPDATE audit_entries SET actor = 'someone else'")
    newer = backup_service.backup_to(sqlite_backend.url, tmp_path / "newer.sqlite3")
    with sqlite3.connect(newer) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    for bad, message in [(garbage, "数据库"), (other, "不是 Dutyroom"), (tampered, "审计链"),
                         (newer, "比本程序新"), (tmp_path / "missing.sqlite3", "不存在")]:
        with pytest.raises(InputError, match=message):
            backup_service.restore(sqlite_backend.uow, sqlite_backend.engine, sqlite_backend.url, bad)
    assert _names(sqlite_backend) == ["张三"]
    assert not any(b.label == "before-restore" for b in backup_service.list_backups(sqlite_backend.url))


def test_only_an_administrator_restores(sqlite_backend, tmp_path):
    copy = backup_service.backup_to(sqlite_backend.url, tmp_path / "copy.sqlite3")
    sqlite_backend.uow = sqlite_backend.uow.for_actor(Actor.user(1, "li", "李四", Role.LEADER, None))
    with pytest.raises(PermissionDenied):
        backup_service.restore(sqlite_backend.uow, sqlite_backend.engine, sqlite_backend.url, copy)


@pytest.mark.postgresql
@pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)
def test_a_server_database_is_not_backed_up_by_the_desk(db_target, tmp_path):
    backend = open_backend(db_target, "tester")
    try:
        with pytest.raises(InputError, match="pg_dump"):
            backup_service.backup_to(backend.url, tmp_path / "x.sqlite3")
        assert backup_service.auto_backup(backend.url, "Asia/Shanghai") is None
    finally:
        backend.close()
