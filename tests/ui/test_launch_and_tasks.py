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


ADMIN = {"username": "admin", "display_name": "王主任", "password": "desk-2026!",
         "confirm": "desk-2026!"}


def _launch_and_read_the_header(tmp_path, monkeypatch, signing) -> dict[str, object]:
    """Launch with `signing` in place of the login (the wizard or the login dialog), wait
    until the window has read what it reads at start, and note what its header says."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from dutyroom.ui import launch as launch_module
    from dutyroom.ui.main_window import MainWindow

    monkeypatch.setattr(launch_module, "sign_in", signing)
    seen: dict[str, object] = {}

    def step() -> None:
        window = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is not None and window.center.current is not None and window.runner.pending == 0:
            seen.update(unit=window.unit_label.text(), title=window.windowTitle(),
                        demo=window.demo_banner.isVisibleTo(window))
            window.close_without_asking()
            return
        QTimer.singleShot(20, step)

    QTimer.singleShot(0, step)
    guard = QTimer()  # should the walk go wrong, end it rather than hang the suite
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: [w.hide() for w in QApplication.topLevelWidgets()])
    guard.start(60_000)
    try:
        assert launch_module.launch(lambda: open_backend(tmp_path / "desk.sqlite3", "tester")) == 0
    finally:
        guard.stop()
    return seen


def test_the_window_opened_after_the_first_run_wizard_names_the_unit_just_set_up(
        qtbot, tmp_path, monkeypatch):
    """The wizard writes the unit's name after the database was opened (and its settings
    read for the login): the window names the unit, not 未设置单位名称."""
    from dutyroom.services.user_service import set_up_desk
    from dutyroom.ui.launch import SignedIn

    def wizard(uow, *_args, **_kw):
        actor = set_up_desk(uow, ADMIN, {"unit_name": "青山镇人民政府", "desk_name": "应急值班室",
                                         "handover_time": "08:30"}).value
        return SignedIn(uow.for_actor(actor))

    seen = _launch_and_read_the_header(tmp_path, monkeypatch, wizard)
    assert seen["unit"] == "青山镇人民政府"
    assert "青山镇人民政府" in str(seen["title"])


def test_the_sample_town_chosen_in_the_wizard_opens_under_the_sample_data_banner(
        qtbot, tmp_path, monkeypatch):
    """The sample town is a database of its own, opened after the desk's settings were read:
    the window says 示例数据 and names the sample town, not the desk."""
    from dutyroom.services.user_service import set_up_desk
    from dutyroom.ui.dialogs.setup_wizard import open_sample_town
    from dutyroom.ui.launch import SignedIn

    def wizard(uow, *_args, **_kw):
        actor = set_up_desk(uow, ADMIN, {"unit_name": "青山镇人民政府", "desk_name": "应急值班室",
                                         "handover_time": "08:30"}).value
        sample = open_sample_town(lambda: open_backend(tmp_path / "desk-demo.sqlite3", "tester"),
                                  ADMIN)
        return SignedIn(uow.for_actor(actor), sample)

    seen = _launch_and_read_the_header(tmp_path, monkeypatch, wizard)
    assert seen["demo"] is True
    assert "示例" in str(seen["unit"])


def test_the_start_is_collected_once_then_set_apart_and_given_back_at_the_end(qtbot):
    """After `started`, the next check collects what the start left as garbage and freezes
    the rest, so later full collections do not walk it; stopping gives it back, so nothing
    made while the window ran outlives it uncollected."""
    import weakref

    class Node:
        pass

    collector = UiThreadCollector()
    try:
        dropped = Node()
        dropped.self = dropped  # garbage only a collection can free
        gone = weakref.ref(dropped)
        del dropped
        kept = Node()
        kept.self = kept
        collector.started()
        assert gone() is not None and gc.get_freeze_count() == 0  # not before the check
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=5000)
        assert gone() is None
        assert any(obj is kept for obj in gc.get_objects()) is False  # set apart
        collector.collect_due()  # the later checks as before
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    assert any(obj is kept for obj in gc.get_objects())


def test_the_gui_command_collects_nothing_while_it_loads_and_restores_the_collector(monkeypatch):
    from dutyroom import app
    from dutyroom.cli import main

    during: list[bool] = []
    monkeypatch.setattr(app, "run_gui", lambda *a, **k: during.append(gc.isenabled()) or 0)
    assert main(["gui"]) == 0
    assert during == [False] and gc.isenabled()
    gc.disable()
    try:
        assert main(["gui"]) == 0
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def test_launch_sets_the_start_apart_once_the_window_is_shown_and_gives_it_back(
        qtbot, tmp_path, monkeypatch):
    """Through `launch` itself: nothing is set apart before the window shows, the start is
    set apart (gc.freeze) a check after it shows, and nothing is left frozen when it ends."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from dutyroom.services.user_service import set_up_desk
    from dutyroom.ui import launch as launch_module
    from dutyroom.ui.launch import SignedIn

    frozen_at_sign_in: list[int] = []

    def signing(uow, *_args, **_kw):
        frozen_at_sign_in.append(gc.get_freeze_count())
        return SignedIn(uow.for_actor(set_up_desk(uow, ADMIN, {"unit_name": "青山镇人民政府"}).value))

    monkeypatch.setattr(launch_module, "sign_in", signing)
    frozen_while_up: list[int] = []
    waited = time.monotonic()

    def step() -> None:
        window = next((w for w in QApplication.topLevelWidgets()
                       if type(w).__name__ == "MainWindow" and w.isVisible()), None)
        if window is not None and (gc.get_freeze_count() or time.monotonic() - waited > 30):
            frozen_while_up.append(gc.get_freeze_count())
            window.close_without_asking()
            return
        QTimer.singleShot(20, step)

    QTimer.singleShot(0, step)
    assert launch_module.launch(lambda: open_backend(tmp_path / "desk.sqlite3", "tester")) == 0
    assert frozen_at_sign_in == [0]
    assert len(frozen_while_up) == 1 and frozen_while_up[0] > 10_000  # the start, set apart
    assert gc.get_freeze_count() == 0


