"""The one QApplication: named (QSettings files go under that name) and speaking the
language chosen on this computer.

It is made before any window module is imported, because page titles and list headings
are translated when their modules load.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from dutyroom.ui import i18n


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Dutyroom")
    app.setOrganizationName("Dutyroom")
    i18n.install(app, i18n.saved_language(QSettings()))
    app.setApplicationDisplayName(i18n.tr("Dutyroom 值班室"))
    return app
