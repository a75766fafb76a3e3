"""The one QApplication: named (QSettings files go under that name) and speaking the
language chosen on this computer.

It is made before any window module is imported, because page titles and list headings
are translated when their modules load. Where no window can open (no display, or a
display Qt cannot use) Qt aborts the process; given `no_window`, that is called instead
with what Qt said (the `dutyroom` command turns it into one Chinese line and exit 1).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import NoReturn

from PySide6.QtCore import QMessageLogContext, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from dutyroom.ui import i18n

log = logging.getLogger("dutyroom.ui")
NoWindow = Callable[[list[str]], NoReturn]


def application(no_window: NoWindow | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = _open_display(no_window)
    app.setApplicationName("Dutyroom")
    app.setOrganizationName("Dutyroom")
    i18n.install(app, i18n.saved_language(QSettings()))
    app.setApplicationDisplayName(i18n.tr("Dutyroom 值班室"))
    return app


def _open_display(no_window: NoWindow | None) -> QApplication:
    """The QApplication, with what Qt says while it looks for a display kept for the log;
    its fatal "no platform plugin could be initialized" goes to `no_window`, which does
    not return (Qt aborts the process once its message handler does)."""
    if no_window is None:
        return QApplication(sys.argv[:1])
    heard: list[str] = []

    def listen(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            log.error("no window can open: %s", " | ".join([*heard, message]))
            no_window([*heard, message])
        heard.append(message)

    previous = qInstallMessageHandler(listen)
    try:
        return QApplication(sys.argv[:1])
    finally:
        qInstallMessageHandler(previous)
        for message in heard:
            log.info("Qt: %s", message)