def test_a_window_module_that_cannot_load_is_said_once_in_a_box_after_the_login(
        qtbot, tmp_path, monkeypatch):
    """A broken install (a window module missing): loading it while the login dialog waits
    interrupts nobody; once someone has logged in, one box says the window cannot open and
    the run ends with 1, rather than the process ending with a line nobody at a desk reads."""
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog, QMessageBox

    from dutyroom.services.user_service import set_up_desk
    from dutyroom.ui import launch as launch_module
    from dutyroom.ui.launch import SignedIn

    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda _parent, title, text: boxes.append((title, text))))
    boxes_while_waiting: list[list[tuple[str, str]]] = []

    def signing(uow, *_args, **_kw):
        dialog = QDialog()
        QTimer.singleShot(launch_module.LOAD_WINDOW_AFTER_MS + 400,
                          lambda: (boxes_while_waiting.append(list(boxes)), dialog.accept()))
        assert launch_module._exec_while_the_window_loads(dialog)
        return SignedIn(uow.for_actor(set_up_desk(uow, ADMIN, {"unit_name": "青山镇人民政府"}).value))

    monkeypatch.setattr(launch_module, "sign_in", signing)
    monkeypatch.setitem(sys.modules, "dutyroom.ui.main_window", None)
    assert launch_module.launch(lambda: open_backend(tmp_path / "desk.sqlite3", "tester")) == 1
    assert boxes_while_waiting == [[]]
    assert [title for title, _ in boxes] == ["无法打开主窗口"]
    assert "ModuleNotFoundError" in boxes[0][1] and "Traceback" not in boxes[0][1]
