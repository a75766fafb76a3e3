"""The one way a page runs an operation (ui/tasks.Op) and the bus its changes go out on."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from dutyroom.services import staff_service
from dutyroom.services.errors import ConflictError, InputError
from dutyroom.services.uow import Changes, Outcome
from dutyroom.ui.main_window import LOG, ROSTER
from dutyroom.ui.tasks import Op, Runner, SyncRunner


@pytest.fixture
def warnings(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: shown.append((title, text)))
    return shown


@pytest.fixture
def faults(monkeypatch) -> list[BaseException]:
    caught: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, error, _tb: caught.append(error))
    return caught


def test_an_outcome_is_unpacked_and_its_changes_go_out_once(qtbot):
    runner, parent = SyncRunner(), QWidget()
    qtbot.addWidget(parent)
    heard: list[tuple[Changes, object]] = []
    runner.bus.changed.connect(lambda changes, origin: heard.append((changes, origin)))
    values: list[object] = []
    itself: list[Changes] = []
    Op(parent, runner, lambda n: Outcome(n * 2, Changes(staff=True)), 21) \
        .changed(itself.append).success(values.append).run_in_background()
    assert values == [42] and itself == [Changes(staff=True)]
    assert heard == [(Changes(staff=True), parent)]
    Op(parent, runner, lambda: Outcome("same", Changes())).success(values.append).run_in_background()
    assert values[-1] == "same" and len(heard) == 1  # nothing changed: nothing announced
    Op(parent, runner, lambda: [1, 2]).success(values.append).run_in_background()
    assert values[-1] == [1, 2]  # a plain read passes through


def test_a_refusal_is_one_chinese_sentence_and_a_fault_takes_the_crash_path(qtbot, warnings, faults):
    runner, parent = SyncRunner(), QWidget()
    qtbot.addWidget(parent)
    after: list[BaseException] = []

    def refuse() -> None:
        raise InputError.simple("姓名不能为空", "name")

    Op(parent, runner, refuse, title="通讯录").failure(after.append).run_in_background()
    assert warnings == [("通讯录", "姓名不能为空")] and len(after) == 1 and not faults
    Op(parent, runner, lambda: (_ for _ in ()).throw(ConflictError("已被他人修改"))) \
        .run_in_background()
    assert warnings[-1] == ("操作未完成", "已被他人修改")

    def broken() -> None:
        raise ZeroDivisionError("a bug")

    Op(parent, runner, broken).failure(after.append, shown=True).run_in_background()
    assert len(warnings) == 2  # not shown as if it were the officer's input...
    assert isinstance(faults[-1], ZeroDivisionError) and len(after) == 2  # ...but reported


def test_a_page_that_shows_refusals_itself_gets_no_dialog(qtbot, warnings, faults):
    runner, parent = SyncRunner(), QWidget()
    qtbot.addWidget(parent)
    status: list[str] = []

    def refuse() -> None:
        raise InputError.simple("交接班时间格式不对")

    Op(parent, runner, refuse).failure(lambda e: status.append(str(e)), shown=True) \
        .run_in_background()
    assert status == ["交接班时间格式不对"] and warnings == [] and faults == []


def test_the_background_runner_delivers_on_the_ui_thread(qtbot):
    runner, parent = Runner(), QWidget()
    qtbot.addWidget(parent)
    values: list[int] = []
    try:
        Op(parent, runner, lambda: Outcome(7, Changes(roster=True))).success(values.append) \
            .run_in_background()
        with qtbot.waitSignal(runner.bus.changed, timeout=5000) as heard:
            pass
        assert heard.args == [Changes(roster=True), parent]
        qtbot.waitUntil(lambda: values == [7])
    finally:
        runner.shutdown()


def test_the_window_refreshes_every_page_but_the_one_that_made_the_change(window, monkeypatch):
    log, roster = window.page(LOG), window.page(ROSTER)
    window.show_page(LOG)
    asked: list[str] = []
    monkeypatch.setattr(type(log), "refresh", lambda _page, changes=None: asked.append("log"))
    monkeypatch.setattr(type(roster), "refresh", lambda _page, changes=None: asked.append("roster"))
    window.runner.bus.broadcast(Changes(incidents=True), log.incident_tab)  # from inside the page
    assert asked == []  # the log refreshed itself; the rota is hidden: owed a refresh
    window.show_page(ROSTER)
    assert asked == ["roster"]
    window.runner.bus.broadcast(Changes(incidents=True), None)  # another window's change
    assert asked == ["roster", "roster"]


def test_the_account_dialogs_read_the_staff_on_the_runner(window, qtbot, sqlite_backend, on_dialog,
                                                          monkeypatch):
    """数据 → 新建用户 lists the staff to link, read as an operation (no query on the UI thread)."""
    staff_service.add_staff(sqlite_backend.uow, {"name": "王明", "tier": "officer", "mobile": "13907311001"})
    page = window.data_page
    ran: list[object] = []
    real = window.runner.run
    monkeypatch.setattr(window.runner, "run", lambda fn, *a, **k: (ran.append(fn), real(fn, *a, **k)))
    seen: list[str] = []
    on_dialog(lambda d: (seen.append(type(d).__name__), d.reject()))
    page.add_user()
    assert staff_service.list_staff in ran and seen == ["UserDialog"]


def test_a_dialogs_fault_takes_the_crash_path_and_its_refusal_reads_under_the_form(
        qtbot, sqlite_backend, runner, monkeypatch, warnings, faults):
    """A dialog's job runs as an operation too: before, a fault was only written under the
    form as 内部错误 "详情已写入日志" while nothing went to the log."""
    from datetime import date

    from dutyroom.services import roster_calendar
    from dutyroom.ui.dialogs.roster_dialogs import PeriodsDialog

    dialog = PeriodsDialog(sqlite_backend.uow, runner, date(2026, 6, 1))
    qtbot.addWidget(dialog)

    def broken(*_args: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(roster_calendar, "add_period", broken)
    dialog.add()
    assert [type(f) for f in faults] == [ZeroDivisionError]  # logged, shown as 内部错误
    assert "内部错误" in dialog.error.text() and warnings == []

    def refuse(*_args: object) -> None:
        raise InputError.simple("名称不能为空", "name")

    monkeypatch.setattr(roster_calendar, "add_period", refuse)
    dialog.add()
    assert dialog.error.text() == "名称不能为空"
    assert len(faults) == 1 and warnings == []  # the officer's input: no crash path, no box
    assert not dialog.changed
