"""How the command line reads and answers: in Chinese, one line per error, one wording per
field and per missing file, nothing created by a mistyped --db, no password in the log, and
only the command's own modules loaded.

Most cases call `dutyroom.cli.main` in this process (a subprocess each would take minutes on
a loaded machine); test_cli.py runs the contract as a user would.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest

from dutyroom.cli import main, parsing
from dutyroom.logfile import LOG_DIR_ENV, configure_logging, redact


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def desk(tmp_path, capsys) -> str:
    path = str(tmp_path / "desk.sqlite3")
    assert cli(capsys, "init", "--db", path)[0] == 0
    return path


# --- only init makes a database ----------------------------------------------------------------

READ_AND_WRITE_COMMANDS = [
    ["staff", "list"], ["alerts"], ["incident", "list"], ["calendar", "show", "2026"],
    ["roster", "show", "--from", "2026-03-01", "--to", "2026-03-02"], ["check"], ["backup"],
    ["handover", "print", "--date", "2026-03-01", "--out", "x.pdf"],
    ["period", "add", "--name", "两会", "--from", "2026-03-01", "--to", "2026-03-02"],
    ["roster", "generate", "--from", "2026-03-01", "--to", "2026-03-02"],
]


@pytest.mark.parametrize("command", READ_AND_WRITE_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_mistyped_db_path_creates_nothing(capsys, tmp_path, command):
    missing = tmp_path / "typo" / "deeper" / "desk.sqlite3"
    code, out, err = cli(capsys, *command, "--db", str(missing))
    assert code == 2 and out == ""
    assert err == f"错误：--db：数据库文件 {missing} 不存在（新建数据库请运行 dutyroom init）\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["a" * 5000 + ".sqlite3", "a\x00b.sqlite3", "x/" * 3000 + "d.sqlite3"],
                         ids=["too-long", "nul", "too-deep"])
@pytest.mark.parametrize("command", [["staff", "list"], ["check"], ["init"]], ids=lambda c: c[0])
def test_a_path_the_system_refuses_is_bad_input_in_chinese(capsys, tmp_path, name, command):
    code, out, err = cli(capsys, *command, "--db", str(tmp_path / name))
    assert code == 2 and out == ""
    # A NUL cannot reach a real command line; called in-process it is an unreadable address.
    assert err.startswith("错误：--db：数据库文件路径无法使用（过长或含有系统不允许的字符）："
                          if "\x00" not in name else "错误：--db：无法识别的数据库地址"), err
    assert len(err) < 200 and "Error" not in err and "内部错误" not in err
    assert list(tmp_path.iterdir()) == []


def test_another_program_s_sqlite_file_is_named_as_such_by_check(capsys, tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("create table t(x)")
    before = other.read_bytes()
    code, out, _ = cli(capsys, "check", "--json", "--db", str(other))
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert any("没有 Dutyroom 数据库" in p and "--db" in p for p in report["problems"]), report
    assert not any("dutyroom init" in p for p in report["problems"])
    for command in (["staff", "list"], ["init"], ["incident", "list"]):
        assert cli(capsys, *command, "--db", str(other))[0] == 2
    assert other.read_bytes() == before and sorted(tmp_path.iterdir()) == [other]


def test_an_empty_file_is_not_made_a_database_except_by_init(capsys, tmp_path):
    empty = tmp_path / "desk.sqlite3"
    empty.touch()
    code, _, err = cli(capsys, "staff", "list", "--db", str(empty))
    assert code == 2 and "还没有 Dutyroom 数据库" in err and "dutyroom init" in err
    assert empty.stat().st_size == 0
    assert cli(capsys, "init", "--db", str(empty))[0] == 0
    assert cli(capsys, "staff", "list", "--db", str(empty))[0] == 0


def test_a_new_file_or_an_empty_server_database_is_made_only_by_init(capsys, db_target,
                                                                      monkeypatch):
    from sqlalchemy import create_engine, inspect

    monkeypatch.setenv("DUTYROOM_NEW_PASSWORD", "值班室密码2026年")
    monkeypatch.setenv("DUTYROOM_USER", "admin")
    monkeypatch.setenv("DUTYROOM_PASSWORD", "值班室密码2026年")

    code, _, err = cli(capsys, "alerts", "--db", db_target)
    assert code == 2 and "dutyroom init" in err
    if "://" in db_target:
        engine = create_engine(db_target)
        try:
            assert inspect(engine).get_table_names() == []
        finally:
            engine.dispose()
    else:
        assert not os.path.exists(db_target)
    assert cli(capsys, "init", "--db", db_target, "--admin", "admin", "--name", "管理员")[0] == 0
    assert cli(capsys, "alerts", "--db", db_target)[0] == 0


def test_the_default_database_is_not_made_by_a_listing(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DUTYROOM_DB", str(tmp_path / "data" / "dutyroom.sqlite3"))
    assert cli(capsys, "staff", "list")[0] == 2
    assert not (tmp_path / "data").exists()


# --- the --db value: advice, never an internal error -------------------------------------------

@pytest.mark.parametrize(("target", "advice"), [
    ("foo://host/db", "不支持的数据库地址"),
    ("postgresql+nosuchdriver://u@h/db", "不支持的数据库地址"),
    ("postgresql+psycopg://u@h:port/db", "数据库地址"),
    ("mysql+nosuchdriver://u@h/db", "不支持的数据库"),
])
def test_a_database_kind_or_driver_dutyroom_cannot_use_gets_advice(capsys, target, advice):
    code, _, err = cli(capsys, "staff", "list", "--db", target)
    assert code == 2 and advice in err and "postgresql+psycopg://" in err
    assert "内部错误" not in err and len(err.splitlines()) == 1


def test_a_missing_postgresql_driver_names_the_extra_to_install(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if installed without [postgresql]
    code, _, err = cli(capsys, "alerts", "--db", "postgresql+psycopg://desk:secret@host/duty")
    assert code == 2
    assert "未安装 PostgreSQL 驱动 psycopg" in err and 'pip install "dutyroom[postgresql]"' in err
    assert "secret" not in err


# --- the log: in its folder, without passwords -------------------------------------------------

def test_the_log_goes_to_the_folder_named_by_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "logs"))
    assert configure_logging() == tmp_path / "logs" / "dutyroom.log"


def test_the_tests_themselves_log_outside_the_real_user_folders():
    import platformdirs

    real = platformdirs.user_log_dir("Dutyroom", appauthor=False)
    assert os.environ[LOG_DIR_ENV] and not os.environ[LOG_DIR_ENV].startswith(real)


def test_an_internal_error_logs_the_command_line_without_its_password(capsys, monkeypatch,
                                                                       tmp_path):
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path))
    monkeypatch.setenv("DUTYROOM_PASSWORD", "desk-pass-42")

    def broken(*_args, **_kwargs):
        raise RuntimeError("connection to postgresql+psycopg://desk:s3cr3t@db.local/duty lost")

    monkeypatch.setattr("dutyroom.app.open_backend", broken)
    code, _, err = cli(capsys, "staff", "list", "--db", "postgresql+psycopg://desk:s3cr3t@db.local/duty")
    assert code == 1 and "内部错误" in err and "s3cr3t" not in err
    logged = (tmp_path / "dutyroom.log").read_text(encoding="utf-8")
    assert "command failed" in logged and "RuntimeError" in logged
    assert "s3cr3t" not in logged and "postgresql+psycopg://desk:***@db.local/duty" in logged


@pytest.mark.parametrize(("text", "shown"), [
    ("--db postgresql+psycopg://u:p%40ss@h:5432/d", "--db postgresql+psycopg://u:***@h:5432/d"),
    ("['--db', 'postgresql://admin:hunter2@10.0.0.1/x']", "['--db', 'postgresql://admin:***@10.0.0.1/x']"),
    ("postgresql+psycopg://u@h/db has no password", "postgresql+psycopg://u@h/db has no password"),
    ("/home/张三/desk.sqlite3", "/home/张三/desk.sqlite3"),
])
def test_redaction_hides_exactly_the_password(text, shown):
    assert redact(text) == shown


# --- argparse in Chinese, one line ------------------------------------------------------------

@pytest.mark.parametrize(("args", "expected"), [
    (["frobnicate"], "「frobnicate」不是可选的值"),
    (["staff"], "缺少必需的参数：ACTION"),
    (["staff", "import"], "缺少必需的参数：FILE"),
    (["init", "--nope"], "无法识别的参数：--nope"),
    (["--db"], "--db：后面须跟一个值"),
    (["calendar", "show", "二〇二六"], "YEAR：「二〇二六」不是有效的整数"),
    (["roster", "export", "--from", "2026-03-01", "--to", "2026-03-02", "--format", "doc",
      "--out", "x"], "--format：「doc」不是可选的值"),
])
def test_argparse_speaks_chinese_in_one_line(capsys, args, expected):
    code, out, err = cli(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("错误：dutyroom") and expected in err and "--help" in err
    assert len(err.splitlines()) == 1
    assert not any(word in err for word in ("usage", "error:", "required", "invalid", "argument"))


def test_help_is_chinese(capsys):
    with pytest.raises(SystemExit) as done:
        main(["staff", "import", "--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith("用法：dutyroom staff import") and "显示此帮助并退出" in shown
    assert "usage" not in shown and "show this help" not in shown and "options" not in shown


def test_every_argparse_message_has_a_chinese_wording():
    for source, chinese in parsing.ARGPARSE_ZH.items():
        assert any(c >= "\u3000" for c in chinese), source
        for field in ("%(value)", "%(type)", "%(choices)", "%(argument_name)", "%(message)",
                      "%(option)", "%(matches)", "%s"):
            assert (field in source) == (field in chinese), (source, field)


def test_reading_the_command_line_leaves_argparse_in_english():
    with parsing.speaking_chinese():
        assert argparse._("options") == "选项"  # type: ignore[attr-defined]
    assert argparse._("options") == "options"  # type: ignore[attr-defined]


# --- one wording per field, one for a missing file ----------------------------------------------

@pytest.mark.parametrize(("args", "start"), [
    (["roster", "show", "--from", "2026-02-30", "--to", "2026-03-01"], "错误：--from："),
    (["roster", "generate", "--from", "2026-03-10", "--to", "2026-03-01"], "错误：--to："),
    (["incident", "list", "--from", "2026-02-30"], "错误：--from："),
    (["incident", "list", "--from", "2026-03-10", "--to", "2026-03-01"], "错误：--to："),
    (["field", "export", "--from", "2026-13-01", "--to", "2026-03-01", "--out", "x"], "错误：--from："),
    (["handover", "print", "--date", "2026-02-30", "--out", "x.pdf"], "错误：--date："),
    (["alerts", "--at", "tomorrow"], "错误：--at："),
    (["incident", "report", "7", "--stage", "first", "--channel", "phone"], "错误：ID："),
    (["calendar", "show", "3000"], "错误：YEAR："),
])
def test_a_field_is_named_as_it_is_typed(capsys, desk, args, start):
    code, _, err = cli(capsys, *args, "--db", desk)
    assert code == 2 and err.startswith(start), err
    assert len(err.splitlines()) == 1


def test_the_same_bad_date_reads_the_same_in_every_command(capsys, desk):
    said = set()
    for args in (["roster", "show", "--to", "2026-03-01"], ["incident", "list"],
                 ["field", "export", "--to", "2026-03-01", "--out", "x"],
                 ["period", "add", "--name", "x", "--to", "2026-03-01"]):
        said.add(cli(capsys, *args, "--from", "2026-02-30", "--db", desk)[2])
    assert said == {"错误：--from：「2026-02-30」不是有效日期，应为 YYYY-MM-DD\n"}


def test_a_missing_file_is_reported_one_way(capsys, desk, tmp_path):
    said = []
    for args in (["staff", "import", "{}.csv"], ["staff", "import", "{}.xlsx"],
                 ["calendar", "import", "{}.csv"], ["calendar", "import", "{}.ics"],
                 ["roster", "import", "{}.xlsx"], ["incident", "add", "--file", "{}.json"],
                 ["restore", "{}.sqlite3"], ["field", "merge", "{}.dutyroom"]):
        path = tmp_path / "nowhere" / "名单"
        code, _, err = cli(capsys, *[a.format(path) for a in args], "--db", desk)
        assert code == 2, args
        said.append(err.replace(str(path), "PATH").replace(".csv", "").replace(".xlsx", "")
                    .replace(".ics", "").replace(".json", "").replace(".sqlite3", "")
                    .replace(".dutyroom", ""))
    assert set(said) == {"错误：PATH：文件不存在\n"}


def test_an_output_folder_that_cannot_be_made_is_said_in_chinese(capsys, desk, tmp_path):
    (tmp_path / "a-file").write_text("")
    code, _, err = cli(capsys, "roster", "export", "--from", "2026-03-01", "--to", "2026-03-02",
                       "--format", "csv", "--out", str(tmp_path / "a-file" / "x.csv"), "--db", desk)
    assert code == 2 and err == f"错误：{tmp_path / 'a-file' / 'x.csv'}：路径中有一段不是文件夹\n"


def test_the_pdf_layouts_of_the_command_line_are_the_service_s():
    from dutyroom.cli import roster
    from dutyroom.services import roster_files

    assert tuple(roster_files.PDF_LAYOUTS) == roster.PDF_LAYOUTS


# --- each command loads only its own part -------------------------------------------------------

def _modules_after(*args: str) -> set[str]:
    script = ("import sys, json\nfrom dutyroom.cli import main\ntry:\n    main(sys.argv[1:])\n"
              "except SystemExit:\n    pass\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          check=False)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


HEAVY = ("sqlalchemy", "PySide6", "reportlab", "openpyxl", "alembic", "dutyroom.services",
         "dutyroom.app", "dutyroom.cli.staff")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["roster", "--help"], ["frobnicate"]])
def test_help_and_usage_load_no_database_and_no_window(args):
    loaded = _modules_after(*args)
    assert not [m for m in loaded if m.startswith(HEAVY)]


def test_a_listing_loads_the_database_but_not_the_window_or_the_printouts(tmp_path):
    loaded = _modules_after("staff", "list", "--db", str(tmp_path / "none.sqlite3"))
    assert "dutyroom.cli.staff" in loaded and "sqlalchemy" in loaded
    unwanted = ("PySide6", "reportlab", "openpyxl", "dutyroom.cli.roster")
    assert not [m for m in loaded if m.startswith(unwanted)]


def _words(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return found[0].choices if found else {}


def test_every_command_word_is_wired_by_its_module():
    words = _words(parsing.build_parser())
    assert list(words) == list(parsing.COMMANDS)
    for name, sub in words.items():
        leaves = _words(sub).values() or [sub]
        assert all(callable(leaf.get_default("handler")) for leaf in leaves), name


def test_the_command_word_is_found_after_the_common_options():
    assert parsing.command_word(["--db", "staff", "--json", "alerts"]) == "alerts"
    assert parsing.command_word(["--json", "--db=x.sqlite3", "staff", "list"]) == "staff"
    assert parsing.command_word(["--help"]) is None
