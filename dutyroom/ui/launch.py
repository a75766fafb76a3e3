"""Starting the GUI: open the database (upgrading it after a backup), then the window.

Any failure here becomes a Chinese message box (or, in the self-test, a line on stderr);
an exception escaping a slot later is logged and shown, never a silent crash.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from dutyroom.domain.roles import NOBODY
from dutyroom.services import self_check, settings_service, user_service
from dutyroom.services.backup_service import Storage
from dutyroom.services.setup_service import SchemaReport
from dutyroom.services.uow import Changes, Outcome, UnitOfWork
from dutyroom.ui.application import application
from dutyroom.ui.dialogs.account_dialogs import LoginDialog
from dutyroom.ui.dialogs.import_dialog import ImportStaffDialog
from dutyroom.ui.dialogs.setup_wizard import SetupWizard
from dutyroom.ui.i18n import tr
from dutyroom.ui.main_window import MainWindow
from dutyroom.ui.tasks import Runner, SyncRunner
from dutyroom.ui.theme import apply_theme
from dutyroom.ui.widgets import error_text

log = logging.getLogger("dutyroom.ui")


class BackendLike(Protocol):
    uow: UnitOfWork
    schema: SchemaReport | None
    url: Any
    engine: Any

    def close(self) -> None: ...


def launch(open_backend: Callable[[], BackendLike], *, selftest: bool = False,
           open_demo: Callable[[], BackendLike] | None = None) -> int:
    app = application()
    errors: list[str] = []

    def report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("unhandled error", exc_info=(kind, value, tb))
        errors.append("".join(traceback.format_exception_only(kind, value)).strip())
        if not selftest:
            QMessageBox.critical(None, tr("Dutyroom 内部错误"), error_text(value))

    previous_hook = sys.excepthook
    sys.excepthook = report
    backend: BackendLike | None = None
    runner: Runner | SyncRunner = SyncRunner() if selftest else Runner()
    try:
        try:
            backend = open_backend()
            settings = settings_service.load_settings(backend.uow)
        except Exception as error:
            log.exception("could not open the database")
            if selftest:
                print(tr("错误：{0}").format(error_text(error)), file=sys.stderr)
            else:
                QMessageBox.critical(None, tr("无法打开数据库"), error_text(error))
            return 1
        apply_theme(app, settings["font_scale"])
        if not selftest:
            signed = sign_in(backend.uow, runner, settings["unit_name"], open_demo)
            if not signed:
                return 0  # nobody logged in: nothing opened, nothing changed
            if signed.demo is not None:  # the sample town, in a database of its own
                backend.close()
                backend = signed.demo
        schema = backend.schema
        window = MainWindow(backend.uow, runner, schema.db if schema else "",
                            schema.schema if schema else "", settings,
                            storage=Storage(backend.url, backend.engine),
                            layout=None if selftest else QSettings())
        if schema and schema.upgraded_from and not selftest:
            QMessageBox.information(
                window, tr("数据库已升级"),
                tr("数据库已从版本 {0} 升级到 {1}。\n升级前的备份：{2}").format(
                       schema.upgraded_from, schema.schema, schema.backup))
        window.show()
        if selftest:
            return _selftest(app, window, errors)
        window.start_backup()
        return app.exec()
    finally:
        runner.shutdown()
        if backend is not None:
            backend.close()
        sys.excepthook = previous_hook


@dataclass(frozen=True)
class SignedIn:
    """Whether someone logged in (true) and, when the first-run wizard opened the sample
    town, its own database, to be used instead of the desk's."""

    ok: bool
    demo: BackendLike | None = None

    def __bool__(self) -> bool:
        return self.ok


def sign_in(uow: UnitOfWork, runner: Runner | SyncRunner, unit: str,
            open_demo: Callable[[], BackendLike] | None = None) -> SignedIn:
    """Nobody acts until someone logs in; the very first run sets the desk up."""
    uow.act_as(NOBODY)
    if not user_service.has_users(uow):
        wizard = SetupWizard(uow, runner, open_demo)
        if not wizard.exec():
            return SignedIn(False)
        if wizard.wants_import:
            ImportStaffDialog(uow, runner).exec()
        return SignedIn(uow.user is not NOBODY or wizard.demo is not None, wizard.demo)
    dialog = LoginDialog(runner, lambda v: Outcome(
        user_service.login(uow, v["username"], v["password"]), Changes()), unit)
    return SignedIn(bool(dialog.exec()) and uow.user is not NOBODY)


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
