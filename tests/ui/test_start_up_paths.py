"""What start-up leaves for later still works when later comes: the backups (at start, the
hourly check, at close) and the clock-log printout load their modules on first use, and the
window built with the input guard set aside has every field guarded afterwards, in every
window built in the process, and also when building one failed."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QDateEdit, QSpinBox, QWidget

from dutyroom.services import backup_service, settings_service
from dutyroom.services.setup_service import Storage
from dutyroom.ui import input_guard
from dutyroom.ui import main_window as window_module
from dutyroom.ui.main_window import MainWindow
from tests.ui.test_theme import wheel  # the wheel as the window system delivers it


def _value(field: QWidget) -> object:
    return field.currentIndex() if isinstance(field, QComboBox) else field.text()


def _turnable(field: QWidget) -> bool:
    if not field.isEnabled():
        return False
    if isinstance(field, QComboBox):
        return field.count() > 1
    assert isinstance(field, QAbstractSpinBox)
    return not field.isReadOnly()


def turned_fields(root: QWidget) -> tuple[int, list[str]]:
    """How many value fields under `root` were wheeled over, and those the wheel changed."""
    fields = [f for kind in (QComboBox, QAbstractSpinBox) for f in root.findChildren(kind)
              if _turnable(f) and not input_guard.has_focus(f)]
    changed = []
    for field in fields:
        before = _value(field)
        for steps in (1, -1, -1):
            wheel(field, steps)
        if _value(field) != before:
            changed.append(f"{type(field).__name__} {field.objectName() or field.toolTip()}")
    return len(fields), changed


def build(backend) -> MainWindow:
    settings = settings_service.load_settings(backend.uow)
    return MainWindow(backend.uow, window_module.SyncRunner(), "test.sqlite3", "0001", settings,
                      storage=Storage(backend.url, backend.engine))


# --- the backups, on a file database -----------------------------------------------------------


def test_the_start_and_the_hourly_check_back_a_file_desk_up_once_a_day(window, sqlite_backend):
    def autos() -> list:
        return [b for b in backup_service.list_backups(sqlite_backend.url) if b.label == "auto"]

    window.start_backup()  # as launch does once the window is up
    assert len(autos()) == 1 and autos()[0].path.exists()
    window._backup_timer.timeout.emit()  # an hour on: the day's copy is there
    assert len(backup_service.list_backups(sqlite_backend.url)) == 1
    autos()[0].path.unlink()  # a day with no copy
    assert backup_service.daily_due(sqlite_backend.url)
    window._backup_timer.timeout.emit()
    assert len(autos()) == 1 and autos()[0].path.exists()


def test_closing_backs_a_file_desk_up_and_without_storage_nothing_is_copied(
        qtbot, window, sqlite_backend):
    window.close_without_asking()
    assert [b.label for b in backup_service.list_backups(sqlite_backend.url)] == ["auto"]
    settings = settings_service.load_settings(sqlite_backend.uow)
    bare = MainWindow(sqlite_backend.uow, window_module.SyncRunner(), "test.sqlite3", "0001",
                      settings)
    qtbot.addWidget(bare)
    bare.start_backup()
    bare.daily_backup()
    bare.close_without_asking()
    assert len(backup_service.list_backups(sqlite_backend.url)) == 1


# --- the clock-log printout from 交接班 ----------------------------------------------------------


def test_the_clock_log_prints_from_the_handover_page_and_its_date_fields_ignore_the_wheel(
        themed, window, on_dialog, qtbot):
    page = window.page(window_module.HANDOVER)
    window.show_page(window_module.HANDOVER)
    seen: dict[str, object] = {}

    def choose(dialog) -> None:
        dates = dialog.findChildren(QDateEdit)
        seen["dates"] = len(dates)
        seen["turned"] = turned_fields(dialog)
        for field, day in zip(dates, (date(2026, 11, 1), date(2026, 11, 3)), strict=True):
            field.setDate(day)
        dialog.accept()

    on_dialog(choose)
    page.print_clock_log()
    qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None)
    assert seen["dates"] == 2 and seen["turned"] == (2, [])
    preview = page.preview
    assert preview.document.pages >= 1 and preview.document.data.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(preview.document.data)).pages)
    assert "2026年11月1日至11月3日" in text and "签到" in text
    preview.close()


# --- the input guard once the window is built -------------------------------------------------


def test_every_field_of_every_page_opened_later_leaves_the_wheel_alone(themed, window):
    counted = 0
    for index in range(len(window_module.NAVIGATION)):
        window.show_page(index)
        seen, changed = turned_fields(window.page(index))
        assert changed == [], window_module.NAVIGATION[index].title
        counted += seen
    assert counted >= 10  # 设置, 排班, 值班日志, 统计 … have plenty


def test_several_windows_leave_one_guard_and_each_window_sees_its_input(
        themed, qtbot, sqlite_backend):
    windows = []
    for _ in range(3):
        built = build(sqlite_backend)
        qtbot.addWidget(built)
        built.show()
        windows.append(built)
    assert len(themed.findChildren(input_guard.InputGuard)) == 1
    for built in windows:
        settings = built.page(window_module.SETTINGS)
        built.show_page(window_module.SETTINGS)
        clock = [0.0]
        built.idle_clock = lambda clock=clock: clock[0]
        built._last_input = 0.0
        clock[0] = 100.0
        seen, changed = turned_fields(settings)
        assert seen and changed == []
        assert built._last_input == 100.0  # the idle timer saw the wheel the guard took
        clock[0] = 200.0
        QApplication.sendEvent(settings, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                                   Qt.KeyboardModifier.NoModifier, "a"))
        assert built._last_input == 200.0
    for built in windows:
        built.close_without_asking()
    assert len(themed.findChildren(input_guard.InputGuard)) == 1


@pytest.mark.parametrize("where", ["page", "layout"])
def test_a_window_failing_to_build_leaves_the_guard_on(themed, qtbot, sqlite_backend, monkeypatch,
                                                     where):
    def broken(*_args, **_kwargs):
        raise RuntimeError("a page failed to build")

    if where == "page":
        monkeypatch.setattr(window_module.MainWindow, "_build", broken)
    else:
        monkeypatch.setattr(window_module.MainWindow, "restore_layout", broken)
    with pytest.raises(RuntimeError, match="failed to build"):
        build(sqlite_backend)
    monkeypatch.undo()
    assert len(themed.findChildren(input_guard.InputGuard)) == 1
    holder = QWidget()
    qtbot.addWidget(holder)
    spin = QSpinBox(holder)
    spin.setRange(0, 100)
    spin.setValue(50)
    holder.show()
    assert turned_fields(holder) == (1, [])  # guarded straight after the failure
    built = build(sqlite_backend)
    qtbot.addWidget(built)
    built.show()
    settings = built.page(window_module.SETTINGS)
    built.show_page(window_module.SETTINGS)
    seen, changed = turned_fields(settings)
    assert seen and changed == []
    built.close_without_asking()


# --- the login dialog comes before the window's modules -----------------------------------------

LOOK_AT_THE_LOGIN = """
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from dutyroom.ui.application import application

