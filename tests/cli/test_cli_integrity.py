"""The command line of issue 17 (docs/cli.md): `check [--anchor N:HASH]` with its head and
never a crash, `incident update`, `field export --users`, `field merge` JSON, checked restores."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_cli import run


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "desk.sqlite3")
    assert run("init", "--demo", "--db", path).returncode == 0
    return path


def test_check_gives_the_head_and_proves_an_anchor(db):
    head = json.loads(run("check", "--db", db, "--json").stdout)["head"]
    readable = run("check", "--db", db).stdout
    assert "审计链锚点：第 " in readable
    assert run("check", "--anchor", head, "--db", db).returncode == 0
    count, digest = head.split(":")
    dashed = f"{count}:{digest[:4]}-{digest[4:8]}-{digest[8:12]}-{digest[12:].lower()}"
    assert run("check", "--anchor", dashed, "--db", db).returncode == 0
    later = run("check", "--anchor", f"{int(count) + 5}:{digest}", "--db", db, "--json")
    document = json.loads(later.stdout)
    assert later.returncode == 1 and document["ok"] is False and "更早的备份" in document["problems"][0]
    wrong = run("check", "--anchor", f"{count}:{'0' * 16}", "--db", db, "--json")
    assert wrong.returncode == 1 and "改写" in json.loads(wrong.stdout)["problems"][0]
    bad = run("check", "--anchor", "12-34", "--db", db)
    assert bad.returncode == 2 and "锚点" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("damage", ["text", "truncated", "zeros", "empty"])
def test_check_never_crashes_on_a_damaged_file(tmp_path, db, damage):
    target = tmp_path / "damaged.sqlite3"
    data = Path(db).read_bytes()
    target.write_bytes({"text": "不是数据库\n".encode() * 500, "truncated": data[: len(data) // 3],
                        "zeros": data[:8192] + b"\0" * (len(data) - 8192), "empty": b""}[damage])
    for as_json in (True, False):
        result = run("check", "--db", str(target), *(["--json"] if as_json else []))
        assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
        assert "内部错误" not in result.stderr
        if as_json:
            document = json.loads(result.stdout)
            assert document["ok"] is False and document["problems"] and document["head"] is None
        else:
            assert "发现问题" in result.stdout


def test_check_and_restore_survive_a_deeply_nested_audit_entry(tmp_path, db):
    """One audit payload nested 100,000 deep (json would recurse past Python's limit): check
    says what is wrong in words, restore refuses in one line; neither crashes."""
    target = tmp_path / "nested.sqlite3"
    target.write_bytes(Path(db).read_bytes())
    with sqlite3.connect(target) as raw:
        raw.execute("UPDATE audit_entries SET payload = ? WHERE id = 100",
                    ("[" * 100_000 + "]" * 100_000,))
    checked = run("check", "--db", str(target), "--json")
    assert checked.returncode == 1 and "内部错误" not in checked.stderr, checked.stderr
    problems = json.loads(checked.stdout)["problems"]
    assert any("嵌套过深" in p for p in problems), problems
    assert not any("Error" in p for p in problems), problems  # words, not Python's type names
    restored = run("restore", str(target), "--db", db)
    assert restored.returncode == 2 and "内部错误" not in restored.stderr
    assert len(restored.stderr.strip().splitlines()) == 1, restored.stderr


def test_incident_update_with_version(db, tmp_path):
    incident = tmp_path / "incident.json"
    incident.write_text(json.dumps({"received_at": "2026-07-02T09:00", "title": "桥梁受损",
                                    "category": "accident"}, ensure_ascii=False), encoding="utf-8")
    added = json.loads(run("incident", "add", "--file", str(incident), "--db", db, "--json").stdout)
    change = tmp_path / "change.json"
    change.write_text(json.dumps({"injured": 3, "level": "IV"}), encoding="utf-8")
    updated = run("incident", "update", str(added["id"]), "--file", str(change), "--note", "核实",
                  "--version", "1", "--db", db, "--json")
    assert updated.returncode == 0, updated.stderr
    document = json.loads(updated.stdout)
    assert document["id"] == added["id"] and document["version"] == 2 and document["deadlines"]
    stale = run("incident", "update", str(added["id"]), "--file", str(change), "--version", "1",
                "--db", db)
    assert stale.returncode == 2 and "Traceback" not in stale.stderr
    change.write_text(json.dumps({"level": "V"}), encoding="utf-8")
    bad = run("incident", "update", str(added["id"]), "--file", str(change), "--db", db)
    assert bad.returncode == 2 and "级别" in bad.stderr


def test_field_export_users_and_merge_json(db, tmp_path):
    package = tmp_path / "field.dutyroom"
    env_user = run("--db", db, "user", "list", "--json")
    users = [u["login"] for u in json.loads(env_user.stdout)] if env_user.returncode == 0 else []
    made = run("field", "export", "--from", "2026-07-01", "--to", "2026-07-07", "--out", str(package),
               *(["--users", users[0]] if users else []), "--db", db, "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["users"] == users[:1]
    unknown = run("field", "export", "--from", "2026-07-01", "--to", "2026-07-07", "--out",
                  str(tmp_path / "x.dutyroom"), "--users", "nobody", "--db", db)
    assert unknown.returncode == 2 and "nobody" in unknown.stderr
    merged = run("field", "merge", str(package), "--db", db, "--json")
    assert merged.returncode == 0, merged.stderr
    assert set(json.loads(merged.stdout)) == {"added", "updated", "conflict", "same", "conflicts"}
    # The same package again: nothing is added, and the JSON says why, as the text does.
    again = run("field", "merge", str(package), "--db", db, "--json")
    text = run("field", "merge", str(package), "--db", db)
    assert again.returncode == 0 and text.returncode == 0, again.stderr
    note = json.loads(again.stdout).get("note", "")
    assert note and note in text.stdout, (again.stdout, text.stdout)


def test_restore_of_a_file_failing_the_check_needs_a_reason(db, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    assert run("backup", "--out", str(copy), "--db", db).returncode == 0
    with sqlite3.connect(copy) as raw:
        raw.execute("UPDATE staff SET mobile = '13999999999' WHERE id = 1")
    refused = run("restore", str(copy), "--db", db)
    assert refused.returncode == 2 and "未通过完整性检查" in refused.stderr
    forced = run("restore", str(copy), "--override", "县局要求", "--db", db, "--json")
    assert forced.returncode == 0, forced.stderr
    assert json.loads(forced.stdout)["overridden"]


def test_check_names_an_incident_whose_level_history_does_not_read(db):
    """A level history with a time lacking its UTC offset (an SQLite editor, or a field
    package merged by an older version): `check` names the incident, exit 1, no crash; the
    pages that count deadlines still open (`alerts`, `stats`)."""
    with sqlite3.connect(db) as raw:
        incident_id, title = raw.execute("SELECT id, title FROM incidents ORDER BY id").fetchone()
        raw.execute("UPDATE incidents SET level_changes = ? WHERE id = ?",
                    ('[["2026-07-01T02:00:00+00:00", "IV"], ["2026-07-01T03:00:00", "III"]]',
                     incident_id))
    checked = run("check", "--db", db, "--json")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stderr
    problems = json.loads(checked.stdout)["problems"]
    named = [p for p in problems if "级别变更记录无法读取" in p]
    assert named == [f"事件「{title}」(#{incident_id}) 的级别变更记录无法读取：第 2 条的时间"
                     "「2026-07-01T03:00:00」没有时区（UTC 偏移）；更正前其时限按当前级别自接报时起计算，"
                     "可能被直接改动"], problems
    for command in (("alerts", "--json"), ("stats", "--from", "2026-01-01", "--to", "2026-12-31", "--json")):
        result = run(*command, "--db", db)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("json_output", [True, False])
def test_check_quotes_a_lone_surrogate_in_a_level_history_without_failing(db, json_output):
    """Valid JSON text can hold a lone surrogate (\\ud800), which no encoding can print:
    check reports the incident, escaped, instead of failing as it prints its report."""
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE incidents SET level_changes = ? WHERE id = (SELECT min(id) FROM incidents)",
                    ('[["2026-12-01T10:05:00+00:00", "\\ud800"]]',))
    checked = run("check", "--db", db, *(["--json"] if json_output else []))
    assert checked.returncode == 1, checked.stderr
    assert "内部错误" not in checked.stderr and "\\ud800" in checked.stdout, checked.stdout


def test_check_names_a_level_history_that_ends_at_another_level(db):
    """An edited history ending at Ⅰ级 on a Ⅲ级 incident would have moved its update
    deadlines: check names it, and the deadlines still count the present level (so the kept
    ones stay as the rules give them)."""
    with sqlite3.connect(db) as raw:
        incident_id, title, received = raw.execute(
            "SELECT id, title, received_at FROM incidents WHERE level = 'III' AND voided = 0"
            " ORDER BY id").fetchone()
        at = received.replace(" ", "T")[:19] + "+00:00"
        raw.execute("UPDATE incidents SET level_changes = ? WHERE id = ?",
                    (f'[["{at}", "I"]]', incident_id))
    checked = run("check", "--db", db, "--json")
    assert checked.returncode == 1, checked.stderr
    problems = json.loads(checked.stdout)["problems"]
    assert [p for p in problems if "级别变更记录" in p] == [
        f"事件「{title}」(#{incident_id}) 的级别变更记录与当前级别不符（记录止于Ⅰ级，事件现为Ⅲ级）；"
        "更正前其时限按当前级别自接报时起计算，可能被直接改动"], problems
    assert not [p for p in problems if "报送时限" in p], problems


@pytest.mark.parametrize("written", ["2026-02-30 10:00:00.000000", "2026-12-01 25:00:00.000000"])
def test_a_time_that_is_no_moment_is_said_in_words_by_every_command(db, written):
    """A time in the app's layout that is no moment (an SQLite editor's 02-30 or 25:00)
    cannot be read by any page: the commands say so and point to check, which names the
    table and column, instead of failing as an internal error."""
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE incidents SET received_at = ? WHERE id = (SELECT min(id) FROM incidents)",
                    (written,))
    result = run("incident", "list", "--db", db)
    assert result.returncode == 1 and "内部错误" not in result.stderr, result.stderr
    assert f"数据库中有一个无法读取的时间「{written}」" in result.stderr, result.stderr
    checked = run("check", "--db", db, "--json")
    assert any("incidents 的 received_at 列" in p for p in json.loads(checked.stdout)["problems"])
