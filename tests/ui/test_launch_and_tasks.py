import gc
import threading
import time

import pytest

from dutyroom.app import open_backend
from dutyroom.services.errors import InputError, Problem
from dutyroom.ui.collector import UiThreadCollector, collecting_on_ui_thread
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


class Marker:
    """Notes the thread its last reference was let go on."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


@pytest.mark.parametrize("raises", [False, True])
def test_the_worker_never_lets_go_of_the_last_reference(qtbot, raises):
    """What a job holds (its call, arguments, result, an error's traceback) is let go of on
    the UI thread: a widget let go of on the worker would be destroyed there."""
    runner = Runner()
    seen: list[str] = []

    def work(marker: Marker) -> None:
        time.sleep(0.05)  # the UI thread lets go of its own references meanwhile
        if raises:
            raise InputError.simple("坏")  # its traceback holds `marker`

    try:
        runner.run(work, Marker(seen), done=lambda _: None, failed=lambda _: None)
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    finally:
        runner.shutdown()
    assert seen == [threading.main_thread().name]


def test_while_the_window_runs_only_the_ui_thread_collects_cycles(qtbot):
    collected_on: list[str] = []

    def note(phase: str, _info: dict) -> None:
        if phase == "start":
            collected_on.append(threading.current_thread().name)

    def allocate() -> None:  # would have set the interpreter's collector off in this thread
        for _ in range(50_000):
            pair: list = []
            pair.append(pair)

    gc.callbacks.append(note)
    try:
        with collecting_on_ui_thread():
            assert not gc.isenabled()
            worker = threading.Thread(target=allocate, name="worker")
            worker.start()
            worker.join()
            assert collected_on == []
            qtbot.waitUntil(lambda: bool(collected_on), timeout=5000)
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(note)
    assert set(collected_on) == {threading.main_thread().name}


def test_the_collector_collects_the_generation_the_interpreter_would():
    collector = UiThreadCollector()
    try:
        gc.collect()
        assert collector.collect_due() == -1
        for _ in range(gc.get_threshold()[0] + 10):
            pair: list = []
            pair.append(pair)
        assert collector.collect_due() == 0
        assert gc.get_count()[0] < gc.get_threshold()[0]
    finally:
        collector.stop()
    assert gc.isenabled()