app = application()
from dutyroom.cli import main

seen = []

def look():
    dialog = next((w for w in QApplication.topLevelWidgets()
                   if type(w).__name__ == "LoginDialog" and w.isVisible()), None)
    if dialog is None:
        QTimer.singleShot(5, look)
        return
    seen.append("dutyroom.ui.main_window" in sys.modules)
    waited = time.monotonic()

    def later():  # until they have loaded (a loaded machine may take seconds), or 30 s
        loaded = [name in sys.modules for name in ("dutyroom.ui.main_window",
                                                   "dutyroom.ui.pages.today_page")]
        if not all(loaded) and time.monotonic() - waited < 30:
            QTimer.singleShot(20, later)
            return
        seen.extend(loaded)
        dialog.done(0)  # as the stop signal does: no question about quitting

    QTimer.singleShot(20, later)

QTimer.singleShot(0, look)
print(main(["--db", sys.argv[1], "gui"]), seen)
"""


@pytest.mark.owner
def test_the_login_dialog_comes_up_before_the_window_modules_which_load_while_it_waits(
        tmp_path, monkeypatch):
    """`dutyroom gui` through its real start: the dialog is shown without the window's
    modules, they have loaded while it waits, and cancelling it still ends the run well."""
    import os
    import subprocess
    import sys

    from dutyroom.cli import main

    database = str(tmp_path / "desk.sqlite3")
    monkeypatch.setenv("DUTYROOM_NEW_PASSWORD", "Duty-2026-desk")
    assert main(["--db", database, "init", "--admin", "admin", "--name", "管理员"]) == 0
    done = subprocess.run([sys.executable, "-c", LOOK_AT_THE_LOGIN, database], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip().splitlines()[-1] == "0 [False, True, True]", done.stderr
