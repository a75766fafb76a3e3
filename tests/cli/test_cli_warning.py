"""`contacts import --kind responsible` and `warning add|list|relay`, as docs/cli.md says."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run


def _setup(tmp_path: Path) -> str:
    db = str(tmp_path / "desk.sqlite3")
    assert run("init", "--db", db).returncode == 0
    people = tmp_path / "责任人.csv"
    people.write_text("村(社区),岗位,姓名,手机,AB角,备注\n东村,村(社区)书记,张建国,13800000001,李秀英,\n"
                      "东村,网格员,李秀英,13800000002,,\n西村,网格员,王德明,13800000004,,\n",
                      encoding="utf-8")
    done = run("contacts", "import", "--kind", "responsible", str(people), "--db", db, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"imported": 3}
    return db


def test_a_warning_added_listed_and_relayed(tmp_path):
    db = _setup(tmp_path)
    notice = tmp_path / "w.json"
    notice.write_text(json.dumps({"issuer": "县气象台", "type": "暴雨", "colour": "orange",
                                  "issued_at": "2026-07-02T02:30", "valid_until": "2099-07-02T20:00",
                                  "villages": ["东村"], "text": "暴雨橙色预警"}), encoding="utf-8")
    added = run("warning", "add", "--file", str(notice), "--db", db, "--json")
    assert added.returncode == 0, added.stderr
    document = json.loads(added.stdout)
    assert set(document) == {"id", "relay_due", "to_reach"}
    assert [p["name"] for p in document["to_reach"]] == ["张建国", "李秀英"]
    assert set(document["to_reach"][0]) == {"person_id", "name", "village", "role"}
    relayed = run("warning", "relay", str(document["id"]), "--person", "张建国", "--channel",
                  "phone", "--answered", "--db", db, "--json")
    assert relayed.returncode == 0, relayed.stderr
    result = json.loads(relayed.stdout)
    assert (result["reached"], result["to_reach"]) == (1, 2)
    assert [p["name"] for p in result["next"]] == ["李秀英"]
    listed = json.loads(run("warning", "list", "--active", "--db", db, "--json").stdout)
    assert [(w["id"], w["colour"], w["status"], w["reached"], w["to_reach"]) for w in listed] == \
        [(document["id"], "orange", "active", 1, 2)]
    assert set(listed[0]) == {"id", "type", "colour", "issued_at", "valid_until", "status",
                              "reached", "to_reach"}
    alerts = json.loads(run("alerts", "--at", "2099-07-02T02:00", "--db", db, "--json").stdout)
    assert [a["subject"].split()[-1] for a in alerts if a["kind"] == "warning_relay"] == ["李秀英"]


def test_bad_input_is_one_line_and_changes_nothing(tmp_path):
    db = _setup(tmp_path)
    notice = tmp_path / "w.json"
    notice.write_text(json.dumps({"issuer": "县气象台", "type": "暴雨", "colour": "red",
                                  "issued_at": "2026-07-02T02:30", "valid_until": "2026-07-02T01:00",
                                  "villages": ["东村"]}), encoding="utf-8")
    bad = run("warning", "add", "--file", str(notice), "--db", db)
    assert bad.returncode == 2 and "有效期至应晚于发布时间" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr
    relay = run("warning", "relay", "7", "--person", "1", "--channel", "phone", "--no-answer",
                "--db", db)
    assert relay.returncode == 2 and "没有编号为 7 的预警" in relay.stderr
    file = tmp_path / "bad.csv"
    file.write_text("村(社区),岗位,姓名,手机\n西村,网格员,赵强,1380000000\n", encoding="utf-8")
    bad_file = run("contacts", "import", "--kind", "responsible", str(file), "--db", db)
    assert bad_file.returncode == 2 and "第 2 行" in bad_file.stderr and "手机" in bad_file.stderr
    assert json.loads(run("warning", "list", "--db", db, "--json").stdout) == []


def test_an_ab_who_is_on_the_list_too_answers_for_the_row_named_with_backup(tmp_path):
    """李秀英 is on the list and is 张建国's AB角: `--backup` says the call to her was for his
    row; without it her answer is her own."""
    db = _setup(tmp_path)
    notice = tmp_path / "w.json"
    notice.write_text(json.dumps({"issuer": "县气象台", "type": "暴雨", "colour": "red",
                                  "issued_at": "2026-07-02T02:30", "valid_until": "2099-07-02T20:00",
                                  "villages": ["东村"], "text": "暴雨红色预警"}), encoding="utf-8")
    warning = json.loads(run("warning", "add", "--file", str(notice), "--db", db, "--json").stdout)["id"]
    for _ in range(3):
        assert run("warning", "relay", str(warning), "--person", "张建国", "--channel", "phone",
                   "--no-answer", "--db", db).returncode == 0
    via = run("warning", "relay", str(warning), "--person", "张建国", "--backup", "--channel", "phone",
              "--answered", "--db", db, "--json")
    assert via.returncode == 0, via.stderr
    result = json.loads(via.stdout)
    assert result["reached"] == 1 and [p["name"] for p in result["next"]] == ["李秀英"]
