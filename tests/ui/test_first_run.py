"""The first start of a new desk, walked as the officer does it, with the real background
runner: wizard → 从 Excel 或 CSV 人员表导入 → 完成 → the file dialog → 导入 → the window.

This path crashed (issue 16): the import dialog, kept alive only by a reference cycle, was
destroyed by Python's cycle collector running on the runner's worker while the window
read the duty clock. Here every cycle collection must happen on the UI thread.
"""

from __future__ import annotations

import csv
import gc
import threading
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWizard

from dutyroom.app import open_backend
from dutyroom.services import staff_service
from dutyroom.ui import launch as launch_module
from dutyroom.ui.dialogs.import_dialog import ImportStaffDialog
from dutyroom.ui.dialogs.setup_wizard import SetupWizard
from dutyroom.ui.main_window import MainWindow
from dutyroom.ui.tasks import Runner

PEOPLE = [["王建国", "主要领导", "13907310001", "党政办", "镇长"],
          ["李明", "带班领导", "13907310002", "党政办", "副镇长"],
          ["赵强", "带班领导", "13907310003", "应急办", "主任"],
          ["张伟", "值班员", "13907310004", "党政办", "干事"],
          ["刘洋", "值班员", "13907310005", "应急办", "干事"],
          ["陈静", "值班员", "13907310006", "综治办", "干事"]]


def staff_csv(folder: Path) -> Path:
    path = folder / "人员表.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["姓名", "值班层级", "手机", "部门", "职务"], *PEOPLE])
    return path


class WatchedRunner(Runner):
    """The real runner, noting the thread each job ran on."""

    threads: ClassVar[list[str]] = []

    def _work(self, ticket: int) -> None:
        WatchedRunner.threads.append(threading.current_thread().name)
        super()._work(ticket)


def test_first_run_imports_staff_and_opens_the_window_with_the_real_runner(
        qtbot, tmp_path, monkeypatch):
    people = staff_csv(tmp_path)
    database = tmp_path / "desk.sqlite3"
    store = QSettings(str(tmp_path / "local.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(launch_module, "Runner", WatchedRunner)
    WatchedRunner.threads = []
    collected_on: list[str] = []

    def note(phase: str, _info: dict) -> None:
        if phase == "start":
            collected_on.append(threading.current_thread().name)

    done: list[str] = []

    def step() -> None:
        if "window" in done:
            return
        QTimer.singleShot(20, step)  # first: an action below may open a modal dialog
        shown = QApplication.activeModalWidget()
        if isinstance(shown, SetupWizard) and "wizard" not in done:
            done.append("wizard")
            shown.unit.unit_name.setText("青山镇人民政府")
            shown.next()
            shown.admin.username.setText("admin")
            shown.admin.display_name.setText("王主任")
            shown.admin.password.setText("desk-2026!")
            shown.admin.confirm.setText("desk-2026!")
            shown.next()
            assert shown.wants_import  # 从 Excel 或 CSV 人员表导入 is the first choice
            shown.button(QWizard.WizardButton.FinishButton).click()
        elif isinstance(shown, ImportStaffDialog) and "choose" not in done:
            done.append("choose")
            shown.choose.click()  # the real file dialog opens
        elif isinstance(shown, QFileDialog) and "file" not in done:
            done.append("file")  # typed into its file name field, then Enter, as a person does
            name = shown.findChild(QLineEdit, "fileNameEdit")
            name.setText(str(people))  # QTest types ASCII only; the file is 人员表.csv
            QTest.keyClick(name, Qt.Key.Key_Return)
        elif isinstance(shown, ImportStaffDialog) and shown.confirm.isEnabled() and "import" not in done:
            done.append("import")
            shown.confirm.click()
        window = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is not None and "window" not in done and window.center.current is not None \
                and window.runner.pending == 0 and collected_on:
            done.append("window")
            window.close()

    gc.callbacks.append(note)
    QTimer.singleShot(0, step)
    guard = QTimer()  # should the walk go wrong, end it rather than hang the suite
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: [w.hide() for w in QApplication.topLevelWidgets()])
    guard.start(120_000)
    try:
        code = launch_module.launch(lambda: open_backend(database, "tester"), store=store)
    finally:
        guard.stop()
        done.append("window")  # the walk stops here whatever happened
        gc.callbacks.remove(note)
    assert code == 0 and done[:5] == ["wizard", "choose", "file", "import", "window"]
    assert WatchedRunner.threads and all(t.startswith("dutyroom-task") for t in WatchedRunner.threads)
    assert collected_on and set(collected_on) == {threading.main_thread().name}
    assert gc.isenabled()  # given back to the interpreter once the window is gone
    assert store.value("login/username") == "admin"
    backend = open_backend(database, "tester", create=False)
    try:
        assert sorted(p.name for p in staff_service.list_staff(backend.uow)) == sorted(p[0] for p in PEOPLE)
    finally:
        backend.close()
