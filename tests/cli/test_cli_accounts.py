"""Accounts on the command line: `init --admin`, `user add|list`, and logging in on a
server, where every command acts with the account's role (exit 2 naming a missing right)."""

from __future__ import annotations

import json

import pytest

from dutyroom.cli import main

PASSWORD = "desk-pass-2026"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def accounts(db_target, capsys, monkeypatch) -> str:
    """A desk with an administrator (logged in through the environment on a server)."""
    monkeypatch.setenv("DUTYROOM_NEW_PASSWORD", PASSWORD)
    code, out, err = cli(capsys, "init", "--json", "--db", db_target, "--admin", "admin",
                         "--name", "王主任")
    assert code == 0, err
    assert json.loads(out)["admin"] == {"id": 1, "login": "admin", "role": "admin"}
    monkeypatch.setenv("DUTYROOM_USER", "admin")
    monkeypatch.setenv("DUTYROOM_PASSWORD", PASSWORD)
    return db_target


def test_the_first_administrator_is_made_once_and_accounts_listed(accounts, capsys):
    code, _, err = cli(capsys, "init", "--db", accounts, "--admin", "second", "--name", "二号")
    assert code == 2 and "已有用户" in err
    code, out, _ = cli(capsys, "user", "add", "zhang", "--name", "张三", "--role", "officer",
                       "--json", "--db", accounts)
    assert code == 0 and json.loads(out) == {"id": 2, "login": "zhang", "role": "officer"}
    code, out, _ = cli(capsys, "user", "list", "--json", "--db", accounts)
    assert code == 0 and json.loads(out) == [
        {"id": 1, "login": "admin", "name": "王主任", "role": "admin", "active": True},
        {"id": 2, "login": "zhang", "name": "张三", "role": "officer", "active": True}]


@pytest.mark.parametrize(("args", "needle"), [
    (["zhang", "--name", "张三", "--role", "chief"], "--role"),
    (["zhang", "--role", "officer"], "--name"),
    (["x", "--name", "张三", "--role", "officer"], "用户名"),
    (["admin", "--name", "重名", "--role", "officer"], "已被使用"),
    (["li", "--name", "李四", "--role", "officer", "--staff", "99"], "关联的人员不存在"),
])
def test_bad_accounts_are_refused_with_one_line_and_nothing_added(accounts, capsys, args,
                                                                  needle):
    code, _, err = cli(capsys, "user", "add", *args, "--db", accounts)
    assert code == 2 and needle in err and err.count("\n") == 1, err
    assert len(json.loads(cli(capsys, "user", "list", "--json", "--db", accounts)[1])) == 1


def test_a_new_password_comes_only_from_the_environment(accounts, capsys, monkeypatch):
    monkeypatch.delenv("DUTYROOM_NEW_PASSWORD")
    code, _, err = cli(capsys, "user", "add", "zhang", "--name", "张三", "--role", "officer",
                       "--db", accounts)
    assert code == 2 and "DUTYROOM_NEW_PASSWORD" in err
    monkeypatch.setenv("DUTYROOM_NEW_PASSWORD", "short")
    code, _, err = cli(capsys, "user", "add", "zhang", "--name", "张三", "--role", "officer",
                       "--db", accounts)
    assert code == 2 and "密码至少 10 位" in err
    for common in ("password123", "Qwertyuiop"):  # on zxcvbn's list, whatever the case
        monkeypatch.setenv("DUTYROOM_NEW_PASSWORD", common)
        code, _, err = cli(capsys, "user", "add", "zhang", "--name", "张三", "--role", "officer",
                           "--db", accounts)
        assert code == 2 and "常见密码" in err and err.count("\n") == 1, err


