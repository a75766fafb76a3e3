"""Starting the GUI: open the database (upgrading it after a backup), then the window.

Any failure here becomes a Chinese message box (or, in the self-test, a line on stderr);
an exception escaping a slot later is logged and shown, never a silent crash.
"""

from __future__ import annotations

import importlib
import logging
import sys
import traceback
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from dutyroom.domain.roles import NOBODY, Actor
from dutyroom.services import settings_service, user_service
from dutyroom.services.live import ChangeWatch
from dutyroom.services.setup_service import SchemaReport, Storage
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.ui.application import application
from dutyroom.ui.collector import collecting_on_ui_thread
from dutyroom.ui.dialogs.account_dialogs import LoginDialog
from dutyroom.ui.i18n import tr
from dutyroom.ui.live_feed import LiveFeed
from dutyroom.ui.quitting import StopSignals
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.theme import apply_theme
from dutyroom.ui.widgets import error_text

if TYPE_CHECKING:
    from dutyroom.ui.main_window import MainWindow

log = logging.getLogger("dutyroom.ui")

# The window's modules load while the login dialog (or the first-run wizard) waits for a
# person, once it has been painted: the dialog comes up that much sooner, and the window
# that much sooner after the login (benchmarks/startup.py times the dialog).
WINDOW_MODULES = ("dutyroom.ui.main_window", "dutyroom.ui.pages.today_page")
LOAD_WINDOW_AFTER_MS = 100


class BackendLike(Protocol):
    uow: UnitOfWork
    schema: SchemaReport | None
    url: Any
    engine: Any

    def close(self) -> None: ...


def launch(open_backend: Callable[[], BackendLike], *, selftest: bool = False,
           store: QSettings | None = None,
           open_demo: Callable[[], BackendLike] | None = None) -> int:
    """Open the database, sign someone in, run the window; 0 when it was closed or the
    system asked it to stop (SIGTERM, Ctrl+C), 1 when the database could not be opened.
    `store` is this computer's QSettings (the last user name, the window's layout)."""
    app = application()
    errors: list[str] = []

    def report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("unhandled error", exc_info=(kind, value, tb))
        errors.append("".join(traceback.format_exception_only(kind, value)).strip())
        if not selftest:
            QMessageBox.critical(None, tr("Dutyroom 内部错误"), error_text(value))

    previous_hook = sys.excepthook
    sys.excepthook = report
    store = store if store is not None or selftest else QSettings()
    backend: BackendLike | None = None
    runner: Runner | SyncRunner = SyncRunner() if selftest else Runner()
    window: MainWindow | None = None
    with ExitStack() as stack:
        # Undone in reverse: the worker stops before the database closes, and every Qt
        # object of this run is gone before the cycle collector may run on any thread again.
        stack.callback(setattr, sys, "excepthook", previous_hook)
        collector = stack.enter_context(collecting_on_ui_thread())
        stack.callback(_delete_disposed)
        stop = StopSignals()
        stack.callback(stop.close)

        def close_backend() -> None:
            if backend is not None:
                backend.close()

        def dispose_window() -> None:
            if window is not None:
                window.deleteLater()

        stack.callback(close_backend)
        stack.callback(runner.shutdown)
        stack.callback(dispose_window)

        def stop_now(_number: int) -> None:
            """As closing the window does (exit backup included), without asking. Any
            dialog still open ends unanswered, as if cancelled (but not asking either)."""
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.done(QDialog.DialogCode.Rejected)
            if window is not None:
                window.close_without_asking()

        stop.received.connect(stop_now)
        def cannot_open(error: Exception, what: str = "database") -> int:
            log.exception("could not open the %s", what)
            if selftest:
                print(tr("错误：{0}").format(error_text(error)), file=sys.stderr)
            else:
                title = tr("无法打开主窗口") if what == "window" else tr("无法打开数据库")
                QMessageBox.critical(None, title, error_text(error))
            return 1

        try:
            backend = open_backend()
            settings = settings_service.snapshot(backend.uow)
        except Exception as error:
            return cannot_open(error)
        apply_theme(app, settings.font_scale)
        if not selftest:
            signed = sign_in(backend.uow, runner, settings.unit_name, store, open_demo)
            if not signed or stop.requested:
                return 0  # nobody logged in: nothing opened, nothing changed
            if signed.demo is not None:  # the sample town, in a database of its own
                backend.close()
                backend = signed.demo
            else:
                backend.uow = signed.uow
            # The window is handed the settings and does not read them at start: read them
            # as they are now, since the first-run wizard has just named the unit, or opened
            # the sample town (示例数据) in place of the desk's database.
            try:
                settings = settings_service.snapshot(backend.uow)
            except Exception as error:
                return cannot_open(error)
        schema = backend.schema
        try:  # loaded already while the dialog waited, unless nobody waited
            from dutyroom.ui.main_window import MainWindow
        except Exception as error:  # a broken install: said in a box, not a window that never comes
            return cannot_open(error, "window")
        window = MainWindow(backend.uow, runner, schema.db if schema else "",
                            schema.schema if schema else "", settings,
                            storage=Storage(backend.url, backend.engine), layout=store)
        if schema and schema.upgraded_from and not selftest:
            QMessageBox.information(
                window, tr("数据库已升级"),
                tr("数据库已从版本 {0} 升级到 {1}。\n升级前的备份：{2}").format(
                       schema.upgraded_from, schema.schema, schema.backup))
        window.show()
        collector.started()
        if selftest:
            return _selftest(app, window, errors)
        feed = LiveFeed(lambda: ChangeWatch(backend.url), parent=window)
        window.listen(feed)
        feed.start()
        stack.callback(feed.stop)
        window.start_backup()
        if stop.requested:  # asked to stop before the event loop ran
            window.close_without_asking()
            return 0
        return app.exec()
    return 1  # not reached


