"""The command-line contract of docs/cli.md, run as a user would run it."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dutyroom.db import migrate

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    return subprocess.run([sys.executable, "-m", "dutyroom", *args], capture_output=True,
                          text=True, env=env or ENV, cwd=cwd, check=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A path where no database is yet: only `init` makes one there."""
    return str(tmp_path / "desk.sqlite3")


@pytest.fixture
def desk(db: str) -> str:
    """An empty desk's database, made by `init`."""
    assert run("init", "--db", db).returncode == 0
    return db


def staff_file(tmp_path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    path = tmp_path / "staff.csv"
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows([["姓名", "值班层级", "手机", "部门"], *rows])
    return path


def test_init_creates_then_reports_the_schema(db):
    first = run("init", "--db", db, "--json")
    assert first.returncode == 0, first.stderr
    document = json.loads(first.stdout)
    assert document["db"] == db and document["schema"] == migrate.head_revision() and document["created"]
    second = run("--json", "--db", db, "init")
    assert json.loads(second.stdout)["created"] is False


def test_demo_then_staff_list(db):
    assert run("init", "--demo", "--db", db).returncode == 0
    listed = run("staff", "list", "--db", db, "--json")
    people = json.loads(listed.stdout)
    assert len(people) == 30
    assert set(people[0]) == {"id", "name", "tier", "phone", "department", "position"}
    assert {p["tier"] for p in people} == {"chief", "leader", "officer"}
    table = run("--db", db, "staff", "list").stdout
    assert "主要领导" in table and "13907310000" in table


@pytest.mark.usefixtures("desk")
def test_staff_import_good_and_bad(db, tmp_path):
    good = staff_file(tmp_path, [["张三", "值班员", "13800138000", "党政办"]], "gbk")
    result = run("staff", "import", str(good), "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"imported": 1}

    bad = staff_file(tmp_path, [["李四", "值班员", "13800138001", ""],
                                ["王五", "科长", "13800138002", ""]])
    result = run("--db", db, "staff", "import", str(bad))
    assert result.returncode == 2
    assert "staff.csv" in result.stderr and "第 3 行" in result.stderr
    assert "值班层级" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    names = [p["name"] for p in json.loads(run("staff", "list", "--db", db, "--json").stdout)]
    assert names == ["张三"]


@pytest.mark.usefixtures("desk")
def test_a_missing_staff_file_is_bad_input(db, tmp_path):
    result = run("staff", "import", str(tmp_path / "nope.xlsx"), "--db", db)
    assert result.returncode == 2 and "nope.xlsx" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_passes_then_finds_tampering(db):
    run("init", "--demo", "--db", db)
    ok = run("check", "--db", db, "--json")
    document = json.loads(ok.stdout)
    assert ok.returncode == 0 and (document["ok"], document["problems"]) == (True, [])
    assert document["head"].split(":")[0].isdigit() and len(document["head"].split(":")[1]) == 16
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE staff SET mobile = '13999999999' WHERE id = 1")
    broken = run("check", "--db", db, "--json")
    assert broken.returncode == 1
    document = json.loads(broken.stdout)
    assert document["ok"] is False and "周立新" in document["problems"][0]


def test_check_needs_an_existing_database(tmp_path):
    result = run("check", "--db", str(tmp_path / "none.sqlite3"))
    assert result.returncode == 2 and "dutyroom init" in result.stderr
    assert not (tmp_path / "none.sqlite3").exists()


def test_check_on_a_missing_database_named_by_the_environment_is_bad_input(tmp_path):
    env = {**ENV, "DUTYROOM_DB": str(tmp_path / "none.sqlite3")}
    for args in (["check"], ["check", "--json"]):
        result = run(*args, env=env)
        assert result.returncode == 2 and "dutyroom init" in result.stderr, result.stderr
        assert "内部错误" not in result.stderr
    assert not (tmp_path / "none.sqlite3").exists()


def test_the_environment_variable_names_the_database(tmp_path):
    env = {**ENV, "DUTYROOM_DB": str(tmp_path / "env.sqlite3")}
    assert run("init", env=env).returncode == 0
    assert (tmp_path / "env.sqlite3").exists()


def test_bad_usage_exits_2_without_a_traceback(db):
    for args in (["frobnicate"], ["staff"], ["staff", "import"], ["init", "--nope"]):
        result = run(*args, "--db", db)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr


def test_a_non_database_file_is_bad_input(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("不是数据库" * 100, encoding="utf-8")
    result = run("staff", "list", "--db", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_gui_selftest_offscreen(db):
    run("init", "--demo", "--db", db)
    result = run("gui", "--selftest", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "9 个页面" in result.stdout


def test_console_script_is_installed():
    script = Path(sys.executable).with_name("dutyroom")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and result.stdout.startswith("dutyroom ")


SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def test_calendar_show_and_import(db):
    run("init", "--db", db)
    shown = json.loads(run("calendar", "show", "2026", "--db", db, "--json").stdout)
    assert len(shown) == 365
    assert {"date": "2026-02-14", "kind": "adjusted_workday", "name": "春节",
            "source": "builtin"} in shown
    later = run("calendar", "show", "2027", "--db", db)
    assert "尚未载入" in later.stdout
    assert json.loads(run("calendar", "import", str(SAMPLES / "节假日导入格式样例-2026.csv"),
                          "--db", db, "--json").stdout) == {"imported": 15}


def test_bad_calendar_file_names_the_row(db, tmp_path):
    run("init", "--db", db)
    bad = tmp_path / "2027.csv"
    bad.write_text("date,kind,name\n2027-02-06,holiday,春节\n2027-13-01,holiday,x\n",
                   encoding="utf-8")
    result = run("calendar", "import", str(bad), "--db", db)
    assert result.returncode == 2 and "第 3 行" in result.stderr and "2027.csv" in result.stderr
    shown = json.loads(run("calendar", "show", "2027", "--db", db, "--json").stdout)
    assert shown[36] == {"date": "2027-02-06", "kind": "holiday", "name": "春节",
                         "source": "assumed"}  # 正月初一, known from the law


def test_period_generate_show_export(db, tmp_path):
    run("init", "--demo", "--db", db)
    period = run("period", "add", "--name", "全国两会", "--from", "2026-03-04", "--to",
                 "2026-03-11", "--db", db, "--json")
    assert period.returncode == 0 and "id" in json.loads(period.stdout)
    made = json.loads(run("roster", "generate", "--from", "2026-03-01", "--to", "2026-03-31",
                          "--db", db, "--json").stdout)
    # 两会 is a sensitive period: three tiers and two officers (粤府办〔2012〕55号), each a
    # plain entry of the same shape, and never one person twice a day.
    assert made["unfilled"] == [] and len(made["assignments"]) == 31 * 2 + 8 + 8
    assert all(set(a) == {"date", "tier", "staff_id", "name", "phone"} for a in made["assignments"])
    by_day: dict[str, list[int]] = {}
    for entry in made["assignments"]:
        by_day.setdefault(entry["date"], []).append(entry["staff_id"])
    assert all(len(ids) == len(set(ids)) for ids in by_day.values())
    assert "stats" in made
    shown = json.loads(run("roster", "show", "--from", "2026-03-04", "--to", "2026-03-04",
                           "--db", db, "--json").stdout)
    assert [a["tier"] for a in shown["assignments"]] == ["chief", "leader", "officer", "officer"]
    for fmt in ("xlsx", "csv", "ics", "pdf"):
        out = tmp_path / f"march.{fmt}"
        result = run("roster", "export", "--from", "2026-03-01", "--to", "2026-03-31",
                     "--format", fmt, "--out", str(out), "--db", db, "--json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == {"out": str(out)} and out.stat().st_size > 0
    assert (tmp_path / "march.pdf").read_bytes().startswith(b"%PDF")
    listed = run("roster", "export", "--from", "2026-03-04", "--to", "2026-03-11", "--format", "pdf",
                 "--layout", "list", "--out", str(tmp_path / "两会.pdf"), "--db", db)
    assert listed.returncode == 0 and (tmp_path / "两会.pdf").stat().st_size > 0
    reimported = run("roster", "import", str(tmp_path / "march.xlsx"), "--db", db, "--json")
    assert json.loads(reimported.stdout) == {"imported": 31 * 2 + 8 + 8}  # both officers back


def test_roster_bad_input(db, tmp_path):
    run("init", "--demo", "--db", db)
    for args in (["roster", "show", "--from", "2026-02-30", "--to", "2026-03-01"],
                 ["roster", "generate", "--from", "2026-03-10", "--to", "2026-03-01"],
                 ["roster", "import", str(SAMPLES / "值班表样例-2026春节.xlsx")],
                 ["period", "add", "--name", "", "--from", "2026-03-01", "--to", "2026-03-02"]):
        result = run(*args, "--db", db)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr and result.stderr.strip()
    bad_date = run("roster", "show", "--from", "2026-02-30", "--to", "2026-03-01", "--db", db)
    assert bad_date.stderr.startswith("错误：--from：「2026-02-30」不是有效日期")
    result = run("roster", "import", str(SAMPLES / "值班表样例-2026春节.xlsx"), "--db", db)
    assert "第 4 行" in result.stderr and "带班领导" in result.stderr
    assert json.loads(run("roster", "show", "--from", "2026-02-01", "--to", "2026-02-28",
                          "--db", db, "--json").stdout) == {"assignments": []}


def test_handover_print(db, tmp_path):
    run("init", "--demo", "--db", db)
    out = tmp_path / "交接班.pdf"
    result = run("handover", "print", "--date", "2026-03-04", "--out", str(out), "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["out"] == str(out) and document["pages"] >= 1
    assert out.read_bytes().startswith(b"%PDF")
    (tmp_path / "a-file").write_text("")
    for args in (["--date", "2026-02-30", "--out", str(out)],
                 ["--date", "2026-03-04", "--out", str(tmp_path / "a-file" / "x.pdf")]):
        bad = run("handover", "print", *args, "--db", db)
        assert bad.returncode == 2 and "Traceback" not in bad.stderr and bad.stderr.startswith("错误")


# --- the duty log -------------------------------------------------------------------------------

CLOCK_KINDS = ("checkin", "presence")


def incident_file(tmp_path: Path, **values) -> Path:
    document = {"received_at": "2026-07-01T03:10", "title": "化工厂储罐泄漏",
                "category": "accident", "level": "III", "location": "青山化工园区", "injured": 2,
                **values}
    path = tmp_path / "incident.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.usefixtures("desk")
def test_incident_add_report_list_and_alerts(db, tmp_path):
    added = run("incident", "add", "--file", str(incident_file(tmp_path)), "--db", db, "--json")
    assert added.returncode == 0, added.stderr
    document = json.loads(added.stdout)
    assert {d["kind"]: d["due"] for d in document["deadlines"]} == {
        "phone_report": "2026-07-01T03:40:00+08:00", "written_report": "2026-07-01T04:10:00+08:00",
        "update_report": "2026-07-01T17:00:00+08:00"}
    incident_id = str(document["id"])

    alerts = json.loads(run("alerts", "--at", "2026-07-01T03:35", "--db", db, "--json").stdout)
    assert [a for a in alerts if a["kind"] not in CLOCK_KINDS] == [{
        "kind": "phone_report", "subject": "化工厂储罐泄漏", "ref": int(incident_id),
        "due": "2026-07-01T03:40:00+08:00", "state": "upcoming"}]
    # Months after the claimed time: the contract records it; without --reason the log still
    # says it was entered late (补录) and that no reason was given.
    reported = run("incident", "report", incident_id, "--stage", "first", "--channel", "phone",
                   "--at", "2026-07-01T03:45", "--db", db, "--json")
    assert reported.returncode == 0, reported.stderr
    report = json.loads(reported.stdout)
    assert report["late"] is True and report["id"] == int(incident_id)
    from dutyroom.app import open_backend
    from dutyroom.services import incident_views
    backend = open_backend(db, "test", create=False)
    try:
        [sent] = incident_views.get_incident(backend.uow, int(incident_id)).reports
    finally:
        backend.close()
    assert "补录" in sent.late_entry and "命令行补录，未填写原因" in sent.late_entry
    overdue = json.loads(run("alerts", "--at", "2026-07-01T04:20", "--db", db, "--json").stdout)
    assert [(a["kind"], a["state"]) for a in overdue if a["kind"] not in CLOCK_KINDS] == [
        ("written_report", "overdue")]

    listed = run("incident", "list", "--search", "化工", "--from", "2026-07-01", "--to",
                 "2026-07-01", "--db", db, "--json")
    assert json.loads(listed.stdout) == [{
        "id": int(incident_id), "received_at": "2026-07-01T03:10:00+08:00",
        "title": "化工厂储罐泄漏", "category": "accident", "level": "III",
        "status": "received"}]
    assert json.loads(run("incident", "list", "--search", "地震", "--db", db,
                          "--json").stdout) == []
    table = run("incident", "list", "--db", db)
    assert "化工厂储罐泄漏" in table.stdout and "Ⅲ级" in table.stdout
    assert run("check", "--db", db).returncode == 0


@pytest.mark.parametrize(("values", "named"), [
    ({"title": ""}, "title"), ({"category": "flood"}, "category"), ({"level": "V"}, "level"),
    ({"received_at": "2099-01-01T00:00"}, "received_at"),
    ({"occurred_at": "2026-07-01T04:00"}, "occurred_at"), ({"deaths": -3}, "deaths"),
    ({"weather": "rain"}, "weather"),
])
@pytest.mark.usefixtures("desk")
def test_bad_incident_files_exit_2_naming_the_field(db, tmp_path, values, named):
    result = run("incident", "add", "--file", str(incident_file(tmp_path, **values)), "--db", db)
    assert result.returncode == 2
    assert named in result.stderr and "incident.json" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(run("incident", "list", "--db", db, "--json").stdout) == []


@pytest.mark.usefixtures("desk")
def test_unreadable_incident_input_exits_2(db, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{\"title\": ", encoding="utf-8")
    result = run("incident", "add", "--file", str(broken), "--db", db)
    assert result.returncode == 2 and "JSON" in result.stderr
    assert run("incident", "add", "--file", str(tmp_path / "none.json"),
               "--db", db).returncode == 2
    bad_report = run("incident", "report", "7", "--stage", "first", "--channel", "phone",
                     "--db", db)
    assert bad_report.returncode == 2 and "没有编号为 7" in bad_report.stderr
    bad_time = run("alerts", "--at", "tomorrow", "--db", db)
    assert bad_time.returncode == 2 and "--at" in bad_time.stderr
    bad_day = run("incident", "list", "--from", "2026-02-30", "--db", db)
    assert bad_day.returncode == 2 and bad_day.stderr.startswith("错误：--from：「2026-02-30」")


@pytest.mark.usefixtures("desk")
def test_alerts_list_sign_ins_and_presence_prompts_of_the_shift(db, tmp_path):
    """No rota on that night (the desk has one for other days): the sign-ins name the empty
    posts; what fell due is overdue."""
    people = staff_file(tmp_path, [["王海涛", "带班领导", "13907311000", "镇政府"],
                                   ["胡斌", "值班员", "13907312002", "党政办"]])
    assert run("staff", "import", str(people), "--db", db).returncode == 0
    assert run("roster", "generate", "--from", "2026-06-01", "--to", "2026-06-02",
               "--db", db).returncode == 0
    document = json.loads(run("alerts", "--at", "2026-07-01T02:05", "--db", db, "--json").stdout)
    assert [(a["kind"], a["subject"], a["state"]) for a in document] == [
        ("checkin", "带班领导（未排班）", "overdue"), ("checkin", "值班员（未排班）", "overdue"),
        ("presence", "值班员（未排班）", "overdue"), ("presence", "值班员（未排班）", "overdue"),
        ("presence", "值班员（未排班）", "upcoming")]
    assert document[0]["due"] == "2026-06-30T08:45:00+08:00"
    assert document[-1]["due"] == "2026-07-01T02:10:00+08:00"
    table = run("alerts", "--at", "2026-07-01T02:05", "--db", db)
    assert "在岗确认" in table.stdout and "接班签到" in table.stdout


def test_backup_and_restore(db, tmp_path):
    assert run("init", "--demo", "--db", db).returncode == 0
    copy = tmp_path / "copy.sqlite3"
    made = run("backup", "--out", str(copy), "--db", db, "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout) == {"out": str(copy)}
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE settings SET value = '\"改过的\"' WHERE key = 'unit_name'")
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database")
    refused = run("restore", str(bad), "--db", db)
    assert refused.returncode == 2 and "bad.sqlite3" in refused.stderr
    assert "Traceback" not in refused.stderr
    restored = run("--json", "restore", str(copy), "--db", db)
    assert restored.returncode == 0, restored.stderr
    document = json.loads(restored.stdout)
    assert document["out"] == db and Path(document["kept"]).exists()
    with sqlite3.connect(db) as raw:
        assert "改过的" not in str(raw.execute("SELECT value FROM settings").fetchall())
    assert run("check", "--db", db).returncode == 0
    fresh = tmp_path / "laptop" / "desk.sqlite3"
    onto_nothing = run("restore", str(copy), "--db", str(fresh), "--json")
    assert onto_nothing.returncode == 0 and json.loads(onto_nothing.stdout)["kept"] is None
    default_place = run("backup", "--db", db, "--json")
    assert Path(json.loads(default_place.stdout)["out"]).parent == Path(db).parent / "backups"


def test_field_export_and_merge(db, tmp_path):
    assert run("init", "--demo", "--db", db).returncode == 0
    package = tmp_path / "field.dutyroom"
    made = run("field", "export", "--from", "2026-07-01", "--to", "2026-07-07", "--out", str(package),
               "--db", db, "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["out"] == str(package) and json.loads(made.stdout)["staff"] == 30
    incident = tmp_path / "incident.json"
    incident.write_text(json.dumps({"received_at": "2026-07-02T09:00", "title": "外勤接报：桥梁受损",
                                    "category": "accident"}, ensure_ascii=False), encoding="utf-8")
    assert run("incident", "add", "--file", str(incident), "--db", str(package)).returncode == 0
    assert json.loads(made.stdout)["warnings"] >= 1  # the demo's yellow warning in force went out
    warning = tmp_path / "warning.json"
    an_hour_ago = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="minutes")
    warning.write_text(json.dumps({"issuer": "县气象台", "type": "大风", "colour": "yellow",
                                   "issued_at": an_hour_ago,
                                   "villages": ["全镇"]}, ensure_ascii=False), encoding="utf-8")
    added = json.loads(run("warning", "add", "--file", str(warning), "--db", str(package),
                           "--json").stdout)
    person = added["to_reach"][0]["person_id"]
    assert run("warning", "relay", str(added["id"]), "--person", str(person), "--channel", "phone",
               "--answered", "--db", str(package)).returncode == 0
    merged = run("field", "merge", str(package), "--db", db, "--json")
    assert merged.returncode == 0, merged.stderr
    assert json.loads(merged.stdout)["added"] == 3  # the incident, the warning, the call
    twice = run("field", "merge", str(package), "--db", db, "--json")
    assert json.loads(twice.stdout)["added"] == 0
    listed = json.loads(run("incident", "list", "--search", "桥梁", "--db", db, "--json").stdout)
    assert [i["title"] for i in listed] == ["外勤接报：桥梁受损"]
    refused = run("field", "merge", str(tmp_path / "nothing.dutyroom"), "--db", db)
    assert refused.returncode == 2 and "不存在" in refused.stderr
    assert run("check", "--db", db).returncode == 0


@pytest.mark.usefixtures("desk")
def test_generate_says_a_slot_cannot_be_filled_only_in_its_proven_reason(db, tmp_path):
    """One leader and one officer, two days, rest 1: each tier has a day nobody may take,
    which the solver proves. The list's heading does not call the gaps impossible by itself;
    each line says what is proven."""
    people = staff_file(tmp_path, [["王海涛", "带班领导", "13907311000", "镇政府"],
                                   ["胡斌", "值班员", "13907312002", "党政办"]])
    assert run("staff", "import", str(people), "--db", db).returncode == 0
    made = run("roster", "generate", "--from", "2026-06-01", "--to", "2026-06-02", "--db", db)
    assert made.returncode == 0
    lines = made.stdout.splitlines()
    assert lines[1] == "未排上 2 个班次（原因逐个列出）：" and "无法排上" not in made.stdout
    assert all(line.startswith("  - 2026-06-0") and "已证明本范围至少空 2 个班次" in line
               for line in lines[2:4]), lines
    assert "未证明最优" not in made.stdout
