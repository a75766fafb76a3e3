"""An older database is backed up, then upgraded in place; a newer or foreign one is refused."""

import shutil
import sqlite3
from importlib.resources import files
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from dutyroom.app import open_backend
from dutyroom.db import migrate
from dutyroom.db.engine import make_session_factory
from dutyroom.services import staff_service
from dutyroom.services.errors import InputError

NEXT_REVISION = '''"""test-only: a later schema that adds a column"""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("wechat", sa.String(32), nullable=True))


def downgrade():
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("wechat")
'''


@pytest.fixture
def later_release(tmp_path):
    """The migrations of a pretend newer Dutyroom: the shipped ones plus one more revision."""
    folder = tmp_path / "migrations"
    shutil.copytree(Path(str(files("dutyroom.db.migrations"))), folder)
    (folder / "versions" / "9999_test_column.py").write_text(
        NEXT_REVISION.format(head=migrate.head_revision()), encoding="utf-8")
    original = migrate._config

    def config(connection=None):
        cfg = original(connection)
        cfg.set_main_option("script_location", str(folder))
        return cfg

    return config


def test_an_older_file_is_backed_up_then_upgraded(tmp_path, later_release, monkeypatch):
    path = tmp_path / "desk.sqlite3"
    old_head = migrate.head_revision()
    backend = open_backend(path, "tester")
    staff_service.add_staff(backend.uow, {"name": "张三", "tier": "值班员",
                                          "mobile": "13800138000"})
    backend.close()

    monkeypatch.setattr(migrate, "_config", later_release)  # start the newer release on it
    monkeypatch.setattr(migrate, "HEAD", "9999")
    upgraded = open_backend(path, "tester")
    try:
        report = upgraded.schema
        assert report.upgraded_from == old_head and report.schema == "9999"
        assert report.backup is not None and report.backup.exists()
        assert report.backup.parent == path.parent / "backups"
        columns = {c["name"] for c in inspect(upgraded.engine).get_columns("staff")}
        assert "wechat" in columns
        assert [p.name for p in staff_service.list_staff(upgraded.uow)] == ["张三"]
    finally:
        upgraded.close()
    with sqlite3.connect(report.backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (old_head,)
        assert copy.execute("SELECT name FROM staff").fetchall() == [("张三",)]
        assert "wechat" not in {row[1] for row in copy.execute("PRAGMA table_info(staff)")}


def test_an_up_to_date_file_is_neither_backed_up_nor_changed(tmp_path):
    path = tmp_path / "desk.sqlite3"
    open_backend(path, "tester").close()
    again = open_backend(path, "tester")
    again.close()
    assert again.schema.upgraded_from is None and again.schema.backup is None
    assert not (path.parent / "backups").exists()


def test_a_file_from_a_newer_release_is_refused_untouched(tmp_path):
    path = tmp_path / "desk.sqlite3"
    open_backend(path, "tester").close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'ffff'")
    before = path.read_bytes()
    with pytest.raises(InputError, match="比本程序新"):
        open_backend(path, "tester")
    assert path.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE accounts (id INTEGER)")
    with pytest.raises(InputError, match="文件中已有其他数据表"):
        open_backend(path, "tester")
    with sqlite3.connect(path) as raw:
        names = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert names == ["accounts"]


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(InputError, match="无法作为 Dutyroom 数据库打开"):
        open_backend(path, "tester")


def test_a_0005_desk_upgrades_with_its_rows_attested_and_checked_from_then_on(tmp_path):
    """The tables `check` compares from 0006 on held rows audited only as events; the upgrade
    attests each row as found, so the desk passes, and a later direct edit is found."""
    from alembic import command
    from sqlalchemy import text
    from sqlalchemy.engine import URL

    from dutyroom.db.engine import make_engine
    from dutyroom.services import (
        integrity_service,
        leave_service,
        roster_calendar,
        settings_service,
    )

    path = tmp_path / "old.sqlite3"
    engine = make_engine(URL.create("sqlite", database=str(path)))
    with engine.begin() as connection:
        command.upgrade(migrate._config(connection), "0005")
        connection.execute(text(
            "INSERT INTO staff (name, tier, mobile, office_phone, department, position, active,"
            " created_at, updated_at, version) VALUES ('张三', 'officer', '13800000001', '', '', '',"
            " 1, '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 1)"))
        connection.execute(text("INSERT INTO settings (key, value, updated_at, updated_by)"
                                " VALUES ('unit_name', '\"青山镇\"', '2026-01-01 00:00:00.000000', 'admin')"))
        connection.execute(text("INSERT INTO duty_days (day, note) VALUES ('2026-07-01', '')"))
        connection.execute(text(
            "INSERT INTO duty_assignments (duty_day_id, tier, slot, staff_id, source, created_at,"
            " created_by) VALUES (1, 'officer', 0, 1, 'manual', '2026-01-01 00:00:00.000000', 'admin')"))
        connection.execute(text(
            "INSERT INTO leaves (staff_id, kind, start_date, end_date, reason, created_at)"
            " VALUES (1, 'leave', '2026-07-10', '2026-07-12', '', '2026-01-01 00:00:00.000000')"))
    engine.dispose()
    backend = open_backend(path, "tester")  # upgrades to 0006 (after a backup)
    try:
        problems = integrity_service.run_check(backend.uow, backend.engine).problems
        assert problems == ["人员「张三」(#1) 没有审计记录，可能被直接写入文件"]  # staff were always audited
        assert settings_service.load_settings(backend.uow)["unit_name"] == "青山镇"
        assert leave_service.list_leaves(backend.uow, *roster_calendar.parse_range(
            "2026-07-01", "2026-07-31"))[0].kind == "leave"
        with backend.engine.begin() as connection:
            connection.execute(text("UPDATE duty_assignments SET created_by = 'someone'"))
        problems = integrity_service.run_check(backend.uow, backend.engine).problems
        assert any(p.startswith("班次") for p in problems)
    finally:
        backend.close()


def test_a_0018_desk_upgrades_with_every_incident_s_report_deadlines_worked_out(tmp_path):
    """Migration 0019 keeps each incident's report deadlines for the statistics: a desk
    from before it (its own reporting rules, reports sent late, a voided incident) counts
    the same after the upgrade, and `check` finds the kept deadlines as the rules give them."""
    from datetime import date, datetime, timedelta
    from zoneinfo import ZoneInfo

    from alembic import command
    from sqlalchemy import func, select
    from sqlalchemy.engine import URL

    from dutyroom.db.engine import make_engine
    from dutyroom.db.models import ReportDeadline
    from dutyroom.services import (
        incident_service,
        integrity_service,
        settings_service,
        statistics_service,
        upward_reports,
    )

    z = ZoneInfo("Asia/Shanghai")
    path = tmp_path / "desk.sqlite3"
    backend = open_backend(path, "tester")
    uow, noon = backend.uow, datetime(2026, 7, 3, 12, 0, tzinfo=z)
    settings_service.save_settings(uow, {"report_written_general": 45, "final_report_days": 2})
    for n, (received, level, after) in enumerate(((datetime(2026, 7, 1, 9, 0, tzinfo=z), "IV", 50),
                                                  (datetime(2026, 7, 1, 23, 50, tzinfo=z), "III", 20),
                                                  (datetime(2026, 7, 2, 10, 0, tzinfo=z), "unrated", 90))):
        incident = incident_service.add_incident(uow, {
            "received_at": received.isoformat(), "title": f"事件{n}", "category": "accident",
            "level": level}, now=received).value.id
        sent = received + timedelta(minutes=after)
        upward_reports.record_report(uow, incident, "first", "written", sent_at=sent.isoformat(), now=sent)
    incident_service.void_incident(uow, incident, None, "重复登记", now=noon)
    before = statistics_service.period_statistics(uow, date(2026, 7, 1), date(2026, 7, 31), noon)
    backend.close()
    engine = make_engine(URL.create("sqlite", database=str(path)))
    with engine.begin() as connection:
        command.downgrade(migrate._config(connection), "0018")
    engine.dispose()
    backend = open_backend(path, "tester")  # upgrades to 0019 (after a backup)
    try:
        with backend.uow.read() as session:
            assert session.scalar(select(func.count()).select_from(ReportDeadline)) > 0
        after = statistics_service.period_statistics(backend.uow, date(2026, 7, 1), date(2026, 7, 31),
                                                     noon)
        assert after == before and (after.reports.on_time, after.reports.late) == (2, 1)
        assert integrity_service.run_check(backend.uow, backend.engine).problems == []
    finally:
        backend.close()


@pytest.mark.parametrize("damage", [
    "DELETE FROM report_deadlines",
    "UPDATE report_deadlines SET due_at = '2030-01-01 00:00:00.000000'",
    "INSERT INTO report_deadlines (incident_id, kind, due_at, met_at, received_at, level, closed)"
    " SELECT incident_id, kind, due_at, met_at, received_at, level, closed FROM report_deadlines",
])
def test_every_upgrade_rewrites_the_kept_deadlines_with_the_running_version_s_rules(tmp_path, damage):
    """Kept deadlines are derived: an upgrade from any revision ends with the rows this
    version's rules give (a new version with new rules ships a migration, and whatever an
    older version kept is rewritten), not with what an earlier migration or version left."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from alembic import command
    from sqlalchemy.engine import URL

    from dutyroom.db.engine import make_engine
    from dutyroom.services import incident_service, integrity_service, upward_reports

    z = ZoneInfo("Asia/Shanghai")
    path = tmp_path / "desk.sqlite3"
    backend = open_backend(path, "tester")
    received = datetime(2026, 7, 1, 9, 0, tzinfo=z)
    incident = incident_service.add_incident(backend.uow, {
        "received_at": received.isoformat(), "title": "河堤管涌", "category": "accident",
        "level": "III"}, now=received).value.id
    sent = received + timedelta(minutes=40)
    upward_reports.record_report(backend.uow, incident, "first", "written", sent_at=sent.isoformat(),
                                 now=sent)
    backend.close()
    engine = make_engine(URL.create("sqlite", database=str(path)))
    with engine.begin() as connection:
        command.downgrade(migrate._config(connection), "0019")
        connection.execute(text(damage))  # what an older version might have kept
    engine.dispose()
    backend = open_backend(path, "tester")  # upgrades 0019 → head
    try:
        assert integrity_service.run_check(backend.uow, backend.engine).problems == []
    finally:
        backend.close()


def test_a_0001_desk_with_reports_upgrades_and_passes_the_time_layout_check(tmp_path):
    """A desk from the first release whose incidents have reports upgrades (SQLite rebuilds
    `incidents` to alter it, which failed while a report pointed at it), its rows intact.
    Migrations 0002 and 0003 stamped existing rows with SQLite's CURRENT_TIMESTAMP (no
    fraction of a second); `check`'s time layout rule knows those columns, so the desk is
    not told its own history was edited."""
    from alembic import command
    from sqlalchemy.engine import URL

    from dutyroom.db.engine import make_engine
    from dutyroom.db.stored_text import miswritten

    path = tmp_path / "first.sqlite3"
    engine = make_engine(URL.create("sqlite", database=str(path)))
    at = "'2026-01-01 00:00:00.000000'"
    with engine.begin() as connection:
        command.upgrade(migrate._config(connection), "0001")
        connection.execute(text(
            "INSERT INTO incidents (uuid, received_at, received_via, title, category, subtype, level,"
            " status, location, reporter, reporter_unit, reporter_post, reporter_phone, deaths,"
            " injured, missing, trapped, people_involved, economic_loss, summary, actions_taken,"
            f" informed, voided, void_reason, created_at, created_by, version) VALUES ('u1', {at},"
            " 'phone', '河堤管涌', 'accident', '', 'IV', 'received', '', '', '', '', '', 0, 0, 0, 0,"
            f" 0, 0, '', '', '', 0, '', {at}, 'admin', 1)"))
        connection.execute(text(
            "INSERT INTO upward_reports (uuid, incident_id, stage, channel, sent_at, recipient,"
            f" sent_by, text, late) VALUES ('u2', 1, 'first', 'phone', {at}, '', 'admin', '', 0)"))
        connection.execute(text(
            "INSERT INTO spot_checks (uuid, at, checker, channel, answered_by, within_rule, result,"
            f" recorded_by) VALUES ('u3', {at}, '县应急局', 'phone', '', 1, '', 'admin')"))
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        assert list(miswritten(session)) == []
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []
        assert session.execute(text("SELECT incidents.title FROM upward_reports JOIN incidents"
                                    " ON incidents.id = upward_reports.incident_id")).all() == [("河堤管涌",)]
    engine.dispose()
