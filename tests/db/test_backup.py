import sqlite3

from dutyroom.db.backup import backup_file
from dutyroom.services import staff_service


def test_a_backup_of_a_live_database_is_a_complete_database(sqlite_backend, tmp_path):
    staff_service.add_staff(sqlite_backend.uow, {"name": "张三", "tier": "值班员",
                                                 "mobile": "13800138000"})
    source = tmp_path / "desk.sqlite3"
    copy = backup_file(source, tmp_path / "copies" / "copy.sqlite3")
    with sqlite3.connect(copy) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("SELECT name, mobile FROM staff").fetchall() == [
            ("张三", "13800138000")]
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert not list((tmp_path / "copies").glob("*.partial"))


def test_backup_names_are_read_back_only_for_this_database(tmp_path):
    from datetime import UTC, datetime

    from dutyroom.db.backup import parse_name, timestamped_name

    live = tmp_path / "my-desk.sqlite3"
    at = datetime(2026, 11, 23, 1, 2, 3, tzinfo=UTC)
    name = timestamped_name(live, "before-upgrade-0003", at)
    assert parse_name(live, tmp_path / name) == ("before-upgrade-0003", at)
    assert parse_name(live, tmp_path / name.replace("my-desk", "other")) is None
    assert parse_name(live, tmp_path / "my-desk-notes.txt") is None
