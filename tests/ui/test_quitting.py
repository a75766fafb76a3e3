"""Starting and ending Dutyroom: the login types where the cursor is and never quits
silently; closing with alerts pending asks and names them; SIGTERM and Ctrl+C close as the
window's own close does; with no display `dutyroom` says so in one Chinese line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from dutyroom.app import open_backend
from dutyroom.domain.roles import NOBODY
from dutyroom.services import incident_service, user_service
from dutyroom.services.backup_service import list_backups
from dutyroom.ui.dialogs.account_dialogs import LoginDialog
from dutyroom.ui.launch import LAST_USER, launch, sign_in
from dutyroom.ui.main_window import MainWindow

ADMIN = {"username": "admin", "display_name": "王主任", "password": "desk-2026!",
         "confirm": "desk-2026!"}


@pytest.fixture
def store(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "local.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def desk(tmp_path):
    """A desk with its administrator, on a file of its own."""
    backend = open_backend(tmp_path / "desk.sqlite3", "tester")
    user_service.create_first_admin(backend.uow, ADMIN)
    yield backend
    backend.close()


@contextmanager
def never_hang(seconds: int = 60) -> Iterator[None]:
    """Should the walk go wrong, end every dialog and window after `seconds` (the test
    then fails on what it finds) rather than wait for ever."""

    def end() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.hide()

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(end)
    guard.start(seconds * 1000)
    try:
        yield
    finally:
        guard.stop()


def answer(box: QMessageBox, text: str) -> None:
    next(b for b in box.findChildren(QPushButton) if b.text() == text).click()


# --- the login ---------------------------------------------------------------------------------

def test_typing_name_tab_password_enter_logs_in(desk, runner, on_dialog, store):
    seen = {}

    def type_in(dialog: LoginDialog) -> None:
        for text, key, field in (("admin", Qt.Key.Key_Tab, dialog.username),
                                 ("desk-2026!", Qt.Key.Key_Return, dialog.password)):
            focus = dialog.focusWidget()
            seen[field.placeholderText()] = focus is field
            if focus is None:  # typing would go nowhere
                dialog.done(0)
                return
            QTest.keyClicks(focus, text)
            QTest.keyClick(focus, key)

    on_dialog(type_in)
    signed = sign_in(desk.uow, runner, "青山镇人民政府", store)
    assert signed
    desk.uow = signed.uow
    assert seen == {"用户名": True, "密码": True}
    assert desk.uow.user.username == "admin"
    assert store.value(LAST_USER) == "admin"


def test_the_last_user_name_is_offered_and_the_cursor_waits_in_the_password(
        desk, runner, on_dialog, store):
    store.setValue(LAST_USER, "admin")
    seen = {}

    def type_password(dialog: LoginDialog) -> None:
        seen["name"] = dialog.username.text()
        seen["focus"] = dialog.focusWidget() is dialog.password
        QTest.keyClicks(dialog.password, "desk-2026!")
        QTest.keyClick(dialog.password, Qt.Key.Key_Enter)

    on_dialog(type_password)
    assert sign_in(desk.uow, runner, "", store)
    assert seen == {"name": "admin", "focus": True}


def test_enter_in_the_user_name_goes_on_to_the_password_without_a_failed_login(
        desk, runner, on_dialog, store):
    seen = {}

    def enter_early(dialog: LoginDialog) -> None:
        QTest.keyClicks(dialog.username, "admin")
        QTest.keyClick(dialog.username, Qt.Key.Key_Return)
        seen["focus"] = dialog.focusWidget() is dialog.password
        seen["error"] = dialog.error.isVisible()
        seen["open"] = dialog.isVisible()
        QTest.keyClicks(dialog.password, "desk-2026!")
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)

    on_dialog(enter_early)
    assert sign_in(desk.uow, runner, "", store)
    assert seen == {"focus": True, "error": False, "open": True}


def test_cancelling_the_login_asks_before_quitting(desk, runner, store):
    asked: list[str] = []
    escapes = []
    over = []

    def step() -> None:
        if over:
            return
        QTimer.singleShot(20, step)  # first: Esc below opens the question and waits in it
        shown = QApplication.activeModalWidget()
        if isinstance(shown, QMessageBox) and len(asked) < len(escapes):
            asked.append(shown.text())
            answer(shown, "返回登录" if len(asked) == 1 else "退出")
        elif isinstance(shown, LoginDialog) and len(escapes) == len(asked) < 2:
            escapes.append(shown.isVisible())
            QTest.keyClick(shown.username, Qt.Key.Key_Escape)

    QTimer.singleShot(0, step)
    try:
        with never_hang():
            signed = sign_in(desk.uow, runner, "", store)
            desk.uow = signed.uow
            assert not signed
    finally:
        over.append(True)
    assert escapes == [True, True]  # after the first question the login was still there
    assert len(asked) == 2 and "不登录就退出" in asked[0]
    assert desk.uow.user is NOBODY and store.value(LAST_USER) is None


# --- closing the window ------------------------------------------------------------------------

class ClosedByPerson(QCloseEvent):
    """The close event of the title bar's × (the window system's, hence spontaneous)."""

    def spontaneous(self) -> bool:  # type: ignore[override]
        return True


@pytest.fixture
def overdue(sqlite_backend, window):
    received = datetime.now(UTC) - timedelta(hours=2)
    incident_service.add_incident(sqlite_backend.uow, {
        "received_at": received.isoformat(), "title": "化工厂储罐泄漏", "category": "accident",
        "level": "III"})
    window.center.refresh()
    assert window.center.pressing()
    return window


def test_closing_with_alerts_pending_asks_naming_them(overdue, on_dialog):
    window = overdue
    asked = []
    on_dialog(lambda box: (asked.append(box.text()), answer(box, "继续值班")))
    event = ClosedByPerson()
    window.closeEvent(event)
    assert not event.isAccepted() and window.isVisible()
    assert "化工厂储罐泄漏" in asked[0] and "电话报告" in asked[0] and "已超时" in asked[0]
    on_dialog(lambda box: answer(box, "退出"))
    event = ClosedByPerson()
    window.closeEvent(event)
    assert event.isAccepted()


def test_closing_with_nothing_pending_does_not_ask(window):
    window.center.current = None  # nothing read, nothing pending
    event = ClosedByPerson()
    window.closeEvent(event)
    assert event.isAccepted()


def test_the_program_closing_the_window_does_not_ask(overdue, monkeypatch):
    asked = []
    monkeypatch.setattr("dutyroom.ui.main_window.confirm_quit", lambda *a: asked.append(a) and False)
    overdue.close()  # not spontaneous: the self-test, a signal
    assert not overdue.isVisible() and asked == []


def test_many_pending_alerts_are_named_five_and_counted(overdue, sqlite_backend, on_dialog):
    for number in range(7):
        incident_service.add_incident(sqlite_backend.uow, {
            "received_at": (datetime.now(UTC) - timedelta(hours=2)).isoformat(),
            "title": f"事件{number}", "category": "accident", "level": "III"})
    overdue.center.refresh()
    pressing = len(overdue.center.pressing())
    asked = []
    on_dialog(lambda box: (asked.append(box.text()), answer(box, "继续值班")))
    overdue.closeEvent(ClosedByPerson())
    assert f"以下 {pressing} 项提醒" in asked[0] and f"……另有 {pressing - 5} 项" in asked[0]


# --- signals -----------------------------------------------------------------------------------

def _log_in_then(desk, store, then):
    """launch() on `desk`, logging in through the dialog, then `then(window)` once the
    window shows and has read what it shows."""
    submitted: list[LoginDialog] = []

    def step() -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, LoginDialog) and not submitted:
            submitted.append(shown)
            shown.username.setText("admin")
            shown.password.setText("desk-2026!")
            shown.submit()
        window = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is not None and window.runner.pending == 0:
            then(window)
            return
        QTimer.singleShot(20, step)

    QTimer.singleShot(0, step)
    with never_hang():
        return launch(lambda: open_backend(desk.url.database, "tester"), store=store)


@pytest.mark.parametrize(("number", "dialog_open"), [(signal.SIGTERM, False), (signal.SIGINT, False),
                                                    (signal.SIGTERM, True)])
def test_a_stop_signal_closes_the_window_as_its_close_does(desk, store, number, dialog_open):
    before = len(list_backups(desk.url))
    handler = signal.getsignal(number)
    layout = []

    def stop(window: MainWindow) -> None:
        window.show_page(2)  # the page it will open on next time
        layout.append(window.stack.currentIndex())
        if dialog_open:  # the signal comes while a modal dialog waits for an answer
            QTimer.singleShot(50, lambda: os.kill(os.getpid(), number))
            QMessageBox.information(window, "提示", "等待回答")
        else:
            os.kill(os.getpid(), number)

    assert _log_in_then(desk, store, stop) == 0
    assert len(list_backups(desk.url)) > before  # the exit backup
    assert int(store.value("window/page")) == layout[0] == 2
    assert signal.getsignal(number) is handler  # put back


def test_a_stop_signal_at_the_login_quits_without_asking(desk, store):
    asked = []

    def stop() -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, QMessageBox):
            asked.append(shown.text())
            answer(shown, "退出")
        elif isinstance(shown, LoginDialog):
            os.kill(os.getpid(), signal.SIGTERM)
        else:
            QTimer.singleShot(20, stop)

    QTimer.singleShot(0, stop)
    with never_hang():
        assert launch(lambda: open_backend(desk.url.database, "tester"), store=store) == 0
    assert asked == []


def _dutyroom(tmp_path: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dutyroom", "--db", str(tmp_path / "desk.sqlite3")],
                            env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_sigterm_ends_the_real_program_at_its_first_run_window(tmp_path):
    process = _dutyroom(tmp_path, {"QT_QPA_PLATFORM": "offscreen"})
    deadline = time.monotonic() + 60
    while not (tmp_path / "desk.sqlite3").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)  # the wizard is up
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Traceback" not in err


def test_with_no_display_one_chinese_line_instead_of_qt_s_abort(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    process = subprocess.run([sys.executable, "-m", "dutyroom", "--db", str(tmp_path / "d.sqlite3")],
                             env=env, capture_output=True, text=True, timeout=60, check=False)
    assert process.returncode == 1
    assert process.stderr.splitlines() == [
        "错误：没有图形显示（未设置 DISPLAY），无法打开窗口。命令行用法见 dutyroom --help"]
    assert not (tmp_path / "d.sqlite3").exists()


def test_an_unreachable_display_is_named(tmp_path):
    env = {**{k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")},
           "DISPLAY": ":97", "QT_QPA_PLATFORM": "xcb"}
    process = subprocess.run([sys.executable, "-m", "dutyroom"], env=env, capture_output=True,
                             text=True, timeout=60, check=False)
    assert process.returncode == 1
    assert process.stderr.strip().startswith("错误：")
    assert len(process.stderr.strip().splitlines()) == 1
