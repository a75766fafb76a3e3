"""领导批示 督办 from the command line: an open instruction is an alert of kind
`instruction` in `alerts --json`, counted under `instructions` in `stats --json`, and a
task edited in the file behind the app's back fails `check`."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from tests.cli.test_cli import incident_file, run

GIVEN = datetime(2026, 7, 1, 3, 30, tzinfo=UTC)  # 11:30 at the desk


def _desk(tmp_path) -> tuple[str, int, int]:
    db = str(tmp_path / "desk.sqlite3")
    assert run("init", "--db", db).returncode == 0
    added = run("incident", "add", "--file", str(incident_file(
        tmp_path, received_at="2026-07-01T11:10")), "--db", db, "--json")
    assert added.returncode == 0, added.stderr
    incident = json.loads(added.stdout)["id"]
    from dutyroom.app import open_backend
    from dutyroom.services import instruction_service

    backend = open_backend(db, "test", create=False)
    try:
        task = instruction_service.add_instruction(backend.uow, {
            "subject_kind": "incident", "subject_id": incident, "leader": "县长 赵刚",
            "text": "两小时内查明泄漏原因", "assignee": "县应急管理局",
            "given_at": "2026-07-01T11:30", "due_at": "2026-07-01T13:30"}, now=GIVEN).value
    finally:
        backend.close()
    return db, incident, task


def test_an_open_instruction_is_an_alert_and_counted(tmp_path):
    db, _, task = _desk(tmp_path)

    def instruction_alerts(at: str) -> list[dict]:
        shown = run("alerts", "--at", at, "--db", db, "--json")
        assert shown.returncode == 0, shown.stderr
        return [a for a in json.loads(shown.stdout) if a["kind"] == "instruction"]

    assert instruction_alerts("2026-07-01T13:00") == []
    (upcoming,) = instruction_alerts("2026-07-01T13:25")
    assert upcoming == {"kind": "instruction", "subject": "县长 赵刚：两小时内查明泄漏原因（县应急管理局）",
                        "ref": task, "due": "2026-07-01T13:30:00+08:00", "state": "upcoming"}
    assert [a["state"] for a in instruction_alerts("2026-07-01T13:30")] == ["due"]
    assert [a["state"] for a in instruction_alerts("2026-07-02T09:00")] == ["overdue"]
    table = run("alerts", "--at", "2026-07-02T09:00", "--db", db)
    assert "领导批示" in table.stdout and "两小时内查明泄漏原因" in table.stdout
    stats = run("stats", "--from", "2026-07-01", "--to", "2026-07-31", "--db", db, "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["instructions"]["given"] == 1


def test_a_task_edited_behind_the_apps_back_fails_the_check(tmp_path):
    db, _, _ = _desk(tmp_path)
    assert run("check", "--db", db, "--json").returncode == 0
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE instructions SET due_at = '2026-07-09 05:30:00.000000'")
    broken = run("check", "--db", db, "--json")
    assert broken.returncode != 0
    assert "领导批示" in broken.stdout + broken.stderr
