from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QStyleFactory

from dutyroom.services import settings_service
from dutyroom.services.setup_service import Storage
from dutyroom.ui import input_guard, theme
from dutyroom.ui.main_window import MainWindow
from dutyroom.ui.tasks import SyncRunner


@pytest.fixture(autouse=True)
def collected_after_each_test(qapp) -> Iterator[None]:
    """What a test left is deleted and its cycles collected here, on the UI thread, once
    pytest-qt has closed its windows: as the app collects only on the UI thread at moments
    it chooses (ui/collector.py), not wherever the interpreter next allocates. Left to the
    interpreter, one run in five of test_roster_page.py died with a segmentation fault
    inside the next test's QMainWindow(), where such a collection would free what the
    previous test left."""
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


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


@pytest.fixture
def themed(qapp, request) -> Iterator[QApplication]:
    """The theme as the app applies it at start (once, at the font scale of the desk),
    taken off again for the other tests."""
    font = qapp.font()
    theme.apply_theme(qapp, getattr(request, "param", 100))
    yield qapp
    qapp.setStyleSheet("")
    qapp.setStyle(QStyleFactory.create("Fusion"))
    qapp.setFont(font)
    guard = qapp.findChild(input_guard.InputGuard)
    if guard is not None:
        qapp.removeEventFilter(guard)
        guard.setParent(None)
        guard.deleteLater()