LAST_USER = "login/username"


@dataclass(frozen=True)
class SignedIn:
    """The unit of work of whoever logged in (true), or of nobody, and, when the first-run
    wizard opened the sample town, its own database (logged in already), to be used instead
    of the desk's."""

    uow: UnitOfWork
    demo: BackendLike | None = None

    def __bool__(self) -> bool:
        return self.uow.user is not NOBODY


def sign_in(uow: UnitOfWork, runner: Runner | SyncRunner, unit: str,
            store: QSettings | None = None,
            open_demo: Callable[[], BackendLike] | None = None) -> SignedIn:
    """Nobody acts until someone logs in; the very first run sets the desk up. The user
    name that last logged in on this computer is offered again. `uow` is left as it was:
    the unit of work for the person who logged in is the answer's."""
    uow = uow.for_actor(NOBODY)
    actor: Actor | None = None
    if not user_service.has_users(uow):
        # Only the very first run: the wizard (with the sample town, its printouts and most
        # services) and the staff import (the rota files) load here, not before every login.
        from dutyroom.ui.dialogs.import_dialog import ImportStaffDialog
        from dutyroom.ui.dialogs.setup_wizard import SetupWizard

        wizard = SetupWizard(uow, runner, open_demo)
        accepted = _exec_while_the_window_loads(wizard)
        wants_import = wizard.wants_import
        demo, actor = wizard.demo, wizard.actor
        _dispose(wizard)
        if not accepted or actor is None:
            return SignedIn(uow)
        if wants_import:
            importing = ImportStaffDialog(uow.for_actor(actor), runner)
            importing.exec()
            _dispose(importing)
        if demo is not None:
            return SignedIn(uow.for_actor(actor), demo)
    else:
        last = str(store.value(LAST_USER, "")) if store is not None else ""
        dialog = LoginDialog(runner, lambda v: Outcome(
            user_service.login(uow, v["username"], v["password"]), Changes()), unit, last)
        if _exec_while_the_window_loads(dialog) and dialog.outcome is not None:
            actor = dialog.outcome.value
        _dispose(dialog)
    if actor is None:
        return SignedIn(uow)
    if store is not None:
        store.setValue(LAST_USER, actor.username)
        store.sync()
    return SignedIn(uow.for_actor(actor))


def _exec_while_the_window_loads(dialog: QDialog) -> int:
    """The dialog's answer; meanwhile, shortly after it is shown, the window's modules load
    (a person's first key press waits for them at most, and is not lost)."""
    QTimer.singleShot(LOAD_WINDOW_AFTER_MS, dialog, load_the_window)
    return dialog.exec()


def load_the_window() -> None:
    """A module that fails to load here is only logged: the person is in the middle of
    logging in, and `launch` loads the window's module again once someone has, and says
    then, in a box of its own, that the window cannot open."""
    try:
        for name in WINDOW_MODULES:
            importlib.import_module(name)
    except Exception:
        log.exception("the window's modules did not load while the dialog waited")


def _dispose(widget: QWidget) -> None:
    """A dialog of the sign-in is done with: its C++ side goes on this thread, at the next
    turn of the event loop, rather than whenever Python's collector finds it (collector.py)."""
    widget.hide()
    widget.deleteLater()


def _delete_disposed() -> None:
    """Whatever was disposed of and not yet deleted goes now, before launch returns."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _selftest(app: QApplication, window: MainWindow, errors: list[str]) -> int:
    """Open every page in turn and let Qt paint it; any error fails the test."""
    opened: list[Any] = []
    for index, page in enumerate(window.pages):
        window.show_page(index)
        app.processEvents()
        if window.current_page() is not page or not page.isVisible():
            errors.append(tr("页面「{0}」未能打开").format(page.title))
        opened.append(page.title)
        page.grab()  # paints the page, as a person would see it
    from dutyroom.services import self_check  # (with the handover and the file formats)

    errors += self_check.run_checks(window.uow)
    window.close()
    app.processEvents()
    if errors:
        for line in errors:
            print(tr("自检失败：{0}").format(line), file=sys.stderr)
        return 1
    print(tr("自检通过：{0} 个页面（{1}）均已打开；打印、Excel 和日历导出、密码校验正常").format(
                 len(opened), tr('、').join(opened)))
    return 0