def test_the_first_administrator_cannot_have_a_common_password(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DUTYROOM_NEW_PASSWORD", "1q2w3e4r5t")
    target = str(tmp_path / "desk.sqlite3")
    code, _, err = cli(capsys, "init", "--db", target, "--admin", "admin", "--name", "王主任")
    assert code == 2 and "常见密码" in err and err.count("\n") == 1, err
    monkeypatch.setenv("DUTYROOM_NEW_PASSWORD", PASSWORD)
    assert cli(capsys, "init", "--db", target, "--admin", "admin", "--name", "王主任")[0] == 0


@pytest.mark.postgresql
@pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)
def test_on_a_server_every_command_logs_in_and_acts_with_its_role(accounts, capsys,
                                                                   monkeypatch, tmp_path):
    assert cli(capsys, "user", "add", "zhang", "--name", "张三", "--role", "officer",
               "--db", accounts)[0] == 0
    people = tmp_path / "staff.csv"
    people.write_text("姓名,值班层级,手机\n李四,值班员,13800000001\n", encoding="utf-8")

    monkeypatch.setenv("DUTYROOM_USER", "zhang")
    code, _, err = cli(capsys, "staff", "import", str(people), "--db", accounts)
    assert code == 2 and "张三(zhang)" in err and "编排值班表、维护人员和日历" in err
    code, _, err = cli(capsys, "user", "list", "--db", accounts)
    assert code == 2 and "管理用户" in err
    assert cli(capsys, "staff", "list", "--db", accounts)[0] == 0  # reading is anyone's

    monkeypatch.setenv("DUTYROOM_PASSWORD", "wrong-password")
    code, _, err = cli(capsys, "staff", "list", "--db", accounts)
    assert code == 2 and "用户名或密码不正确" in err
    monkeypatch.delenv("DUTYROOM_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = cli(capsys, "staff", "list", "--db", accounts)
    assert code == 2 and "DUTYROOM_USER" in err and "DUTYROOM_PASSWORD" in err

    monkeypatch.setenv("DUTYROOM_USER", "admin")
    monkeypatch.setenv("DUTYROOM_PASSWORD", PASSWORD)
    assert cli(capsys, "staff", "import", str(people), "--db", accounts)[0] == 0
    code, out, _ = cli(capsys, "check", "--json", "--db", accounts)
    assert code == 0 and json.loads(out)["ok"]


@pytest.mark.postgresql
@pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)
def test_on_a_terminal_the_command_asks_who_logs_in(accounts, capsys, monkeypatch):
    """With neither variable set, a terminal prompts for the name and (unechoed) password;
    the command then acts as the account typed, not as `cli:<os user>`."""
    assert cli(capsys, "user", "add", "zhang", "--name", "张三", "--role", "officer",
               "--db", accounts)[0] == 0
    monkeypatch.delenv("DUTYROOM_USER")
    monkeypatch.delenv("DUTYROOM_PASSWORD")
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "zhang")
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or PASSWORD)
    code, _, err = cli(capsys, "period", "add", "--name", "两会", "--from", "2026-03-01",
                       "--to", "2026-03-10", "--db", accounts)
    assert asked == ["用户名：", "密码："]
    assert code == 2 and "张三(zhang)（值班员）无权编排值班表、维护人员和日历" in err
    monkeypatch.setattr("getpass.getpass", lambda prompt: "not-his-password")
    code, _, err = cli(capsys, "staff", "list", "--db", accounts)
    assert code == 2 and "用户名或密码不正确" in err


@pytest.mark.postgresql
@pytest.mark.parametrize("db_target", ["postgresql"], indirect=True)
def test_a_server_without_accounts_asks_for_the_first_administrator(db_target, capsys):
    assert cli(capsys, "init", "--db", db_target)[0] == 0
    code, _, err = cli(capsys, "staff", "list", "--db", db_target)
    assert code == 2 and "init --admin" in err


def test_a_local_file_needs_no_login(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DUTYROOM_USER", raising=False)
    path = str(tmp_path / "desk.sqlite3")
    assert cli(capsys, "init", "--db", path)[0] == 0
    monkeypatch.setenv("DUTYROOM_NEW_PASSWORD", PASSWORD)
    assert cli(capsys, "user", "add", "zhang", "--name", "张三", "--role", "leader",
               "--db", path)[0] == 0
