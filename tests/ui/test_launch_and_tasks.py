import threading

import pytest

from dutyroom.app import open_backend
from dutyroom.services.errors import InputError, Problem
from dutyroom.ui.launch import launch
from dutyroom.ui.tasks import Runner


def test_selftest_launch_opens_every_page(qtbot, tmp_path, capsys):
    assert launch(lambda: open_backend(tmp_path / "desk.sqlite3", "tester"), selftest=True) == 0
    assert "自检通过" in capsys.readouterr().out


def test_the_selftest_names_a_library_that_does_not_work(qtbot, tmp_path, capsys, monkeypatch):
    """A standalone build missing a module must fail its build check, not the officer."""
    from dutyroom.services import self_check, user_service

    def broken() -> bool:
        raise ModuleNotFoundError("No module named '_argon2_cffi_bindings'")

    monkeypatch.setattr(user_service, "hashing_works", broken)
    assert launch(lambda: open_backend(tmp_path / "desk.sqlite3", "tester"), selftest=True) == 1
    assert "密码校验（argon2）：ModuleNotFoundError" in capsys.readouterr().err
    monkeypatch.undo()
    backend = open_backend(tmp_path / "desk.sqlite3", "tester")
    try:
        assert self_check.run_checks(backend.uow) == []
    finally:
        backend.close()


def test_a_database_that_cannot_be_opened_is_reported_not_raised(qtbot, capsys):
    def refuse():
        raise InputError([Problem("数据库结构版本 ffff 比本程序新，请先升级 Dutyroom")])

    assert launch(refuse, selftest=True) == 1
    assert "比本程序新" in capsys.readouterr().err


def test_the_runner_works_off_the_ui_thread_and_answers_on_it(qtbot):
    runner = Runner()
    results, errors, threads = [], [], []

    def work(x):
        threads.append(threading.current_thread().name)
        if x < 0:
            raise InputError.simple("负数")
        return x * 2

    try:
        runner.run(work, 21, done=results.append, failed=errors.append)
        runner.run(work, -1, done=results.append, failed=errors.append)
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    finally:
        runner.shutdown()
    assert results == [42]
    assert [e.message for e in errors] == ["负数"]
    assert all(name.startswith("dutyroom-task") for name in threads)


@pytest.mark.parametrize("target", [None, ""])
def test_default_database_lives_in_the_user_data_folder(monkeypatch, target):
    import platformdirs

    from dutyroom.db.engine import resolve_target

    monkeypatch.delenv("DUTYROOM_DB", raising=False)
    url = resolve_target(target)
    assert url.database.endswith("dutyroom.sqlite3")
    assert url.database.startswith(platformdirs.user_data_dir("Dutyroom", appauthor=False))
    monkeypatch.setenv("DUTYROOM_DB", "postgresql+psycopg://u@h/db")
    assert resolve_target(None).get_backend_name() == "postgresql"
