"""`dutyroom contacts import|on-duty` as a script calls them (docs/cli.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def run(*args: str):
    return subprocess.run([sys.executable, "-m", "dutyroom", *args], capture_output=True,
                          text=True, env=ENV, check=False)


@pytest.fixture
def demo(tmp_path: Path) -> str:
    target = str(tmp_path / "desk.sqlite3")
    assert run("init", "--demo", "--db", target).returncode == 0
    return target


def test_a_roster_imports_and_says_whom_to_call_at_night(demo, tmp_path):
    roster = tmp_path / "镇水利站.csv"
    roster.write_text("日期,值班人员,手机,带班领导,带班领导手机\n"
                      "2026-12-01,范立新,13707310109,,\n", encoding="utf-8")
    done = run("contacts", "import", "--kind", "roster", str(roster), "--department", "镇水利站",
               "--db", demo, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"imported": 1}
    night = run("contacts", "on-duty", "--at", "2026-12-02T03:10", "--department", "镇水利站",
                "--db", demo, "--json")
    assert json.loads(night.stdout) == [{"department": "镇水利站", "person": "范立新",
                                         "mobile": "13707310109", "source": "roster"}]
    every = json.loads(run("contacts", "on-duty", "--at", "2026-12-02T10:00", "--db", demo,
                           "--json").stdout)
    assert len(every) == 20 and {d["source"] for d in every} == {"office"}


def test_bad_input_is_one_line_and_changes_nothing(demo, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("日期,值班人员,手机\n2026-12-01,范立新,13707310109\n2026-12-01,石磊,13707310110\n",
                      encoding="utf-8")
    twice = run("contacts", "import", "--kind", "roster", str(roster), "--department", "镇水利站",
                "--db", demo)
    assert twice.returncode == 2 and "第 3 行" in twice.stderr and "Traceback" not in twice.stderr
    assert len(twice.stderr.strip().splitlines()) == 1
    good = tmp_path / "good.csv"
    good.write_text("日期,值班人员,手机\n2026-12-01,范立新,13707310109\n", encoding="utf-8")
    unknown = run("contacts", "import", "--kind", "roster", str(good), "--department", "燃气公司",
                  "--db", demo)
    assert unknown.returncode == 2 and "燃气公司" in unknown.stderr
    missing = run("contacts", "import", "--kind", "roster", str(roster), "--db", demo)
    assert missing.returncode == 2 and "--department" in missing.stderr
    duties = tmp_path / "duties.csv"
    duties.write_text("类别,子类,牵头单位,配合单位\n事故灾难,火灾,青山消防救援站,青山派出所\n"
                      "事故灾难,沉船,青山派出所,\n", encoding="utf-8")
    refused = run("contacts", "import", "--kind", "duties", str(duties), "--db", demo)
    assert refused.returncode == 2 and "第 3 行" in refused.stderr and "沉船" in refused.stderr
    at = run("contacts", "on-duty", "--at", "昨天", "--db", demo)
    assert at.returncode == 2 and "--at" in at.stderr
    night = run("contacts", "on-duty", "--at", "2026-12-02T03:10", "--department", "镇水利站",
                "--db", demo, "--json")
    assert json.loads(night.stdout)[0]["source"] == "duty_phone"  # nothing was imported


def test_a_duties_file_imports(demo, tmp_path):
    duties = tmp_path / "duties.csv"
    duties.write_text("category,subtype,lead,support\naccident,火灾,青山消防救援站,青山派出所、青山镇卫生院\n",
                      encoding="utf-8")
    done = run("contacts", "import", "--kind", "duties", str(duties), "--db", demo, "--json")
    assert done.returncode == 0, done.stderr and json.loads(done.stdout) == {"imported": 1}


RESOURCE_HEADER = "类型,名称,数量或容量,位置,负责人,电话,适用子类\n"


def _resources(db: str) -> list[str]:
    from dutyroom.app import open_backend
    from dutyroom.services import resource_service

    backend = open_backend(db, "test", create=False)
    try:
        return sorted(r.name for r in resource_service.list_resources(backend.uow))
    finally:
        backend.close()


def test_resources_import_from_xlsx_and_gbk_csv(tmp_path):
    from openpyxl import Workbook

    db = str(tmp_path / "desk.sqlite3")
    assert run("init", "--db", db).returncode == 0
    book = Workbook()
    book.active.append(["类型", "名称", "数量或容量", "位置", "负责人", "电话", "适用子类"])
    book.active.append(["队伍", "民兵应急分队", 30, "镇武装部", "张明远", 13907311002, "山洪、溺水"])
    book.active.append(["避难场所", "中心学校", "800 人", "学府路 8 号", "刘校长", "0731-86210301", "山洪"])
    book.save(tmp_path / "资源.xlsx")
    done = run("contacts", "import", "--kind", "resources", str(tmp_path / "资源.xlsx"), "--db", db,
               "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"imported": 2}
    gbk = tmp_path / "物资.csv"
    gbk.write_bytes((RESOURCE_HEADER + "物资,冲锋舟,2 艘,青山水库,龚德明,0731-86210238,山洪、溺水\n"
                     ).encode("gbk"))
    said = run("contacts", "import", "--kind", "resources", str(gbk), "--db", db)
    assert said.returncode == 0 and "已导入应急资源 1 条" in said.stdout
    assert _resources(db) == sorted(["中心学校", "民兵应急分队", "冲锋舟"])


def test_a_bad_resources_row_is_one_line_naming_row_and_column_and_saves_nothing(tmp_path):
    db = str(tmp_path / "desk.sqlite3")
    assert run("init", "--db", db).returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(RESOURCE_HEADER + "物资,救生衣,120 件,仓库,范立新,13707310109,溺水\n"
                   "物资,沙袋,3000 条,仓库,范立新,13707310109,山洪、沉船\n", encoding="utf-8")
    refused = run("contacts", "import", "--kind", "resources", str(bad), "--db", db, "--json")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "第 3 行" in refused.stderr and "适用子类" in refused.stderr and "沉船" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert _resources(db) == []
