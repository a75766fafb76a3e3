"""`daily-report` and `stats` as scripts call them: the contract's output, exit 2 with one
Chinese line on bad input, nothing written."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.test_cli import run


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("reports") / "desk.sqlite3")
    assert run("init", "--demo", "--db", db).returncode == 0
    yesterday = date.today() - timedelta(days=1)
    generated = run("roster", "generate", "--from", f"{yesterday - timedelta(days=1)}",
                    "--to", f"{yesterday}", "--db", db)
    assert generated.returncode == 0, generated.stderr
    return db


def test_daily_report_writes_the_pdf_and_the_text(demo, tmp_path):
    day = date.today() - timedelta(days=1)
    out, text = tmp_path / "日报.pdf", tmp_path / "日报.txt"
    result = run("daily-report", "--date", f"{day}", "--out", str(out), "--text", str(text),
                 "--db", demo, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"out": str(out), "pages": 1, "text": str(text)}
    printed = "".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", "")
    assert "值班日报" in printed and f"{day.year}年{day.month}月{day.day}日" in printed
    lines = text.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith("值班日报") and any(x.startswith("一、值班情况：") for x in lines)


def test_daily_report_refuses_bad_days(demo, tmp_path: Path):
    out = tmp_path / "x.pdf"
    for day in ("2026-02-30", f"{date.today() + timedelta(days=3)}", "1999-01-04"):
        bad = run("daily-report", "--date", day, "--out", str(out), "--db", demo)
        assert bad.returncode == 2 and bad.stderr.startswith("错误") and "Traceback" not in bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_stats_prints_the_contract_and_writes_the_workbook(demo, tmp_path):
    today = date.today()
    first = f"{today.replace(day=1) - timedelta(days=40):%Y-%m-01}"
    result = run("stats", "--from", first, "--to", f"{today}", "--db", demo, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) >= {"reports", "dispatch", "checkins", "spot_checks", "warnings", "people"}
    assert set(document["reports"]) >= {"due", "on_time", "late", "overdue", "missing", "by_stage",
                                        "by_level"}
    reports = document["reports"]
    assert reports["due"] == sum(reports[k] for k in ("on_time", "late", "overdue")) + sum(
        s["missing"] for s in reports["by_stage"].values())
    out = tmp_path / "统计.xlsx"
    written = run("stats", "--from", first, "--to", f"{today}", "--out", str(out), "--db", demo, "--json")
    assert written.returncode == 0 and json.loads(written.stdout)["out"] == str(out)
    assert out.read_bytes().startswith(b"PK")


def test_stats_refuses_a_backwards_period(demo, tmp_path):
    out = tmp_path / "x.xlsx"
    for args in (["--from", "2026-07-31", "--to", "2026-07-01"],
                 ["--from", "2026-02-30", "--to", "2026-03-01"]):
        bad = run("stats", *args, "--out", str(out), "--db", demo)
        assert bad.returncode == 2 and bad.stderr.startswith("错误") and "Traceback" not in bad.stderr
    assert not out.exists()
