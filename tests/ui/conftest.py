from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from dutyroom.services import settings_service
from dutyroom.services.backup_service import Storage
from dutyroom.ui.main_window import MainWindow
from dutyroom.ui.tasks import SyncRunner


@pytest.fixture
def runner() -> SyncRunner:
    return SyncRunner()


@pytest.fixture
def window(qtbot, sqlite_backend, runner) -> MainWindow:
    settings = settings_service.load_settings(sqlite_backend.uow)
    main = MainWindow(sqlite_backend.uow, runner, "test.sqlite3", "0001", settings,
                      storage=Storage(sqlite_backend.url, sqlite_backend.engine))
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def on_dialog(qtbot) -> Callable[[Callable[[QDialog], None]], None]:
    """Run `act` on the next modal dialog once it is open (exec() blocks the test)."""

    def arrange(act: Callable[[QDialog], None]) -> None:
        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, QDialog) and dialog.isVisible():
                act(dialog)
            else:
                QTimer.singleShot(10, poll)

        QTimer.singleShot(0, poll)

    return arrange
